"""The SPARQL endpoint's per-query cost: plankg's /sparql beside `oxigraph serve-read-only` in the same run.

    python bench/bench_endpoint_cost.py --triples 1000000 --seconds 10 [--work DIR] [--rounds 2] [--workers N] [--in-app] [--cpu]

Generates the synthetic plan corpus of bench/bench_api.py (one named graph per plan), bulk-loads it into an
embedded store, copies that store for Oxigraph's own server, and serves both on 127.0.0.1:
  * plankg: `plankg.api.app:create_app` under uvicorn with every safety on (read-only: no token; SERVICE and
    LOAD refused by the guard; PLANKG_QUERY_TIMEOUT, PLANKG_MAX_ROWS and the killable workers at their
    defaults) and PLANKG_QUERIES_PER_CLIENT=0 (the benchmark's clients share one address);
  * `oxigraph serve-read-only --union-default-graph` (the `oxigraph` command of the pip package);
  * with --in-app, also plankg with PLANKG_QUERY_WORKERS=0: queries run on the app's threads, no time
    limit (not a safe setting for a public endpoint: it shows what the worker hop costs).
Runs the ten-query mix at 1 and 8 concurrent clients (each client one keep-alive connection), the systems
taking turns in each round so that the machine's load hits both alike (the run starts once plankg's start-up
work is done). Prints requests/s, p50/p95 latency and plankg/oxigraph ratios (over all rounds, and per round
with their median: on a shared machine the rounds differ more than the systems), and per-query p50 at 1 client.
With --cpu, also each server's CPU milliseconds per request of the 1-client mix (plankg split into its app
process and its query workers): at 8 clients on a machine with fewer cores than clients, throughput cannot
do better than the ratio of these.

    python bench/bench_endpoint_cost.py --dossier STORE [--sample 20]

times the plan dossier (``/api/pages/plan``) on a store of many plans (bench/bench_ask_scale.py --build):
in process, its queries with the plan's graphs passed to the store as a hint beside the same queries
without it (the baseline), then over HTTP under uvicorn: each plan's first request and the same plan
again (warm: the dossier kept for the store's write generation).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import free_port, generate, http_call, queries, run_mix, wait  # noqa: E402


def load(nq: Path, store_dir: Path) -> None:
    t0 = time.perf_counter()
    st = ox.Store(str(store_dir))
    st.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    st.optimize()
    st.flush()
    del st
    print(f"bulk load: {time.perf_counter() - t0:.1f} s")


def start_plankg(store_dir: Path, workers: int | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PLANKG_STORE": str(store_dir), "PLANKG_QUERIES_PER_CLIENT": "0"}
    for name in ("PLANKG_UPDATE_TOKEN", "PLANKG_MAX_ROWS", "PLANKG_QUERY_TIMEOUT", "PLANKG_QUERY_WORKERS"):
        env.pop(name, None)  # the defaults: read-only, 10,000 rows, 10 s, 3 workers
    if workers is not None:
        env["PLANKG_QUERY_WORKERS"] = str(workers)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "plankg.api.app:create_app", "--factory", "--host",
                             "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait(f"http://127.0.0.1:{port}/healthz", proc, 180)
    return proc, f"http://127.0.0.1:{port}/sparql"


def start_oxigraph(store_dir: Path) -> tuple[subprocess.Popen, str]:
    exe = Path(sys.executable).with_name("oxigraph")
    port = free_port()
    proc = subprocess.Popen([str(exe), "serve-read-only", "--location", str(store_dir), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc, 180)
    return proc, f"http://127.0.0.1:{port}/query"


def client_for(url: str):
    def make():
        client = httpx.Client(timeout=120)
        return lambda q: http_call(client, url, q)
    return make


def per_query_interleaved(calls: dict, qs: dict[str, str], reps: int) -> dict[str, dict[str, float]]:
    """p50 ms of each query on each system, the systems taking turns call by call (a load swing on the
    shared machine then hits both alike)."""
    fns = {name: make() for name, make in calls.items()}
    out: dict[str, dict[str, float]] = {name: {} for name in fns}
    for q_name, q in qs.items():
        times: dict[str, list[float]] = {name: [] for name in fns}
        for name, fn in fns.items():
            fn(q)  # warm-up (caches; with workers, at least one of them)
        for _ in range(reps):
            for name, fn in fns.items():
                t0 = time.perf_counter()
                fn(q)
                times[name].append(time.perf_counter() - t0)
        for name, ts in times.items():
            out[name][q_name] = statistics.median(ts) * 1000
    return out


class WithoutHint:
    """A store whose ``select`` ignores the graphs hint: every ``GRAPH ?g`` scans every plan (the baseline)."""

    def __init__(self, store):
        self.store = store

    def select(self, sparql: str, graphs=None):
        return self.store.select(sparql)

    def __getattr__(self, name):
        return getattr(self.store, name)


def dossier_bench(store_dir: str, sample: int) -> None:
    from plankg.api.dossier import plan_dossier
    from plankg.graph.catalog import list_plans
    from plankg.graph.store import PlanStore

    st = PlanStore(store_dir, read_only=True)
    plans = sorted({r["plan"] for r in list_plans(st) if not r.get("annex")})
    picked = plans[:: max(1, len(plans) // sample)][:sample]
    print(f"dossier: {len(plans)} plans in {store_dir}; {len(picked)} sampled")
    for name, store in (("without the graphs hint (baseline)", WithoutHint(st)), ("with the graphs hint", st)):
        times = []
        for iri in picked:
            plan_dossier(store, iri)  # warm the store's caches for this plan
            t0 = time.perf_counter()
            plan_dossier(store, iri)
            times.append((time.perf_counter() - t0) * 1000)
        print(f"  in process, {name}: p50 {statistics.median(times):.0f} ms, max {max(times):.0f} ms")
    del st
    import gc

    gc.collect()
    proc, url = start_plankg(Path(store_dir))
    try:
        base = url.rsplit("/", 1)[0] + "/api/pages/plan"
        with httpx.Client(timeout=120) as client:
            first, times = [], []
            for iri in picked:
                t0 = time.perf_counter()
                client.get(base, params={"iri": iri}).raise_for_status()
                first.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                client.get(base, params={"iri": iri}).raise_for_status()
                times.append((time.perf_counter() - t0) * 1000)
        for name, ts in (("first request (dossier cache empty)", first), ("warm (same plan again)", times)):
            ts.sort()
            print(f"  HTTP {name} /api/pages/plan: p50 {statistics.median(ts):.0f} ms, "
                  f"p95 {ts[min(len(ts) - 1, round(0.95 * (len(ts) - 1)))]:.0f} ms, max {max(ts):.0f} ms")
    finally:
        proc.terminate()
        proc.wait(20)


def own_cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (all its threads, those ended included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def processes(pid: int) -> list[int]:
    return [pid, *(int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]


def cpu_per_request(calls: dict, servers: dict, qs: list[str], seconds: float, rounds: int) -> None:
    """CPU milliseconds each server spends per request of the 1-client mix, split by process (plankg: the
    app, its query workers), the systems taking turns in each round. On two cores at 8 clients the
    throughput ratio cannot beat the ratio of these sums."""
    rows: dict[str, list[dict[str, float]]] = {name: [] for name in servers}
    for _ in range(rounds):
        for name, (proc, _) in servers.items():
            before = {p: own_cpu_seconds(p) for p in processes(proc.pid)}
            n = run_mix(calls[name], qs, 1, seconds)["n"]
            split = {"app": 0.0, "workers": 0.0}
            for p, t in before.items():
                try:
                    used = own_cpu_seconds(p) - t
                except FileNotFoundError:  # a worker replaced during the run
                    continue
                split["app" if p == proc.pid else "workers"] += used * 1000 / n
            rows[name].append(split)
    print(f"\n## CPU ms per request, 1-client mix, {rounds} × {seconds:g} s per system\n")
    print("| system | round | app process | query workers | total |")
    print("|---|---|---|---|---|")
    totals: dict[str, list[float]] = {}
    for name, splits in rows.items():
        for k, split in enumerate(splits):
            total = split["app"] + split["workers"]
            totals.setdefault(name, []).append(total)
            workers = f"{split['workers']:.2f}" if name.startswith("plankg") else "—"
            print(f"| {name} | {k + 1} | {split['app']:.2f} | {workers} | {total:.2f} |")
    for name in (n for n in rows if n != "oxigraph"):
        ratio = [b / a for a, b in zip(totals[name], totals["oxigraph"])]
        print(f"\noxigraph / {name} CPU per request: per round {' '.join(f'{r:.2f}' for r in ratio)}, "
              f"median {statistics.median(ratio):.2f}× (CPU-bound, as at 8 clients on 2 cores, throughput cannot do better)")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children still running (Linux /proc)."""
    total = 0.0
    for p in processes(pid):
        try:
            total += own_cpu_seconds(p)
        except FileNotFoundError:
            continue
    return total


