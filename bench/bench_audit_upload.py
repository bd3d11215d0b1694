#!/usr/bin/env python3
"""`POST /api/audit` of a small uploaded plan on a large store (issue 8 §2).

    python bench/bench_audit_upload.py [--triples 1000000] [--repeat 3]

Builds a store of the bundled sample plans plus a generated corpus (bench_api.generate, about
``--triples`` triples), serves it under uvicorn on 127.0.0.1, and times a multipart audit upload of a
short county plan. Baseline in the same run: the old way of auditing an upload — copying the whole
store into memory (`PlanStore(None).load(store.dump())`) before ingesting the upload — timed in process.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_api import free_port, generate, wait  # noqa: E402

from plankg.cli.serve import ensure_sample_data  # noqa: E402
from plankg.graph.store import PlanStore  # noqa: E402

LOWER = ("山阴县国土空间总体规划（2021—2035年）\n第一章 总则\n"
         "第一条 本规划依据《朔州市国土空间总体规划（2020-2035年）》编制。\n"
         "第二条 到2035年，全县耕地保有量不低于9.1万亩。\n").encode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        ensure_sample_data(str(store))
        nq = Path(tmp) / "corpus.nq"
        generate(nq, args.triples)
        with PlanStore(store) as st:
            st.load(nq.read_bytes(), "nq")
            size = len(st)
            t0 = time.perf_counter()
            copy = PlanStore(None)
            copy.load(st.dump("nq"), "nq")
            copy_seconds = time.perf_counter() - t0
            copy.close()
        port = free_port()
        env = {"PLANKG_STORE": str(store), "PLANKG_AUDIT_TIMEOUT": "120"}
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "plankg.api.app:create_app", "--factory",
                                 "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                                env={**__import__("os").environ, **env}, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            wait(url + "/healthz", proc, 120)
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                r = httpx.post(url + "/api/audit", files={"file": ("lower.txt", LOWER, "text/plain")}, timeout=300)
                times.append(time.perf_counter() - t0)
                assert r.status_code == 200, r.text[:300]
        finally:
            proc.terminate()
            proc.wait(30)
    print(f"store: {size:,} triples")
    warm = times[1:] or times
    print(f"POST /api/audit (upload, overlay, audit worker): first (worker starts cold) {times[0]:.2f} s; "
          f"warm median {statistics.median(warm):.2f} s (min {min(warm):.2f}, max {max(warm):.2f}, n={len(warm)})")
    print(f"baseline, copying the whole store into memory first: {copy_seconds:.2f} s before any audit work")


if __name__ == "__main__":
    main()
