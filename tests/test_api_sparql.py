"""/sparql and /store in-process (TestClient, real Oxigraph store, real worker processes)."""
from __future__ import annotations

import io
import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph
from rdflib.query import Result

from plankg.api.app import create_app
from plankg.settings import Settings

TOKEN = "test-token"
PK = "PREFIX pk: <https://w3id.org/plankg/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


@pytest.fixture(scope="module")
def client(api_sample_store, tmp_path_factory):
    import shutil

    store = tmp_path_factory.mktemp("sparql") / "store"
    shutil.copytree(api_sample_store, store)
    app = create_app(Settings(store=str(store), update_token=TOKEN, max_rows=50, query_timeout=20))
    with TestClient(app) as c:
        yield c


def sel(client, q, accept="application/sparql-results+json", **kw):
    return client.get("/sparql", params={"query": q}, headers={"accept": accept}, **kw)


def assert_envelope(r, status, code=None):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]) <= {"code", "message", "detail"}
    assert "Traceback" not in r.text
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_select_json_over_the_sample_plans(client):
    r = sel(client, PK + "SELECT ?p ?t WHERE { ?p a pk:Plan ; pk:planId ?t } LIMIT 5")
    assert r.status_code == 200
    doc = r.json()
    assert doc["head"]["vars"] == ["p", "t"] and doc["results"]["bindings"]
    assert all(b["p"]["type"] == "uri" for b in doc["results"]["bindings"])


@pytest.mark.parametrize("accept,fmt", [("application/sparql-results+json", "json"),
                                        ("application/sparql-results+xml", "xml"),
                                        ("text/csv", "csv"), ("text/tab-separated-values", "tsv")])
def test_result_formats_agree(client, accept, fmt):
    q = PK + "SELECT ?d ?l WHERE { ?d a pk:County ; rdfs:label ?l } ORDER BY ?d"
    r = sel(client, q, accept)
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    res = Result.parse(io.BytesIO(r.content), format=fmt)
    got = sorted((str(row[0]), str(row[1])) for row in res)
    ref = sorted((b["d"]["value"], b["l"]["value"]) for b in sel(client, q).json()["results"]["bindings"])
    assert got == ref and len(got) >= 2


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                        ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"),
                                        ("application/trig", "trig"), ("application/n-quads", "nquads")])
def test_construct_formats(client, accept, fmt):
    q = PK + "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a pk:County ; rdfs:label ?l }"
    r = sel(client, q, accept)
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept), r.text
    g = Dataset() if fmt in ("trig", "nquads") else Graph()
    g.parse(data=r.content, format=fmt)
    assert len(g) == int(r.headers["x-plankg-rows"]) > 0


def test_ask_and_describe(client):
    assert sel(client, PK + "ASK { ?p a pk:Plan }").json() == {"head": {}, "boolean": True}
    r = client.post("/sparql", content="DESCRIBE <https://w3id.org/plankg/id/division/140600>",
                    headers={"content-type": "application/sparql-query", "accept": "*/*"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=r.content, format="turtle")) > 0


