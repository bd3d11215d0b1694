"""What the plan dossier and entity pages show, read from the store (``Store.select`` only).

Every IRI that reaches a query has been checked by ``iri_term`` and is bound with VALUES; no user
text is spliced into SPARQL. Property and class names are shown by their ontology labels
(``plankg.ontology.concept_label``), in Chinese unless the page asks for English.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from plankg import errors
from plankg.api.dossier_monitor import monitor_section
from plankg.changes.versions import plan_versions
from plankg.graph import geo
from plankg.graph.versions import superseded_graphs
from plankg.shapes.context import find_higher
from plankg.graph.namespaces import GRAPH_BASE, PK, sparql_prefixes
from plankg.ontology import concept_label

_IRI = re.compile(r"^https?://[^\s<>\"{}|^`\\\x00-\x1f]{1,1900}$")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL_PROPS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")
# plan metadata shown in the header, in this order (the rest of a plan's triples are the sections below)
PLAN_FIELDS = ("level", "planType", "processStep", "periodStart", "periodEnd", "baseYear", "nearTermYear",
               "visionYear", "issuedBy", "organizedBy", "issueDate", "coversRegion", "planId")
# structural or bookkeeping links that are shown elsewhere on a page (or not at all)
HIDDEN = {RDF_TYPE, str(PK.source), str(PK.mentions), "http://data.europa.eu/eli/ontology#has_part",
          "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject", "http://www.w3.org/1999/02/22-rdf-syntax-ns#object",
          "http://www.opengis.net/ont/geosparql#hasGeometry"}
# Labels for the few W3C/ELI terms plankg uses that its ontology does not declare (pk: terms and SKOS
# concepts are labelled in ontology/*.ttl and read through concept_label).
EXTERNAL_LABELS = {
    "http://www.w3.org/2004/02/skos/core#altLabel": ("别名", "also known as"),
    "http://www.w3.org/2004/02/skos/core#prefLabel": ("名称", "name"),
    "http://www.w3.org/2000/01/rdf-schema#label": ("名称", "name"),
    "http://www.w3.org/ns/prov#wasDerivedFrom": ("数据来源", "derived from"),
    "http://data.europa.eu/eli/ontology#cites": ("引用", "cites"),
    "http://data.europa.eu/eli/ontology#based_on": ("依据（上位规划）", "based on"),
    "http://data.europa.eu/eli/ontology#title": ("标题", "title"),
    "http://data.europa.eu/eli/ontology#is_part_of": ("属于", "is part of"),
    "http://data.europa.eu/eli/ontology#has_part": ("包含", "has part"),
    "http://www.opengis.net/ont/geosparql#sfWithin": ("位于", "within"),
    "http://www.opengis.net/ont/geosparql#hasGeometry": ("几何", "geometry"),
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": ("类型", "type"),
}
BOUND_SIGN = {"ge": "≥", "le": "≤", "eq": "=", "approx": "≈"}
MAX_ROWS = 2000


class BadIri(ValueError):
    """The text given as an IRI is not one (the route turns it into a 404)."""


def iri_term(iri: str) -> str:
    """``<iri>`` for a checked absolute http(s) IRI; raises BadIri otherwise (never splice unchecked text)."""
    if not isinstance(iri, str) or not _IRI.match(iri):
        raise BadIri(iri)
    return f"<{iri}>"


def values(var: str, iris) -> str:
    return f"VALUES ?{var} {{ {' '.join(iri_term(i) for i in iris)} }}"


def _q(body: str) -> str:
    return sparql_prefixes() + body


def _tail(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _is_iri(v) -> bool:
    return isinstance(v, str) and v.startswith(("http://", "https://"))


def term_label(iri: str, lang: str) -> str:
    """Ontology label of a property or class (``pk:coversRegion`` → 覆盖区域), else its local name."""
    external = EXTERNAL_LABELS.get(iri)
    if external:
        return external[0] if lang == "zh" else external[1]
    return concept_label(iri, lang) or _tail(iri)


def node_labels(store, iris, lang: str = "zh") -> dict[str, str]:
    """rdfs:label / skos:prefLabel of nodes, preferring ``lang`` (then an untagged label, then any)."""
    iris = sorted({i for i in iris if _is_iri(i) and _IRI.match(i)})
    out: dict[str, tuple[int, str]] = {}
    for start in range(0, len(iris), 400):
        rows = store.select(_q(f"""SELECT ?s ?l (LANG(?l) AS ?lang) WHERE {{ {values('s', iris[start:start + 400])}
            ?s rdfs:label|skos:prefLabel ?l }}"""))
        for r in rows:
            rank = 0 if r.get("lang") == lang else 1 if not r.get("lang") else 2
            if r["s"] not in out or rank < out[r["s"]][0]:
                out[r["s"]] = (rank, str(r["l"]))
    return {k: v for k, (_, v) in out.items()}


def _number(v) -> str:
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))
    return str(v)


# ---------------------------------------------------------------------- typed page data
@dataclass
class Link:
    iri: str
    label: str


@dataclass
class Fact:
    property: str  # the ontology label, e.g. 规划层级
    property_iri: str
    value: str
    iri: str | None = None
    plan: str | None = None


@dataclass
class Section:
    label: str
    number: str | None
    depth: int
    document: str


@dataclass
class Document:
    iri: str
    graph: str
    title: str
    kind: str  # plan | annex
    sections: list[Section] = field(default_factory=list)


@dataclass
class IndicatorRow:
    indicator: str
    area: str | None
    cells: dict[str, str]  # year (or "—") → "≥ 54.7 万亩 · 约束性"
    iri: str


@dataclass
class Listing:
    iri: str
    label: str
    kind: str
    declared: int | None
    members: list[Link]


@dataclass
class Project:
    iri: str
    label: str
    attributes: list[Fact]


@dataclass
class Source:
    plan: str
    section: str | None
    text: str
    passage: str


# ---------------------------------------------------------------------- plan dossier
def plan_documents(store, iri: str) -> list[Document]:
    """The plan's own document first, then its annexes (each with its named graph)."""
    # a document of the plan is the plan itself or an annex of it, as held in its own graph (the one
    # that records its file name: other plans' graphs only mention it)
    rows = store.select(_q(f"""SELECT DISTINCT ?doc ?g ?t ?title WHERE {{ {values('plan', [iri])}
        ?doc pk:annexOf? ?plan .
        GRAPH ?g {{ ?doc a ?t ; rdfs:label ?title ; pk:fileName ?file FILTER(?t IN (pk:Plan, pk:Annex)) }}
        FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }}"""))
    docs: dict[tuple[str, str], Document] = {}
    for r in rows:
        kind = "annex" if r["t"] == str(PK.Annex) else "plan"
        docs.setdefault((r["doc"], r["g"]), Document(r["doc"], r["g"], str(r["title"]), kind))
    return sorted(docs.values(), key=lambda d: (d.kind != "plan", d.title, d.graph))


