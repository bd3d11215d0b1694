"""Consistency audit of a lower plan against its higher plan (SHACL shapes in shapes/*.ttl).

Stages, each with typed output:
  find_higher(store, lower)       -> Context      which higher plan, found how, cited plans missing
  build_data(store, context)      -> AuditData    union of lower + higher graphs (+ annexes), ontology,
                                                  annotations and the audit context triples
  evaluate_pyshacl / evaluate_fast -> [RawResult] pyshacl, or each constraint as one SPARQL query on
                                                  Oxigraph (identical results: tests/test_audit_engine)
  build_report(...)               -> AuditReport  findings with expected/found and quoted evidence
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Literal as TLiteral

import pyoxigraph as ox
from pydantic import BaseModel
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from plankg.extract.lexicon import cn_to_int
from plankg import errors
from plankg.graph.namespaces import ELI, GRAPH_BASE, ID, ONTOLOGY_GRAPH, PK, SH

PKA = Namespace("https://w3id.org/plankg/audit#")
SHAPE_FILES = ("annotations.ttl", "integrity.ttl", "transmission.ttl")
PLAN_BASE = str(ID) + "plan/"
DIVISION_BASE = str(ID) + "division/"
LEVELS = ["province", "city", "county", "township"]
VERSION_ORDER = ["approved", "publicity", "draft"]  # preferred document version first
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}

Engine = TLiteral["fast", "pyshacl"]


# ---------------------------------------------------------------- typed data
class Evidence(BaseModel):
    plan: str
    section: str | None = None
    text: str
    role: str = "lower"  # lower | higher | provision


class Finding(BaseModel):
    id: str
    mode: str
    mode_label: str
    severity: str
    message: str
    message_en: str = ""
    focus: str
    value: str | None = None
    label: str | None = None
    expected: str | None = None
    found: str | None = None
    shape: str
    evidence: list[Evidence] = []


class AuditReport(BaseModel):
    plan: str
    plan_title: str | None = None
    against: str | None = None
    against_title: str | None = None
    found_by: str | None = None
    conforms: bool
    findings: list[Finding]
    engine: str
    seconds: float
    ttl: str = ""

    def counts(self) -> dict[str, dict[str, int]]:
        """{mode_label: {severity: n}}."""
        out: dict[str, dict[str, int]] = {}
        for f in self.findings:
            out.setdefault(f.mode_label, {}).setdefault(f.severity, 0)
            out[f.mode_label][f.severity] += 1
        return out

    def public(self) -> dict:
        """The documented JSON shape (`plankg audit --format json`)."""
        return {"plan": self.plan, "against": self.against, "conforms": self.conforms,
                "findings": [{"id": f.id, "mode": f.mode_label, "severity": f.severity,
                              "message": f.message, "focus": f.focus, "expected": f.expected,
                              "found": f.found,
                              "evidence": [{"plan": e.plan, "section": e.section, "text": e.text}
                                           for e in f.evidence]}
                             for f in self.findings]}


@dataclass
class Context:
    lower: str
    higher: str | None
    found_by: str | None  # citation | hierarchy | explicit | None
    missing_cited: list[str] = field(default_factory=list)


@dataclass
class AuditData:
    context: Context
    nt: bytes             # every triple the shapes read, as N-Triples
    ox: ox.Store          # the same triples in an in-memory Oxigraph store (fast path, evidence)
    _graph: Graph | None = None

    @property
    def graph(self) -> Graph:
        """rdflib Memory graph for pyshacl, parsed on first use with rdflib's own parser (stack notes §3)."""
        if self._graph is None:
            self._graph = Graph().parse(data=self.nt.decode("utf-8"), format="nt")
        return self._graph


@dataclass(frozen=True)
class RawResult:
    shape: str
    focus: str
    value: str | None
    severity: str
    row: tuple = ()       # extra projected variables (name, value) from the SPARQL constraint


# ---------------------------------------------------------------- shapes
@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = Graph()
    root = files("plankg.shapes")
    for name in SHAPE_FILES:
        g.parse(data=root.joinpath(name).read_text(encoding="utf-8"), format="turtle")
    return g


