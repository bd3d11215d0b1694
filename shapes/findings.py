"""Engine results → findings an official can act on: messages with values filled in, the lower and
higher passages quoted, the higher plan's provision cited; and the standard sh:ValidationReport."""
from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from plankg.graph.base import Store
from plankg.graph.namespaces import ELI, PK, SH
from plankg.shapes.context import AuditData, plan_id_of
from plankg.shapes.engines import detail_rows
from plankg.shapes.model import PKA, SEVERITY_ORDER, AuditReport, Evidence, Finding, RawResult, ShapeInfo
from plankg.shapes.rules import shape_infos

_VAR = re.compile(r"\{[?$](\w+)\}")


def fill(template: str, row: dict) -> str:
    return _VAR.sub(lambda m: str(row.get(m.group(1), "?")), template)


def sparql_string(text: str) -> str:
    """A SPARQL string literal (the N-Triples escaping of rdflib) for text from the shapes files."""
    return Literal(text).n3()


def passage(store: Store, iri: str | None, role: str) -> Evidence | None:
    if not iri or not iri.startswith("http"):
        return None
    node = URIRef(iri).n3()
    q = (f"SELECT ?text ?doc ?num ?sl ?title WHERE {{ {node} <{PK.text}> ?text . "
         f"OPTIONAL {{ {node} <{PK.inDocument}> ?d . OPTIONAL {{ ?d <{PK.annexOf}> ?pp }} "
         f"BIND(COALESCE(?pp, ?d) AS ?doc) OPTIONAL {{ ?doc <{ELI.title}> ?t0 }} "
         f"BIND(IF(BOUND(?pp), CONCAT(?t0, \"·附件\"), ?t0) AS ?title) }} "
         f"OPTIONAL {{ {node} <{ELI.is_part_of}> ?s . OPTIONAL {{ ?s <{PK.sectionNumber}> ?num }} "
         f"OPTIONAL {{ ?s <{RDFS.label}> ?sl }} }} }} LIMIT 1")
    for row in store.select(q):
        text, doc, num, sl, title = (None if row.get(k) is None else str(row[k])
                                     for k in ("text", "doc", "num", "sl", "title"))
        section = " ".join(x for x in (num, sl) if x and not (num and sl and sl.startswith(num))) or sl
        return Evidence(plan=title or plan_id_of(doc or ""), section=section, text=text, role=role)
    return None


FRONT_MATTER = ("前言", "序言", "目录", "说明", "附则")


def provision(store: Store, higher: str | None, pattern: str | None) -> Evidence | None:
    """The higher plan's clause that creates the duty: the first passage of a section whose heading
    names the pattern (第二节 三条控制线), else the first passage naming it outside the front matter."""
    if not (higher and pattern):
        return None
    h = URIRef(higher).n3()
    q = (f"SELECT ?p ?t ?o ?sl WHERE {{ ?p <{PK.text}> ?t ; <{PK.inDocument}> ?d . "
         f"FILTER(?d = {h} || EXISTS {{ ?d <{PK.annexOf}> {h} }}) "
         f"OPTIONAL {{ ?p <{PK.ordinal}> ?o }} OPTIONAL {{ ?p <{ELI.is_part_of}> ?s . ?s <{RDFS.label}> ?sl }} "
         f"FILTER(CONTAINS(STR(?t), {sparql_string(pattern)}) || CONTAINS(STR(?sl), {sparql_string(pattern)})) }}")
    rows = store.select(q)

    def rank(r: dict) -> tuple:
        heading, text = str(r.get("sl") or ""), str(r["t"])
        front = any(w in heading for w in FRONT_MATTER)
        return (front, pattern not in heading, pattern not in text, len(text) < 20,
                r["o"] if isinstance(r.get("o"), int) else 10**9)

    best = min(rows, key=rank, default=None)
    return passage(store, str(best["p"]), "provision") if best else None


