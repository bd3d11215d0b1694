"""Issue 8 §2, §4, §6, §7, §8: each finding reproduced against a real uvicorn server on 127.0.0.1."""
from __future__ import annotations

import json
import shutil
import socket
import threading
import time

import httpx
import pytest
from rdflib import Graph

TOKEN = "sec-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
LOWER_PLAN = ("某某县国土空间总体规划（2021—2035年）\n第一章 总则\n"
              "第一条 本规划依据上级国土空间总体规划编制，规划期限为2021—2035年。\n"
              "第二条 到2035年，全县耕地保有量不低于12.5万亩。\n").encode()


@pytest.fixture(scope="module")
def server(live_server_factory, api_sample_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("sec") / "store"
    shutil.copytree(api_sample_store, store)
    return live_server_factory(store, update_token=TOKEN, query_timeout=3, query_workers=2, queries_per_client=1,
                               max_request_bytes=100_000, max_document_bytes=200_000, max_rows=5,
                               audit_timeout=120)


def _envelope(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text[:500]
    err = r.json()["error"]
    if code:
        assert err["code"] == code, err
    return err


# ---------------------------------------------------------------------- §4 body limits
def test_ask_body_over_the_limit_is_refused_by_its_declared_length(server):
    body = json.dumps({"q": "耕地" * 60_000})
    r = httpx.post(server.url + "/api/ask", content=body, headers={"content-type": "application/json"}, timeout=30)
    err = _envelope(r, 413, "PKG-605")
    assert "PLANKG_MAX_REQUEST_BYTES" in err["detail"]


def test_chunked_body_over_the_limit_is_stopped_while_streaming(server):
    def chunks():
        for _ in range(40):
            yield b'{"q": "' + b"a" * 10_000

    r = httpx.post(server.url + "/api/ask", content=chunks(), headers={"content-type": "application/json"},
                   timeout=30)
    assert r.status_code == 413, r.text[:300]
    assert "PLANKG_MAX_REQUEST_BYTES" in r.text


def test_audit_upload_is_refused_before_its_body_is_sent(server):
    """A declared 300 MB upload is answered 413 at once: the server never waits for the body."""
    host, port = "127.0.0.1", server.port
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(b"POST /api/audit HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                  b"Content-Length: 300000000\r\n\r\n")
        s.settimeout(10)
        data = b""
        while chunk := s.recv(65536):  # the server closes the connection after its answer
            data += chunk
        reply = data.decode("utf-8", "replace")
    assert reply.startswith("HTTP/1.1 413"), reply[:200]
    assert "PLANKG_MAX_DOCUMENT_BYTES" in reply


def test_audit_upload_over_the_document_limit_names_that_setting(server):
    files = {"file": ("big.txt", b"x" * 300_000, "text/plain")}
    r = httpx.post(server.url + "/api/audit", files=files, timeout=30)
    assert r.status_code == 413
    assert "PLANKG_MAX_DOCUMENT_BYTES" in r.text


# ---------------------------------------------------------------------- §2 audit of an upload
@pytest.mark.slow
def test_audit_of_an_upload_leaves_the_store_untouched(server):
    before = httpx.get(server.url + "/api/plans", timeout=30).json()
    r = httpx.post(server.url + "/api/audit", files={"file": ("lower.txt", LOWER_PLAN, "text/plain")}, timeout=180)
    assert r.status_code == 200, r.text[:500]
    report = r.json()
    assert report["plan"] and isinstance(report["counts"], dict)
    after = httpx.get(server.url + "/api/plans", timeout=30).json()
    assert after == before


@pytest.mark.slow
def test_audit_past_its_time_limit_is_stopped(live_server_factory, api_sample_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(api_sample_store, store)
    srv = live_server_factory(store, audit_timeout=0.2)
    r = httpx.post(srv.url + "/api/audit", files={"file": ("lower.txt", LOWER_PLAN, "text/plain")}, timeout=60)
    _envelope(r, 503, "PKG-402")
    assert httpx.get(srv.url + "/healthz").status_code == 200


# ---------------------------------------------------------------------- §6 per-client query slots
@pytest.mark.slow
def test_one_client_looping_a_runaway_query_does_not_starve_another(server):
    """Client A (127.0.0.1) fills its slots; client B (127.0.0.2, same machine) still gets answers."""
    statuses: list[int] = []

    def loop():
        with httpx.Client(base_url=server.url, timeout=30) as a:
            for _ in range(3):
                statuses.append(a.get("/sparql", params={"query": RUNAWAY}).status_code)

    threads = [threading.Thread(target=loop) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    other = httpx.Client(base_url=server.url, transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=10)
    with other:
        answers = [other.get("/sparql", params={"query": "ASK {}"}) for _ in range(5)]
    for t in threads:
        t.join(120)
    assert all(r.status_code == 200 and r.json()["boolean"] is True for r in answers), [r.text for r in answers]
    assert 429 in statuses  # A's queries beyond its one slot were refused
    assert set(statuses) <= {429, 503}


# ---------------------------------------------------------------------- §7 Graph Store reads
def test_graph_store_get_is_capped_and_head_is_cheap(server):
    g = {"graph": "urn:x:sec-gsp"}
    nt = "".join(f'<urn:x:s{i}> <urn:x:p> "{i}" .\n' for i in range(20))
    assert httpx.put(server.url + "/store", params=g, content=nt,
                     headers={**AUTH, "content-type": "application/n-triples"}).status_code == 201
    r = httpx.get(server.url + "/store", params=g, headers={"accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["x-plankg-truncated"].startswith("true")
    assert len(Graph().parse(data=r.text, format="turtle")) == 5
    head = httpx.head(server.url + "/store", params=g)
    assert head.status_code == 200 and head.content == b"" and head.headers["content-type"].startswith("text/turtle")
    assert httpx.head(server.url + "/store", params={"graph": "urn:x:none"}).status_code == 404


# ---------------------------------------------------------------------- §8 smaller findings
@pytest.mark.parametrize("update", ["", "   \n", "# only a comment\n", "#\r"])
def test_empty_or_comment_only_update_is_a_bad_request(server, update):
    r = httpx.post(server.url + "/sparql", content=update.encode(),
                   headers={**AUTH, "content-type": "application/sparql-update"})
    _envelope(r, 400, "PKG-201")


def test_entity_with_a_stray_percent_is_not_found_without_the_query(server):
    r = httpx.get(server.url + "/api/entities/a%25b")
    err = _envelope(r, 404, "PKG-302")
    assert "SELECT" not in json.dumps(err) and "VALUES" not in json.dumps(err)


def test_xml_illegal_character_fails_cleanly_in_xml_and_works_in_json(server):
    r = httpx.post(server.url + "/sparql", content='INSERT DATA { GRAPH <urn:x:nul> { <urn:x:nul> <urn:x:p> "a\\u0000b" } }',
                   headers={**AUTH, "content-type": "application/sparql-update"})
    assert r.status_code == 204, r.text
    q = {"query": "SELECT ?o WHERE { <urn:x:nul> <urn:x:p> ?o }"}
    xml = httpx.get(server.url + "/sparql", params=q, headers={"accept": "application/sparql-results+xml"})
    err = _envelope(xml, 406, "PKG-608")
    assert "JSON" in err["detail"]
    js = httpx.get(server.url + "/sparql", params=q, headers={"accept": "application/sparql-results+json"})
    assert js.status_code == 200 and js.json()["results"]["bindings"][0]["o"]["value"] == "a\x00b"
    rdfxml = httpx.get(server.url + "/store", params={"graph": "urn:x:nul"}, headers={"accept": "application/rdf+xml"})
    _envelope(rdfxml, 406, "PKG-608")
    nt = httpx.get(server.url + "/store", params={"graph": "urn:x:nul"}, headers={"accept": "application/n-triples"})
    assert nt.status_code == 200 and "\\u0000" in nt.text


def test_method_not_allowed_names_every_method_of_the_path(server):
    """Schemathesis found `OPTIONS /api/plans` → 405 with `Allow: GET` although POST is served too."""
    r = httpx.request("OPTIONS", server.url + "/api/plans")
    _envelope(r, 405, "PKG-607")
    assert set(r.headers["allow"].split(", ")) == {"GET", "POST"}
    spec = httpx.get(server.url + "/openapi.json").json()
    post = spec["paths"]["/api/plans"]["post"]["responses"]
    assert {"413", "415"} <= set(post)  # what the upload answers is documented
    audit_json = spec["paths"]["/api/audit"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert audit_json["required"] == ["plan"]  # a JSON audit request without a plan is not schema-valid


@pytest.mark.slow
def test_audits_beyond_the_slots_are_refused_at_once(live_server_factory, api_sample_store, tmp_path):
    """With one audit slot, a second audit while the first runs gets 503 PKG-403 at once (no queue)."""
    store = tmp_path / "store"
    shutil.copytree(api_sample_store, store)
    # no per-client limit: both audits come from one address, and the shared slots are what is tested here
    srv = live_server_factory(store, query_workers=1, audit_timeout=120, audits_per_client=0)
    first: dict = {}

    def audit_once():
        first["r"] = httpx.post(srv.url + "/api/audit", files={"file": ("lower.txt", LOWER_PLAN, "text/plain")},
                                timeout=180)

    t = threading.Thread(target=audit_once)
    t.start()
    time.sleep(1.0)  # the first audit's worker is still starting (it loads spaCy and the shapes)
    second = httpx.post(srv.url + "/api/audit", files={"file": ("lower.txt", LOWER_PLAN, "text/plain")}, timeout=60)
    t.join(180)
    _envelope(second, 503, "PKG-403")  # queued, it would have waited and then answered 200
    assert first["r"].status_code == 200, first["r"].text[:300]
