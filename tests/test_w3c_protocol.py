"""Replay the W3C SPARQL 1.1 Protocol test manifest against a live `plankg` server on 127.0.0.1.

The runner reads ``manifest.ttl`` (ht:Request method, path, headers and body; expected status,
format and boolean), loads each test's graph data through the Graph Store protocol, creates (empty)
the graphs the requests name, and sends every request in order. Updates carry the bearer token.
"""
from __future__ import annotations

import json
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

SUITE = Path(__file__).resolve().parents[2] / "shared" / "w3c" / "sparql11" / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
TOKEN = "w3c-protocol-token"
EXPECTED_TESTS = 34

# Tests this server does not pass, with the reason (strict xfail: an unexpected pass fails the run).
KNOWN_FAILURES: dict[str, str] = {}

RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"}
RDF_TYPES = {"application/rdf+xml", "text/turtle", "application/n-triples"}


def load_manifest() -> list[dict]:
    if not (SUITE / "manifest.ttl").exists():
        return []
    g = Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID="http://example/protocol/manifest.ttl")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(g, g.value(manifest, MF.entries)):
        data = [(str(g.value(gd, UT.graph)), str(g.value(gd, RDFS.label))) for gd in g.objects(entry, UT.graphData)]
        action = g.value(entry, MF.action)
        requests = []
        for req in Collection(g, g.value(action, HT.requests)):
            body = g.value(req, HT.body)
            headers = {}
            hl = g.value(req, HT.headers)
            if hl is not None:
                for h in Collection(g, hl):
                    headers[str(g.value(h, HT.fieldName)).lower()] = str(g.value(h, HT.fieldValue))
            resp = g.value(req, HT.resp)
            statuses = {str(s).rsplit("#", 1)[1] for s in g.objects(resp, MF.expectedStatus)}
            boolean = g.value(resp, MF.expectedBoolean)
            fmt = g.value(resp, MF.expectedFormat)
            requests.append({"method": str(g.value(req, HT.methodName)), "path": str(g.value(req, HT.absolutePath)),
                             "body": None if body is None else str(g.value(body, CNT.chars)), "headers": headers,
                             "status": statuses, "boolean": None if boolean is None else boolean.toPython(),
                             "format": None if fmt is None else str(fmt)})
        tests.append({"id": str(entry).rsplit("#", 1)[1], "name": str(g.value(entry, MF.name)),
                      "data": data, "requests": requests})
    return tests


TESTS = load_manifest()
pytestmark = pytest.mark.slow


def test_manifest_collected():
    assert len(TESTS) == EXPECTED_TESTS, f"collected {len(TESTS)} protocol tests"


@pytest.fixture(scope="module")
def server(live_server_factory, tmp_path_factory):
    if not TESTS:
        pytest.skip("W3C protocol suite not found")
    return live_server_factory(tmp_path_factory.mktemp("w3cproto"), update_token=TOKEN, query_timeout=10)


def _auth():
    return {"Authorization": f"Bearer {TOKEN}"}


def _graphs_named(path: str) -> set[str]:
    qs = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    return {g for k in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")
            for g in qs.get(k, [])}


def _prepare(client: httpx.Client, test: dict) -> None:
    r = client.post("/sparql", content="DROP ALL", headers={**_auth(), "content-type": "application/sparql-update"})
    assert r.status_code == 204, r.text
    for file, iri in test["data"]:
        nt = (SUITE / Path(urllib.parse.urlsplit(file).path).name).read_bytes()
        r = client.put("/store", params={"graph": iri}, content=nt,
                       headers={**_auth(), "content-type": "application/n-triples"})
        assert r.status_code in (201, 204), r.text
    for iri in set().union(*(_graphs_named(q["path"]) for q in test["requests"])) - {i for _, i in test["data"]}:
        r = client.post("/sparql", content=f"CREATE SILENT GRAPH <{iri}>",
                        headers={**_auth(), "content-type": "application/sparql-update"})
        assert r.status_code == 204, r.text


def _boolean(resp: httpx.Response) -> bool:
    ct = resp.headers["content-type"].split(";")[0]
    if "json" in ct:
        return json.loads(resp.content)["boolean"]
    root = ET.fromstring(resp.content)
    return root.find("{http://www.w3.org/2005/sparql-results#}boolean").text.strip() == "true"


@pytest.mark.parametrize("test", TESTS, ids=[t["id"] for t in TESTS])
def test_protocol(server, test, request):
    if test["id"] in KNOWN_FAILURES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_FAILURES[test["id"]], strict=True))
    with httpx.Client(base_url=server.url, timeout=30) as client:
        _prepare(client, test)
        for i, req in enumerate(test["requests"]):
            path = req["path"].replace("/sparql/", "/sparql", 1)
            headers = dict(req["headers"])
            body = req["body"]
            content = None
            if body is not None:
                charset = headers.get("content-type", "").lower().partition("charset=")[2].strip()
                content = body.encode(charset or "utf-8")
            if "update" in (body or "").lower() or "update" in headers.get("content-type", "") or "update=" in path:
                headers.update(_auth())  # the token is how this server enables updates
            resp = client.request(req["method"], path, content=content, headers=headers)
            klass = f"StatusCode{resp.status_code // 100}xx"
            assert klass in req["status"], f"request {i}: {resp.status_code} {resp.text[:300]}"
            ct = resp.headers.get("content-type", "").split(";")[0]
            if resp.status_code >= 400:
                assert ct == "application/json" and "error" in resp.json()  # our envelope
            if req["format"] == "boolean":
                assert ct in {"application/sparql-results+json", "application/sparql-results+xml"}, ct
            elif req["format"] == "tabular":
                assert ct in RESULT_TYPES, ct
            elif req["format"] == "RDF":
                assert ct in RDF_TYPES, ct
                Graph().parse(data=resp.content, format={"text/turtle": "turtle", "application/n-triples": "nt",
                                                          "application/rdf+xml": "xml"}[ct])
            if req["boolean"] is not None:
                assert _boolean(resp) is req["boolean"]
