"""Facts for the entity and plan pages, and example questions built from what the graph holds."""
from __future__ import annotations

import re

from plankg.ask.english import en_name
from plankg.ask.index import get_index
from plankg.ask.templates import is_iri, sparql_iri, values, with_prefixes
from plankg.ask.text import fmt_number, tail


def entity_facts(store, iri: str) -> dict | None:
    if not is_iri(iri):
        return None
    index = get_index(store)
    node = sparql_iri(iri)
    out_rows = store.select(with_prefixes(f"""SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ {node} ?p ?o }} }} LIMIT 500"""))
    in_rows = store.select(with_prefixes(f"""SELECT ?g ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {node} }}
        FILTER(?p != rdf:subject && ?p != rdf:object) }} LIMIT 500"""))
    if not out_rows and not in_rows:
        return None

    def term(v):
        if isinstance(v, str) and v.startswith(("http://", "https://")):
            return {"iri": v, "label": index.labels.get(v, tail(v))}
        return {"value": fmt_number(v) if isinstance(v, float) else str(v)}
    facts, sources = [], []
    for r in out_rows:
        pname = tail(r["p"])
        if pname == "source":
            p = index.passages.get(r["o"])
            if p:
                sources.append({"plan": p.plan_title, "section": p.section, "text": p.text, "passage": p.iri})
            continue
        facts.append({"property": pname, "graph": r["g"], "plan": index.plan_title(r["g"]), **term(r["o"])})
    incoming = [{"property": tail(r["p"]), "plan": index.plan_title(r["g"]), **term(r["s"])} for r in in_rows
                if index.labels.get(r["s"]) and tail(r["p"]) not in ("source", "mentions")]
    return {"iri": iri, "label": index.labels.get(iri, tail(iri)), "types": sorted(tail(t) for t in index.types.get(iri, ())
                                                                                   if t != "concept"),
            "facts": facts, "incoming": incoming[:200], "sources": sources[:20]}


def plan_outline(store, iri: str) -> dict | None:
    index = get_index(store)
    infos = [p for p in index.plans.values() if p.iri == iri or p.plan_of_annex == iri]
    if not infos:
        return None
    main = next((p for p in infos if p.iri == iri and not p.is_annex), infos[0])
    facts = entity_facts(store, iri) or {"facts": []}
    sections, seen = [], set()
    for p in index.passages.in_graphs({i.graph for i in infos}):
        if p.section and (p.graph, p.section) not in seen:
            seen.add((p.graph, p.section))
            sections.append({"section": p.section, "graph": p.graph, "first": p.text[:80]})
    audit = None
    try:
        rows = store.select(with_prefixes(f"""SELECT ?r ?p ?o WHERE {{ ?r a ?t ; ?p ?o . {values("plan", [iri])}
            ?r pk:auditedPlan ?plan }} LIMIT 200"""))
        audit = rows or None
    except Exception:  # noqa: BLE001 - audit results are optional
        audit = None
    seen, ordered = set(), []
    for f in facts["facts"]:  # one row per fact (the annex repeats some), metadata before long lists
        key = (f["property"], f.get("iri") or f.get("value"))
        if key not in seen:
            seen.add(key)
            ordered.append(f)
    ordered.sort(key=lambda f: f["property"] in ("adopts", "cites", "has_part", "type"))
    return {"iri": iri, "title": main.title, "level": main.level, "graphs": [i.graph for i in infos],
            "annexes": [i.title for i in infos if i.is_annex], "facts": ordered, "sections": sections,
            "audit": audit}


def examples(store) -> dict[str, list[str]]:
    """Example questions built from what the graph holds (so they fit any ingested plans)."""
    ix = get_index(store)
    zh, en = [], []
    # the town role most often given to divisions, and the division with most such towns
    rows = store.select(with_prefixes("""SELECT ?r ?d (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pk:role ?r ; pk:withinDivision ?d .
        ?d pk:withinDivision ?up . FILTER(STRSTARTS(STR(?r), STR(pkv:))) } GROUP BY ?r ?d ORDER BY DESC(?n) ?d LIMIT 1"""))
    if rows and rows[0]["d"] in ix.labels and rows[0]["r"] in ix.labels:
        place, role = ix.labels[rows[0]["d"]], ix.labels[rows[0]["r"]]
        zh.append(f"{place}有哪些{role}？")
        en_role = next((str(r["l"]) for r in store.select(with_prefixes(f"""SELECT ?l WHERE {{ {sparql_iri(rows[0]['r'])}
            skos:prefLabel ?l FILTER(LANG(?l) = "en") }}"""))), "")
        if en_role:
            en.append(f"Which {en_role}s are in {en_name(place)}?")
    rows = store.select(with_prefixes("""SELECT ?d (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a pk:Project ; pk:locatedIn ?d }
        GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 1"""))
    if rows and rows[0]["d"] in ix.labels:
        zh.append(f"哪些工程位于{ix.labels[rows[0]['d']]}？")
        en.append(f"Which projects are in {en_name(ix.labels[rows[0]['d']])}?")
    rows = store.select(with_prefixes("""SELECT ?i ?y WHERE { ?v pk:indicator ?i ; pk:year ?y ; a pk:Target } ORDER BY ?y ?i LIMIT 1"""))
    if rows and rows[0]["i"] in ix.labels:
        zh.append(f"到{rows[0]['y']}年{ix.labels[rows[0]['i']]}目标是多少？")
    rows = store.select(with_prefixes("""SELECT ?g ?n WHERE { ?g a pk:Group ; pk:declaredCount ?n ; pk:listedCount ?n .
        FILTER(?n >= 2) } ORDER BY ?n ?g LIMIT 20"""))
    for r in rows:
        lab = ix.labels.get(r["g"], "")
        if re.match(r"^[一二两三四五六七八九十]", lab):
            zh.append(f"“{lab}”是哪些？")
            break
    zh.append("规划基期年是哪一年？")
    en.append("What is the base year of the plan?")
    return {"zh": zh, "en": en}