@lru_cache(maxsize=1)
def _annotations_nt() -> bytes:
    g = Graph().parse(data=files("plankg.shapes").joinpath("annotations.ttl").read_text(encoding="utf-8"),
                      format="turtle")
    return g.serialize(format="nt", encoding="utf-8")


@dataclass(frozen=True)
class ShapeInfo:
    iri: str
    rule_id: str
    mode: str
    mode_label: str
    severity: str
    messages: tuple[tuple[str, str], ...]  # (lang, template)
    provision: str
    provision_pattern: str | None
    select: str | None                     # SPARQL with prefixes, $this → ?this
    targets: tuple[tuple[str, str], ...]   # (kind, iri)
    min_count_path: str | None


@lru_cache(maxsize=1)
def shape_infos() -> dict[str, ShapeInfo]:
    g = shapes_graph()
    prefixes = "".join(f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
                       for d in g.objects(PKA.prefixes, SH.declare))
    out: dict[str, ShapeInfo] = {}
    for shape, rule in g.subject_objects(PKA.ruleId):
        mode = g.value(shape, PKA.mode)
        mode_label = next((str(l) for l in g.objects(mode, SKOS.prefLabel) if l.language == "zh"), str(mode))
        sev = str(g.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
        constraint = g.value(shape, SH.sparql)
        msg_node = constraint if constraint is not None else shape
        messages = tuple(sorted(((l.language or "", str(l)) for l in g.objects(msg_node, SH.message)),
                                key=lambda m: m[0] != "zh"))
        select = None
        if constraint is not None:
            select = prefixes + str(g.value(constraint, SH.select)).replace("$this", "?this")
        targets = tuple([("class", str(c)) for c in g.objects(shape, SH.targetClass)]
                        + [("subjectsOf", str(p)) for p in g.objects(shape, SH.targetSubjectsOf)])
        path = g.value(shape, SH.path) if g.value(shape, SH.minCount) is not None else None
        pattern = g.value(shape, PKA.provisionPattern)
        out[str(shape)] = ShapeInfo(str(shape), str(rule), str(mode), mode_label, sev, messages,
                                    str(g.value(shape, PKA.provision) or ""),
                                    str(pattern) if pattern else None, select, targets,
                                    str(path) if path is not None else None)
    return out


# ---------------------------------------------------------------- plans in the store
def plan_iri(plan_id: str) -> str:
    return plan_id if plan_id.startswith("http") else PLAN_BASE + plan_id


def plan_id_of(iri: str) -> str:
    return iri[len(PLAN_BASE):] if iri.startswith(PLAN_BASE) else iri


def ingested_plans(store) -> dict[str, list[str]]:
    """plan IRI -> its named graphs (document versions and annexes) in the store."""
    out: dict[str, list[str]] = {}
    for g in store.graphs():
        if not g.startswith(GRAPH_BASE) or g == ONTOLOGY_GRAPH:
            continue
        rest = g[len(GRAPH_BASE):]
        if "/" not in rest or rest.startswith("_"):
            continue
        out.setdefault(PLAN_BASE + rest.split("/", 1)[0], []).append(g)
    return out


def plan_graphs(graphs: list[str]) -> list[str]:
    """One document version (approved > publicity > draft > other) plus every annex."""
    annexes = [g for g in graphs if g.rsplit("/", 1)[-1].startswith("annex")]
    docs = [g for g in graphs if g not in annexes]
    rank = {v: i for i, v in enumerate(VERSION_ORDER)}
    docs.sort(key=lambda g: (rank.get(g.rsplit("/", 1)[-1], len(rank)), g))
    return docs[:1] + sorted(annexes)


def _values(iris) -> str:
    return " ".join(f"<{i}>" for i in iris)


def plan_facts(store, iris: list[str]) -> dict[str, dict]:
    """level, region, title, planType and cited plan IRIs of the given plans."""
    if not iris:
        return {}
    rows = store.select(
        "SELECT ?p ?level ?region ?title ?type WHERE { VALUES ?p { " + _values(iris) + " } "
        f"OPTIONAL {{ ?p <{PK.level}> ?level }} OPTIONAL {{ ?p <{PK.coversRegion}> ?region }} "
        f"OPTIONAL {{ ?p <{ELI.title}> ?title }} OPTIONAL {{ ?p <{PK.planType}> ?type }} }}")
    out: dict[str, dict] = {i: {"cites": []} for i in iris}
    for r in rows:
        d = out[r["p"]]
        for k in ("level", "region", "title", "type"):
            if k in r:
                d.setdefault(k, str(r[k]))
    cites = store.select(
        "SELECT DISTINCT ?p ?c WHERE { VALUES ?p { " + _values(iris) + " } "
        f"?p <{ELI.cites}>|<{PK.higherPlan}>|<{ELI.based_on}> ?c . "
        f"FILTER(STRSTARTS(STR(?c), \"{PLAN_BASE}\")) }}")
    for r in cites:
        out[r["p"]]["cites"].append(str(r["c"]))
    return out


def _level(iri: str | None) -> int | None:
    if not iri:
        return None
    key = iri.rsplit("/", 1)[-1]
    return LEVELS.index(key) if key in LEVELS else None


def parent_division(code: str) -> str | None:
    """Official code hierarchy: 140623101 -> 140623, 140623 -> 140600, 140600 -> 140000."""
    if len(code) > 6:
        return code[:6]
    if len(code) == 6 and code[4:] != "00":
        return code[:4] + "00"
    if len(code) == 6 and code[2:] != "0000":
        return code[:2] + "0000"
    return None


def find_higher(store, lower: str, against: str | None = None) -> Context:
    plans = ingested_plans(store)
    if lower not in plans:
        raise errors.UnknownPlan(f"plan {plan_id_of(lower)!r} is not in the store")
    facts = plan_facts(store, sorted(plans))
    me = facts[lower]
    missing = sorted({c for c in me["cites"] if c not in plans and c != lower})
    if against is not None:
        if against not in plans:
            raise errors.UnknownPlan(f"plan {plan_id_of(against)!r} is not in the store")
        return Context(lower, against, "explicit", missing)
    my_level = _level(me.get("level"))
    region = (me.get("region") or "").rsplit("/", 1)[-1]
    parent = parent_division(region) if region else None

    def direct(p: str) -> bool:
        lv = _level(facts[p].get("level"))
        reg = (facts[p].get("region") or "").rsplit("/", 1)[-1]
        return (my_level is not None and lv == my_level - 1) and (parent is None or reg == parent)

    def master_first(p: str) -> tuple:
        return (not (facts[p].get("type") or "").endswith("/master"), p)

    cited = sorted((c for c in me["cites"] if c in plans and c != lower and direct(c)), key=master_first)
    if cited:
        return Context(lower, cited[0], "citation", missing)
    by_region = sorted((p for p in plans if p != lower and direct(p)), key=master_first)
    if by_region and parent is not None:
        return Context(lower, by_region[0], "hierarchy", missing)
    return Context(lower, None, None, missing)


# ---------------------------------------------------------------- data graph
def _graph_nt(store, graph_iri: str) -> bytes:
    return store.dump("nt", graph_iri)  # the Store protocol: one graph, read where it lives


def _ontology_nt(store) -> bytes:
    if ONTOLOGY_GRAPH in store.graphs():
        return _graph_nt(store, ONTOLOGY_GRAPH)
    from plankg.ontology import ontology_graph
    return ontology_graph().serialize(format="nt", encoding="utf-8")


def context_triples(ctx: Context) -> Graph:
    g = Graph()
    lower = URIRef(ctx.lower)
    g.add((lower, RDF.type, PKA.AuditedPlan))
    if ctx.higher:
        g.add((lower, PKA.auditedAgainst, URIRef(ctx.higher)))
        g.add((lower, PKA.higherFoundBy, Literal(ctx.found_by)))
    for m in ctx.missing_cited:
        g.add((lower, PKA.missingCitedPlan, URIRef(m)))
    return g


def build_data(store, ctx: Context) -> AuditData:
    plans = ingested_plans(store)
    chunks = [_ontology_nt(store), _annotations_nt(),
              context_triples(ctx).serialize(format="nt", encoding="utf-8")]
    for p in filter(None, [ctx.lower, ctx.higher]):
        chunks += [_graph_nt(store, g) for g in plan_graphs(plans.get(p, []))]
    nt = b"\n".join(chunks)
    return data_from_nt(nt, ctx)


# Which plan states a node: the passage's document, or the plan an annex belongs to. Computed once
# so that every shape can say `?x pka:statedIn ?plan` instead of repeating a slow property path.
STATED_IN = f"""CONSTRUCT {{ ?x <{PKA.statedIn}> ?plan . ?p <{PKA.statedIn}> ?plan }} WHERE {{
  ?p <{PK.inDocument}> ?d . OPTIONAL {{ ?d <{PK.annexOf}> ?a }} BIND (COALESCE(?a, ?d) AS ?plan)
  OPTIONAL {{ ?x <{PK.source}> ?p }} }}"""


# Counted references such as "八大园区" that name a counted set of the plan again, in the same
# section, with another number. Found in the text because extraction only makes groups of lists.
_NUM = "零〇一二两三四五六七八九十百千双0-9０-９"
_CLASSIFIER = "个大条处类项张座"
_STEM = re.compile(f"^[{_NUM}]+[{_CLASSIFIER}]?")


def counted_mentions(oxs: ox.Store, plan: str) -> list[ox.Triple]:
    import hashlib
    q = (f"SELECT ?g ?label ?d ?sec WHERE {{ ?g <{PK.declaredCount}> ?d ; <{RDFS.label}> ?label ; "
         f"<{PK.source}> ?p . ?p <{PKA.statedIn}> <{plan}> ; <{ELI.is_part_of}> ?sec }}")
    out: list[ox.Triple] = []
    seen: set[str] = set()
    for g, label, d, sec in oxs.query(q):
        stem = _STEM.sub("", label.value)
        suffixes = sorted({stem[i:] for i in range(len(stem) - 1) if "\u4e00" <= stem[i] <= "\u9fff"},
                          key=len, reverse=True)
        if not suffixes or not d.value.isdigit():
            continue
        pattern = re.compile(f"([{_NUM}]+)([{_CLASSIFIER}]?)({'|'.join(map(re.escape, suffixes))})(?![\u4e00-\u9fff])")
        for p, text in oxs.query(f"SELECT ?p ?t WHERE {{ ?p <{ELI.is_part_of}> <{sec.value}> ; <{PK.text}> ?t }}"):
            for m in pattern.finditer(text.value):
                n = cn_to_int(m.group(1))
                if n is None or n == int(d.value) or m.group(0) == label.value:
                    continue
                node = ox.NamedNode(str(PKA) + "mention/" + hashlib.sha1(
                    f"{p.value}|{m.start()}|{g.value}".encode()).hexdigest()[:16])
                if node.value in seen:
                    continue
                seen.add(node.value)
                out += [ox.Triple(node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PKA.CountedMention))),
                        ox.Triple(node, ox.NamedNode(str(RDFS.label)), ox.Literal(m.group(0))),
                        ox.Triple(node, ox.NamedNode(str(PK.declaredCount)),
                                  ox.Literal(str(n), datatype=ox.NamedNode(str(XSD.integer)))),
                        ox.Triple(node, ox.NamedNode(str(PKA.mentionOf)), g),
                        ox.Triple(node, ox.NamedNode(str(PK.source)), p),
                        ox.Triple(node, ox.NamedNode(str(PKA.statedIn)), ox.NamedNode(plan))]
    return out


