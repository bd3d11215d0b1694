"""Audit speed: county, district, township and special plan audits warm, again with many generated
plans in the store, and pySHACL vs the fast path on the shape cases.

    python bench/bench_audit.py [--plans 200] [--runs 5] [--pyshacl-county]

Baselines in the same run: the same audits with only the sample plans in the store (an audit reads
only the graphs it needs, so the store's size must not matter), and pySHACL on the same data graphs.
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
from pathlib import Path

from plankg.graph.ingest import bundled_examples, ingest_file
from plankg.graph.store import PlanStore
from plankg.shapes import audit as A

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
PLANS = {"county 右玉县": "右玉县", "district 朔城区": "朔城区", "township 右卫镇": "右卫镇",
         "special 桑干河专项": "朔州市桑干河"}


def timed_audits(store: PlanStore, ids: dict[str, str], runs: int) -> dict[str, tuple[float, float, int]]:
    """name -> (median s, max s, violations) over `runs` warm audits."""
    out = {}
    for name, pid in ids.items():
        A.audit(store, pid)  # warm
        times, report = [], None
        for _ in range(runs):
            t = time.perf_counter()
            report = A.audit(store, pid)
            times.append(time.perf_counter() - t)
        out[name] = (statistics.median(times), max(times),
                     sum(f.severity == "Violation" for f in report.findings))
    return out


def add_generated_plans(store: PlanStore, template_id: str, n: int) -> int:
    """n copies of a county plan graph under new plan ids (other counties of another city)."""
    graphs = [g for g in store.graphs() if f"/{template_id}/" in g]
    dumps = {g: store.dump("nt", graph=g) for g in graphs}
    for i in range(n):
        new_id = template_id.replace(template_id.split("-", 1)[0], f"99{i // 100:02d}{i % 100:02d}")
        for g, nt in dumps.items():
            store.load(nt.replace(template_id.encode(), new_id.encode()), "nt", graph=g.replace(template_id, new_id))
    return len(store)


def case_datas() -> list[A.AuditData]:
    spec = importlib.util.spec_from_file_location("shape_cases", ROOT / "tests" / "test_shapes_cases.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return [mod.load_case(p)[0] for p in mod.CASES]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=200, help="generated plans added to the store")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pyshacl-county", action="store_true", help="also time pySHACL on the county (minutes)")
    args = ap.parse_args()

    store = PlanStore(None)
    for f in bundled_examples():
        ingest_file(store, f)
    ids = {name: ingest_file(store, next(DEV.glob(prefix + "*"))).plan_id for name, prefix in PLANS.items()}
    size0 = len(store)
    before = timed_audits(store, ids, args.runs)
    size1 = add_generated_plans(store, ids["county 右玉县"], args.plans)
    after = timed_audits(store, ids, args.runs)
    print(f"store: {size0} quads with the sample plans; {size1} quads after adding {args.plans} generated plans")
    print("| audit (warm, whole audit) | sample plans only | with generated plans | violations |")
    print("|---|---|---|---|")
    for name in ids:
        (m0, x0, v), (m1, x1, _) = before[name], after[name]
        print(f"| {name} | {m0:.3f} s (max {x0:.3f}) | {m1:.3f} s (max {x1:.3f}) | {v} |")

    cases = case_datas()
    tot_py = tot_fast = 0.0
    same = 0
    for d in cases:
        t = time.perf_counter(); f = A.result_keys(A.evaluate_fast(d)); tot_fast += time.perf_counter() - t
        t = time.perf_counter(); p = A.result_keys(A.evaluate_pyshacl(d)); tot_py += time.perf_counter() - t
        same += f == p
    print(f"shape cases ({len(cases)}): pyshacl {tot_py:.2f} s, fast {tot_fast:.3f} s "
          f"({tot_py / max(tot_fast, 1e-9):.0f}x); identical result sets {same}/{len(cases)}")
    if args.pyshacl_county:
        data = A.build_data(store, A.find_higher(store, A.plan_iri(ids["county 右玉县"])))
        t = time.perf_counter(); fast = A.result_keys(A.evaluate_fast(data)); t_fast = time.perf_counter() - t
        t = time.perf_counter(); py = A.result_keys(A.evaluate_pyshacl(data)); t_py = time.perf_counter() - t
        print(f"real county: pyshacl {t_py:.1f} s, fast {t_fast:.3f} s; identical result sets: {fast == py}")
    store.close()


if __name__ == "__main__":
    main()
