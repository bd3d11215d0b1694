"""The one door to the triple store: the ``Store`` protocol every backend implements.

Callers outside ``plankg.graph`` use only these methods; none of them sees pyoxigraph handles.
Backends: ``graph.store.PlanStore`` (embedded Oxigraph, on disk or in memory),
``graph.remote.RemoteStore`` (any SPARQL 1.1 query/update endpoint) and ``graph.overlay.OverlayStore``
(reads through to a base store, writes to a private in-memory layer).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from rdflib import Graph
from rdflib.query import Result

from plankg.graph.results import Encoded, QueryTask

# Serialisations accepted by ``Store.dump`` / ``Store.load`` (names as on the CLI's export).
RDF_FORMATS = ("nq", "trig", "nt", "ttl")


@runtime_checkable
class Store(Protocol):
    location: object  # a directory (embedded), or None (in memory / remote / overlay)
    shared: bool      # True when other processes may write it (a remote endpoint): don't cache its contents

    # reads
    def query(self, sparql: str) -> Result: ...
    # ``graphs`` is a hint: the only named graphs the query's GRAPH patterns can match, which the query
    # restricts itself (VALUES ?g …); a store may skip the others, results are the same either way.
    def select(self, sparql: str, graphs: Iterable[str] | None = None) -> list[dict[str, object]]: ...
    def ask(self, sparql: str) -> bool: ...
    def graphs(self) -> list[str]: ...
    def graph_size(self, graph_iri: str) -> int: ...
    def __len__(self) -> int: ...
    def dump(self, fmt: str = "nq", graph: str | None = None) -> bytes: ...
    def export(self, fmt: str) -> bytes: ...
    def answer(self, task: QueryTask) -> Encoded: ...  # the SPARQL endpoint's checked query, encoded

    # writes
    def update(self, sparql: str, base: str | None = None) -> None: ...
    def load(self, data: bytes, fmt: str = "nq", graph: str | None = None) -> None: ...
    def replace_graph(self, graph_iri: str, triples: Iterable[tuple]) -> int: ...
    def drop_graph(self, graph_iri: str) -> None: ...
    def ensure_ontology(self, graph: Graph) -> bool: ...

    def close(self) -> None: ...
