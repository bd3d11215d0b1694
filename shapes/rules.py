"""The audit's rules: the shipped SHACL shapes (shapes/*.ttl) plus any extra shapes files, read into
typed ShapeInfo records. Which SHACL terms the fast path understands is declared in engines.SUPPORTED;
a shape using anything else is marked so that it runs on pySHACL."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SKOS

from plankg import errors
from plankg.graph.guard import code_only
from plankg.graph.namespaces import SH
from plankg.shapes.model import PKA, ShapeInfo

_PROJECTS_THIS = re.compile(r"SELECT\s+(DISTINCT\s+|REDUCED\s+)?[^{]*\$this\b[^{]*\bWHERE\s*\{", re.IGNORECASE)
SHAPE_FILES = ("annotations.ttl", "integrity.ttl", "transmission.ttl")
EXTRA_MODE = PKA["mode-extra"]  # shapes of a bureau that name no pka:mode

# The SHACL terms the fast path evaluates (engines.evaluate_fast): targets, sh:minCount on an IRI
# path, and SHACL-SPARQL constraints whose sh:select binds $this. Anything else → pySHACL.
SUPPORTED = frozenset(SH[t] for t in (
    "NodeShape", "PropertyShape", "SPARQLConstraint", "targetClass", "targetSubjectsOf", "targetNode",
    "targetObjectsOf", "path", "minCount", "severity", "message", "sparql", "select", "prefixes",
    "declare", "prefix", "namespace", "name", "description", "order", "group",
    "Violation", "Warning", "Info"))


@lru_cache(maxsize=1)
def _shipped_text() -> tuple[str, ...]:
    root = files("plankg.shapes")
    return tuple(root.joinpath(name).read_text(encoding="utf-8") for name in SHAPE_FILES)


def annotations_nt() -> bytes:
    """shapes/annotations.ttl as N-Triples: role ranks and mode labels the shapes read from the data."""
    return _annotations_graph().serialize(format="nt", encoding="utf-8")


@lru_cache(maxsize=1)
def _annotations_graph() -> Graph:
    return Graph().parse(data=_shipped_text()[0], format="turtle")


def shapes_graph(extra: tuple[str, ...] = ()) -> Graph:
    """The shipped shapes plus the shapes files named in `extra` (paths)."""
    return _shapes_graph(tuple(str(p) for p in extra))


@lru_cache(maxsize=8)
def _shapes_graph(extra: tuple[str, ...]) -> Graph:
    g = Graph()
    for text in _shipped_text():
        g.parse(data=text, format="turtle")
    for path in extra:
        p = Path(path)
        if not p.is_file():
            raise errors.FileMissing(f"shapes file {path} does not exist")
        try:
            g.parse(p, format="turtle")
        except Exception as exc:  # rdflib raises many parser types; all mean "not a Turtle file"
            raise errors.BadOption(f"cannot read shapes file {p.name}", hint="give a SHACL shapes file in Turtle",
                                   detail=str(exc)) from exc
    return g


def _shape_terms(g: Graph, node, seen: set) -> set:
    """Every SHACL predicate and class used by the shape `node` and the blank nodes it owns."""
    out: set = set()
    if node in seen:
        return out
    seen.add(node)
    for p, o in g.predicate_objects(node):
        if p == RDF.type:
            out.add(o)
        else:
            out.add(p)
        if isinstance(o, BNode):
            out |= _shape_terms(g, o, seen)
        elif p == SH.severity:
            out.add(o)
    return {t for t in out if str(t).startswith(str(SH))}


def _unsupported(g: Graph, shape) -> frozenset[str]:
    bad = {str(t) for t in _shape_terms(g, shape, set()) if t not in SUPPORTED}
    path = g.value(shape, SH.path)
    if path is not None and not isinstance(path, URIRef):
        bad.add(str(SH.path) + " (path expression)")
    sparql = list(g.objects(shape, SH.sparql))
    if len(sparql) > 1:
        bad.add(str(SH.sparql) + " (more than one)")
    for c in sparql:
        select = g.value(c, SH.select)
        code = code_only(str(select)) if select is not None else ""
        if select is None or not _PROJECTS_THIS.search(code):
            bad.add(str(SH.select) + " (must project $this)")
        elif re.search(r"\bVALUES\b|\bMINUS\b|\bSERVICE\b", code, re.IGNORECASE):
            bad.add(str(SH.select) + " (VALUES, MINUS or SERVICE: not allowed with pre-bound $this)")
    return frozenset(bad)


def _prefixes(g: Graph, constraint) -> str:
    decls = set()
    for holder in g.objects(constraint, SH.prefixes):
        decls |= set(g.objects(holder, SH.declare))
    return "".join(f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
                   for d in sorted(decls, key=lambda d: str(g.value(d, SH.prefix))))


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _is_shape(g: Graph, s) -> bool:
    if isinstance(s, BNode):
        return False
    types = set(g.objects(s, RDF.type))
    return bool(types & {SH.NodeShape, SH.PropertyShape}) or any(
        (s, t, None) in g for t in (SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.targetObjectsOf))


def shape_infos(extra: tuple[str, ...] = ()) -> dict[str, ShapeInfo]:
    return _shape_infos(tuple(str(p) for p in extra))


@lru_cache(maxsize=8)
def _shape_infos(extra: tuple[str, ...]) -> dict[str, ShapeInfo]:
    g = _shapes_graph(extra)
    out: dict[str, ShapeInfo] = {}
    for shape in sorted({s for s in g.subjects() if _is_shape(g, s)}, key=str):
        rule = g.value(shape, PKA.ruleId) or _local(str(shape))
        mode = g.value(shape, PKA.mode) or EXTRA_MODE
        mode_label = next((str(lab) for lab in g.objects(mode, SKOS.prefLabel) if lab.language == "zh"), str(mode))
        sev = str(g.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
        constraint = g.value(shape, SH.sparql)
        msg_node = constraint if constraint is not None and (constraint, SH.message, None) in g else shape
        messages = tuple(sorted(((lab.language or "", str(lab)) for lab in g.objects(msg_node, SH.message)),
                                key=lambda m: m[0] != "zh"))
        select = None
        if constraint is not None and g.value(constraint, SH.select) is not None:
            select = _prefixes(g, constraint) + str(g.value(constraint, SH.select)).replace("$this", "?this")
        targets = tuple([("class", str(c)) for c in g.objects(shape, SH.targetClass)]
                        + [("subjectsOf", str(p)) for p in g.objects(shape, SH.targetSubjectsOf)]
                        + [("objectsOf", str(p)) for p in g.objects(shape, SH.targetObjectsOf)]
                        + [("node", str(n)) for n in g.objects(shape, SH.targetNode)])
        path, n = g.value(shape, SH.path), g.value(shape, SH.minCount)
        min_count = (str(path), int(n)) if path is not None and n is not None else None
        pattern = g.value(shape, PKA.provisionPattern)
        out[str(shape)] = ShapeInfo(str(shape), str(rule), str(mode), mode_label, sev, messages,
                                    str(g.value(shape, PKA.provision) or ""),
                                    str(pattern) if pattern else None, select, targets, min_count,
                                    _unsupported(g, shape))
    return out