def settle(pid: int, limit: float = 60.0) -> None:
    """Wait until the server has finished its start-up work (its catalog and chat index checks run in the
    background): less than 5 % of a core over half a second, or ``limit`` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        time.sleep(0.5)
        if cpu_seconds(pid) - before < 0.025:
            return


def paired_ratios(ours: list[dict], theirs: list[dict]) -> list[float]:
    """plankg / oxigraph requests per second of each round: the two systems ran back to back in a round,
    so a load swing of the shared machine between rounds does not enter a round's ratio."""
    return [a["rps"] / b["rps"] for a, b in zip(ours, theirs)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=10.0, help="duration of each (system, clients) run")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of every (system, clients) run")
    ap.add_argument("--work", default=None, help="scratch directory, reused when it holds a store (default: temp)")
    ap.add_argument("--workers", type=int, help="PLANKG_QUERY_WORKERS for plankg (default: the setting's default)")
    ap.add_argument("--in-app", action="store_true",
                    help="also run plankg with its queries in the app process (PLANKG_QUERY_WORKERS=0: no "
                         "killable workers, so no time limit) on a third copy of the store: the cost of the "
                         "worker hop, measured")
    ap.add_argument("--cpu", action="store_true",
                    help="also measure each server's CPU time per request (1-client mix, split by process)")
    ap.add_argument("--dossier", metavar="STORE", help="time the plan dossier on this store instead")
    ap.add_argument("--sample", type=int, default=20, help="plans sampled by --dossier")
    args = ap.parse_args()
    if args.dossier:
        dossier_bench(args.dossier, args.sample)
        return
    load0 = os.getloadavg()
    work = Path(args.work or tempfile.mkdtemp(prefix="plankg-cost-"))
    work.mkdir(parents=True, exist_ok=True)
    nq, plankg_dir, oxi_dir = work / "corpus.nq", work / "plankg-store", work / "oxigraph-store"
    picks = generate(nq, args.triples)  # deterministic (seeded): the names the queries use
    if not plankg_dir.exists():
        load(nq, plankg_dir)
    copies = {"oxigraph": oxi_dir, **({"plankg-in-app": work / "in-app-store"} if args.in_app else {})}
    for copy in copies.values():
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(plankg_dir, copy)
    print(f"corpus: {picks['triples']:,} triples; stores in {work}")
    qs = queries(picks)

    servers = {"plankg": start_plankg(plankg_dir, args.workers), "oxigraph": start_oxigraph(oxi_dir)}
    if args.in_app:
        servers["plankg-in-app"] = start_plankg(copies["plankg-in-app"], 0)
    try:
        for name, (proc, _) in servers.items():
            if name.startswith("plankg"):
                settle(proc.pid)
        calls = {name: client_for(url) for name, (_, url) in servers.items()}
        per_q = per_query_interleaved(calls, qs, 9)
        runs: dict[tuple[str, int], list[dict]] = {}
        for _ in range(args.rounds):
            for clients in (1, 8):
                for name, call in calls.items():
                    runs.setdefault((name, clients), []).append(run_mix(call, list(qs.values()), clients,
                                                                        args.seconds))
        if args.cpu:
            cpu_per_request(calls, servers, list(qs.values()), args.seconds, args.rounds)
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(20)

    print(f"\nplankg query workers: {args.workers or 'default'}")
    print(f"\n## {len(qs)}-query mix, {args.rounds} × {args.seconds:g} s per (system, clients), "
          f"{picks['triples']:,} triples; load average {load0[0]:.1f} at start, {os.getloadavg()[0]:.1f} at end\n")
    print("| system × clients | requests | errors | req/s | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|")
    summary = {}
    for (name, clients), rs in runs.items():
        n, errs = sum(r["n"] for r in rs), sum(r["errors"] for r in rs)
        rps = n / sum(r["wall"] for r in rs)
        p50, p95 = statistics.median(r["p50"] for r in rs), statistics.median(r["p95"] for r in rs)
        summary[(name, clients)] = (rps, p50)
        print(f"| {name} ×{clients} | {n} | {errs} | {rps:.1f} | {p50:.2f} | {p95:.2f} |")
    for name in (n for n in servers if n != "oxigraph"):
        for clients in (1, 8):
            (a, pa), (b, pb) = summary[(name, clients)], summary[("oxigraph", clients)]
            paired = paired_ratios(runs[(name, clients)], runs[("oxigraph", clients)])
            print(f"\n{name} / oxigraph at {clients} client(s): {a / b:.2f}× throughput (p50 {pa:.2f} vs {pb:.2f} "
                  f"ms); per round {' '.join(f'{r:.2f}' for r in paired)}, median {statistics.median(paired):.2f}×")
    print(f"\n| query (p50 ms, 1 client) | {' | '.join(servers)} |")
    print("|---|" + "---|" * len(servers))
    for q in qs:
        print(f"| {q} | " + " | ".join(f"{per_q[name][q]:.2f}" for name in servers) + " |")


if __name__ == "__main__":
    main()