def outline(store, doc: Document) -> list[Section]:
    """Sections and chapters of one document, once each, in text order (by their first passage)."""
    rows = store.select(_q(f"""SELECT ?sec ?num ?l (MIN(?o) AS ?first) (MIN(?so) AS ?sub) WHERE {{
        {values('g', [doc.graph])} GRAPH ?g {{ ?sec a ?t FILTER(?t IN (pk:Section, pk:Chapter))
          OPTIONAL {{ ?sec pk:sectionNumber ?num }} OPTIONAL {{ ?sec rdfs:label ?l }}
          OPTIONAL {{ ?p eli:is_part_of ?sec ; pk:ordinal ?o }}
          OPTIONAL {{ ?child eli:is_part_of ?sec . ?sp eli:is_part_of ?child ; pk:ordinal ?so }} }}
        }} GROUP BY ?sec ?num ?l"""))
    seen: dict[str, tuple] = {}
    for r in rows:
        order = min((x for x in (r.get("first"), r.get("sub")) if x is not None), default=10**9)
        label = str(r.get("l") or r.get("num") or _tail(r["sec"]))
        number = str(r["num"]) if r.get("num") is not None else None
        if r["sec"] not in seen:
            seen[r["sec"]] = (order, label, number)
    ordered = sorted(seen.values(), key=lambda x: (x[0], x[2] or "", x[1]))
    return [Section(label, number, (number or "").count(".") if number else 0, doc.iri) for _, label, number in ordered]


