"""A plan store on any SPARQL 1.1 query/update endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso).

Same public methods as :class:`plankg.graph.store.PlanStore`, so several API workers or machines can
share one database. The server must treat its default graph as the union of the named graphs
(``oxigraph serve --union-default-graph``, Fuseki ``unionDefaultGraph``; see docs/api.md), because
plankg keeps every document in its own named graph and queries the union.

Spec: ``http(s)://host/path`` (one URL for queries and updates; a path ending in ``/query`` gets the
sibling ``/update`` for updates, as Oxigraph and Fuseki lay them out), or ``QUERY_URL,UPDATE_URL``.
"""
from __future__ import annotations

import hashlib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result

from plankg import errors
from plankg.graph.namespaces import ONTOLOGY_GRAPH, PK
from plankg.graph.results import DEFAULT_GRAPH_KEY, Encoded, QueryTask, encode_result
from plankg.graph.terms import rdf_format, solutions_to_dicts, to_ox

_RESULTS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML}
_GRAPHS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
           "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML}


def split_spec(spec: str) -> tuple[str, str]:
    if "," in spec:
        q, u = (s.strip() for s in spec.split(",", 1))
        return q, u
    if spec.rstrip("/").endswith("/query"):
        return spec, spec.rstrip("/")[: -len("query")] + "update"
    return spec, spec


