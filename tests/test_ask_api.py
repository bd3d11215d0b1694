"""HTTP contract of the chat search (in-process TestClient over the real store and app)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.graph.ingest import bundled_examples, ingest_paths
from plankg.graph.store import PlanStore
from plankg.settings import Settings

HOSTILE = [
    '"; DROP GRAPH <x> ; SELECT * WHERE { ?s ?p ?o }',
    "} UNION { ?s ?p ?o } # {{",
    "'''\"\"\" OPTIONAL { ?a ?b ?c } FILTER(true)",
    "🙂🏞️🚄 有哪些？",
    "SERVICE <http://127.0.0.1:1/> { ?s ?p ?o }",
    "LOAD <file:///etc/passwd>",
    "x" * 10_240,
    "重点镇" * 3400,
    "<img src=x onerror=alert(1)>",
    "\\\\\\",
]


@pytest.fixture(scope="module")
def client():
    store = PlanStore(None)
    ingest_paths(store, bundled_examples())
    app = create_app(Settings(store="", query_workers=0), store=store)
    with TestClient(app) as c:
        c.store = store
        yield c
    store.close()


def test_hostile_count(collected_cases):
    assert collected_cases("test_hostile_get") == 10
    assert collected_cases("test_hostile_post_with_forged_context") == 10


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_get(client, q):
    size = len(client.store)
    if len(q.encode()) < 20_000:
        r = client.get("/api/ask", params={"q": q})
    else:  # too long for a URL (the HTTP client refuses it): the same question through POST
        r = client.post("/api/ask", json={"q": q})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["text"]
    assert len(client.store) == size
    for frag in ("DROP", "SERVICE", "LOAD", "OPTIONAL { ?a", "onerror"):
        if frag in q:
            assert frag not in body["sparql"]


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_post_with_forged_context(client, q):
    ctx = {"kind": "entities", "slots": {"places": ["http://x> } DROP ALL {", 5, None], "groups": "nope",
                                          "years": ["2020; DROP"], "prop": "}"}}
    r = client.post("/api/ask", json={"q": q, "context": ctx})
    assert r.status_code == 200, r.text
    assert "DROP" not in r.json()["sparql"]


def test_too_long_is_a_clear_error(client):
    r = client.post("/api/ask", json={"q": "问" * 20_001})
    assert r.status_code == 422
    assert r.json()["error"]["code"]


def test_missing_q_is_a_clear_error(client):
    r = client.get("/api/ask")
    assert r.status_code == 422
    assert "error" in r.json()


def test_post_followup_uses_history(client):
    ex = client.get("/api/ask/examples").json()
    first = client.get("/api/ask", params={"q": ex["zh"][0]}).json()
    assert first["answers"]
    places = first["intent"]["slots"].get("places")
    assert places
    # another division of the same parent, named in a follow-up
    other = client.store.select(
        "PREFIX pk: <https://w3id.org/plankg/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        f"SELECT ?l WHERE {{ <{places[0]}> pk:withinDivision ?p . ?d pk:withinDivision ?p ; rdfs:label ?l "
        f"FILTER(?d != <{places[0]}>) }} LIMIT 1")[0]["l"]
    r = client.post("/api/ask", json={"q": f"那{other}呢？", "history": [{"question": ex["zh"][0],
                                                                       "intent": first["intent"]}]})
    body = r.json()
    assert body["intent"]["kind"] == first["intent"]["kind"]
    assert body["intent"]["slots"]["places"] != places


def test_pages_and_assets(client):
    assert "<textarea" in client.get("/").text
    assert client.get("/assets/ask/chat.js").status_code == 200
    assert client.get("/assets/ask/../app.py").status_code == 404
    assert client.get("/assets/ask/secret.py").status_code == 404
    assert "entity.js" in client.get("/entity").text
    assert "plan.js" in client.get("/plan").text


def test_entity_and_plan_facts(client):
    res = client.get("/api/ask", params={"q": client.get("/api/ask/examples").json()["zh"][0]}).json()
    iri = res["answers"][0]["iri"]
    ent = client.get("/api/ask/entity", params={"iri": iri}).json()
    assert ent["label"] == res["answers"][0]["label"]
    assert ent["facts"] and ent["sources"]
    assert client.get("/api/ask/entity", params={"iri": "urn:none"}).status_code == 404
    assert client.get("/api/ask/entity", params={"iri": "not an iri <>"}).status_code == 404
    plan = client.store.select("PREFIX pk: <https://w3id.org/plankg/def#> SELECT ?p WHERE { ?p pk:planId ?x } LIMIT 1")
    body = client.get("/api/ask/plan", params={"iri": plan[0]["p"]}).json()
    assert body["title"] and body["sections"]
