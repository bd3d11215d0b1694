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
from plankg.graph.versions import find_plan, resolve_version

PLAN_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


@dataclass(frozen=True)
class Version:
    plan_id: str
    status: str  # label (征求意见稿, 公示稿, …) or "" when the text names none
    date: str
    graph: str  # named graph IRI ("" for a file read without storing)
    title: str = ""


def plan_versions(store: Store, plan_id: str) -> list[Version]:
    """The versions of one plan in the store, oldest first, the current one last (graph.versions orders them:
    by status in the procedure, then by date)."""
    entry = find_plan(store, plan_id)
    return [Version(plan_id, v.status, v.date, v.graph, v.title) for v in entry.versions] if entry else []


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
    """The one place a stored version reference becomes a graph IRI (graph.versions.resolve_version)."""
    return resolve_version(store, ref)


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
