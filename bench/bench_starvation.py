#!/usr/bin/env python3
"""Query-pool starvation (issue 8 §6): trivial `ASK {}` latency while 8 clients loop a runaway query.

    python bench/bench_starvation.py [--seconds 15] [--loopers 8]

Starts `plankg.api.app:create_app` under uvicorn on 127.0.0.1 over the bundled sample plans, twice:
  * before: no per-client limit (PLANKG_QUERIES_PER_CLIENT=0) and 2 query workers — the defaults
    before issue 8,
  * after: today's defaults (3 query workers, 2 queries per client address).
Eight looping clients (address 127.0.0.1) send a 5-way cross join that runs into the 5 s time limit;
one other client (address 127.0.0.2) sends `ASK {}` every 0.2 s. Prints the ASK client's p50/p95
latency and its share of failed answers (503/429) for each run. Loopback only; bounded loops.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store: Path, env_extra: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PLANKG_STORE": str(store), "PLANKG_QUERY_TIMEOUT": "5", **env_extra}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "plankg.api.app:create_app", "--factory",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def run(url: str, seconds: float, loopers: int) -> dict:
    stop = time.time() + seconds
    heavy_status: list[int] = []

    def loop():
        with httpx.Client(base_url=url, timeout=30) as c:
            while time.time() < stop:
                heavy_status.append(c.get("/sparql", params={"query": RUNAWAY}).status_code)

    threads = [threading.Thread(target=loop) for _ in range(loopers)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # let the loopers fill the workers
    latencies, failed = [], 0
    transport = httpx.HTTPTransport(local_address="127.0.0.2")
    with httpx.Client(base_url=url, timeout=30, transport=transport) as c:
        while time.time() < stop:
            t0 = time.perf_counter()
            r = c.get("/sparql", params={"query": "ASK {}"})
            latencies.append(time.perf_counter() - t0)
            failed += r.status_code != 200
            time.sleep(0.2)
    for t in threads:
        t.join(60)
    latencies.sort()
    return {"asks": len(latencies), "p50": statistics.median(latencies),
            "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)], "failed": failed / len(latencies),
            "heavy": {s: heavy_status.count(s) for s in sorted(set(heavy_status))}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--loopers", type=int, default=8)
    args = ap.parse_args()
    from plankg.cli.serve import ensure_sample_data

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "sample"
        ensure_sample_data(str(base))
        configs = {"before (2 workers, no per-client limit)": {"PLANKG_QUERY_WORKERS": "2",
                                                               "PLANKG_QUERIES_PER_CLIENT": "0"},
                   "after (defaults: 3 workers, 2 per client)": {}}
        for i, (name, env) in enumerate(configs.items()):
            store = Path(tmp) / f"store{i}"
            shutil.copytree(base, store)
            proc, url = serve(store, env)
            try:
                res = run(url, args.seconds, args.loopers)
            finally:
                proc.terminate()
                proc.wait(20)
            print(f"{name}: ASK {{}} x{res['asks']}  p50 {res['p50'] * 1000:.0f} ms  "
                  f"p95 {res['p95'] * 1000:.0f} ms  failed {res['failed']:.0%}  runaway answers {res['heavy']}")


if __name__ == "__main__":
    main()
