"""Two evaluators of the same shapes over an AuditData store.

fast     each shape once over all its focus nodes: targets by SPARQL, sh:minCount by a COUNT query,
         a SHACL-SPARQL constraint with $this bound by VALUES. Only the SHACL terms in
         rules.SUPPORTED are understood; a shape using anything else is evaluated by pySHACL.
pyshacl  pySHACL over the same triples; its results (focus, value, severity, message) are the findings.
"""
from __future__ import annotations

import re

from pyshacl import validate
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS

from plankg.graph.base import Store
from plankg.graph.guard import code_only
from plankg.graph.namespaces import SH
from plankg.shapes.context import AuditData, iri_values
from plankg.shapes.model import RawResult, ShapeInfo
from plankg.shapes.rules import shape_infos, shapes_graph

TARGET_QUERIES = {
    "class": "SELECT DISTINCT ?x WHERE {{ ?x a/<" + str(RDFS.subClassOf) + ">* <{iri}> }}",
    "subjectsOf": "SELECT DISTINCT ?x WHERE {{ ?x <{iri}> ?o }}",
    "objectsOf": "SELECT DISTINCT ?x WHERE {{ ?s <{iri}> ?x }}",
}
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def fast_path_ok(info: ShapeInfo) -> bool:
    return not info.unsupported and (info.min_count is not None or info.select is not None)


def focus_nodes(store: Store, info: ShapeInfo) -> list[str]:
    nodes: set[str] = set()
    for kind, iri in info.targets:
        if kind == "node":
            nodes.add(iri)
        else:
            nodes.update(str(r["x"]) for r in store.select(TARGET_QUERIES[kind].format(iri=iri)))
    return sorted(n for n in nodes if n.startswith(("http:", "https:", "urn:")))


def bound_select(select: str, nodes: list[str]) -> str:
    """The constraint's SELECT with ?this bound to the focus nodes by a VALUES block at the start of
    its WHERE clause: one query for all focus nodes, the same as pre-binding each in turn. The clause is
    found in the query's code, never inside a literal, an IRI or a comment."""
    m = _WHERE.search(code_only(select))
    return select[:m.end()] + " VALUES ?this { " + iri_values(nodes) + " } " + select[m.end():]


def _min_count(store: Store, info: ShapeInfo, nodes: list[str]) -> list[RawResult]:
    path, n = info.min_count
    rows = store.select("SELECT ?this (COUNT(?v) AS ?n) WHERE { VALUES ?this { " + iri_values(nodes) + " } "
                        f"OPTIONAL {{ ?this <{URIRef(path)}> ?v }} }} GROUP BY ?this")
    return [RawResult(info.iri, str(r["this"]), None, info.severity) for r in rows if int(r["n"]) < n]


def _sparql(store: Store, info: ShapeInfo, nodes: list[str], rows: bool) -> list[RawResult]:
    out = []
    for row in store.select(bound_select(info.select, nodes)):
        vals = {k: str(v) for k, v in row.items()}
        out.append(RawResult(info.iri, vals["this"], vals.get("value"), info.severity,
                             tuple(sorted((k, v) for k, v in vals.items() if k != "this")) if rows else ()))
    return out


def evaluate_fast(data: AuditData, rows: bool = True, extra: tuple[str, ...] = ()) -> list[RawResult]:
    """Shapes in the fast subset on the audit store; the others on pySHACL (so none is skipped)."""
    out: list[RawResult] = []
    slow: list[str] = []
    for info in shape_infos(extra).values():
        if not fast_path_ok(info):
            slow.append(info.iri)
            continue
        nodes = focus_nodes(data.store, info)
        if not nodes:
            continue
        out += _min_count(data.store, info, nodes) if info.min_count else _sparql(data.store, info, nodes, rows)
    if slow:
        out += evaluate_pyshacl(data, extra, only=set(slow))
    return dedupe(out)


def _only(shapes: Graph, keep: set[str]) -> Graph:
    """A copy of the shapes graph in which only the shapes in `keep` have targets."""
    g = Graph()
    for t in shapes:
        g.add(t)
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    for s in {s for p in targets for s in g.subjects(p, None)}:
        if str(s) not in keep:
            for p in targets:
                g.remove((s, p, None))
    return g


def _owner(shapes: Graph, shape) -> str:
    """A property shape written inside a node shape (a blank node) reports as the node shape."""
    while isinstance(shape, BNode):
        parent = next(shapes.subjects(SH.property, shape), None)
        if parent is None:
            break
        shape = parent
    return str(shape)


def evaluate_pyshacl(data: AuditData, extra: tuple[str, ...] = (), only: set[str] | None = None) -> list[RawResult]:
    shapes = shapes_graph(extra)
    if only is not None:
        shapes = _only(shapes, only)
    _conforms, report, _text = validate(data.graph, shacl_graph=shapes, advanced=True,
                                        inference="none", allow_warnings=True, abort_on_first=False)
    infos = shape_infos(extra)
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        shape = _owner(shapes, report.value(r, SH.sourceShape))
        if shape not in infos:
            continue
        value = report.value(r, SH.value)
        sev = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        messages = tuple(sorted(((m.language or "", str(m)) for m in report.objects(r, SH.resultMessage)),
                                key=lambda m: m[0] != "zh"))
        out.append(RawResult(shape, str(report.value(r, SH.focusNode)),
                             None if value is None else str(value), sev, messages=messages))
    return dedupe(out)


def detail_rows(data: AuditData, info: ShapeInfo, focus: str) -> list[dict[str, str]]:
    """The projected variables of a SPARQL constraint for one focus node (labels, expected/found,
    passages), to explain a result an engine reported."""
    if info.select is None or not focus.startswith(("http:", "https:", "urn:")):
        return []
    return [{k: str(v) for k, v in r.items()} for r in data.store.select(bound_select(info.select, [focus]))]


def dedupe(results: list[RawResult]) -> list[RawResult]:
    seen: dict[tuple, RawResult] = {}
    for r in results:
        seen.setdefault((r.shape, r.focus, r.value), r)
    return list(seen.values())


def result_keys(results: list[RawResult]) -> set[tuple]:
    return {(r.shape, r.focus, r.value) for r in results}
