"""Warm latency of `plankg.api.ask.ask` per question over the shared dev question sets.

Baseline in the same run: the BM25-only text search (no understanding, no SPARQL) on the same
questions and the same store. Run:  python bench/bench_ask.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import json
import statistics
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
    a = ap.parse_args()
    questions = []
    for f in ("qa-dev.jsonl", "qa-dev-seed.jsonl", "qa-dev-youyu.jsonl"):
        questions += [json.loads(x)["q"] for x in (SHARED / "eval" / f).read_text(encoding="utf-8").splitlines() if x.strip()]
    store = PlanStore(None)
    t0 = time.perf_counter()
    ingest_paths(store, bundled_examples() + sorted((SHARED / "corpus" / "dev").glob("*.txt")))
    t_ingest = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = A.get_index(store)
    index.bm25()
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
    print(f"store: {len(store)} triples, {len(index.passages)} passages; ingest {t_ingest:.2f} s; "
          f"index build (cold) {t_index * 1000:.0f} ms")
    print(f"{len(questions)} questions × {a.repeat} runs (warm)")
    for name, xs in (("ask (templates + SPARQL + evidence)", engine), ("baseline: BM25 text search only", baseline)):
        print(f"{name:40s} p50 {statistics.median(xs):7.1f} ms   p95 {pct(xs, 95):7.1f} ms   max {max(xs):7.1f} ms")


if __name__ == "__main__":
    main()
