"""The first chat answer after an ingest, at scale: with the chat index kept by ingest (content stamps)
against the index built on first use (the behaviour before: ingest wrote only the store).

    python bench/bench_ask_scale.py --build /tmp/fa-store --plans 200      # the store (seed, dev plans, 200 generated)
    python bench/bench_first_answer.py --store /tmp/fa-store [--runs 3]

Same run, same store, same question:
  before  the sidecar index deleted (as a bulk ingest left it), first `plankg ask` in a new process;
          then `plankg serve` started on that store: its first answer
  after   the index brought up to date as ingest does (`refresh_index`, its time is ingest's extra cost),
          first `plankg ask`, first answer of `plankg serve`; then `plankg ingest` of one more plan (with its
          index update) and the first `plankg ask` after it.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from bench_ask_scale import serve_run, sidecar  # noqa: E402 - a sibling script, not a package

QUESTION = "桑干河生态经济带上有哪些项目？"
REFRESH = """
import sys, time
from plankg.ask import refresh_index
from plankg.graph.store import PlanStore
with PlanStore(sys.argv[1]) as st:
    t = time.perf_counter()
    refresh_index(st)
    print(f"{time.perf_counter() - t:.3f}")
"""


def drop_sidecar(store: str) -> None:
    for extra in ("", "-wal", "-shm"):
        Path(str(sidecar(store)) + extra).unlink(missing_ok=True)


def cli(*args: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "plankg.cli", *args], check=True, capture_output=True)
    return time.perf_counter() - t


def first_ask(store: str) -> float:
    return cli("ask", "--json", "--store", store, QUESTION)


def one_more_plan(folder: Path) -> Path:
    from bench_ingest import generate  # noqa: PLC0415

    return generate(1, folder, seed=9001)[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True, help="an on-disk store built with bench_ask_scale.py --build")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    before_cli, before_serve, refresh, after_cli, after_serve = [], [], [], [], []
    for _ in range(a.runs):
        drop_sidecar(a.store)
        before_cli.append(first_ask(a.store))
        drop_sidecar(a.store)
        before_serve.append(serve_run(a.store, [QUESTION], 0)["first"])
        drop_sidecar(a.store)
        out = subprocess.run([sys.executable, "-c", REFRESH, a.store], check=True, capture_output=True, text=True)
        refresh.append(float(out.stdout.strip()))
        after_cli.append(first_ask(a.store))
        after_serve.append(serve_run(a.store, [QUESTION], 0)["first"])
    fmt = lambda xs: " / ".join(f"{x:.2f}" for x in xs)  # noqa: E731
    print(f"before: first `plankg ask` (index built on first use): {fmt(before_cli)} s")
    print(f"before: first answer of `plankg serve` (index built on first use): {fmt(before_serve)} s")
    print(f"after:  index update as ingest does it (ingest's extra cost): {fmt(refresh)} s")
    print(f"after:  first `plankg ask` after ingest: {fmt(after_cli)} s")
    print(f"after:  first answer of `plankg serve` after ingest: {fmt(after_serve)} s")
    with tempfile.TemporaryDirectory() as tmp:
        extra = one_more_plan(Path(tmp))
        t_ingest = cli("ingest", str(extra), "--store", a.store)
        t_ask = first_ask(a.store)
    print(f"after:  `plankg ingest` of one more plan (with its index update) {t_ingest:.2f} s, "
          f"then the first `plankg ask` {t_ask:.2f} s")


if __name__ == "__main__":
    main()
