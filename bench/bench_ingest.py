#!/usr/bin/env python3
"""Ingest speed: the seed warm (in-process, repeated), cold (a fresh `plankg ingest` process), and a
generated corpus of plans (sections of the seed recombined with random names and numbers) to show
growth with corpus size. Baseline in the same run: rdflib's in-memory Graph parsing the same
triples that plankg writes into Oxigraph.

    python bench/bench_ingest.py [--docs 200]
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from plankg.extract import names, pipeline, reader
from plankg.extract.gazetteer import gazetteer
from plankg.graph.ingest import bundled_examples, ingest_file
from plankg.graph.store import PlanStore
from plankg.graph.to_rdf import to_rdf

SEED = next(p for p in bundled_examples() if "征求意见稿" in p.name)
WORDS = "东西南北中新老青绿金银石山河湖泉林园"


def counties() -> list[str]:
    """County-level names from the gazetteer (so each generated plan has its own region and id)."""
    names = [d.name for d in gazetteer().by_code.values() if d.level == "county" and d.name.endswith("县")]
    return sorted(n for n in names if len(gazetteer().by_name.get(n, [])) == 1)


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """n synthetic county plans: the seed's sections shuffled, names and numbers replaced."""
    rnd = random.Random(seed)
    pool = rnd.sample(counties(), n)
    text = SEED.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=\d\.\d )", text)
    files = []
    for i in range(n):
        county = pool[i]
        start = rnd.choice((2020, 2021, 2022))
        body = blocks[:1] + rnd.sample(blocks[1:], k=len(blocks) - 1)
        doc = "\n".join(body).replace("朔州市", county).replace("朔州", county[:-1])
        doc = doc.replace("2020-2035", f"{start}-2035").replace("2020—2035", f"{start}—2035")
        doc = re.sub(r"\d+(\.\d+)?(?=(%|万亩|公顷|平方公里|处|个))", lambda m: str(round(rnd.uniform(1, 999), 1)), doc)
        doc = re.sub(r"[一-鿿]{2}(?=(水库|公园|高速|工程))", lambda m: "".join(rnd.choice(WORDS) for _ in range(2)), doc)
        f = out / f"plan{i:04d}.txt"
        f.write_text(doc, encoding="utf-8")
        files.append(f)
    return files


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="plankg-bench-"))
    chars = len(SEED.read_text(encoding="utf-8"))

    # cold: a fresh process, as a user runs it
    t = time.perf_counter()
    subprocess.run(["plankg", "ingest", str(SEED), "--store", str(tmp / "cold")], check=True, capture_output=True)
    cold = time.perf_counter() - t

    store = PlanStore(tmp / "warm")
    ingest_file(store, SEED)  # loads gazetteer, jieba, spaCy
    runs = []
    for _ in range(5):
        names.clear_caches()  # the same text again would hit the per-text scan caches: measure a new document
        t = time.perf_counter()
        ingest_file(store, SEED)
        runs.append(time.perf_counter() - t)
    warm = sorted(runs)[len(runs) // 2]

    # baseline: the same triples into rdflib's in-memory store
    doc = reader.read(SEED)
    result = to_rdf(doc, pipeline.extract(doc))
    t = time.perf_counter()
    g = Graph()
    for tr in result.triples:
        g.add(tr)
    rdflib_add = time.perf_counter() - t
    t = time.perf_counter()
    store.replace_graph("urn:bench:seed", result.triples)
    oxi_write = time.perf_counter() - t
    store.close()

    print(f"seed: {chars} chars, {len(result.triples)} triples")
    print(f"seed cold (fresh `plankg ingest` process): {cold:.2f} s")
    print(f"seed warm (median of 5): {warm:.3f} s = {chars / warm:,.0f} chars/s")
    print(f"write {len(result.triples)} triples: plankg/Oxigraph atomic replace {oxi_write:.3f} s; "
          f"baseline rdflib Memory Graph.add {rdflib_add:.3f} s")

    corpus = generate(a.docs, tmp)
    store = PlanStore(tmp / "corpus")
    marks, total_chars, t0 = [], 0, time.perf_counter()
    for i, f in enumerate(corpus, 1):
        ingest_file(store, f)
        total_chars += len(f.read_text(encoding="utf-8"))
        if i in (a.docs // 4, a.docs // 2, 3 * a.docs // 4, a.docs):
            marks.append((i, time.perf_counter() - t0, len(store)))
    store.close()
    print(f"generated corpus: {a.docs} docs, {total_chars:,} chars")
    for n, secs, triples in marks:
        print(f"  after {n:4d} docs: {secs:7.1f} s ({secs / n:.3f} s/doc), {triples:,} triples")
    if marks:  # --docs 0 measures the seed only
        print(f"  throughput {total_chars / marks[-1][1]:,.0f} chars/s; peak RSS {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