def mentioned_in(oxs: ox.Store, plans: list[str]) -> list[ox.Triple]:
    """`?x pka:mentionedIn P` when x is stated in P, shares a label with a node stated in P, or its
    label occurs in one of P's passages — so shapes need no slow label or text joins."""
    label_q = (f"SELECT ?x ?l WHERE {{ ?x <{RDFS.label}>|<{SKOS.altLabel}>|<{SKOS.prefLabel}> ?l }}")
    labels: dict[str, set[str]] = {}
    for x, lab in oxs.query(label_q):
        if isinstance(x, ox.NamedNode) and len(lab.value) >= 2:
            labels.setdefault(x.value, set()).add(lab.value)
    out: list[ox.Triple] = []
    pred = ox.NamedNode(str(PKA.mentionedIn))
    for plan in plans:
        stated = {r[0].value for r in oxs.query(f"SELECT DISTINCT ?x WHERE {{ ?x <{PKA.statedIn}> <{plan}> }}")
                  if isinstance(r[0], ox.NamedNode)}
        text = "\n".join(r[0].value for r in oxs.query(
            f"SELECT ?t WHERE {{ ?p <{PKA.statedIn}> <{plan}> ; <{PK.text}> ?t }}"))
        stated_labels = set().union(*(labels.get(x, set()) for x in stated)) if stated else set()
        for x, labs in labels.items():
            if x in stated or labs & stated_labels or any(lab in text for lab in labs):
                out.append(ox.Triple(ox.NamedNode(x), pred, ox.NamedNode(plan)))
        out += [ox.Triple(ox.NamedNode(x), pred, ox.NamedNode(plan)) for x in stated if x not in labels]
    return out