def test_not_acceptable(client):
    e = assert_envelope(sel(client, "SELECT * { ?s ?p ?o } LIMIT 1", "image/png"), 406, "PKG-603")
    assert "application/sparql-results+json" in e["detail"]
    assert_envelope(sel(client, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/csv"), 406, "PKG-603")


def test_row_cap_is_flagged_in_body_and_header(client):
    r = sel(client, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert r.status_code == 200
    doc = r.json()
    assert len(doc["results"]["bindings"]) == 50
    assert doc["plankg"] == {"truncated": True, "maxRows": 50}
    assert r.headers["x-plankg-truncated"].startswith("true")
    small = sel(client, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3")
    assert "x-plankg-truncated" not in small.headers and "plankg" not in small.json()


def test_service_description_and_editor(client):
    r = client.get("/sparql", headers={"accept": "text/turtle"})
    g = Graph().parse(data=r.content, format="turtle")
    assert any("sparql-service-description#Service" in str(o) for o in g.objects())
    html = client.get("/sparql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.status_code == 200 and "<textarea" in html.text and "http" not in html.text.split("<body>")[0].replace(
        'content="width', "")  # no CDN links in the head
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    linked = client.get("/sparql", params={"query": "ASK {}"}, headers={"accept": browser})
    assert linked.headers["content-type"].startswith("text/html")  # a browser following a link gets the editor
    assert client.get("/sparql", params={"query": "ASK {}"}, headers={"accept": "*/*"}).json()["boolean"] is True
    js = client.get("/assets/sparql/sparql.js")
    assert js.status_code == 200 and "/entity?iri=" in js.text
    assert client.get("/assets/sparql/sparql.css").status_code == 200


def test_bad_syntax_gets_the_parser_message(client):
    e = assert_envelope(sel(client, "SELECT * WHERE { ?s ?p "), 400, "PKG-201")
    assert "error at" in e["detail"] or "Expected" in e["detail"]


@pytest.mark.parametrize("q,word", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } }", "SERVICE"),
    ("SELECT * WHERE { { SELECT ?s { SERVICE ?x { ?s ?p ?o } } } }", "SERVICE")])
def test_service_refused(client, q, word):
    assert word in assert_envelope(sel(client, q), 400, "PKG-202")["message"]


def test_service_keyword_in_a_string_is_fine(client):
    assert sel(client, 'SELECT ("SERVICE <http://x/> LOAD FROM" AS ?x) {}').status_code == 200


def test_from_outside_the_store_refused(client):
    assert_envelope(sel(client, "SELECT * FROM <http://127.0.0.1:9/data.ttl> { ?s ?p ?o }"), 400, "PKG-202")
    assert_envelope(sel(client, "SELECT * FROM NAMED <file:///etc/passwd> { GRAPH ?g { ?s ?p ?o } }"), 400, "PKG-202")
    r = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "http://127.0.0.1:9/x"})
    assert_envelope(r, 400, "PKG-202")


def test_from_a_store_graph_is_allowed(client):
    graph = client.get("/healthz").json()
    assert graph["status"] == "ok"
    g = sel(client, "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } LIMIT 1").json()["results"]["bindings"][0]["g"]["value"]
    r = sel(client, f"SELECT (COUNT(*) AS ?n) FROM <{g}> {{ ?s ?p ?o }}")
    assert r.status_code == 200 and int(r.json()["results"]["bindings"][0]["n"]["value"]) > 0


def test_protocol_errors(client):
    assert_envelope(client.put("/sparql"), 405, "PKG-607")
    assert_envelope(client.post("/sparql", content="ASK {}", headers={"content-type": "text/plain"}), 415, "PKG-604")
    assert_envelope(client.get("/sparql?query=ASK{}&query=ASK{}"), 400, "PKG-606")
    assert_envelope(client.get("/sparql", params={"update": "CLEAR ALL"}), 400, "PKG-606")
    assert_envelope(client.get("/no/such/page"), 404, "PKG-302")


def test_request_size_limit(client):
    big = "ASK {}" + " " * (client.app.state.settings.max_request_bytes + 10)
    assert_envelope(client.post("/sparql", content=big, headers={"content-type": "application/sparql-query"}),
                    413, "PKG-605")


