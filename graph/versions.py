"""Plans and their versions (docs/data-model.md, "Plans and versions").

A plan (the work: region + type + subject) is realised by versions, one named graph per published text
(its status: 草案, 征求意见稿, 公示稿, 送审稿/报批稿, 批复). Its current version is the latest by status, then by
date. Each version graph carries a content stamp (a hash of its sorted N-Triples) on the graph's IRI, so a
loader and the chat index can tell a changed text from the same text without counting triples. The catalog
graph records, per plan, the current version and which version revises which (rewritten by every ingest).

    plans(store)                  -> [PlanVersions]  each plan once, its versions in order, the current marked
    current_graph(store, plan_id) -> graph IRI of the plan's current version (None: no such plan)
    current_graphs(store)         -> graphs to read by default: current versions and annexes
    superseded_graphs(store)      -> versions that are not current (read only when named)
    resolve_version(store, ref)   -> graph IRI for 'plan_id', 'plan_id@status' or a graph IRI
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from plankg import errors
from plankg.graph import iris
from plankg.graph.namespaces import CATALOG_GRAPH, ELI, GRAPH_BASE, ONTOLOGY_GRAPH, PK, sparql_prefixes
from plankg.graph.overlay import OverlayStore
from plankg.graph.terms import to_ox

# the procedure's order: a later status is a later version (an unknown one, "text", comes first)
STATUS_ORDER = ("text", "proposal", "draft", "publicity", "submitted", "approved")
STATUS_LABELS = {"text": "", "proposal": "草案", "draft": "征求意见稿", "publicity": "公示稿", "submitted": "送审稿",
                 "approved": "批复稿"}
# what a user may write after '@' for a status: the key, its Chinese name, or a synonym
STATUS_ALIASES = {**{k: k for k in STATUS_ORDER}, **{v: k for k, v in STATUS_LABELS.items() if v},
                  "规划草案": "proposal", "报批稿": "submitted", "批复": "approved"}


@dataclass
class Version:
    key: str                # the status key ('proposal', 'draft', …; 'text' when none is printed)
    status: str             # its Chinese name ('' when unknown)
    date: str               # as printed on the cover, YYYY-MM(-DD), or ''
    graph: str
    expression: str         # the eli:LegalExpression IRI
    title: str
    start: str = ""
    end: str = ""
    file: str = ""
    current: bool = False


@dataclass
class PlanVersions:
    plan_id: str
    iri: str
    title: str              # the current version's title
    versions: list[Version] = field(default_factory=list)  # oldest first
    annexes: list[str] = field(default_factory=list)       # annex graphs (they belong to the plan)
    annex_titles: dict[str, str] = field(default_factory=dict)  # annex graph -> the annex's own title

    @property
    def current(self) -> Version | None:
        return next((v for v in self.versions if v.current), None)

    def rows(self) -> list[dict]:
        """One row per version, then one per annex (the `plankg plans --json` shape)."""
        return [{"plan": self.plan_id, "plan_iri": self.iri, "kind": "version", **asdict(v)} for v in self.versions] \
            + [{"plan": self.plan_id, "plan_iri": self.iri, "kind": "annex", "graph": g,
                "title": self.annex_titles.get(g, "")} for g in self.annexes]


def version_rank(key: str, date: str) -> tuple[int, str]:
    return (STATUS_ORDER.index(key) if key in STATUS_ORDER else 0, date)


# ---------------------------------------------------------------------------------------- content stamps
def content_stamp(triples: Iterable[tuple]) -> str:
    """A hash of the triples as sorted N-Triples (rdflib or pyoxigraph terms alike), in the form the store
    keeps them: Oxigraph writes typed literals canonically ("158.0"^^xsd:decimal is read back as "158"), so
    the triples pass through an in-memory store first and a stamp taken before a write matches one taken
    from the stored graph."""
    canonical = ox.Store()
    canonical.extend(ox.Quad(*(to_ox(t) for t in triple)) for triple in triples)
    lines = sorted(" ".join(str(t) for t in (q.subject, q.predicate, q.object)) for q in canonical)
    return hashlib.sha1("\n".join(lines).encode("utf-8")).hexdigest()


def stamped(graph_iri: str, triples: list[tuple]) -> tuple[list[tuple], str]:
    """The triples plus the stamp triple ``<graph> pk:contentHash "…"`` (the hash leaves the stamp out)."""
    mark = (ox.NamedNode(str(graph_iri)), ox.NamedNode(str(PK.contentHash)))
    body = [t for t in triples if (to_ox(t[0]), to_ox(t[1])) != mark]
    stamp = content_stamp(body)
    return body + [(URIRef(graph_iri), PK.contentHash, Literal(stamp))], stamp


def graph_stamps(store) -> dict[str, str]:
    """graph IRI → its recorded content stamp, for every graph that has one (one query)."""
    rows = store.select(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{PK.contentHash}> ?h }} }}")
    return {str(r["g"]): str(r["h"]) for r in rows}


def stored_stamp(store, graph_iri: str) -> str | None:
    rows = store.select(f"SELECT ?h WHERE {{ GRAPH <{URIRef(graph_iri)}> {{ <{URIRef(graph_iri)}> "
                        f"<{PK.contentHash}> ?h }} }}")
    return str(rows[0]["h"]) if rows else None


# ---------------------------------------------------------------------------------------- reading plans
_PLANS = sparql_prefixes() + """
SELECT ?g ?plan ?id ?title ?step ?date ?start ?end ?annex ?annexTitle ?file WHERE { GRAPH ?g {
  ?plan pk:planId ?id .
  OPTIONAL { ?plan eli:title ?title } OPTIONAL { ?plan pk:processStep ?step } OPTIONAL { ?plan pk:issueDate ?date }
  OPTIONAL { ?plan pk:periodStart ?start } OPTIONAL { ?plan pk:periodEnd ?end }
  OPTIONAL { ?plan pk:fileName ?file }
  OPTIONAL { ?annex pk:annexOf ?plan OPTIONAL { ?annex rdfs:label ?annexTitle } } } }"""


def _plan_rows(store) -> list[dict]:
    """The rows of _PLANS; over an overlay, the layer's and the base's graphs it does not shadow (rdflib's
    evaluation over the overlay cannot enumerate ``GRAPH ?g``)."""
    if isinstance(store, OverlayStore) and (store.written or store.hidden):
        shadowed = store.written | store.hidden
        return store.layer.select(_PLANS) + [r for r in _plan_rows(store.base) if str(r["g"]) not in shadowed]
    return store.select(_PLANS)


def plans(store) -> list[PlanVersions]:
    """Each stored plan once, with its versions (oldest first, the current one marked) and annexes."""
    out: dict[str, PlanVersions] = {}
    seen: set[str] = set()
    for r in _plan_rows(store):
        g, pid = str(r["g"]), str(r["id"])
        prefix = f"{GRAPH_BASE}{pid}/"
        if g in seen or not g.startswith(prefix) or "/" in g[len(prefix):]:
            continue  # a graph not named by plankg's scheme (hand-written data) is no version
        seen.add(g)
        entry = out.setdefault(pid, PlanVersions(pid, str(r["plan"]), ""))
        key = g[len(prefix):]
        if r.get("annex") or key.startswith("annex-"):
            entry.annexes.append(g)
            entry.annex_titles[g] = str(r.get("annexTitle", ""))
            continue
        step = str(r.get("step", "")).rsplit("/", 1)[-1]
        key_status = step if step in STATUS_LABELS else key
        entry.versions.append(Version(
            key=key, status=STATUS_LABELS.get(key_status, ""), date=str(r.get("date", "")), graph=g,
            expression=str(iris.expression(pid, key)), title=str(r.get("title", "")),
            start=str(r.get("start", "")), end=str(r.get("end", "")), file=str(r.get("file", ""))))
    for entry in out.values():
        entry.versions.sort(key=lambda v: version_rank(v.key, v.date))
        entry.annexes.sort()
        if entry.versions:
            entry.versions[-1].current = True
            entry.title = entry.versions[-1].title
    return sorted(out.values(), key=lambda p: p.plan_id)


def find_plan(store, plan_id: str) -> PlanVersions | None:
    return next((p for p in plans(store) if p.plan_id == plan_id), None)


def current_graph(store, plan_id: str) -> str | None:
    """The graph of the plan's current version (None when no version of it is stored)."""
    entry = find_plan(store, plan_id)
    return entry.current.graph if entry and entry.current else None