def _code(iri: str) -> str | None:
    return iri[len(DIVISION_BASE):] if iri.startswith(DIVISION_BASE) else None


def placed_in(oxs: ox.Store, plan: str, higher: str | None) -> list[ox.Triple]:
    """`?x pka:placedIn R` (R = the plan's region) when the data put x in R: pk:locatedIn /
    pk:withinDivision (directly, through the official hierarchy or the division code), x is a division
    under R, or a passage of the higher plan writes R's name right before x's ("X县Y园", "X县的Y园").
    `?x pka:namedAfter R` when x's name begins with R's name (右玉县城 → 右玉县): weaker evidence."""
    region = next((r[0].value for r in oxs.query(f"SELECT ?r WHERE {{ <{plan}> <{PK.coversRegion}> ?r }}")), None)
    if region is None:
        return []
    code = _code(region) or ""
    prefix = re.sub(r"(00)+$", "", code)
    names = [r[0].value for r in oxs.query(f"SELECT ?l WHERE {{ <{region}> <{RDFS.label}> ?l }}")]

    def under(iri: str) -> bool:
        c = _code(iri)
        return iri == region or bool(c and prefix and c != code and c.startswith(prefix))

    placed: set[str] = set()
    for x, loc in oxs.query(f"SELECT ?x ?loc WHERE {{ ?x <{PK.locatedIn}>|<{PK.withinDivision}> ?loc }}"):
        if isinstance(x, ox.NamedNode) and isinstance(loc, ox.NamedNode) and under(loc.value):
            placed.add(x.value)
    for (x,) in oxs.query(f"SELECT DISTINCT ?x WHERE {{ ?x (<{PK.locatedIn}>|<{PK.withinDivision}>)/<{PK.withinDivision}>+ <{region}> }}"):
        placed.add(x.value)
    for (x,) in oxs.query("SELECT DISTINCT ?x WHERE { ?x a ?c }"):
        if isinstance(x, ox.NamedNode) and x.value != region and under(x.value):
            placed.add(x.value)
    named: set[str] = set()
    if names:
        rows = oxs.query(f"SELECT ?x ?l WHERE {{ ?x <{RDFS.label}> ?l }}")
        labels = [(x.value, lab.value) for x, lab in rows if isinstance(x, ox.NamedNode)]
        named = {x for x, lab in labels if any(lab.startswith(n) and lab != n for n in names)}
        if higher:
            text = "\n".join(r[0].value for r in oxs.query(
                f"SELECT ?t WHERE {{ ?p <{PKA.statedIn}> <{higher}> ; <{PK.text}> ?t }}"))
            placed |= {x for x, lab in labels if not x.startswith(DIVISION_BASE)  # divisions: by code only
                       and any(n + lab in text or n + "的" + lab in text for n in names)}
    r_node = ox.NamedNode(region)
    return ([ox.Triple(ox.NamedNode(x), ox.NamedNode(str(PKA.placedIn)), r_node) for x in sorted(placed)]
            + [ox.Triple(ox.NamedNode(x), ox.NamedNode(str(PKA.namedAfter)), r_node) for x in sorted(named)])