def plan_meta(store, iri: str, lang: str, graphs: list[str] | None = None) -> list[Fact]:
    """The plan's metadata, as its ``graphs`` (the version shown) state it; all graphs when None."""
    props = [str(PK[name]) for name in PLAN_FIELDS]
    pattern = f"GRAPH ?g {{ ?s ?p ?o }} {values('g', graphs)}" if graphs else "?s ?p ?o"
    rows = store.select(_q(f"""SELECT DISTINCT ?p ?o WHERE {{ {values('s', [iri])} {values('p', props)} {pattern} }}"""))
    labels = node_labels(store, [r["o"] for r in rows], lang)
    facts, seen = [], set()
    for r in sorted(rows, key=lambda r: props.index(r["p"])):
        if r["p"] in seen:  # one value per field (a re-ingested draft repeats them)
            continue
        seen.add(r["p"])
        obj = r["o"]
        facts.append(Fact(term_label(r["p"], lang), r["p"], labels.get(obj, _tail(obj)) if _is_iri(obj) else _number(obj),
                          obj if _is_iri(obj) else None))
    return facts


def indicator_table(store, graphs: list[str], lang: str) -> tuple[list[str], list[IndicatorRow]]:
    """Indicator × area rows with one cell per year: value and unit, bound, nature (counts of listed things
    such as 三条控制线 are left to the lists)."""
    rows = store.select(_q(f"""SELECT ?v ?ind ?value ?unit ?year ?bound ?nature ?area WHERE {{ {values('g', graphs)}
        GRAPH ?g {{ ?v a pk:IndicatorValue ; pk:indicator ?ind ; pk:value ?value
          FILTER NOT EXISTS {{ ?v pk:isCount true }}
          OPTIONAL {{ ?v pk:unitLabel ?unit }} OPTIONAL {{ ?v pk:year ?year }} OPTIONAL {{ ?v pk:bound ?bound }}
          OPTIONAL {{ ?v pk:nature ?nature }} OPTIONAL {{ ?v pk:refArea ?area }} }} }} LIMIT {MAX_ROWS}"""))
    labels = node_labels(store, [r.get(k) for r in rows for k in ("ind", "nature", "area")], lang)
    table: dict[tuple[str, str | None], IndicatorRow] = {}
    years: set[str] = set()
    for r in rows:
        year = str(r["year"]) if r.get("year") is not None else "—"
        years.add(year)
        key = (r["ind"], r.get("area"))
        row = table.setdefault(key, IndicatorRow(labels.get(r["ind"], _tail(r["ind"])),
                                                 labels.get(r["area"]) if r.get("area") else None, {}, r["ind"]))
        sign = BOUND_SIGN.get(_tail(r["bound"]), "") if r.get("bound") else ""
        cell = " ".join(x for x in (sign, _number(r["value"]), str(r.get("unit") or "")) if x)
        if r.get("nature"):
            cell += " · " + labels.get(r["nature"], _tail(r["nature"]))
        row.cells[year] = cell if year not in row.cells else row.cells[year]
    ordered_years = sorted(years, key=lambda y: (y == "—", y))
    return ordered_years, sorted(table.values(), key=lambda x: (x.area is not None, x.area or "", x.indicator))