def current_graphs(store) -> list[str]:
    """The graphs read unless a version is named: each plan's current version and its annexes."""
    return sorted(g for p in plans(store) for g in ([p.current.graph] if p.current else []) + p.annexes)


def superseded_graphs(store) -> set[str]:
    """Versions a later version replaced as the default (they stay stored and can be named)."""
    return {v.graph for p in plans(store) for v in p.versions if not v.current}


def resolve_version(store, ref: str) -> str:
    """A user's version reference → its graph IRI: a graph IRI, a plan id or plan IRI (its current version),
    or 'plan_id@status' (status as key or Chinese name: '140623-master@公示稿'). Unknown → UnknownPlan."""
    ref = ref.strip()
    known = plans(store)
    by_graph = {v.graph: v for p in known for v in p.versions}
    if ref in by_graph:
        return ref
    plan_ref, _, status = ref.partition("@")
    entry = next((p for p in known if plan_ref in (p.plan_id, p.iri)), None)
    if entry is None or not entry.versions:
        raise errors.UnknownPlan(f"no stored plan {plan_ref!r}", hint="`plankg plans` lists the plans and versions")
    if not status:
        return entry.current.graph
    key = STATUS_ALIASES.get(status.strip())
    version = next((v for v in entry.versions if v.key == key), None)
    if version is None:
        have = ", ".join(f"{entry.plan_id}@{v.key}" for v in entry.versions)
        raise errors.UnknownPlan(f"plan {entry.plan_id!r} has no version {status!r}", hint=f"stored: {have}")
    return version.graph