def role_ranks(oxs: ox.Store) -> list[ox.Triple]:
    """`?role pka:roleRank n` for member roles whose label starts with a settlement rank's label
    (pka:RoleRank in shapes/annotations.ttl), so shapes compare ranks without string joins."""
    table = [(p.value, int(n.value)) for p, n in oxs.query(
        f"SELECT ?p ?n WHERE {{ ?r <{PKA.roleLabel}> ?p ; <{PKA.rank}> ?n }}")]
    ranks: dict[str, int] = {}
    for c, lab in oxs.query(f"SELECT DISTINCT ?c ?l WHERE {{ ?g <{PK.memberRole}> ?c . "
                            f"?c <{SKOS.prefLabel}>|<{RDFS.label}>|<{SKOS.altLabel}> ?l }}"):
        for pattern, n in table:
            if isinstance(c, ox.NamedNode) and lab.value.startswith(pattern):
                ranks[c.value] = min(n, ranks.get(c.value, n))
    return [ox.Triple(ox.NamedNode(c), ox.NamedNode(str(PKA.roleRank)),
                      ox.Literal(str(n), datatype=ox.NamedNode(str(XSD.integer)))) for c, n in sorted(ranks.items())]


def data_from_nt(nt: bytes, ctx: Context) -> AuditData:
    oxs = ox.Store()
    oxs.load(nt, format=ox.RdfFormat.N_TRIPLES)
    derived = ox.serialize(oxs.query(STATED_IN), format=ox.RdfFormat.N_TRIPLES)
    oxs.load(derived, format=ox.RdfFormat.N_TRIPLES)
    mentions = ox.serialize(counted_mentions(oxs, ctx.lower)
                            + mentioned_in(oxs, [p for p in (ctx.lower, ctx.higher) if p])
                            + placed_in(oxs, ctx.lower, ctx.higher) + role_ranks(oxs),
                            format=ox.RdfFormat.N_TRIPLES)
    oxs.load(mentions, format=ox.RdfFormat.N_TRIPLES)
    return AuditData(ctx, nt + b"\n" + derived + b"\n" + mentions, oxs)