def listings(store, graphs: list[str], lang: str) -> list[Listing]:
    """Named lists (pk:Group) and spatial structures with their members or parts."""
    rows = store.select(_q(f"""SELECT ?s ?t ?m ?declared WHERE {{ {values('g', graphs)}
        GRAPH ?g {{ ?s a ?t FILTER(?t IN (pk:Group, pk:SpatialStructure, pk:NamedNetwork))
          ?s pk:hasMember|pk:hasPart ?m OPTIONAL {{ ?s pk:declaredCount ?declared }} }} }} LIMIT {MAX_ROWS}"""))
    labels = node_labels(store, [r[k] for r in rows for k in ("s", "m")], lang)
    out: dict[str, Listing] = {}
    for r in rows:
        item = out.setdefault(r["s"], Listing(r["s"], labels.get(r["s"], _tail(r["s"])), term_label(r["t"], lang),
                                              int(r["declared"]) if r.get("declared") is not None else None, []))
        if r["m"] not in {m.iri for m in item.members}:
            item.members.append(Link(r["m"], labels.get(r["m"], _tail(r["m"]))))
    for item in out.values():
        item.members.sort(key=lambda m: m.label)
    return sorted(out.values(), key=lambda x: (x.kind, x.label))


def projects(store, graphs: list[str], lang: str) -> list[Project]:
    rows = store.select(_q(f"""SELECT ?s ?p ?o WHERE {{ {values('g', graphs)}
        GRAPH ?g {{ ?s a pk:Project ; ?p ?o }} }} LIMIT {MAX_ROWS}"""))
    labels = node_labels(store, {r["s"] for r in rows} | {r["o"] for r in rows if _is_iri(r["o"])}, lang)
    out: dict[str, Project] = {}
    for r in rows:
        proj = out.setdefault(r["s"], Project(r["s"], labels.get(r["s"], _tail(r["s"])), []))
        if r["p"] in HIDDEN or r["p"] in LABEL_PROPS:
            continue
        obj = r["o"]
        fact = Fact(term_label(r["p"], lang), r["p"], labels.get(obj, _tail(obj)) if _is_iri(obj) else _number(obj),
                    obj if _is_iri(obj) else None)
        if all((f.property_iri, f.value) != (fact.property_iri, fact.value) for f in proj.attributes):
            proj.attributes.append(fact)
    for proj in out.values():
        proj.attributes.sort(key=lambda f: (f.property, f.value))
    return sorted(out.values(), key=lambda p: p.label)


def related_plans(store, iri: str, lang: str) -> dict[str, list[Link]]:
    """Cited documents, higher plans (this plan is based on) and lower plans (based on this plan)."""
    rows = store.select(_q(f"""SELECT DISTINCT ?rel ?o WHERE {{ {values('plan', [iri])}
        {{ ?plan eli:cites ?o BIND("cited" AS ?rel) }}
        UNION {{ ?plan pk:higherPlan|eli:based_on ?o BIND("higher" AS ?rel) }}
        UNION {{ ?o pk:higherPlan|eli:based_on ?plan BIND("lower" AS ?rel) }} }}"""))
    labels = node_labels(store, [r["o"] for r in rows], lang)
    out: dict[str, list[Link]] = {"cited": [], "higher": [], "lower": []}
    for r in rows:
        out[r["rel"]].append(Link(r["o"], labels.get(r["o"], _tail(r["o"]))))
    for links in out.values():
        links.sort(key=lambda x: x.label)
    return out


def with_audit_higher(store, iri: str, lang: str) -> dict[str, list[Link]]:
    """related_plans, its 上位规划 led by the plan an audit of this plan compares it with (found by citation,
    level, region and type — a county plan that cites no plan still has its city plan)."""
    related = related_plans(store, iri, lang)
    try:
        higher = find_higher(store, iri).higher
    except errors.PlankgError:
        higher = None  # not an ingested plan: nothing to audit against
    if higher and higher not in {link.iri for link in related["higher"]}:
        related["higher"].insert(0, Link(higher, node_labels(store, [higher], lang).get(higher, _tail(higher))))
    return related


