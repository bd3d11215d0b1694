"""The shared-store mode: plankg on a real `oxigraph serve` (SPARQL 1.1 query/update) on 127.0.0.1."""
from __future__ import annotations

import json
import socket

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Literal, URIRef

from plankg import errors
from plankg.api.app import create_app
from plankg.graph.ingest import bundled_examples, ingest_paths
from plankg.graph.remote import RemoteStore, split_spec
from plankg.graph.store import PlanStore, open_store
from plankg.settings import Settings

TOKEN = "remote-token"


def test_split_spec():
    assert split_spec("http://h/ds/query") == ("http://h/ds/query", "http://h/ds/update")
    assert split_spec("http://h/sparql") == ("http://h/sparql", "http://h/sparql")
    assert split_spec("http://h/q, http://h/u") == ("http://h/q", "http://h/u")


def test_open_store_factory(tmp_path, oxigraph_server):
    assert isinstance(open_store(oxigraph_server + "/query"), RemoteStore)
    local = open_store(str(tmp_path / "s"))
    assert isinstance(local, PlanStore)
    local.close()


def test_unreachable_endpoint_is_a_store_error():
    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(errors.StoreError):
        RemoteStore(f"http://127.0.0.1:{port}/query", timeout=2)


@pytest.fixture(scope="module")
def remote(oxigraph_server):
    store = RemoteStore(oxigraph_server + "/query")
    reports = ingest_paths(store, bundled_examples())  # the lead's real pipeline, writing over HTTP
    assert reports and all(r.triples > 0 for r in reports)
    return store, reports


def test_planstore_api_over_http(remote):
    store, reports = remote
    graphs = store.graphs()
    assert {r.graph for r in reports} <= set(graphs)
    for r in reports:
        assert store.graph_size(r.graph) == r.triples
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/plankg/def#Plan> }")
    assert rows[0]["n"] > 0
    res = store.query("SELECT ?p WHERE { ?p a <https://w3id.org/plankg/def#Plan> } LIMIT 3")  # rdflib path
    assert res.type == "SELECT" and len(list(res)) >= 1
    store.replace_graph("urn:x:tmp", [(URIRef("urn:x:a"), URIRef("urn:x:b"), Literal("文"))])
    assert store.graph_size("urn:x:tmp") == 1
    store.drop_graph("urn:x:tmp")
    assert "urn:x:tmp" not in store.graphs()
    ds = Dataset()
    ds.parse(data=store.export("nq"), format="nquads")
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(store)  # quads, not distinct triples


def test_api_on_the_shared_store(remote, oxigraph_server):
    store, reports = remote
    app = create_app(Settings(store=oxigraph_server + "/query", update_token=TOKEN))
    with TestClient(app) as c:
        assert c.get("/healthz").json()["store"] == "remote"
        ids = {p["id"] for p in c.get("/api/plans").json()}
        assert {r.plan_id for r in reports} <= ids
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{reports[0].graph}> {{ ?s ?p ?o }} }}"
        r = c.get("/sparql", params={"query": q}, headers={"accept": "text/csv"})
        assert r.status_code == 200 and r.text.splitlines()[1] == str(reports[0].triples)
        # the guard still runs before the shared store sees anything
        r = c.get("/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "PKG-202"
        auth = {"authorization": f"Bearer {TOKEN}"}
        r = c.put("/store", params={"graph": "urn:x:remote"}, content="<urn:x:a> <urn:x:b> \"值\" .",
                  headers={**auth, "content-type": "application/n-triples"})
        assert r.status_code == 201
        assert "urn:x:remote" in store.graphs()
        r = c.post("/sparql", content="INSERT DATA { GRAPH <urn:x:remote> { <urn:x:a> <urn:x:b> 2 } }",
                   headers={**auth, "content-type": "application/sparql-update"})
        assert r.status_code == 204 and store.graph_size("urn:x:remote") == 2
        assert c.delete("/store", params={"graph": "urn:x:remote"}, headers=auth).status_code == 204
        assert "urn:x:remote" not in store.graphs()


def test_cli_commands_use_a_remote_store(remote, oxigraph_server):
    from typer.testing import CliRunner

    from plankg.cli import app

    result = CliRunner().invoke(app, ["plans", "--json", "--store", oxigraph_server + "/query"])
    assert result.exit_code == 0, result.output
    assert {p["kind"] for p in json.loads(result.stdout)} == {"version", "annex"}