def data_from_graph(graph: Graph, ctx: Context) -> AuditData:
    """For hand-written test data: the graph already holds everything the shapes read."""
    return data_from_nt(graph.serialize(format="nt", encoding="utf-8"), ctx)


# ---------------------------------------------------------------- evaluators
def evaluate_pyshacl(data: AuditData) -> list[RawResult]:
    from pyshacl import validate

    _conforms, report, _text = validate(data.graph, shacl_graph=shapes_graph(), advanced=True,
                                        inference="none", allow_warnings=True, abort_on_first=False)
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(r, SH.sourceShape)
        if isinstance(shape, BNode):  # a property shape inside a node shape: not used by our shapes
            continue
        value = report.value(r, SH.value)
        sev = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        out.append(RawResult(str(shape), str(report.value(r, SH.focusNode)),
                             None if value is None else str(value), sev))
    return _dedupe(out)


def _targets(store: ox.Store, targets) -> list[str]:
    nodes: set[str] = set()
    for kind, iri in targets:
        if kind == "class":
            q = (f"SELECT DISTINCT ?x WHERE {{ ?x a/<{RDFS.subClassOf}>* <{iri}> }}")
        else:
            q = f"SELECT DISTINCT ?x WHERE {{ ?x <{iri}> ?o }}"
        nodes.update(_term_str(row[0]) for row in store.query(q))
    return sorted(nodes)


def _term_str(t) -> str:
    return t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else str(t)


def evaluate_fast(data: AuditData, rows: bool = True) -> list[RawResult]:
    """Each shape once over the whole union on Oxigraph (same semantics for the shapes we ship)."""
    out = []
    for info in shape_infos().values():
        focus_nodes = _targets(data.ox, info.targets)
        if info.min_count_path:
            for f in focus_nodes:
                if not any(True for _ in data.ox.quads_for_pattern(ox.NamedNode(f), ox.NamedNode(info.min_count_path), None)):
                    out.append(RawResult(info.iri, f, None, info.severity))
            continue
        if info.select is None:
            continue
        for f in focus_nodes:
            res = data.ox.query(info.select, substitutions={ox.Variable("this"): ox.NamedNode(f)})
            names = [v.value for v in res.variables]
            for row in res:
                vals = {n: _term_str(t) for n, t in zip(names, row) if t is not None}
                out.append(RawResult(info.iri, f, vals.get("value"), info.severity,
                                     tuple(sorted(vals.items())) if rows else ()))
    return _dedupe(out)


