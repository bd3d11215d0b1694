"""What the SPARQL protocol endpoint needs from a store, behind the ``Store`` protocol.

``QueryService`` runs checked queries with the configured time limit: in killable worker processes
for an embedded on-disk store, in process otherwise (``Store.answer``). ``graph_store_*`` implement
the Graph Store HTTP Protocol on any ``Store``: reads are CONSTRUCT query tasks (so they share the
row cap, the time limit and content negotiation), writes parse the upload safely first.
"""
from __future__ import annotations

import json
import re

import pyoxigraph as ox

from plankg import errors
from plankg.graph import versions
from plankg.graph.base import Store
from plankg.graph.results import (DEFAULT_GRAPH_KEY, GRAPH_TYPES, Encoded, NotAcceptable, NotXml, QueryTask)
from plankg.graph.store import PlanStore
from plankg.graph.workers import WorkerPool


def _raise_for(kind: str, detail, timeout: float) -> None:
    if kind == "406":
        raise errors.NotAcceptable("no acceptable media type for this result", detail=", ".join(detail))
    if kind == "notxml":
        raise errors.NotSerialisable("a value holds a character XML cannot carry",
                                     hint="ask for JSON (Accept: application/sparql-results+json)")
    if kind == "syntax":
        raise errors.BadQuery("SPARQL syntax error", detail=detail)
    if kind == "timeout":
        raise errors.QueryTimeout(f"query stopped after the {timeout:g} s time limit")
    if kind == "crashed":
        raise errors.StoreError("the query worker stopped unexpectedly", hint="retry; see the server log")
    if kind == "busy":
        raise errors.Busy("no query worker became free within the time limit")
    raise RuntimeError(detail)


class QueryService:
    """Checked queries with a time limit; call ``refresh()`` after every write."""

    def __init__(self, store: Store, workers: int, timeout: float):
        self.store, self.timeout = store, timeout
        self.pool: WorkerPool | None = None
        location = store.location if isinstance(store, PlanStore) else None
        if location is not None and workers > 0:
            root = location.parent / f".{location.name}.snapshots"
            self.pool = WorkerPool(store.checkpoint, str(root), workers, timeout)

    @property
    def killable(self) -> bool:
        return self.pool is not None

    def run(self, task: QueryTask) -> Encoded:
        if self.pool is not None:
            reply = self.pool.run(task)
            if reply[0] == "ok":
                return reply[1]
            _raise_for(reply[0], reply[1] if len(reply) > 1 else None, self.timeout)
        try:
            return self.store.answer(task)
        except NotAcceptable as exc:
            raise errors.NotAcceptable("no acceptable media type for this result",
                                       detail=", ".join(exc.offered)) from exc
        except NotXml as exc:
            raise errors.NotSerialisable("a value holds a character XML cannot carry",
                                         hint="ask for JSON (Accept: application/sparql-results+json)") from exc
        except SyntaxError as exc:
            raise errors.BadQuery("SPARQL syntax error", detail=str(exc)) from exc

    def refresh(self) -> None:
        if self.pool is not None:
            self.pool.refresh()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None


# ---------------------------------------------------------------------- Graph Store HTTP Protocol
UPLOAD_TYPES = {**{k: v for k, v in GRAPH_TYPES.items() if k != "text/plain"}, "text/plain": ox.RdfFormat.N_TRIPLES}
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def graph_iri(value: str | None) -> str | None:
    """A ``?graph=`` value checked as an absolute IRI (None stands for the default graph)."""
    if value is None:
        return None
    try:
        return ox.NamedNode(value).value
    except ValueError as exc:
        raise errors.BadRequest("graph is not an absolute IRI", detail=str(exc)) from exc


def graph_exists(store: Store, graph: str | None) -> bool:
    return graph is None or graph in set(store.graphs())


def graph_read_task(graph: str | None, accept: str | None, max_rows: int) -> QueryTask:
    """A Graph Store GET as a CONSTRUCT task: capped at max_rows, killable like any query."""
    if graph is None:
        return QueryTask("CONSTRUCT WHERE { ?s ?p ?o }", accept, max_rows, default=(DEFAULT_GRAPH_KEY,), named=())
    return QueryTask(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", accept, max_rows)


def _remote_context(node) -> bool:
    if isinstance(node, dict):
        return any((k in ("@context", "@import") and _has_string(v)) or _remote_context(v) for k, v in node.items())
    if isinstance(node, list):
        return any(_remote_context(v) for v in node)
    return False


def _has_string(v) -> bool:
    if isinstance(v, str):
        return True
    if isinstance(v, list):
        return any(_has_string(x) for x in v)
    if isinstance(v, dict):
        return _remote_context(v) or ("@import" in v)
    return False


def parse_upload(body: bytes, media_type: str, base: str) -> list[ox.Triple]:
    """Parse an uploaded graph safely: no XML DOCTYPE/entities, no remote JSON-LD contexts."""
    fmt = UPLOAD_TYPES.get(media_type)
    if fmt is None:
        raise errors.UnsupportedMediaType(f"cannot read {media_type or '(no media type)'}",
                                          detail=", ".join(UPLOAD_TYPES))
    if fmt == ox.RdfFormat.RDF_XML and _DOCTYPE.search(body):
        raise errors.BadRequest("RDF/XML with a DOCTYPE or ENTITY declaration is refused")
    if fmt == ox.RdfFormat.JSON_LD:
        try:
            doc = json.loads(body)
        except ValueError as exc:
            raise errors.BadRequest("invalid JSON-LD", detail=str(exc)) from exc
        if _remote_context(doc):
            raise errors.BadRequest("JSON-LD with a remote @context is refused; inline the context")
    try:
        quads = list(ox.parse(body, format=fmt, base_iri=base))
    except (SyntaxError, ValueError) as exc:
        raise errors.BadRequest("cannot parse the uploaded graph", detail=str(exc)) from exc
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]


def graph_store_write(store: Store, graph: str | None, body: bytes, media_type: str, base: str,
                      replace: bool) -> bool:
    """PUT (replace) or POST (add) a graph; True when it was created. Parsed in full before writing."""
    triples = parse_upload(body, media_type, base)
    created = not graph_exists(store, graph)
    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if graph is not None and replace:
        store.replace_graph(graph, [(t.subject, t.predicate, t.object) for t in triples])
        store.update(f"CREATE SILENT GRAPH <{graph}>")  # keep an empty PUT as an (empty) graph
        versions.restamp(store, [graph])
        return created
    if replace:
        store.update("DROP SILENT DEFAULT")
    if graph is not None:
        store.update(f"CREATE SILENT GRAPH <{graph}>")
    store.load(nt, fmt="nt", graph=graph)
    if graph is not None:
        versions.restamp(store, [graph])
    return created


def graph_store_delete(store: Store, graph: str | None) -> None:
    if not graph_exists(store, graph):
        raise errors.NotFound("no such graph in the store", detail=graph)
    store.update("DROP DEFAULT" if graph is None else f"DROP GRAPH <{graph}>")
    versions.refresh_catalog(store)  # a dropped version may have been a plan's current one


def turtle_as(ttl: str, media_type: str) -> bytes:
    """A small Turtle document (the service description) in another RDF media type."""
    if media_type == "text/turtle":
        return ttl.encode()
    return ox.serialize(ox.parse(ttl, format=ox.RdfFormat.TURTLE), format=GRAPH_TYPES[media_type])
