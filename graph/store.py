"""The only module that talks to the triple store.

An rdflib ``Dataset`` over Oxigraph (oxrdflib), persisted in a directory. Writes of a plan graph
are all-or-nothing: a new graph is one atomic ``extend``; a new version of a stored graph is one
SPARQL update (``DELETE DATA …; INSERT DATA …`` with only the difference — one transaction in
Oxigraph), so a failure at any point leaves the previous version intact. Graphs with blank nodes
are staged in a scratch graph and moved over the old one with ``MOVE`` (also one transaction).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.query import Result

from plankg import errors
from plankg.graph.namespaces import GRAPH_BASE, ONTOLOGY_GRAPH, PK
from plankg.graph.remote import RemoteStore
from plankg.graph.results import Encoded, QueryTask, run_query
from plankg.graph.terms import EXPORT_FORMATS, rdf_format, solutions_to_dicts, to_ox

STAGING = GRAPH_BASE + "_staging/"


def ontology_digest(graph: Graph) -> str:
    return hashlib.sha1(graph.serialize(format="nt", encoding="utf-8")).hexdigest()


def ontology_is_current(store, digest: str) -> bool:
    """Whether ``store`` holds the ontology graph with this content hash."""
    return store.ask(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> <{PK.contentHash}> \"{digest}\" }} }}")


class PlanStore:
    """A persistent (or, with ``location=None``, in-memory) plan store."""

    shared = False  # only this process writes it (see RemoteStore.shared)

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False):
        """``read_only`` opens an existing directory without its lock, e.g. while `plankg serve` holds it:
        the view is the store as it was when opened; writes fail."""
        self.location = Path(location) if location else None
        self.read_only = read_only
        try:
            if read_only and self.location is not None:
                backend = OxigraphStore(store=ox.Store.read_only(str(self.location)))
            else:
                backend = OxigraphStore()
                if self.location is not None:
                    self.location.mkdir(parents=True, exist_ok=True)
                    backend.open(str(self.location))
                else:
                    backend._inner  # noqa: B018 - creates the in-memory store
        except OSError as exc:
            raise errors.StoreError(f"cannot open store {self.location}", detail=str(exc)) from exc
        self.dataset = Dataset(store=backend)
        self.dataset.default_union = True
        self.ox: ox.Store = backend._inner
        if not read_only:
            self._drop_stale_staging()

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        try:
            if not self.read_only:
                self.ox.flush()
        except (AttributeError, OSError):
            pass
        self.dataset.store.close()
        self.ox = None  # drop the last reference so RocksDB releases its lock now

    def __enter__(self) -> PlanStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _drop_stale_staging(self) -> None:
        for g in list(self.ox.named_graphs()):
            if isinstance(g, ox.NamedNode) and g.value.startswith(STAGING):
                self.ox.remove_graph(g)

    # ------------------------------------------------------------------ writes
    def replace_graph(self, graph_iri: str, triples: Iterable[tuple]) -> int:
        """Atomically replace the named graph ``graph_iri`` with ``triples``; return its size."""
        target = ox.NamedNode(str(graph_iri))
        new = {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples}
        if not self.ox.contains_named_graph(target):
            self.ox.extend(ox.Quad(s, p, o, target) for s, p, o in new)  # atomic
        elif any(isinstance(t, ox.BlankNode) for tr in new for t in tr):
            staging = ox.NamedNode(STAGING + hashlib.sha1(str(graph_iri).encode()).hexdigest())
            self.ox.remove_graph(staging) if self.ox.contains_named_graph(staging) else None
            self.ox.extend(ox.Quad(s, p, o, staging) for s, p, o in new)
            self.ox.update(f"MOVE SILENT <{staging.value}> TO <{target.value}>")
        else:
            old = {(q.subject, q.predicate, q.object) for q in self.ox.quads_for_pattern(None, None, None, target)}
            gone, added = old - new, new - old
            if gone or added:
                body = lambda ts: " .\n".join(f"{s} {p} {o}" for s, p, o in ts)  # noqa: E731
                self.ox.update(f"DELETE DATA {{ GRAPH {target} {{ {body(gone)} }} }} ;\n"
                               f"INSERT DATA {{ GRAPH {target} {{ {body(added)} }} }}")
        return self.graph_size(graph_iri)

    def triples_of(self, graph_iri: str) -> list[tuple]:
        """The triples of one named graph (pyoxigraph terms; ``replace_graph`` takes them as they are)."""
        target = ox.NamedNode(str(graph_iri))
        return [(q.subject, q.predicate, q.object) for q in self.ox.quads_for_pattern(None, None, None, target)]

    def drop_graph(self, graph_iri: str) -> None:
        self.ox.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def update(self, sparql: str, base: str | None = None) -> None:
        try:
            self.ox.update(sparql, base_iri=base)
        except SyntaxError as exc:
            raise errors.BadQuery("SPARQL update syntax error", detail=str(exc)) from exc

    def load(self, data: bytes, fmt: str = "nq", graph: str | None = None) -> None:
        """Add serialised RDF (triples go to ``graph``, or the default graph) in one transaction."""
        target = ox.NamedNode(graph) if graph else None
        self.ox.load(data, format=rdf_format(fmt), to_graph=target)

    def ensure_ontology(self, graph: Graph) -> bool:
        """Load the ontology graph when missing or changed (checked by a content hash)."""
        digest = ontology_digest(graph)
        if ontology_is_current(self, digest):
            return False
        triples = list(graph) + [(URIRef(ONTOLOGY_GRAPH), PK.contentHash, Literal(digest))]
        self.replace_graph(ONTOLOGY_GRAPH, triples)
        return True

    # ------------------------------------------------------------------ reads
    def query(self, sparql: str) -> Result:
        """Run a SPARQL query over the union of all graphs (rdflib Result)."""
        try:
            return self.dataset.query(sparql)
        except SyntaxError as exc:
            raise errors.BadQuery("SPARQL syntax error", detail=str(exc)) from exc

    def select(self, sparql: str, graphs: Iterable[str] | None = None) -> list[dict[str, object]]:
        """SELECT → list of {var: python value or str}; fast path straight on pyoxigraph.

        ``graphs`` (see base.Store) become the dataset's named graphs: Oxigraph does not push a
        ``VALUES ?g`` into ``GRAPH ?g {…}``, and at hundreds of plans the scan of the others dominates.
        The default graph stays the union of all graphs."""
        named = None if graphs is None else [ox.NamedNode(g) for g in graphs]
        try:
            res = self.ox.query(sparql, use_default_graph_as_union=True, named_graphs=named)
        except SyntaxError as exc:
            raise errors.BadQuery("SPARQL syntax error", detail=str(exc)) from exc
        return solutions_to_dicts(res)

    def ask(self, sparql: str) -> bool:
        try:
            return bool(self.ox.query(sparql, use_default_graph_as_union=True))
        except SyntaxError as exc:
            raise errors.BadQuery("SPARQL syntax error", detail=str(exc)) from exc

    def dump(self, fmt: str = "nq", graph: str | None = None) -> bytes:
        """The whole dataset (quad formats) or one named graph (any format) serialised."""
        if graph is None:
            return self.ox.dump(format=rdf_format(fmt))
        return self.ox.dump(format=rdf_format(fmt), from_graph=ox.NamedNode(graph))

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_size(self, graph_iri: str) -> int:
        res = self.ox.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
        return int(next(iter(res))[0].value)

    def __len__(self) -> int:
        return len(self.ox)

    def answer(self, task: QueryTask) -> Encoded:
        """Run a checked endpoint query in this process and encode it (no time limit: see QueryService)."""
        return run_query(self.ox, task)

    def checkpoint(self, path: str) -> None:
        """A read-only copy of the on-disk store at ``path`` (hard links; for the query workers)."""
        self.ox.backup(path)

    def export(self, fmt: str) -> bytes:
        if fmt == "jsonld":
            return self.dataset.serialize(format="json-ld", encoding="utf-8")
        if fmt not in EXPORT_FORMATS:
            raise errors.BadOption(f"unknown export format {fmt!r}", hint="use trig, nq, ttl, nt or jsonld")
        if fmt in ("ttl", "nt"):  # triple formats: the union of all graphs
            quads = (ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in self.ox)
            return ox.serialize(quads, format=EXPORT_FORMATS[fmt])
        return self.ox.dump(format=EXPORT_FORMATS[fmt])


def open_store(spec: str | Path | None):
    """A store from a spec: an ``http(s)://`` SPARQL 1.1 endpoint (``RemoteStore``) or a directory."""
    text = str(spec) if spec is not None else ""
    if text.startswith(("http://", "https://")):
        return RemoteStore(text)
    return PlanStore(text or None)
