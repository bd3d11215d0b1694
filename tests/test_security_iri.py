"""IRIs given by clients: whole-text checks, and a 404 (never a SPARQL parse error) for text that is no IRI.

Each malformed IRI is sent to every route that takes one, against a real uvicorn on 127.0.0.1.
"""
from __future__ import annotations

import json

import httpx
import pytest

from plankg.graph.terms import is_safe_http_iri, is_safe_iri

BASE = "https://w3id.org/plankg/id/"
# (name, text after the base IRI): each would once pass the check and reach SPARQL
MALFORMED = [
    ("trailing newline", "division/990001\n"),
    ("trailing CR LF", "division/990001\r\n"),
    ("DEL", "division/99\x7f0001"),
    ("trailing DEL", "division/990001\x7f"),
    ("percent without hex", "division/99%zz01"),
    ("lone trailing percent", "division/990001%"),
    ("percent with one hex digit", "division/990001%4"),
    ("percent then newline", "division/99%0\n"),
]
ROUTES = [
    ("/api/pages/plan", "PKG-301"),
    ("/api/pages/entity", "PKG-302"),
    ("/api/ask/entity", "PKG-302"),
    ("/api/ask/plan", "PKG-301"),
]


@pytest.fixture(scope="module")
def server(live_server_factory, api_sample_store):
    return live_server_factory(api_sample_store)


def test_the_malformed_cases_are_all_collected(collected_cases):
    assert len(MALFORMED) == 8
    assert collected_cases("test_malformed_iri_is_not_found_on_every_route") == len(MALFORMED)
    assert collected_cases("test_malformed_entity_id_is_not_found") == len(MALFORMED)


@pytest.mark.parametrize("name,tail", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_iri_is_not_found_on_every_route(server, name, tail):
    assert not is_safe_http_iri(BASE + tail) and not is_safe_iri(BASE + tail)
    for path, code in ROUTES:
        r = httpx.get(server.url + path, params={"iri": BASE + tail}, timeout=30)
        assert r.status_code == 404, (path, name, r.status_code, r.text[:300])
        err = r.json()["error"]
        assert err["code"] == code, (path, err)
        text = json.dumps(err)
        assert "SELECT" not in text and "position" not in text, (path, err)


@pytest.mark.parametrize("name,tail", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_entity_id_is_not_found(server, name, tail):
    ident = tail.split("/", 1)[1]
    r = httpx.get(server.url + "/api/entities/division/" + "".join(
        c if c.isalnum() else f"%{ord(c):02X}" for c in ident), timeout=30)
    assert r.status_code == 404, (name, r.text[:300])
    assert r.json()["error"]["code"] == "PKG-302"


def test_well_formed_iris_still_pass_the_check():
    good = [BASE + "division/140602", BASE + "plan/x%2Fy", "http://example.org/中文名", "https://a.example/p?q=1#f"]
    assert all(is_safe_http_iri(i) for i in good)
    assert is_safe_iri("urn:plankg:none") and not is_safe_http_iri("urn:plankg:none")
    assert not is_safe_http_iri("https://a.example/" + "x" * 1901)
