#!/usr/bin/env python3
"""Score the yearly check against a gold file: statuses right / total, for the gold year and the year before.

    python bench/monitor_eval.py                        # seed + annex, the dev 右玉县 plan, its report and table
    python bench/monitor_eval.py --gold G.json FILE…    # any gold file and the documents to ingest with it

A gold row counts as right when the plan's own row (``"row": "plan"``) for the same indicator and region
has the gold status. Rows are matched by indicator name, read through the same normalisation as plans.
A fresh in-memory store is built from the files given (plan texts, reports, tables) every run.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from plankg.graph.ingest import bundled_examples, ingest_file
from plankg.graph.store import PlanStore
from plankg.monitor.gather import indicator_key, monitor_plan

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
DEV_GOLD = SHARED / "eval" / "gold" / "右玉县-监测.json"


def dev_files(gold: dict) -> list[Path]:
    corpus = SHARED / "corpus"
    plan = next((corpus / "dev").glob(gold["plan"].split("（")[0] + "*"))
    return [*bundled_examples(), plan, corpus / "monitor" / gold["report"], corpus / "monitor" / gold["csv"]]


def score(store, gold: dict) -> tuple[int, int, list[str]]:
    """(right, total, lines about each miss) over the gold's `monitor` and `monitor_prev` lists."""
    right = total = 0
    misses: list[str] = []
    for key, year in (("monitor", gold["year"]), ("monitor_prev", gold.get("prev_year"))):
        if key not in gold or year is None:
            continue
        result = monitor_plan(store, gold.get("plan_id") or gold["plan"], year)
        mine = {(indicator_key(r["indicator"]), r["region"]): r for r in result["indicators"] if r["row"] == "plan"}
        for g in gold[key]:
            total += 1
            got = mine.get((indicator_key(g["indicator"]), g["region"]))
            if got is not None and got["status"] == g["status"]:
                right += 1
            else:
                misses.append(f"{year} {g['indicator']}: gold {g['status']}, got {got['status'] if got else 'no row'}")
    return right, total, misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEV_GOLD)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    files = args.files or dev_files(gold)
    started = time.perf_counter()
    with PlanStore() as store:
        for f in files:
            ingest_file(store, f)
        built = time.perf_counter() - started
        checked = time.perf_counter()
        right, total, misses = score(store, gold)
        checks = time.perf_counter() - checked
    for line in misses:
        print("miss", line)
    # the check's cost next to a named baseline from the same run: ingesting the files it reads
    print(f"statuses right {right}/{total} · two yearly checks {checks * 1000:.0f} ms "
          f"(baseline: ingest of {len(files)} files {built:.2f} s)")
    return 0 if right == total else 1


if __name__ == "__main__":
    sys.exit(main())