def _dedupe(results: list[RawResult]) -> list[RawResult]:
    seen: dict[tuple, RawResult] = {}
    for r in results:
        seen.setdefault((r.shape, r.focus, r.value), r)
    return list(seen.values())


def result_keys(results: list[RawResult]) -> set[tuple]:
    return {(r.shape, r.focus, r.value) for r in results}


# ---------------------------------------------------------------- findings
_VAR = re.compile(r"\{[?$](\w+)\}")


def _fill(template: str, row: dict) -> str:
    return _VAR.sub(lambda m: str(row.get(m.group(1), "?")), template)


def _passage(store: ox.Store, iri: str | None, role: str) -> Evidence | None:
    if not iri:
        return None
    q = (f"SELECT ?text ?doc ?num ?sl ?title WHERE {{ <{iri}> <{PK.text}> ?text . "
         f"OPTIONAL {{ <{iri}> <{PK.inDocument}> ?d . OPTIONAL {{ ?d <{PK.annexOf}> ?pp }} "
         f"BIND(COALESCE(?pp, ?d) AS ?doc) OPTIONAL {{ ?doc <{ELI.title}> ?t0 }} "
         f"BIND(IF(BOUND(?pp), CONCAT(?t0, \"·附件\"), ?t0) AS ?title) }} "
         f"OPTIONAL {{ <{iri}> <{ELI.is_part_of}> ?s . OPTIONAL {{ ?s <{PK.sectionNumber}> ?num }} "
         f"OPTIONAL {{ ?s <{RDFS.label}> ?sl }} }} }} LIMIT 1")
    for row in store.query(q):
        text, doc, num, sl, title = (None if t is None else _term_str(t) for t in row)
        section = " ".join(x for x in (num, sl) if x and not (num and sl and sl.startswith(num))) or sl
        return Evidence(plan=title or plan_id_of(doc or ""), section=section, text=text, role=role)
    return None


def _provision(store: ox.Store, higher: str | None, pattern: str | None) -> Evidence | None:
    if not (higher and pattern):
        return None
    q = (f"SELECT ?p WHERE {{ ?p <{PK.text}> ?t ; <{PK.inDocument}> ?d . "
         f"FILTER(?d = <{higher}> || EXISTS {{ ?d <{PK.annexOf}> <{higher}> }}) "
         f"FILTER(CONTAINS(STR(?t), {_lit(pattern)})) OPTIONAL {{ ?p <{PK.ordinal}> ?o }} }} ORDER BY ?o LIMIT 1")
    for row in store.query(q):
        return _passage(store, _term_str(row[0]), "provision")
    return None


def _lit(text: str) -> str:
    return ox.Literal(text).__str__()


def _lower_passage_of(store: ox.Store, node: str | None, lower: str) -> str | None:
    if not node or not node.startswith("http"):
        return None
    q = (f"SELECT ?p WHERE {{ <{node}> <{PK.source}> ?p . ?p <{PK.inDocument}> ?d . "
         f"FILTER(?d = <{lower}> || EXISTS {{ ?d <{PK.annexOf}> <{lower}> }}) }} LIMIT 1")
    return next((_term_str(r[0]) for r in store.query(q)), None)


def to_findings(data: AuditData, raw: list[RawResult]) -> list[Finding]:
    infos = shape_infos()
    detail = {(r.shape, r.focus, r.value): dict(r.row) for r in evaluate_fast(data)} \
        if any(not r.row for r in raw) else {}
    findings = []
    for r in raw:
        info = infos[r.shape]
        row = dict(r.row) or detail.get((r.shape, r.focus, r.value), {})
        msgs = {lang: _fill(t, row) for lang, t in info.messages}
        evidence = []
        low = row.get("lowerSource") or _lower_passage_of(data.ox, r.value, data.context.lower)
        high = _lower_passage_of(data.ox, r.value, data.context.higher) if data.context.higher else None
        for iri, role in ((low, "lower"), (row.get("otherSource"), "lower"), (high, "higher"),
                          (row.get("higherSource"), "higher")):
            ev = _passage(data.ox, iri, role)
            if ev and ev not in evidence:
                evidence.append(ev)
        prov = _provision(data.ox, data.context.higher, info.provision_pattern)
        if prov:
            evidence.append(prov)
        findings.append(Finding(
            id=info.rule_id, mode=info.mode, mode_label=info.mode_label, severity=r.severity,
            message=msgs.get("zh", next(iter(msgs.values()), "")), message_en=msgs.get("en", ""),
            focus=r.focus, value=r.value, label=row.get("label"), expected=row.get("expected"), found=row.get("found"),
            shape=r.shape, evidence=evidence))
    findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.id, f.value or ""))
    return findings