def test_updates_need_the_token(client):
    upd = "INSERT DATA { GRAPH <urn:x:t> { <urn:x:a> <urn:x:b> 1 } }"
    h = {"content-type": "application/sparql-update"}
    assert_envelope(client.post("/sparql", content=upd, headers=h), 401, "PKG-601")
    assert_envelope(client.post("/sparql", content=upd, headers={**h, "authorization": "Bearer nope"}), 403, "PKG-602")
    assert_envelope(client.post("/sparql", data={"update": upd}, headers={"authorization": "Basic x"}), 401)
    assert sel(client, "ASK { GRAPH <urn:x:t> { ?s ?p ?o } }").json()["boolean"] is False
    ok = client.post("/sparql", content=upd, headers={**h, "authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 204
    assert sel(client, "ASK { GRAPH <urn:x:t> { <urn:x:a> <urn:x:b> 1 } }").json()["boolean"] is True
    load = client.post("/sparql", content="LOAD <http://127.0.0.1:9/x.ttl>",
                       headers={**h, "authorization": f"Bearer {TOKEN}"})
    assert "LOAD" in assert_envelope(load, 400, "PKG-202")["message"]


def test_graph_store_protocol(client):
    auth = {"authorization": f"Bearer {TOKEN}"}
    g = {"graph": "urn:x:gsp"}
    ttl = "<urn:x:s> <urn:x:p> \"一\"@zh .\n"
    assert_envelope(client.put("/store", params=g, content=ttl, headers={"content-type": "text/turtle"}), 401)
    assert client.put("/store", params=g, content=ttl, headers={**auth, "content-type": "text/turtle"}).status_code == 201
    assert client.post("/store", params=g, content="<urn:x:s> <urn:x:p> \"二\"@zh .",
                       headers={**auth, "content-type": "application/n-triples"}).status_code == 204
    got = Graph().parse(data=client.get("/store", params=g, headers={"accept": "text/turtle"}).content, format="turtle")
    assert sorted(str(o) for o in got.objects()) == ["一", "二"]
    assert client.put("/store", params=g, content=ttl, headers={**auth, "content-type": "text/turtle"}).status_code == 204
    assert len(Graph().parse(data=client.get("/store", params=g).content, format="turtle")) == 1
    assert client.delete("/store", params=g, headers=auth).status_code == 204
    assert_envelope(client.get("/store", params=g), 404, "PKG-302")
    assert_envelope(client.get("/store"), 400)


def test_uploads_refuse_xml_entities_and_remote_contexts(client):
    auth = {"authorization": f"Bearer {TOKEN}"}
    bomb = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    r = client.put("/store", params={"graph": "urn:x:bomb"}, content=bomb,
                   headers={**auth, "content-type": "application/rdf+xml"})
    assert "DOCTYPE" in assert_envelope(r, 400)["message"]
    jl = json.dumps({"@context": "http://127.0.0.1:9/context.jsonld", "@id": "urn:x:a", "name": "x"})
    r = client.put("/store", params={"graph": "urn:x:jl"}, content=jl,
                   headers={**auth, "content-type": "application/ld+json"})
    assert "context" in assert_envelope(r, 400)["message"]
    inline = json.dumps({"@context": {"name": "urn:x:name"}, "@id": "urn:x:a", "name": "x"})
    assert client.put("/store", params={"graph": "urn:x:jl"}, content=inline,
                      headers={**auth, "content-type": "application/ld+json"}).status_code == 201


def test_using_graph_uri_rewrites_updates(client):
    auth = {"authorization": f"Bearer {TOKEN}", "content-type": "application/sparql-update"}
    client.post("/sparql", content="INSERT DATA { GRAPH <urn:x:src> { <urn:x:a> a <urn:x:T> } }", headers=auth)
    r = client.post("/sparql?using-graph-uri=urn:x:src",
                    content="INSERT { GRAPH <urn:x:dst> { ?s a <urn:x:U> } } WHERE { ?s a <urn:x:T> }", headers=auth)
    assert r.status_code == 204
    assert sel(client, "ASK { GRAPH <urn:x:dst> { <urn:x:a> a <urn:x:U> } }").json()["boolean"] is True
    bad = client.post("/sparql?using-graph-uri=urn:x:src",
                      content="WITH <urn:x:src> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", headers=auth)
    assert_envelope(bad, 400, "PKG-606")


FRAGMENTS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "*", "?s", "?p", "?o", "{", "}", "(", ")", "WHERE", "FROM",
             "SERVICE", "LOAD", "GRAPH", "<urn:x>", "<http://127.0.0.1:9/>", '"文"', "1", ".", "FILTER", "COUNT",
             "GROUP BY", "OPTIONAL", "UNION", "MINUS", "VALUES", "BIND", "AS", "PREFIX", "pk:", ":", "\\u0053", "#"]


def test_fuzzed_queries_never_get_a_server_error(client):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=14).map(" ".join),
           st.sampled_from(["application/sparql-results+json", "text/csv", "text/turtle", "*/*", "image/png"]))
    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(q, accept):
        r = client.post("/sparql", data={"query": q}, headers={"accept": accept})
        assert r.status_code in (200, 400, 406), (q, r.status_code, r.text[:300])
        if r.status_code != 200:
            assert set(r.json()) == {"error"}

    check()
