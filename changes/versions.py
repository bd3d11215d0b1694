"""Which versions a store holds, and the one place a version reference is resolved to its RDF.

A reference is a named graph IRI, ``PLAN_ID@STATUS`` (status as its key or its label: ``draft``,
``征求意见稿``), or a plan file, which is read and extracted but not stored.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from plankg import errors
from plankg.graph.base import Store
from plankg.graph.catalog import list_plans
from plankg.graph.namespaces import GRAPH_BASE

PLAN_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


@dataclass(frozen=True)
class Version:
    plan_id: str
    status: str  # label (征求意见稿, 公示稿, …) or "" when the text names none
    date: str
    graph: str  # named graph IRI ("" for a file read without storing)
    title: str = ""


def version_order(date: str, graph: str) -> tuple:
    """Sort key of a plan's versions, oldest first: by the version's date; undated ones last (by graph).
    The one rule for "which version is current" (the dossier, chat and `plankg diff` all use it)."""
    return (date or "9999", graph)


def plan_versions(store: Store, plan_id: str) -> list[Version]:
    """The versions of one plan in the store, oldest first (by date, then by procedure order)."""
    rows = [r for r in list_plans(store) if r["id"] == plan_id and r["kind"] == "plan"]
    dates = _dates(store, [r["graph"] for r in rows])
    versions = [Version(r["id"], r["status"], dates.get(r["graph"], ""), r["graph"], r["title"]) for r in rows]
    return sorted(versions, key=lambda v: version_order(v.date, v.graph))


def _dates(store: Store, graphs: list[str]) -> dict[str, str]:
    from plankg.graph.namespaces import sparql_prefixes

    if not graphs:
        return {}
    values = " ".join(f"<{g}>" for g in graphs)  # graph IRIs from the store itself, not user text
    rows = store.select(sparql_prefixes() + f"SELECT ?g ?d WHERE {{ VALUES ?g {{ {values} }} "
                        "GRAPH ?g { ?p pk:issueDate ?d } }", graphs)
    return {str(r["g"]): str(r["d"]) for r in rows}


def resolve(ref: str, store: Store | None, *, files: bool = True) -> Graph:
    """The RDF of the version ``ref`` names (see the module note). Unknown references raise PKG-301.

    ``files=False`` (the web API) refuses file references: a request never names a server path."""
    path = Path(ref)
    if files and (ref.lower().endswith(PLAN_SUFFIXES) or path.is_file()):
        if not path.is_file():
            raise errors.FileMissing(f"{ref} does not exist")
        return _from_file(path)
    if store is None:
        raise errors.UnknownPlan(f"{ref} is not a plan file", hint="give a plan file, or --store to name stored versions")
    graph = _graph_iri(ref, store)
    data = Graph()
    data.parse(data=store.dump("nt", graph=graph), format="nt")
    return data


def previous_and_current(store: Store, plan_id: str) -> tuple[Version, Version]:
    """The two latest versions of a plan (for "与上一版本对比"); PKG-301 when it has fewer than two."""
    versions = plan_versions(store, plan_id)
    if len(versions) < 2:
        raise errors.UnknownPlan(f"plan {plan_id} has {len(versions)} stored version(s); a comparison needs two")
    return versions[-2], versions[-1]


def _graph_iri(ref: str, store: Store) -> str:
    stored = set(store.graphs())
    if ref in stored:
        return ref
    if ref.startswith(GRAPH_BASE) or ref.startswith(("http://", "https://")):
        raise errors.UnknownPlan(f"no stored version with graph {ref}", hint="`plankg plans --json` lists the graphs")
    plan_id, _, status = ref.partition("@")
    versions = plan_versions(store, plan_id)
    if not versions:
        raise errors.UnknownPlan(f"no stored plan {plan_id}", hint="`plankg plans` lists the plan ids")
    if not status:
        return versions[-1].graph
    for v in versions:
        if status in (v.status, v.graph.rsplit("/", 1)[-1]):
            return v.graph
    known = ", ".join(v.status or v.graph.rsplit("/", 1)[-1] for v in versions)
    raise errors.UnknownPlan(f"plan {plan_id} has no version {status}", hint=f"its versions: {known}")


def _from_file(path: Path) -> Graph:
    from plankg.extract import pipeline, reader  # why here: loads spaCy and jieba (seconds), only for files
    from plankg.graph.ingest import read_limits
    from plankg.graph.to_rdf import to_rdf
    from plankg.settings import get_settings

    doc = reader.read(path, None, read_limits(get_settings()))
    result = to_rdf(doc, pipeline.extract(doc))
    data = Graph()
    for triple in result.triples:
        data.add(triple)
    return data