def report_graph(report: AuditReport) -> Graph:
    """The standard sh:ValidationReport for the findings."""
    g = Graph()
    g.bind("sh", SH)
    g.bind("pka", PKA)
    rep = BNode()
    g.add((rep, RDF.type, SH.ValidationReport))
    g.add((rep, SH.conforms, Literal(report.conforms)))
    for f in report.findings:
        r = BNode()
        g.add((rep, SH.result, r))
        g.add((r, RDF.type, SH.ValidationResult))
        g.add((r, SH.focusNode, URIRef(f.focus)))
        if f.value:
            g.add((r, SH.value, URIRef(f.value) if f.value.startswith("http") else Literal(f.value)))
        g.add((r, SH.resultSeverity, SH[f.severity]))
        g.add((r, SH.sourceShape, URIRef(f.shape)))
        g.add((r, SH.sourceConstraintComponent,
               SH.MinCountConstraintComponent if shape_infos()[f.shape].min_count_path
               else SH.SPARQLConstraintComponent))
        if shape_infos()[f.shape].min_count_path:
            g.add((r, SH.resultPath, URIRef(shape_infos()[f.shape].min_count_path)))
        g.add((r, SH.resultMessage, Literal(f.message, lang="zh")))
        if f.message_en:
            g.add((r, SH.resultMessage, Literal(f.message_en, lang="en")))
        g.add((r, PKA.ruleId, Literal(f.id)))
    return g


def _title(store: ox.Store, iri: str | None) -> str | None:
    if not iri:
        return None
    return next((_term_str(r[0]) for r in store.query(
        f"SELECT ?t WHERE {{ <{iri}> <{ELI.title}> ?t }} LIMIT 1")), None)


def run(data: AuditData, engine: Engine = "fast") -> AuditReport:
    t0 = time.perf_counter()
    if engine not in ("fast", "pyshacl"):
        raise errors.BadOption(f"unknown audit engine {engine!r}", hint="use fast or pyshacl")
    raw = evaluate_fast(data) if engine == "fast" else evaluate_pyshacl(data)
    findings = to_findings(data, raw)
    ctx = data.context
    report = AuditReport(plan=plan_id_of(ctx.lower), plan_title=_title(data.ox, ctx.lower),
                         against=plan_id_of(ctx.higher) if ctx.higher else None,
                         against_title=_title(data.ox, ctx.higher), found_by=ctx.found_by,
                         conforms=not any(f.severity == "Violation" for f in findings),
                         findings=findings, engine=engine, seconds=0.0)
    report.ttl = report_graph(report).serialize(format="turtle")
    report.seconds = round(time.perf_counter() - t0, 4)
    return report


def audit(store, lower: str, against: str | None = None, engine: Engine = "fast") -> AuditReport:
    """Audit the ingested plan `lower` (id or IRI) against its higher plan (or `against`)."""
    t0 = time.perf_counter()
    ctx = find_higher(store, plan_iri(lower), plan_iri(against) if against else None)
    report = run(build_data(store, ctx), engine)
    report.seconds = round(time.perf_counter() - t0, 4)
    return report


__all__ = ["AuditReport", "Finding", "Evidence", "Context", "AuditData", "RawResult", "audit", "run",
           "find_higher", "build_data", "data_from_graph", "evaluate_fast", "evaluate_pyshacl",
           "shape_infos", "shapes_graph", "report_graph", "ingested_plans", "plan_iri", "plan_id_of",
           "parent_division", "PKA", "XSD"]
