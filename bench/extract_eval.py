#!/usr/bin/env python3
"""Score extraction against gold files: per-type entity recall/precision, relation recall, indicators.

    python bench/extract_eval.py                      # the seven dev plans (seed + annex and ../shared/corpus/dev)
    python bench/extract_eval.py --only 右玉县 朔城区   # some of them, by gold name
    python bench/extract_eval.py PLAN.txt GOLD.json   # any plan and gold file

Rules (the same for every document):
* entity: a gold label is found when some node carries it (NFKC, whitespace and quotes ignored)
  as rdfs:label, skos:prefLabel or skos:altLabel. Precision: the share of extracted entity labels
  (nodes with pk:source) that are gold labels of that document.
* relation: the two gold entities are linked directly, or through one intermediate node, in either
  direction. Passages, documents, sections, rdf:Statement nodes and the ontology are NOT allowed as
  intermediates, so co-occurrence in one passage does not count.
* indicator: some pk:IndicatorValue has the gold value (numbers equal to 1e-6; ranges and degree
  strings by text), the gold unit (count classifiers 个/处/条/… are one unit, "count"), the gold
  year when the gold has one, and the gold bound (≥ ≤ = ≈); a value read as approximate (约) also
  matches a gold "=" (some gold files write a value the text hedges with 约 as "=").
* project precision: the share of pk:Project labels that are gold labels of that document.
* junk labels: extracted labels that are another extracted label with a function word, verb or
  ordinal glued on the front, a count glued on the end, or the tail of a 、-joined name
  (plankg.extract.names.junk_labels), and labels that are no name at all: a question's words, a counted
  class word ("个镇"), a river or mountain word with only a verb or plain adjective before it ("入河"),
  a count of the plan's own words ("两句话"); the target is 0.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from plankg.extract.names import junk_labels
from plankg.graph.ingest import ingest_file
from plankg.graph.namespaces import sparql_prefixes
from plankg.graph.store import PlanStore

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BOUNDS = {"≥": "ge", "≤": "le", "=": "eq", "≈": "approx"}
# gold name → how its plan files are picked (by name: ../shared/corpus/dev holds several plans)
DEV_PLANS = {
    "朔州市": (ROOT / "examples", "*.txt"),
    "右玉县": (SHARED / "corpus" / "dev", "右玉县*"),
    "朔城区": (SHARED / "corpus" / "dev", "朔城区*"),
    "右卫镇": (SHARED / "corpus" / "dev", "右卫镇*"),
    "桑干河专项": (SHARED / "corpus" / "dev", "*桑干河*"),
    "神头镇": (SHARED / "corpus" / "dev", "神头镇*"),
    "历史文化专项": (SHARED / "corpus" / "dev", "*历史文化*"),
}
COUNT_UNITS = set("个处条座类张项家所级片字") | {"count"}
UNIT_ALIASES = {"平方千米": "平方公里", "km²": "平方公里", "公里": "千米", "％": "%"}


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", str(s))
    return re.sub(r"[\s\u3000“”\"'‘’《》「」]", "", s).lower()


def unit_key(u: str | None) -> str:
    u = UNIT_ALIASES.get(u or "", u or "")
    return "count" if u in COUNT_UNITS else u


def build_graph(files: list[Path]):
    store = PlanStore(None)  # in memory: nothing left behind in /tmp
    for f in files:
        ingest_file(store, f)
    return store


def dev_cases(only: list[str] | None = None) -> list[tuple[str, list[Path], Path]]:
    """(gold name, plan files, gold file) of the dev plans found on this machine."""
    out = []
    for name, (folder, pattern) in DEV_PLANS.items():
        if only and name not in only:
            continue
        files = sorted(folder.glob(pattern))
        gold = SHARED / "eval" / "gold" / f"{name}.json"
        if files and gold.is_file():
            out.append((name, files, gold))
    return out


def load_view(store, graph_iris: list[str]):
    """Labels, adjacency and indicator values of the given named graphs (plus the gazetteer chain)."""
    values = " ".join(f"<{g}>" for g in graph_iris)
    pre = sparql_prefixes()
    labels: dict[str, set[str]] = defaultdict(set)
    extracted: set[str] = set()
    raw_extracted: set[str] = set()
    for r in store.select(pre + f"""SELECT ?s ?l ?src WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{
        ?s rdfs:label|skos:prefLabel|skos:altLabel ?l . OPTIONAL {{ ?s pk:source ?src }} }}
        FILTER(!STRSTARTS(STR(?s), STR(pk:))) }}"""):
        labels[norm(r["l"])].add(r["s"])
        if "src" in r:
            extracted.add(norm(r["l"]))
            raw_extracted.add(r["l"])
    # edges between resources, excluding text structure and reification nodes
    excluded = {r["x"] for r in store.select(pre + f"""SELECT DISTINCT ?x WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{
        {{ ?x a pk:Passage }} UNION {{ ?x a ?c . ?c rdfs:subClassOf* pk:Passage }} UNION {{ ?x pk:passageKind ?k }}
        UNION {{ ?x a pk:Section }} UNION {{ ?x a pk:Chapter }} UNION {{ ?x a pk:Annex }} UNION {{ ?x a rdf:Statement }} }} }}""")}
    adj: dict[str, set[str]] = defaultdict(set)
    for r in store.select(pre + f"""SELECT ?s ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o .
        FILTER(?g != <https://w3id.org/plankg/graph/ontology>)
        FILTER(isIRI(?o) && ?p NOT IN (rdf:type, pk:source, pk:mentions, pk:inDocument, eli:is_part_of, eli:has_part,
                                        prov:wasDerivedFrom, pk:unit, pk:canonicalUnit, pk:bound, pk:nature)) }} }}"""):
        if r["s"] in excluded or r["o"] in excluded:
            continue
        adj[r["s"]].add(r["o"])
        adj[r["o"]].add(r["s"])
    iv = store.select(pre + f"""SELECT ?v ?value ?text ?unit ?year ?bound WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{
        ?v a pk:IndicatorValue ; pk:valueText ?text ; pk:unitLabel ?unit ; pk:bound ?bound .
        OPTIONAL {{ ?v pk:value ?value }} OPTIONAL {{ ?v pk:year ?year }} }} }}""")
    projects = {norm(r["l"]) for r in store.select(pre + f"""SELECT DISTINCT ?l WHERE {{ VALUES ?g {{ {values} }}
        GRAPH ?g {{ ?s a pk:Project ; rdfs:label ?l }} }}""")}
    return labels, extracted, adj, iv, projects, raw_extracted


def score(gold: dict, labels, extracted, adj, iv, projects=frozenset(), raw_extracted=frozenset()) -> dict:
    # entities
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missing = []
    for e in gold["entities"]:
        found = norm(e["label"]) in labels
        per_type[e["type"]][0] += found
        per_type[e["type"]][1] += 1
        if not found:
            missing.append(f"{e['type']}:{e['label']}")
    gold_labels = {norm(e["label"]) for e in gold["entities"]} | {norm(e.get("official", "")) for e in gold["entities"]}
    precision = len(extracted & gold_labels) / max(1, len(extracted))
    # relations
    rel_found, rel_missing = 0, []
    for s, p, o in gold["relations"]:
        ss, os_ = labels.get(norm(s), set()), labels.get(norm(o), set())
        ok = any(b in adj[a] or adj[a] & adj[b] for a in ss for b in os_)
        rel_found += ok
        if not ok:
            rel_missing.append(f"{s} -{p}-> {o}")
    # indicators
    ind_found, ind_missing = 0, []
    for g in gold["indicators"]:
        ok = any(_iv_matches(g, v) for v in iv)
        ind_found += ok
        if not ok:
            ind_missing.append(f"{g['name']} {g['value']}{g['unit']} {g.get('year') or ''} {g['bound']}")
    n_ent = len(gold["entities"])
    wrong_projects = sorted(projects - gold_labels)
    junk = junk_labels(raw_extracted)
    return {
        "junk_labels": junk,
        "project_precision": 1 - len(wrong_projects) / max(1, len(projects)), "wrong_projects": wrong_projects,
        "entity_recall": (n_ent - len(missing)) / n_ent, "entity_precision": precision,
        "per_type": {t: (f, n) for t, (f, n) in sorted(per_type.items())},
        "relation_recall": rel_found / max(1, len(gold["relations"])),
        "indicator_recall": ind_found / max(1, len(gold["indicators"])),
        "missing_entities": missing, "missing_relations": rel_missing, "missing_indicators": ind_missing,
        "counts": {"entities": n_ent, "relations": len(gold["relations"]), "indicators": len(gold["indicators"])},
    }


def _iv_matches(g: dict, v: dict) -> bool:
    gold_bound, bound = BOUNDS.get(g["bound"], g["bound"]), v["bound"].rsplit("/", 1)[-1]
    if gold_bound != bound and (gold_bound, bound) != ("eq", "approx"):
        return False
    if unit_key(g["unit"]) != unit_key(v["unit"]):
        return False
    if g.get("year") is not None and v.get("year") != g["year"]:
        return False
    if isinstance(g["value"], (int, float)):
        return v.get("value") is not None and abs(float(v["value"]) - float(g["value"])) < 1e-6
    return norm(g["value"]) == norm(v.get("text", ""))


def score_files(files: list[Path], gold_path: Path) -> dict:
    """Extract ``files`` into a fresh store and score them against one gold file."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    store = build_graph(files)
    try:
        return score(gold, *load_view(store, store.graphs()))
    finally:
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="*", help="PLAN_FILE GOLD_JSON pairs (default: the seed and the dev plan)")
    ap.add_argument("--show-missing", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", nargs="+", metavar="GOLD", help=f"score only these dev plans ({', '.join(DEV_PLANS)})")
    a = ap.parse_args()
    if a.pairs:
        cases = [(Path(a.pairs[i + 1]).stem, [Path(a.pairs[i])], Path(a.pairs[i + 1]))
                 for i in range(0, len(a.pairs), 2)]
    else:
        cases = dev_cases(a.only)
        if not cases:
            print(f"no dev plans found under {SHARED} (needs ../shared/corpus and ../shared/eval/gold)")
            return 2
    results = {}
    for _, files, gold_path in cases:
        res = results[gold_path.stem] = score_files(files, gold_path)
        if a.json:
            continue
        print(f"== {gold_path.stem}: {', '.join(f.name for f in files)}")
        print(f"entity recall {res['entity_recall']:.3f} ({res['counts']['entities']}), "
              f"precision {res['entity_precision']:.3f}; relation recall {res['relation_recall']:.3f} "
              f"({res['counts']['relations']}); indicators {res['indicator_recall']:.3f} ({res['counts']['indicators']}); "
              f"project precision {res['project_precision']:.3f}; junk labels {len(res['junk_labels'])}")
        print("  per type (found/gold): " + ", ".join(f"{t} {f}/{n}" for t, (f, n) in res["per_type"].items()))
        if a.show_missing:
            for key in ("missing_entities", "missing_relations", "missing_indicators", "wrong_projects",
                        "junk_labels"):
                print(f"  {key}: {res[key]}")
    if a.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
