"""The chat search on a large store: a fresh process's index, `plankg serve`'s first answer, warm latency
over HTTP, the server's memory, and the `plankg ask` CLI's cold time.

Build the store once (slow: ~2 s per plan on a busy 2-core machine), then reuse it:

    python bench/bench_ask_scale.py --build /tmp/scale-store --plans 200   # seed + annex + dev plans + 200 generated
    python bench/bench_ask_scale.py --store /tmp/scale-store [--repeat 3]

Baselines in the same run: the index rebuilt from scratch (its sidecar file deleted) beside the index
opened from a current sidecar; and, on the same questions and store, the BM25-only passage search
(no understanding, no SPARQL). The numbers of the old whole-store index (main before this change)
are in BENCHMARKS.md: that code is not importable beside the new one.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV_SETS = ("qa-dev.jsonl", "qa-dev-seed.jsonl", "qa-dev-youyu.jsonl", "qa-dev-docs.jsonl")
FRESH_INDEX = """
import sys, time
t0 = time.perf_counter()
from plankg.ask import get_index
from plankg.graph.store import PlanStore
st = PlanStore(sys.argv[1], read_only=True)
t1 = time.perf_counter()
idx = get_index(st)
t2 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {len(idx.plans)}")
"""


def questions() -> list[str]:
    out = []
    for f in DEV_SETS:
        lines = (SHARED / "eval" / f).read_text(encoding="utf-8").splitlines()
        out += [json.loads(x)["q"] for x in lines if x.strip()]
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))]


def sidecar(store: str) -> Path:
    loc = Path(store)
    return loc.parent / f"{loc.name}.ask.sqlite"


def build(out: str, plans: int) -> None:
    """Seed + annex + the dev plans + ``plans`` generated county plans (bench_ingest.generate)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_ingest import generate  # noqa: PLC0415 - a sibling script, not a package

    from plankg.graph.ingest import ingest_file
    from plankg.graph.store import PlanStore

    gen = Path(out + "-generated")
    gen.mkdir(parents=True, exist_ok=True)
    files = sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "corpus" / "dev").glob("*"))
    files += generate(plans, gen)
    t0 = time.perf_counter()
    with PlanStore(out) as st:
        for f in files:
            ingest_file(st, f)
        print(f"built {out}: {len(files)} files, {len(st)} triples, {time.perf_counter() - t0:.0f} s")


def fresh_index(store: str) -> tuple[float, float]:
    """(imports + open, index) seconds in a new Python process."""
    out = subprocess.run([sys.executable, "-c", FRESH_INDEX, store], check=True, capture_output=True, text=True)
    t_open, t_index, _ = out.stdout.split()
    return float(t_open), float(t_index)


def rss_mb(pid: int) -> tuple[float, int]:
    """Resident memory of a process and all its descendants (MB), and how many processes that is."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    total, todo, n = 0, [pid], 0
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        n += 1
        total += next(int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmRSS:"))
        todo += children.get(p, [])
    return total / 1024, n


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_run(store: str, qs: list[str], repeat: int) -> dict:
    """Start `plankg serve`, time its first answer after /healthz answers, then warm latency and RSS."""
    port = free_port()
    env = dict(os.environ, PLANKG_STORE=store)
    t_start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "plankg.cli", "serve", "--store", store, "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=300) as client:
            while True:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if proc.poll() is not None:
                    raise RuntimeError("plankg serve exited")
                time.sleep(0.05)
            t_up = time.perf_counter()
            first = client.get("/api/ask", params={"q": qs[0]})
            t_first = time.perf_counter() - t_up
            first.raise_for_status()
            for q in qs:  # warm-up pass
                client.get("/api/ask", params={"q": q})
            lat = []
            for _ in range(repeat):
                for q in qs:
                    t = time.perf_counter()
                    client.get("/api/ask?q=" + urllib.parse.quote(q)).raise_for_status()
                    lat.append((time.perf_counter() - t) * 1000)
            rss, nproc = rss_mb(proc.pid)
        return {"up": t_up - t_start, "first": t_first, "lat": lat, "rss": rss, "nproc": nproc}
    finally:
        proc.terminate()
        proc.wait(30)


def bm25_baseline(store: str, qs: list[str], repeat: int) -> list[float]:
    from plankg import ask as A
    from plankg.graph.store import PlanStore

    with PlanStore(store, read_only=True) as st:
        runner = A.Runner(st, A.get_index(st), "zh")
        A.tokens("预热")
        out = []
        for _ in range(repeat):
            for q in qs:
                t = time.perf_counter()
                runner.do_search(A.norm(q))
                out.append((time.perf_counter() - t) * 1000)
        return out


def cli_cold(store: str, q: str, runs: int = 3) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "plankg.cli", "ask", "--json", "--store", store, q], check=True,
                       capture_output=True)
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", help="an on-disk store built with --build")
    ap.add_argument("--build", metavar="DIR", help="build the store (seed, annex, dev plans + --plans generated)")
    ap.add_argument("--plans", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-rebuild", action="store_true", help="don't time the from-scratch index (keeps the sidecar)")
    a = ap.parse_args()
    if a.build:
        build(a.build, a.plans)
        return
    qs = questions()
    if not a.skip_rebuild:
        sidecar(a.store).unlink(missing_ok=True)
        for extra in ("-wal", "-shm"):
            Path(str(sidecar(a.store)) + extra).unlink(missing_ok=True)
        o, i = fresh_index(a.store)
        print(f"baseline: index rebuilt from scratch (sidecar deleted), fresh process: imports+open {o:.2f} s, "
              f"index {i:.2f} s")
    o, i = fresh_index(a.store)
    print(f"index in a fresh process, sidecar current: imports+open {o:.2f} s, index {i:.2f} s")
    s = serve_run(a.store, qs, a.repeat)
    print(f"`plankg serve`: /healthz up after {s['up']:.2f} s; first /api/ask answered {s['first']:.2f} s later")
    print(f"{len(qs)} dev questions × {a.repeat} warm runs over HTTP: p50 {statistics.median(s['lat']):.1f} ms, "
          f"p95 {pct(s['lat'], 95):.1f} ms, max {max(s['lat']):.1f} ms")
    print(f"server RSS with its workers: {s['rss']:.0f} MB ({s['nproc']} processes)")
    base = bm25_baseline(a.store, qs, a.repeat)
    print(f"baseline: BM25 passage search only, in-process: p50 {statistics.median(base):.1f} ms, "
          f"p95 {pct(base, 95):.1f} ms")
    cold = cli_cold(a.store, qs[0])
    print(f"`plankg ask` CLI, one question, cold process: median {statistics.median(cold):.2f} s "
          f"(runs: {', '.join(f'{c:.2f}' for c in cold)})")


if __name__ == "__main__":
    main()
