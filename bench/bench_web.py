#!/usr/bin/env python3
"""Cost of the web app's geometry and pages: the boundary layer's first load, the geometry added at
ingest (seed plan: ingest with vs without `with_geometry`), GeoJSON for maps, and the dossier / entity
JSON over the bundled plans in-process. Baseline in the same run: ingest without geometry.

    python bench/bench_web.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import time

from fastapi.testclient import TestClient
from plankg.api.app import create_app
from plankg.extract import pipeline, reader
from plankg.graph import geo
from plankg.graph.ingest import bundled_examples, ingest_paths
from plankg.graph.namespaces import ID
from plankg.graph.store import PlanStore
from plankg.graph.to_rdf import to_rdf

from plankg.settings import Settings


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    layer = geo.layer()
    print(f"boundary layer first load: {time.perf_counter() - t:.2f} s, {len(layer['divisions'])} units, "
          f"max RSS +{(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024:.0f} MB")

    seed = next(p for p in bundled_examples() if "征求意见稿" in p.name)
    triples = to_rdf(doc := reader.read(seed), pipeline.extract(doc)).triples

    def write() -> int:
        store = PlanStore(None)
        size = store.replace_graph("urn:bench", triples)
        store.close()
        return size

    def geometry() -> list:
        geo._geometry.cache_clear()  # cold: parse each geometry and write its WKT again
        return geo.geometry_triples(geo.division_codes(triples))

    base, n0 = timed(write, args.repeat)
    extra_t, extra = timed(geometry, args.repeat)
    print(f"seed plan, median of {args.repeat}: writing its {n0} triples to a store {base * 1000:.0f} ms (baseline) · "
          f"geometry for its {len(extra) // 3} divisions (+{len(extra)} triples, cold) {extra_t * 1000:.0f} ms")
    fc_t, fc = timed(lambda: geo.feature_collection(["140600", "140602", "140603", "140621", "140622", "140623",
                                                     "140681"]), args.repeat)
    print(f"feature_collection of 7 units: {fc_t * 1000:.1f} ms")

    store = PlanStore(None)
    reports = ingest_paths(store, bundled_examples() + sorted((seed.parent / "county").glob("*.txt")))
    with TestClient(create_app(Settings(store="", query_workers=0), store=store)) as client:
        for r in reports:
            if "annex" in r.graph:
                continue
            iri = f"{ID}plan/{r.plan_id}"
            t_plan, _ = timed(lambda iri=iri: client.get("/api/pages/plan", params={"iri": iri}).raise_for_status(),
                              args.repeat)
            print(f"GET /api/pages/plan {r.plan_id}: {t_plan * 1000:.0f} ms (median of {args.repeat})")
        t_ent, _ = timed(lambda: client.get("/api/pages/entity", params={"iri": f"{ID}division/140623"}
                                            ).raise_for_status(), args.repeat)
        print(f"GET /api/pages/entity division/140623: {t_ent * 1000:.0f} ms (median of {args.repeat})")
    store.close()


if __name__ == "__main__":
    main()
