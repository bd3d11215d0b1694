"""Audit speed: one county audit warm, a batch of 100 generated county plans, pyshacl vs fast path.

    python bench/bench_audit.py [--batch 100] [--pyshacl-timeout 600]

Baseline in the same run: pyshacl (SHACL-SPARQL evaluated per focus node by rdflib) against the
fast path (each constraint as one SPARQL query on Oxigraph), on the same data graphs.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import tempfile
import time
from pathlib import Path

from plankg.graph.ingest import bundled_examples, ingest_file
from plankg.graph.store import PlanStore
from plankg.shapes import audit as A
from plankg.graph.overlay import OverlayStore as overlay_store  # the overlay moved to graph (api branch)

ROOT = Path(__file__).resolve().parents[1]
COUNTY = next((ROOT.parent / "shared" / "corpus" / "dev").glob("右玉县*.txt"))
CITY_CITATION = "和《朔州市国土空间总体规划（2020-2035年）》"


def variant(text: str, rng: random.Random) -> tuple[str, set[str]]:
    """A generated county plan with a random subset of defects, and the violations it must yield."""
    expect: set[str] = set()
    pbf = rng.choice(["53.90", "54.70", "55.10", "36000"])
    if pbf == "36000":  # 公顷: a bigger number that is too small after conversion
        text = text.replace("永久基本农田保护面积\t万亩\t53.90", "永久基本农田保护面积\t公顷\t36000")
        text = text.replace("划定永久基本农田53.90万亩", "划定永久基本农田36000公顷")
    else:
        text = text.replace("53.90", pbf)
    if pbf in ("53.90", "36000"):
        expect.add("ZB-001")
    if rng.random() < 0.5:
        text = text.replace("规划布局1个农业产业园区——威远生态畜牧产业园，位于威远镇",
                            "规划布局2个农业产业园区——威远生态畜牧产业园，位于威远镇；梁威农产品工业园")
    else:
        expect.add("ML-001")
    con = rng.choice(["40.80", "4100", "4200"])  # 平方公里 vs 公顷 looking too large
    if con != "40.80":
        text = text.replace("城乡建设用地规模\t平方公里\t40.80", f"城乡建设用地规模\t公顷\t{con}")
        if con == "4200":
            expect.add("ZB-001")
    if rng.random() < 0.2:
        text = text.replace(CITY_CITATION, "")
        expect.add("YJ-001")
    return text, expect


def _pyshacl_worker(nt: bytes, ctx, q):
    data = A.data_from_nt(nt, ctx)
    t = time.perf_counter()
    res = A.evaluate_pyshacl(data)
    q.put((time.perf_counter() - t, sorted(A.result_keys(res), key=str)))


def pyshacl_timed(data: A.AuditData, timeout: float):
    """pyshacl in a child process so that a run over the time cap can be stopped."""
    q: mp.Queue = mp.Queue()
    p = mp.Process(target=_pyshacl_worker, args=(data.nt, data.context, q))
    p.start()
    p.join(timeout)
    if p.is_alive():
        p.terminate()
        p.join()
        return None, None
    seconds, keys = q.get()
    return seconds, {tuple(k) for k in keys}


def case_datas() -> list[A.AuditData]:
    """The data graphs of the self-describing shape cases (tests/shape_cases)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("shape_cases", ROOT / "tests" / "test_shapes_cases.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return [mod.load_case(p)[0] for p in mod.CASES]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--pyshacl-timeout", type=float, default=600.0)
    args = ap.parse_args()

    base = PlanStore(None)
    for f in bundled_examples():
        ingest_file(base, f)
    store = overlay_store(base)
    plan = ingest_file(store, COUNTY).plan_id

    # 1. one county audit, warm
    A.audit(store, plan)
    runs = []
    for _ in range(7):
        t = time.perf_counter()
        report = A.audit(store, plan)
        runs.append(time.perf_counter() - t)
    ctx = A.find_higher(store, A.plan_iri(plan))
    t = time.perf_counter(); data = A.build_data(store, ctx); t_build = time.perf_counter() - t
    t = time.perf_counter(); fast = A.evaluate_fast(data); t_fast = time.perf_counter() - t
    print(f"county audit warm (fast engine, whole audit incl. graph build + report): median {statistics.median(runs):.3f} s "
          f"(min {min(runs):.3f}, max {max(runs):.3f}, n=7); {len(data.nt.splitlines())} triples; "
          f"build {t_build:.3f} s, evaluate {t_fast:.3f} s; violations {sorted(f.id for f in report.findings if f.severity == 'Violation')}")

    # 2. pyshacl vs fast path on the shape cases and the real county
    tot_py = tot_fast = 0.0
    same = 0
    cases = case_datas()
    for d in cases:
        t = time.perf_counter(); f = A.result_keys(A.evaluate_fast(d)); tot_fast += time.perf_counter() - t
        t = time.perf_counter(); p = A.result_keys(A.evaluate_pyshacl(d)); tot_py += time.perf_counter() - t
        same += f == p
    print(f"shape cases ({len(cases)}): pyshacl {tot_py:.2f} s, fast {tot_fast:.3f} s ({tot_py / max(tot_fast, 1e-9):.0f}x); "
          f"identical result sets {same}/{len(cases)}")
    secs, keys = pyshacl_timed(data, args.pyshacl_timeout)
    if secs is None:
        print(f"real county: pyshacl did not finish within {args.pyshacl_timeout:.0f} s; fast path {t_fast:.3f} s")
    else:
        print(f"real county: pyshacl {secs:.1f} s, fast {t_fast:.3f} s ({secs / t_fast:.0f}x); "
              f"identical result sets: {keys == A.result_keys(fast)}")

    # 3. batch of generated county plans: ingest + audit each
    rng = random.Random(7)
    text = COUNTY.read_text(encoding="utf-8")
    t_ingest = t_audit = 0.0
    correct = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.batch):
            body, expect = variant(text, rng)
            path = Path(tmp) / f"county-{i}.txt"
            path.write_text(body, encoding="utf-8")
            t = time.perf_counter(); pid = ingest_file(store, path).plan_id; t_ingest += time.perf_counter() - t
            t = time.perf_counter(); rep = A.audit(store, pid); t_audit += time.perf_counter() - t
            correct += {f.id for f in rep.findings if f.severity == "Violation"} == expect
    print(f"batch of {args.batch} generated county plans: total {t_ingest + t_audit:.1f} s "
          f"(ingest {t_ingest:.1f} s, audit {t_audit:.1f} s, {t_audit / args.batch:.3f} s per audit); "
          f"violation sets exactly as injected: {correct}/{args.batch}")
    store.close()
    base.close()


if __name__ == "__main__":
    main()