def region_map(store, region: str | None, graphs: list[str]) -> dict | None:
    """The plan's region and the county-level units within it, with how many of the plan's entities
    lie in each (pk:locatedIn or pk:withinDivision)."""
    if not region:
        return None
    rows = store.select(_q(f"""SELECT ?d (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {values('region', [region])}
        {values('g', graphs)} GRAPH ?g {{ ?d pk:withinDivision ?region . ?d a pk:County }}
        OPTIONAL {{ GRAPH ?g {{ ?e pk:locatedIn|pk:withinDivision ?d FILTER NOT EXISTS {{ ?e a pk:AdministrativeDivision }} }} }}
        }} GROUP BY ?d"""))
    parts = sorted(r["d"] for r in rows)
    counts = {r["d"]: int(r["n"]) for r in rows}
    labels = node_labels(store, [region, *parts])
    fc = geo.feature_collection([region, *parts], counts=counts, names=labels)
    return fc if fc["features"] else None


def owning_plan(store, iri: str) -> str:
    """The plan an annex belongs to (a dossier is per plan); any other IRI is returned unchanged."""
    rows = store.select(_q(f"SELECT ?plan WHERE {{ {values('annex', [iri])} ?annex pk:annexOf ?plan }} LIMIT 1"))
    return rows[0]["plan"] if rows else iri


def plan_dossier(store, iri: str, lang: str = "zh") -> dict | None:
    iri = owning_plan(store, iri)
    superseded = superseded_graphs(store)  # the current version is shown unless one is named
    docs = [d for d in plan_documents(store, iri) if d.graph not in superseded]
    if not docs or docs[0].kind != "plan":
        return None
    for doc in docs:
        doc.sections = outline(store, doc)
    graphs = [d.graph for d in docs]
    meta = plan_meta(store, iri, lang, graphs)
    region = next((f.iri for f in meta if f.property_iri == str(PK.coversRegion)), None)
    plan_id = next((f.value for f in meta if f.property_iri == str(PK.planId)), None)
    years, indicators = indicator_table(store, graphs, lang)
    region_fc = region_map(store, region, graphs)
    monitoring = monitor_section(store, plan_id, region_fc)  # colours the map's counties by their worst status
    versions = plan_versions(store, plan_id) if plan_id else []
    return {"iri": iri, "id": plan_id, "title": docs[0].title, "meta": [asdict(f) for f in meta],
            "documents": [asdict(d) for d in docs], "indicatorYears": years,
            "indicators": [asdict(r) for r in indicators],
            "listings": [asdict(x) for x in listings(store, graphs, lang)],
            "projects": [asdict(p) for p in projects(store, graphs, lang)],
            "plans": {k: [asdict(x) for x in v] for k, v in with_audit_higher(store, iri, lang).items()},
            "map": region_fc, "monitor": monitoring,
            "versions": [asdict(v) | {"current": v is versions[-1]} for v in versions]}  # the 版本 panel


# ---------------------------------------------------------------------- entity page
def _sources(store, passages: list[str], lang: str) -> list[Source]:
    if not passages:
        return []
    rows = store.select(_q(f"""SELECT ?psg ?text ?doc ?sec WHERE {{ {values('psg', passages[:50])}
        ?psg pk:text ?text OPTIONAL {{ ?psg pk:inDocument ?doc }} OPTIONAL {{ ?psg eli:is_part_of ?sec }} }}"""))
    labels = node_labels(store, [r.get(k) for r in rows for k in ("doc", "sec")], lang)
    out: dict[str, Source] = {}
    for r in rows:
        out.setdefault(r["psg"], Source(labels.get(r.get("doc"), ""), labels.get(r.get("sec")), str(r["text"]), r["psg"]))
    return list(out.values())


