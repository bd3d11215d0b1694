"""``GET /sparql?query=…`` answered before the framework (api/sparql_fast.py) answers exactly as the route does.

Each request is sent twice to a real uvicorn server: as a GET (the fast path) and as the same query in a
POST form (the route); status, body and the headers a client reads must agree. Requests the fast path
must leave to the route (the editor page, dataset parameters, a full guard check) are checked too.
"""
from __future__ import annotations

import shutil

import httpx
import pytest

PREFIX = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
ACCEPTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values", "text/turtle", "image/png"]
QUERIES = {
    "labels": PREFIX + "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?s ?l",
    "over the row cap": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
    "ask": "ASK { ?s ?p ?o }",
    "construct": PREFIX + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }",
    "syntax error": "SELECT ?s WHERE { ?s ",
    "relative IRI against the request's base": "SELECT (<x> AS ?iri) WHERE {}",
}
CASES = [(q, a) for q in QUERIES for a in ACCEPTS]
SAME_HEADERS = ("content-type", "x-plankg-rows", "x-plankg-truncated", "vary", "access-control-allow-origin")


@pytest.fixture(scope="module")
def server(live_server_factory, api_sample_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("fast") / "store"
    shutil.copytree(api_sample_store, store)
    return live_server_factory(store, query_timeout=10, query_workers=2, queries_per_client=2, max_rows=7,
                               max_request_bytes=4000, cors_origins="https://planning.example")


def test_cases_collected():
    assert len(CASES) == 36


@pytest.mark.parametrize("name,accept", CASES)
def test_a_get_answers_as_the_route_answers_the_same_query(server, name, accept):
    headers = {"Accept": accept, "Origin": "https://planning.example"}
    url = server.url + "/sparql"
    fast = httpx.get(url, params={"query": QUERIES[name]}, headers=headers, timeout=30)
    route = httpx.post(url, data={"query": QUERIES[name]}, headers=headers, timeout=30)
    assert fast.status_code == route.status_code, (fast.text[:300], route.text[:300])
    assert fast.content == route.content
    for h in SAME_HEADERS:
        assert fast.headers.get(h) == route.headers.get(h), h
    assert fast.headers["access-control-allow-origin"] == "https://planning.example"  # CORS wraps the fast path


def test_the_row_cap_and_the_base_hold_on_the_fast_path(server):
    url = server.url + "/sparql"
    capped = httpx.get(url, params={"query": QUERIES["over the row cap"]}, timeout=30)
    assert capped.headers["x-plankg-rows"] == "7" and capped.headers["x-plankg-truncated"].startswith("true")
    assert len(capped.json()["results"]["bindings"]) == 7
    iri = httpx.get(url, params={"query": QUERIES["relative IRI against the request's base"]}, timeout=30)
    assert iri.json()["results"]["bindings"][0]["iri"]["value"] == server.url + "/x"


def test_errors_keep_their_envelope_and_code(server):
    url = server.url + "/sparql"
    too_long = httpx.get(url, params={"query": "ASK {} #" + "x" * 5000}, timeout=30)
    assert too_long.status_code == 413 and too_long.json()["error"]["code"] == "PKG-605"
    bad = httpx.get(url, params={"query": QUERIES["syntax error"]}, timeout=30)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "PKG-201"
    unacceptable = httpx.get(url, params={"query": "ASK {}"}, headers={"Accept": "image/png"}, timeout=30)
    assert unacceptable.status_code == 406 and "error" in unacceptable.json()


def test_requests_the_fast_path_leaves_to_the_route(server):
    url = server.url + "/sparql"
    page = httpx.get(url, params={"query": "ASK {}"}, headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and "<html" in page.text.lower()
    foreign = httpx.get(url, params={"query": "ASK {}", "default-graph-uri": "http://elsewhere.example/g"},
                        timeout=30)
    assert foreign.status_code == 400 and foreign.json()["error"]["code"] == "PKG-202"
    service = httpx.get(url, params={"query": "SELECT * WHERE { SERVICE <http://elsewhere.example/> { ?s ?p ?o } }"},
                        timeout=30)
    assert service.status_code == 400 and service.json()["error"]["code"] == "PKG-202"
    twice = httpx.get(url + "?query=ASK%7B%7D&query=ASK%7B%7D", timeout=30)
    assert twice.status_code == 400


def test_the_fast_path_sits_inside_cors_and_outside_the_routes():
    from plankg.api.app import create_app
    from plankg.api.sparql_fast import FastQueries
    from plankg.settings import Settings

    app = create_app(Settings(store="", cors_origins="https://planning.example"))
    names = [m.cls.__name__ for m in app.user_middleware]  # outermost first
    assert FastQueries.__name__ in names
    assert names.index("CORSMiddleware") < names.index(FastQueries.__name__)
