#!/usr/bin/env python3
"""PDF page bombs: time and peak memory of reading each one, with the page limits (refused before
layout, or read as lines) against the baseline in the same run — the same reader with the page
limits lifted, which is how every PDF was read before they existed.

    python bench/bench_pdf_bombs.py [--cap 150] [PLAN.pdf …]

The bombs come from tests/pdf_bombs.py (a few KB each). Each reading runs in a fresh process
(time counted from the call of load_text, peak resident memory of that process); a baseline still
running at ``--cap`` seconds is stopped and shown as such. PDFs given on the command line (plans
printed by Chromium, tests/plan_print.py) are read the same way, to show a plan reads as before.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("pdf_bombs", ROOT / "tests" / "pdf_bombs.py")
bombs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bombs)

LIFTED = {"max_pdf_page_bytes": 10**12, "max_pdf_page_glyphs": 10**12, "max_pdf_page_shapes": 10**12,
          "max_pdf_table_crossings": 10**12}
CHILD = """
import json, resource, sys, time
from plankg.extract.loaders import ReadLimits, load_text
limits = ReadLimits(**json.loads(sys.argv[2]))
t = time.perf_counter()
try:
    outcome = f"read, {len(load_text(sys.argv[1], limits=limits)):,} chars"
except Exception as exc:
    outcome = getattr(exc, "code", type(exc).__name__)
print(json.dumps({"seconds": time.perf_counter() - t, "outcome": outcome,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def read_once(path: Path, limits: dict, cap: float) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path), json.dumps(limits)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        out, _ = proc.communicate(timeout=cap + 15)  # + the child's imports
        return json.loads(out.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return {"seconds": time.perf_counter() - started, "outcome": "stopped at the cap", "peak_mb": None}


def show(name: str, size: int, label: str, r: dict) -> None:
    peak = "—" if r["peak_mb"] is None else f"{r['peak_mb']:.0f} MB"
    print(f"{name:<22} {size:>7,} B  {label:<9} {r['seconds']:>7.2f} s  {peak:>8}  {r['outcome']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="*", type=Path, help="plan PDFs to read too")
    ap.add_argument("--cap", type=float, default=150.0, help="seconds after which a baseline run is stopped")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = bombs.write_all(Path(tmp))
        files.update({p.stem: p for p in args.pdfs})
        print(f"{'file':<22} {'size':>9}  {'reader':<9} {'time':>9}  {'peak RSS':>8}  outcome")
        for name, path in files.items():
            size = path.stat().st_size
            show(name, size, "limits", read_once(path, {}, args.cap))
            show(name, size, "baseline", read_once(path, LIFTED, args.cap))


if __name__ == "__main__":
    main()
