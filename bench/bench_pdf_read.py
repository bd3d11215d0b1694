"""Reading text-layer PDFs: plankg's reader (pdfplumber lines and ruled tables + pdf_layout clean-up)
against the baseline it replaced (pypdf `extract_text()` per page, no clean-up).

    python bench/bench_pdf_read.py FILE.pdf [FILE.pdf …] [--runs 3]

Print PDFs to read with tests/plan_print.py (headless Chromium), e.g. from the PDF round-trip test."""
from __future__ import annotations

import argparse
import logging
import statistics
import time
from pathlib import Path

from pypdf import PdfReader

from plankg.extract import reader

logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    print("| file | pages | pypdf extract_text (baseline) | plankg reader.read | passages | tables |")
    print("|---|---|---|---|---|---|")
    for f in a.files:
        pages = len(PdfReader(str(f)).pages)
        base = _median(lambda: [p.extract_text() for p in PdfReader(str(f)).pages], a.runs)
        ours = _median(lambda: reader.read(f), a.runs)
        doc = reader.read(f)
        print(f"| {f.name} | {pages} | {base:.2f} s | {ours:.2f} s | {len(doc.passages)} | {len(doc.tables)} |")


if __name__ == "__main__":
    main()