def passage_of(store: Store, node: str | None, plan: str) -> str | None:
    """A passage of `plan` (document or annex) that is the source of `node`."""
    if not node or not node.startswith("http"):
        return None
    n, p = URIRef(node).n3(), URIRef(plan).n3()
    q = (f"SELECT ?p WHERE {{ {n} <{PK.source}> ?p . ?p <{PK.inDocument}> ?d . "
         f"FILTER(?d = {p} || EXISTS {{ ?d <{PK.annexOf}> {p} }}) }} LIMIT 1")
    return next((str(r["p"]) for r in store.select(q)), None)


def _detail(data: AuditData, info: ShapeInfo, r: RawResult) -> dict[str, str]:
    if r.row:
        return dict(r.row)
    rows = detail_rows(data, info, r.focus)
    return next((row for row in rows if row.get("value") == r.value), rows[0] if rows else {})


def _evidence(data: AuditData, r: RawResult, row: dict, info: ShapeInfo, provisions: dict) -> list[Evidence]:
    store, ctx = data.store, data.context
    low = row.get("lowerSource") or passage_of(store, r.value, ctx.lower)
    high = passage_of(store, r.value, ctx.higher) if ctx.higher else None
    out: list[Evidence] = []
    for iri, role in ((low, "lower"), (row.get("otherSource"), "lower"), (high, "higher"),
                      (row.get("higherSource"), "higher")):
        ev = passage(store, iri, role)
        if ev and ev not in out:
            out.append(ev)
    if info.provision_pattern not in provisions:  # one lookup per provision pattern and audit
        provisions[info.provision_pattern] = provision(store, ctx.higher, info.provision_pattern)
    prov = provisions[info.provision_pattern]
    if prov:
        out.append(prov)
    return out


def to_findings(data: AuditData, raw: list[RawResult], extra: tuple[str, ...] = ()) -> list[Finding]:
    infos = shape_infos(extra)
    findings = []
    provisions: dict = {}
    for r in raw:
        info = infos[r.shape]
        row = _detail(data, info, r)
        msgs = {lang: fill(t, row) for lang, t in info.messages} if row or not r.messages else dict(r.messages)
        if not msgs and r.messages:
            msgs = dict(r.messages)
        findings.append(Finding(
            id=info.rule_id, mode=info.mode, mode_label=info.mode_label, severity=r.severity,
            message=msgs.get("zh", next(iter(msgs.values()), "")) or info.rule_id,
            message_en=msgs.get("en", ""), focus=r.focus, value=r.value, label=row.get("label"),
            expected=row.get("expected"), found=row.get("found"), shape=r.shape,
            evidence=_evidence(data, r, row, info, provisions)))
    findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.id, f.value or ""))
    return findings


def report_graph(report: AuditReport, extra: tuple[str, ...] = ()) -> Graph:
    """The standard sh:ValidationReport for the findings."""
    infos = shape_infos(extra)
    g = Graph()
    g.bind("sh", SH)
    g.bind("pka", PKA)
    rep = BNode()
    g.add((rep, RDF.type, SH.ValidationReport))
    g.add((rep, SH.conforms, Literal(report.conforms)))
    for f in report.findings:
        info = infos[f.shape]
        r = BNode()
        g.add((rep, SH.result, r))
        g.add((r, RDF.type, SH.ValidationResult))
        g.add((r, SH.focusNode, URIRef(f.focus)))
        if f.value:
            g.add((r, SH.value, URIRef(f.value) if f.value.startswith("http") else Literal(f.value)))
        g.add((r, SH.resultSeverity, SH[f.severity]))
        g.add((r, SH.sourceShape, URIRef(f.shape)))
        g.add((r, SH.sourceConstraintComponent,
               SH.MinCountConstraintComponent if info.min_count else SH.SPARQLConstraintComponent))
        if info.min_count:
            g.add((r, SH.resultPath, URIRef(info.min_count[0])))
        g.add((r, SH.resultMessage, Literal(f.message, lang="zh")))
        if f.message_en:
            g.add((r, SH.resultMessage, Literal(f.message_en, lang="en")))
        g.add((r, PKA.ruleId, Literal(f.id)))
    return g


def title(store: Store, iri: str | None) -> str | None:
    if not iri:
        return None
    return next((str(r["t"]) for r in store.select(
        f"SELECT ?t WHERE {{ {URIRef(iri).n3()} <{ELI.title}> ?t }} LIMIT 1")), None)
