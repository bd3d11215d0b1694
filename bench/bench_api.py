"""Benchmark the SPARQL endpoint: plankg vs rdflib-endpoint vs direct pyoxigraph, on a generated corpus.

    python bench/bench_api.py --triples 1000000 --seconds 15

Generates a synthetic plan corpus shaped like docs/data-model.md (plans, sections, passages,
places, projects, named lists, indicator values; one named graph per plan), loads it into
  * plankg: `plankg.api.app:create_app` under uvicorn on 127.0.0.1 (embedded Oxigraph, 2 query workers),
  * rdflib-endpoint (`rdflib_endpoint.SparqlEndpoint`) over rdflib's default in-memory store,
  * pyoxigraph called directly in this process (the no-HTTP baseline),
and runs a mix of ten API-typical queries at 1 and 16 concurrent clients for a fixed time each.
Prints requests/s and p50/p95 latency per system and concurrency, and per-query p50 at 1 client.
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import httpx
import pyoxigraph as ox

PK = "https://w3id.org/plankg/def#"
ID = "https://w3id.org/plankg/id/"
G = "https://w3id.org/plankg/graph/"
ELI = "http://data.europa.eu/eli/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = (f"PREFIX pk: <{PK}> PREFIX eli: <{ELI}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
SYLLABLES = list("东西南北上下新老大小金银石河山水龙凤安平长庄堡家营沟口坪峪湾桥寨")
KINDS = ["Town", "Project", "IndustrialPark", "River", "Park", "HeritageSite", "Road", "Reservoir"]


# ---------------------------------------------------------------------- corpus
def generate(path: Path, target: int, seed: int = 7) -> dict:
    """Write N-Quads of about ``target`` triples; return names the queries use."""
    rnd = random.Random(seed)
    n_plans = 20
    per_plan = target // n_plans
    # per plan: passages 5 triples, entities ~7, list memberships 2, indicator values 7
    passages, entities, values = int(per_plan * 0.45 / 5), int(per_plan * 0.33 / 7), int(per_plan * 0.15 / 7)
    lists = max(1, int(per_plan * 0.07 / 42))
    picks: dict = {}
    count = 0

    def name(k: int) -> str:
        return "".join(rnd.choice(SYLLABLES) for _ in range(k))

    with path.open("w", encoding="utf-8") as f:
        def q(s, p, o, g):
            nonlocal count
            f.write(f"{s} {p} {o} {g} .\n")
            count += 1

        def lit(v, dt=None):
            v = str(v).replace("\\", "\\\\").replace('"', '\\"')
            return f'"{v}"^^<{XSD}{dt}>' if dt else f'"{v}"@zh'

        for p_i in range(n_plans):
            code = f"14{p_i:04d}"
            pid = f"{code}-master-2021-2035"
            g, plan, county = f"<{G}{pid}/draft>", f"<{ID}plan/{pid}>", f"<{ID}division/{code}>"
            q(plan, f"<{RDF_TYPE}>", f"<{PK}Plan>", g)
            q(plan, f"<{ELI}title>", lit(f"{name(2)}县国土空间总体规划（2021-2035年）"), g)
            q(plan, f"<{PK}periodStart>", lit(2021, "integer"), g)
            q(plan, f"<{PK}periodEnd>", lit(2035, "integer"), g)
            q(plan, f"<{PK}coversRegion>", county, g)
            q(county, f"<{RDF_TYPE}>", f"<{PK}County>", g)
            q(county, f"<{LABEL}>", lit(f"{name(2)}县"), g)
            sections = [f"<{ID}section/{pid}/draft/{s}>" for s in range(max(1, passages // 50))]
            for s in sections:
                q(s, f"<{RDF_TYPE}>", f"<{PK}Section>", g)
                q(s, f"<{PK}inDocument>", plan, g)
            psg = []
            for n in range(passages):
                p = f"<{ID}passage/{pid}/draft/{n}>"
                psg.append(p)
                q(p, f"<{RDF_TYPE}>", f"<{PK}Paragraph>", g)
                q(p, f"<{PK}text>", lit(f"{name(12)}，{name(10)}。"), g)
                q(p, f"<{PK}ordinal>", lit(n, "integer"), g)
                q(p, f"<{ELI}is_part_of>", sections[n // 50 % len(sections)], g)
                q(p, f"<{PK}inDocument>", plan, g)
            ents = []
            for n in range(entities):
                kind = KINDS[n % len(KINDS)]
                e = f"<{ID}{kind.lower()}/{pid}-{n}>"
                label = f"{name(3)}{'镇' if kind == 'Town' else '项目' if kind == 'Project' else ''}{n}"
                ents.append((e, label))
                q(e, f"<{RDF_TYPE}>", f"<{PK}{kind}>", g)
                q(e, f"<{LABEL}>", lit(label), g)
                q(e, f"<{PK}locatedIn>", county, g)
                q(e, f"<{PK}source>", psg[rnd.randrange(len(psg))], g)
                q(e, f"<{PK}source>", psg[rnd.randrange(len(psg))], g)
                q(e, f"<{PK}role>", f"<https://w3id.org/plankg/vocab/role/r{n % 6}>", g)
                q(e, f"<http://www.w3.org/2004/02/skos/core#altLabel>", lit(label[:-1]), g)
            for n in range(lists):
                grp = f"<{ID}group/{pid}-{n}>"
                q(grp, f"<{RDF_TYPE}>", f"<{PK}Group>", g)
                q(grp, f"<{LABEL}>", lit(f"20个{name(2)}名录{n}"), g)
                for e, _ in rnd.sample(ents, min(20, len(ents))):
                    q(grp, f"<{PK}hasMember>", e, g)
                    q(e, f"<{PK}memberOf>", grp, g)
            for n in range(values):
                v = f"<{ID}value/{pid}-{n}>"
                q(v, f"<{RDF_TYPE}>", f"<{PK}Target>", g)
                q(v, f"<{PK}indicator>", f"<{ID}indicator/i{n % 40}>", g)
                q(v, f"<{PK}value>", lit(round(rnd.uniform(1, 1000), 2), "decimal"), g)
                q(v, f"<{PK}year>", lit(2025 + 10 * (n % 2), "integer"), g)
                q(v, f"<{PK}refArea>", county, g)
                q(v, f"<{PK}source>", psg[rnd.randrange(len(psg))], g)
                q(v, f"<{PK}unitLabel>", lit("公顷"), g)
            if p_i == 3:
                picks.update(county=county[1:-1], town=ents[0][1], entity=ents[8][0][1:-1],
                             group=f"20个", group_iri=f"{ID}group/{pid}-0")
    picks["triples"] = count
    return picks


def queries(p: dict) -> dict[str, str]:
    return {
        "label lookup": PREFIXES + f'SELECT ?e WHERE {{ ?e rdfs:label "{p["town"]}"@zh }}',
        "projects in a county": PREFIXES + f"SELECT ?e ?l WHERE {{ ?e a pk:Project ; pk:locatedIn <{p['county']}> ; rdfs:label ?l }}",
        "members of a named list": PREFIXES + f"SELECT ?m ?l WHERE {{ <{p['group_iri']}> pk:hasMember ?m . ?m rdfs:label ?l }}",
        "counts by type": PREFIXES + "SELECT ?t (COUNT(?e) AS ?n) WHERE { ?e a ?t } GROUP BY ?t ORDER BY DESC(?n)",
        "3-hop path": PREFIXES + f"SELECT DISTINCT ?plan WHERE {{ <{p['entity']}> pk:source ?p . ?p eli:is_part_of ?s . ?s pk:inDocument ?plan }}",
        "construct around a county": PREFIXES + f"CONSTRUCT {{ ?e ?p ?o }} WHERE {{ ?e pk:locatedIn <{p['county']}> ; a pk:Town ; ?p ?o }}",
        "indicator targets": PREFIXES + f"SELECT ?i ?v ?y WHERE {{ ?x a pk:Target ; pk:refArea <{p['county']}> ; pk:indicator ?i ; pk:value ?v ; pk:year ?y }}",
        "source passages": PREFIXES + f"SELECT ?t WHERE {{ <{p['entity']}> pk:source ?p . ?p pk:text ?t }}",
        "plan list": PREFIXES + "SELECT ?plan ?title ?s ?e WHERE { ?plan a pk:Plan ; eli:title ?title ; pk:periodStart ?s ; pk:periodEnd ?e }",
        "label contains": PREFIXES + 'SELECT ?e ?l WHERE { ?e a pk:Town ; rdfs:label ?l FILTER(CONTAINS(?l, "山")) } LIMIT 100',
    }


# ---------------------------------------------------------------------- runners
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url: str, proc: subprocess.Popen, timeout: float) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {timeout} s")


RDFLIB_SERVER = """
import sys, uvicorn
from rdflib import Graph
from rdflib_endpoint import SparqlEndpoint
g = Graph()
g.parse(sys.argv[1], format="nt")
uvicorn.run(SparqlEndpoint(graph=g), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def http_call(client: httpx.Client, url: str, q: str) -> None:
    accept = "text/turtle" if q.lstrip().split("\n", 1)[-1].lstrip().upper().startswith("CONSTRUCT") or \
        "CONSTRUCT" in q.split("WHERE")[0] else "application/sparql-results+json"
    r = client.get(url, params={"query": q}, headers={"accept": accept})
    r.raise_for_status()
    _ = r.content


def run_mix(call, qs: list[str], clients: int, seconds: float) -> dict:
    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(k: int):
        nonlocal errors
        state = call()  # per-thread setup (an HTTP client)
        i = k
        while time.perf_counter() < deadline:
            q = qs[i % len(qs)]
            i += 1
            t0 = time.perf_counter()
            try:
                state(q)
                with lock:
                    lat.append(time.perf_counter() - t0)
            except Exception:
                with lock:
                    errors += 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    pct = (lambda f: lat[min(len(lat) - 1, int(f * len(lat)))] * 1000) if lat else (lambda f: float("nan"))
    return {"n": len(lat), "errors": errors, "rps": len(lat) / wall, "p50": pct(0.5), "p95": pct(0.95), "wall": wall}


def per_query(call, qs: dict[str, str], reps: int) -> dict[str, float]:
    fn = call()
    out = {}
    for name, q in qs.items():
        fn(q)  # warm-up (caches; with workers, at least one of them)
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            fn(q)
            times.append(time.perf_counter() - t0)
        out[name] = statistics.median(times) * 1000
    return out


def run_direct(store_dir: Path, nq: Path, qs: dict[str, str], seconds: float, results: dict, per_q: dict) -> dict:
    """Load the store and time direct pyoxigraph calls; return result sizes. The store is closed on return."""
    t0 = time.perf_counter()
    st = ox.Store(str(store_dir))
    st.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    st.optimize()
    st.flush()
    print(f"pyoxigraph bulk load: {time.perf_counter() - t0:.1f} s")
    sizes = {name: len(list(st.query(q, use_default_graph_as_union=True))) for name, q in qs.items()}
    print("result sizes:", sizes)

    def direct():
        def run(q):
            res = st.query(q, use_default_graph_as_union=True)
            if isinstance(res, ox.QuerySolutions):
                res.serialize(format=ox.QueryResultsFormat.JSON)
            elif isinstance(res, ox.QueryTriples):
                ox.serialize(res, format=ox.RdfFormat.TURTLE)
        return run

    per_q["pyoxigraph (direct)"] = per_query(direct, qs, 7)
    for c in (1, 16):
        results[f"pyoxigraph (direct) ×{c}"] = run_mix(direct, list(qs.values()), c, seconds)
    return sizes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=15.0, help="duration of each (system, concurrency) run")
    ap.add_argument("--work", default=None, help="scratch directory (default: a temp dir)")
    ap.add_argument("--skip-rdflib", action="store_true")
    args = ap.parse_args()
    load0 = os.getloadavg()
    work = Path(args.work or tempfile.mkdtemp(prefix="plankg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    nq = work / "corpus.nq"
    t0 = time.perf_counter()
    picks = generate(nq, args.triples)
    print(f"corpus: {picks['triples']:,} triples in {time.perf_counter() - t0:.1f} s ({nq})")
    qs = queries(picks)

    store_dir = work / "plankg-store"
    results: dict[str, dict] = {}
    per_q: dict[str, dict] = {}
    sizes = run_direct(store_dir, nq, qs, args.seconds, results, per_q)

    import gc

    gc.collect()
    port = free_port()
    env = {**os.environ, "PLANKG_STORE": str(store_dir), "PLANKG_MAX_ROWS": "1000000", "PLANKG_QUERY_TIMEOUT": "120",
           "PLANKG_QUERY_WORKERS": "2"}
    srv = subprocess.Popen([sys.executable, "-m", "uvicorn", "plankg.api.app:create_app", "--factory", "--host",
                            "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait(f"http://127.0.0.1:{port}/healthz", srv, 120)
        url = f"http://127.0.0.1:{port}/sparql"

        def plankg():
            client = httpx.Client(timeout=120)
            return lambda q: http_call(client, url, q)

        per_q["plankg"] = per_query(plankg, qs, 7)
        for c in (1, 16):
            results[f"plankg ×{c}"] = run_mix(plankg, list(qs.values()), c, args.seconds)
    finally:
        srv.terminate()
        srv.wait(20)

    if not args.skip_rdflib:
        nt = work / "corpus.nt"
        with nq.open(encoding="utf-8") as src, nt.open("w", encoding="utf-8") as dst:
            for line in src:  # drop the graph name: rdflib-endpoint serves one default graph
                dst.write(line[: line.rstrip().rstrip(".").rstrip().rfind(" ")] + " .\n")
        script = work / "rdflib_server.py"
        script.write_text(RDFLIB_SERVER)
        port = free_port()
        t0 = time.perf_counter()
        srv = subprocess.Popen([sys.executable, str(script), str(nt), str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
        try:
            wait(f"http://127.0.0.1:{port}/?query=ASK%7B%7D", srv, 900)
            print(f"rdflib-endpoint load: {time.perf_counter() - t0:.1f} s")
            url = f"http://127.0.0.1:{port}/"

            def rdflib_ep():
                client = httpx.Client(timeout=300)
                return lambda q: http_call(client, url, q)

            per_q["rdflib-endpoint"] = per_query(rdflib_ep, qs, 3)
            for c in (1, 16):
                results[f"rdflib-endpoint ×{c}"] = run_mix(rdflib_ep, list(qs.values()), c, args.seconds)
        finally:
            srv.terminate()
            srv.wait(20)

    print(f"\n## mix of {len(qs)} queries, {args.seconds:g} s per run, {picks['triples']:,} triples; "
          f"load average at start {load0[0]:.1f}, at end {os.getloadavg()[0]:.1f} (2 cores)\n")
    print("| system × clients | requests | errors | req/s | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|")
    for k, r in results.items():
        print(f"| {k} | {r['n']} | {r['errors']} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} |")
    names = list(qs)
    systems = list(per_q)
    print("\n## median latency per query, 1 client (ms)\n")
    print("| query | rows | " + " | ".join(systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    for n in names:
        print(f"| {n} | {sizes[n]} | " + " | ".join(f"{per_q[s][n]:.1f}" for s in systems) + " |")


if __name__ == "__main__":
    main()