def _place_codes(store, iri: str) -> list[str]:
    """Division codes to draw for a node: its own, else the divisions it is located in."""
    if geo.division_code(iri):
        return [iri]
    rows = store.select(_q(f"""SELECT DISTINCT ?d WHERE {{ {values('s', [iri])}
        ?s pk:locatedIn|pk:withinDivision|pk:refArea|pk:coversRegion ?d FILTER(STRSTARTS(STR(?d), "{geo.DIVISION_BASE}")) }}"""))
    return sorted(r["d"] for r in rows)


def entity_view(store, iri: str, lang: str = "zh") -> dict | None:
    """Label, types and facts of a node with Chinese (or English) property names, its neighbours,
    the passages it comes from, and a map when it is or lies in an administrative division."""
    node = iri_term(iri)
    out_rows = store.select(_q(f"SELECT DISTINCT ?g ?p ?o WHERE {{ GRAPH ?g {{ {node} ?p ?o }} }} LIMIT {MAX_ROWS}"))
    in_rows = store.select(_q(f"""SELECT DISTINCT ?g ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {node} }}
        FILTER(?p NOT IN (rdf:subject, rdf:object, pk:mentions)) FILTER NOT EXISTS {{ ?s a pk:Passage }} }} LIMIT 500"""))
    if not out_rows and not in_rows:
        return None
    graphs = {r["g"] for r in out_rows + in_rows}
    plan_rows = store.select(_q(f"""SELECT ?g ?title ?step WHERE {{ {values('g', sorted(graphs))}
        GRAPH ?g {{ ?d a ?t ; rdfs:label ?title FILTER(?t IN (pk:Plan, pk:Annex)) ?d pk:fileName ?f
                   OPTIONAL {{ ?d pk:processStep ?step }} }} }}"""))
    # the version that states a fact: "title（公示稿）" when the graph records its process step
    plan_of = {r["g"]: str(r["title"]) + (f"（{term_label(r['step'], lang)}）" if r.get("step") else "") for r in plan_rows}
    labels = node_labels(store, [iri] + [r["o"] for r in out_rows] + [r["s"] for r in in_rows], lang)
    types = {r["o"] for r in out_rows if r["p"] == RDF_TYPE}
    facts: list[Fact] = []
    seen = set()
    for r in out_rows:
        if r["p"] in HIDDEN or r["p"] in LABEL_PROPS or (r["p"], r["o"]) in seen:
            continue
        seen.add((r["p"], r["o"]))
        obj = r["o"]
        facts.append(Fact(term_label(r["p"], lang), r["p"], labels.get(obj, _tail(obj)) if _is_iri(obj) else _number(obj),
                          obj if _is_iri(obj) else None, plan_of.get(r["g"])))
    neighbours = []
    for r in in_rows:
        if r["p"] in HIDDEN or r["s"] not in labels:
            continue
        neighbours.append(Fact(term_label(r["p"], lang), r["p"], labels[r["s"]], r["s"], plan_of.get(r["g"])))
    passages = sorted({r["o"] for r in out_rows if r["p"] == str(PK.source)})
    codes = _place_codes(store, iri)
    place_names = node_labels(store, codes, lang)
    fc = geo.feature_collection(codes, names=place_names) if codes else None
    return {"iri": iri, "label": labels.get(iri, _tail(iri)),
            "types": sorted({term_label(t, lang) for t in types}),
            "facts": [asdict(f) for f in sorted(facts, key=lambda f: (f.property, f.value))],
            "neighbours": [asdict(f) for f in sorted(neighbours, key=lambda f: (f.property, f.value))][:300],
            "sources": [asdict(s) for s in _sources(store, passages, lang)],
            "map": fc if fc and fc["features"] else None}