class RemoteStore:
    """A PlanStore look-alike over HTTP. ``timeout`` bounds every request (seconds)."""

    location = None
    shared = True  # other processes may write the endpoint: never cache what it holds

    def __init__(self, spec: str, timeout: float = 30.0):
        self.query_url, self.update_url = split_spec(spec)
        self.timeout = timeout
        self._dataset = None
        try:
            self.ox_query("ASK {}")
        except errors.PlankgError as exc:
            raise errors.StoreError(f"cannot reach the SPARQL endpoint {self.query_url}", detail=exc.detail) from exc

    # ------------------------------------------------------------------ HTTP
    def _post(self, url: str, data: bytes, content_type: str, accept: str | None = None) -> tuple[str, bytes]:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - configured endpoint
                return resp.headers.get("Content-Type", "").split(";")[0].strip(), resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")[:2000]
            if exc.code == 400:
                raise errors.BadQuery("the SPARQL endpoint refused the request", detail=body) from exc
            raise errors.StoreError(f"SPARQL endpoint answered {exc.code}", detail=body) from exc
        except TimeoutError as exc:
            raise errors.QueryTimeout(f"the SPARQL endpoint did not answer within {self.timeout:g} s") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise errors.StoreError(f"cannot reach the SPARQL endpoint {url}", detail=str(exc)) from exc

    def ox_query(self, query: str, default_graphs=None, named_graphs=None, base: str | None = None):
        """Run a query remotely; return pyoxigraph results (QuerySolutions/QueryBoolean/list of Triple)."""
        fields = [("query", query)]
        fields += [("default-graph-uri", g) for g in default_graphs or []]
        fields += [("named-graph-uri", g) for g in named_graphs or []]
        ctype, body = self._post(self.query_url, urllib.parse.urlencode(fields).encode(),
                                 "application/x-www-form-urlencoded",
                                 "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8")
        if ctype in _RESULTS:
            return ox.parse_query_results(body, format=_RESULTS[ctype])
        if ctype in _GRAPHS:
            return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=_GRAPHS[ctype])]
        raise errors.StoreError(f"unexpected media type {ctype!r} from the SPARQL endpoint")

    def update(self, text: str, base: str | None = None) -> None:
        if base and not text.lstrip().upper().startswith("BASE"):
            text = f"BASE <{base}>\n{text}"
        self._post(self.update_url, text.encode("utf-8"), "application/sparql-update")

    # ------------------------------------------------------------------ PlanStore API
    @property
    def dataset(self):
        """An rdflib Dataset over the endpoint (rdflib SPARQLUpdateStore); slow, for rdflib-only callers."""
        if self._dataset is None:
            st = SPARQLUpdateStore(query_endpoint=self.query_url, update_endpoint=self.update_url,
                                   returnFormat="json", timeout=self.timeout)
            self._dataset = Dataset(store=st)
            self._dataset.default_union = True  # as PlanStore; also keeps rdflib from adding a FROM
        return self._dataset

    def close(self) -> None:
        if self._dataset is not None:
            self._dataset.store.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def replace_graph(self, graph_iri: str, triples: Iterable[tuple]) -> int:
        """Replace a named graph in one update request (one transaction on Oxigraph and Fuseki)."""
        nt = ox.serialize([ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples],
                          format=ox.RdfFormat.N_TRIPLES).decode()
        self.update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{nt}}} }}")
        return self.graph_size(graph_iri)

    def drop_graph(self, graph_iri: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def ensure_ontology(self, graph: Graph) -> bool:
        digest = hashlib.sha1(graph.serialize(format="nt", encoding="utf-8")).hexdigest()
        q = f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> <{PK.contentHash}> \"{digest}\" }} }}"
        if bool(self.ox_query(q)):
            return False
        self.replace_graph(ONTOLOGY_GRAPH, list(graph) + [(URIRef(ONTOLOGY_GRAPH), PK.contentHash, Literal(digest))])
        return True

    def query(self, sparql: str) -> Result:
        try:
            return self.dataset.query(sparql)
        except Exception as exc:
            raise errors.BadQuery("SPARQL query failed on the endpoint", detail=str(exc)) from exc

    def select(self, sparql: str, graphs: Iterable[str] | None = None) -> list[dict[str, object]]:
        # ``graphs`` is only a hint (the query restricts its graphs itself): the endpoint plans on its own
        return solutions_to_dicts(self.ox_query(sparql))

    def ask(self, sparql: str) -> bool:
        return bool(self.ox_query(sparql))

    def answer(self, task: QueryTask) -> Encoded:
        """Run a checked endpoint query on the remote endpoint and encode it (its timeout applies)."""
        default = [g for g in task.default or () if g != DEFAULT_GRAPH_KEY] if task.default is not None else None
        return encode_result(self.ox_query(task.query, default, task.named, task.base), task)

    def dump(self, fmt: str = "nq", graph: str | None = None) -> bytes:
        if graph is None:
            return self.export(fmt)
        triples = self.graph_triples(ox.NamedNode(graph))
        if fmt in ("nq", "trig"):
            return ox.serialize((ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph)) for t in triples),
                                format=rdf_format(fmt))
        return ox.serialize(triples, format=rdf_format(fmt))

    def load(self, data: bytes, fmt: str = "nq", graph: str | None = None) -> None:
        quads = list(ox.parse(data, format=rdf_format(fmt), to_graph=ox.NamedNode(graph) if graph else None))
        by_graph: dict = {}
        for q in quads:
            by_graph.setdefault(q.graph_name, []).append(ox.Triple(q.subject, q.predicate, q.object))
        for target, triples in by_graph.items():
            self.write_triples(target, triples, replace=False)

    def graphs(self) -> list[str]:
        res = self.ox_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r[0].value for r in res if isinstance(r[0], ox.NamedNode))

    def graph_size(self, graph_iri: str) -> int:
        res = self.ox_query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
        return int(next(iter(res))[0].value)

    def __len__(self) -> int:
        res = self.ox_query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(res))[0].value)

    def export(self, fmt: str) -> bytes:
        formats = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "ttl": ox.RdfFormat.TURTLE,
                   "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
        if fmt not in formats:
            raise errors.BadOption(f"unknown export format {fmt!r}", hint="use trig, nq, ttl, nt or jsonld")
        res = self.ox_query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        if formats[fmt].supports_datasets:
            return ox.serialize((ox.Quad(r[0], r[1], r[2], r[3]) for r in res), format=formats[fmt])
        return ox.serialize((ox.Triple(r[0], r[1], r[2]) for r in res), format=formats[fmt])

    # ------------------------------------------------------------------ Graph Store helpers
    def graph_triples(self, target) -> list:
        if isinstance(target, ox.DefaultGraph):
            return list(self.ox_query("CONSTRUCT WHERE { ?s ?p ?o }"))
        return list(self.ox_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{target.value}> {{ ?s ?p ?o }} }}"))

    def write_triples(self, target, triples: list, replace: bool) -> None:
        nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
        if isinstance(target, ox.DefaultGraph):
            head, data = ("DROP SILENT DEFAULT ;\n" if replace else ""), f"INSERT DATA {{\n{nt}}}"
        else:
            head = f"DROP SILENT GRAPH <{target.value}> ;\n" if replace else ""
            data = f"INSERT DATA {{ GRAPH <{target.value}> {{\n{nt}}} }}"
        self.update(head + data)
