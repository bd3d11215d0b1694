"""Read-side helpers shared by the CLI and the API: plan list, query formatting, store counts."""
from __future__ import annotations

import csv
import io
import json

from plankg.graph.namespaces import sparql_prefixes
from plankg.graph.base import Store

def list_plans(store: Store, counts: bool = True) -> list[dict]:
    """One row per stored document version (plan text or annex); ``counts=False`` leaves out the triple
    count of each graph, which costs a scan of every graph (seconds at a few hundred plans)."""
    q = sparql_prefixes() + """
    SELECT ?g ?plan ?id ?title ?planTitle ?annexTitle ?levelLabel ?regionLabel ?start ?end ?statusLabel ?annex WHERE {
      GRAPH ?g { ?plan a pk:Plan ; pk:planId ?id .
                 OPTIONAL { ?annex pk:annexOf ?plan OPTIONAL { ?annex rdfs:label ?annexTitle } } }
      OPTIONAL { GRAPH ?g { ?plan eli:title ?title } }
      OPTIONAL { ?plan eli:title ?planTitle }
      OPTIONAL { GRAPH ?g { ?plan pk:level ?level } ?level skos:prefLabel ?levelLabel FILTER(lang(?levelLabel) = "zh") }
      OPTIONAL { GRAPH ?g { ?plan pk:coversRegion ?region } ?region rdfs:label ?regionLabel }
      OPTIONAL { GRAPH ?g { ?plan pk:periodStart ?start ; pk:periodEnd ?end } }
      OPTIONAL { GRAPH ?g { ?plan pk:processStep ?status } ?status skos:prefLabel ?statusLabel FILTER(lang(?statusLabel) = "zh") }
    } ORDER BY ?id ?g"""
    rows, seen = [], set()
    for r in store.select(q):
        if r["g"] in seen:
            continue
        seen.add(r["g"])
        kind = "annex" if r.get("annex") else "plan"
        rows.append({
            "id": r["id"], "graph": r["g"], "kind": kind, "plan": r["plan"],
            "title": _title(r, kind),
            "level": r.get("levelLabel", ""), "region": r.get("regionLabel", ""),
            "start": r.get("start", ""), "end": r.get("end", ""), "status": r.get("statusLabel", ""),
            **({"triples": store.graph_size(r["g"])} if counts else {}),
        })
    rows.sort(key=lambda row: (row["id"], row["kind"] != "plan", row["graph"]))  # a plan, then its annexes
    return rows


def _title(row: dict, kind: str) -> str:
    """A plan's title; an annex's own title (its label), else its plan's title marked as an annex."""
    if kind == "annex":
        return row.get("annexTitle") or f"{row.get('planTitle', row['id'])} (附件)"
    return row.get("title", row["id"])


def run_query(store: Store, sparql: str, fmt: str) -> dict | str:
    """Run a read-only query; return a table dict, or JSON/CSV text."""
    result = store.query(sparql)
    if result.type == "ASK":
        table = {"vars": ["ask"], "rows": [{"ask": str(bool(result.askAnswer)).lower()}]}
    elif result.type == "SELECT":
        names = [str(v) for v in result.vars]
        table = {"vars": names, "rows": [{n: str(row[i]) for i, n in enumerate(names) if row[i] is not None}
                                         for row in result]}
    else:
        graph = result.graph
        if fmt == "table":
            fmt = "ttl"
        return graph.serialize(format="turtle" if fmt in ("ttl", "csv") else "json-ld")
    if fmt == "json":
        return json.dumps(table, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=table["vars"])
        writer.writeheader()
        writer.writerows(table["rows"])
        return buf.getvalue()
    return table


def store_stats(store: Store) -> dict:
    q = sparql_prefixes() + """
    SELECT ?cls (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?cls ; pk:source ?p . FILTER(STRSTARTS(STR(?cls), STR(pk:))) }
    GROUP BY ?cls ORDER BY DESC(?n)"""
    by_type = {r["cls"].split("#")[-1]: r["n"] for r in store.select(q)}
    count = lambda q: store.select(sparql_prefixes() + q)[0]["n"]  # noqa: E731
    return {
        "graphs": len(store.graphs()), "triples": len(store),
        "plans": count("SELECT (COUNT(DISTINCT ?p) AS ?n) { ?p a pk:Plan ; pk:planId ?i }"),
        "passages": count("SELECT (COUNT(?p) AS ?n) { ?p pk:passageKind ?k }"),
        "indicator_values": count("SELECT (COUNT(?v) AS ?n) { ?v a pk:IndicatorValue }"),
        "entities_by_type": {k: v for k, v in by_type.items() if k not in ("IndicatorValue", "Plan")},
    }