# ---------------------------------------------------------------------------------------- writing
@dataclass
class Outcome:
    """What an ingest does to the store: 'new-plan', 'new-version', 'new-annex', 'unchanged' or
    'replaced-version'."""
    kind: str
    plan_id: str
    graph: str
    replaced: str = ""      # the graph whose different text this ingest replaces

    def message(self, status: str) -> str:
        name = status or "版本"
        return {"new-plan": f"new plan {self.plan_id}",
                "new-version": f"new version {name} of plan {self.plan_id}",
                "new-annex": f"new annex of plan {self.plan_id}",
                "unchanged": f"unchanged: the same text of {self.plan_id} ({name}) is stored",
                "replaced-version": f"replaces version {name} of plan {self.plan_id}: a different text with the "
                                    f"same status was stored in {self.graph}"}[self.kind]


def classify(store, plan_id: str, graph_iri: str, stamp: str) -> Outcome:
    """What writing a version with this stamp into ``graph_iri`` would do, read before anything is written."""
    old = stored_stamp(store, graph_iri) if graph_iri in set(store.graphs()) else None
    if old == stamp:
        return Outcome("unchanged", plan_id, graph_iri)
    if graph_iri in set(store.graphs()):
        return Outcome("replaced-version", plan_id, graph_iri, replaced=graph_iri)
    if graph_iri.rsplit("/", 1)[-1].startswith("annex-"):
        return Outcome("new-annex", plan_id, graph_iri)
    has_plan = any(g.startswith(f"{GRAPH_BASE}{plan_id}/") for g in store.graphs())
    return Outcome("new-version" if has_plan else "new-plan", plan_id, graph_iri)


def catalog_triples(known: list[PlanVersions]) -> list[tuple]:
    """Per plan: its current version, each version's graph, and prov:wasRevisionOf between consecutive ones."""
    out: list[tuple] = []
    for p in known:
        plan = URIRef(p.iri)
        previous: URIRef | None = None
        for v in p.versions:
            expr = URIRef(v.expression)
            out += [(plan, ELI.is_realized_by, expr), (expr, RDF.type, ELI.LegalExpression),
                    (expr, PK.versionGraph, URIRef(v.graph))]
            if previous is not None:
                out.append((expr, PROV.wasRevisionOf, previous))
            if v.current:
                out.append((plan, PK.currentVersion, expr))
            previous = expr
    return out


def refresh_catalog(store) -> None:
    """Rewrite the catalog graph from the versions stored (one atomic write; a no-op when nothing changed)."""
    known = plans(store)
    if not known and CATALOG_GRAPH not in set(store.graphs()):
        return
    triples, _ = stamped(CATALOG_GRAPH, catalog_triples(known))
    store.replace_graph(CATALOG_GRAPH, triples)


def restamp(store, graphs: Iterable[str]) -> None:
    """Record the content stamp of plankg's plan graphs written by other routes (Graph Store, SPARQL Update),
    so the chat index and the next ingest see their change; the catalog follows. Graphs outside plankg's
    scheme are left as written (the Graph Store protocol gives back what was put; they are compared by size)."""
    present = set(store.graphs())
    for g in graphs:
        if g in present and g.startswith(GRAPH_BASE) and g not in (CATALOG_GRAPH, ONTOLOGY_GRAPH):
            triples = [(t.subject, t.predicate, t.object)
                       for t in ox.parse(store.dump("nt", graph=g), format=ox.RdfFormat.N_TRIPLES)]
            if triples:  # an empty graph (an empty PUT) stays empty
                store.replace_graph(g, stamped(g, triples)[0])
    refresh_catalog(store)


_NAMED_IRI = re.compile(r"<([^<>\s]+)>")
_ANY_GRAPH = re.compile(r"\bGRAPH\s+[?$]|\b(?:DROP|CLEAR)\s+(?:SILENT\s+)?(?:ALL|NAMED)\b", re.IGNORECASE)


def graphs_an_update_touches(update: str, graphs: Iterable[str]) -> set[str]:
    """The stored graphs a SPARQL Update may have changed: those it names, or all when a pattern ranges over
    graphs (``GRAPH ?g``, ``DROP ALL``). Read from the text, never spliced into a query."""
    graphs = set(graphs)
    if _ANY_GRAPH.search(update):
        return graphs
    return {iri for iri in _NAMED_IRI.findall(update) if iri in graphs}
