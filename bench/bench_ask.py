"""Latency of `plankg.ask.ask` over the shared dev question sets, and the `plankg ask` CLI's cold time.

Baseline in the same run: the BM25-only text search (no understanding, no SPARQL) on the same
questions and the same store. Run:  python bench/bench_ask.py [--repeat 5] [--store DIR]
(without --store: an in-memory store with the seed plan, its annex and the dev plans).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path

from plankg import ask as A
from plankg.graph.ingest import bundled_examples, ingest_paths
from plankg.graph.store import PlanStore

SHARED = Path(__file__).resolve().parents[2] / "shared"


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--store", help="an existing on-disk store (its passage index sits beside it)")
    a = ap.parse_args()
    questions = []
    for f in ("qa-dev.jsonl", "qa-dev-seed.jsonl", "qa-dev-youyu.jsonl", "qa-dev-docs.jsonl"):
        questions += [json.loads(x)["q"] for x in (SHARED / "eval" / f).read_text(encoding="utf-8").splitlines() if x.strip()]
    t0 = time.perf_counter()
    if a.store:
        store = PlanStore(a.store)
    else:
        store = PlanStore(None)
        ingest_paths(store, bundled_examples() + sorted((SHARED / "corpus" / "dev").glob("*.txt")))
    t_ingest = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = A.get_index(store)
    A.tokens("预热")  # jieba's dictionary
    t_index = time.perf_counter() - t0
    for q in questions:  # warm-up pass
        A.ask(store, q)
    engine, baseline = [], []
    for _ in range(a.repeat):
        for q in questions:
            t = time.perf_counter()
            A.ask(store, q)
            engine.append((time.perf_counter() - t) * 1000)
            runner = A.Runner(store, index, "zh")
            t = time.perf_counter()
            runner.do_search(A.norm(q))
            baseline.append((time.perf_counter() - t) * 1000)
    print(f"store: {len(store)} triples, {index.passages.count()} passages; "
          f"{'open' if a.store else 'ingest'} {t_ingest:.2f} s; index (cold, this process) {t_index * 1000:.0f} ms")
    print(f"{len(questions)} questions × {a.repeat} runs (warm)")
    for name, xs in (("ask (templates + SPARQL + evidence)", engine), ("baseline: BM25 text search only", baseline)):
        print(f"{name:40s} p50 {statistics.median(xs):7.1f} ms   p95 {pct(xs, 95):7.1f} ms   max {max(xs):7.1f} ms")
    if a.store:
        store.close()
        cold = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(["plankg", "ask", "--json", "--store", a.store, questions[0]], check=True,
                           capture_output=True)
            cold.append(time.perf_counter() - t)
        print(f"`plankg ask` CLI, one question, cold process: median {statistics.median(cold):.2f} s "
              f"(runs: {', '.join(f'{c:.2f}' for c in cold)})")


if __name__ == "__main__":
    main()
