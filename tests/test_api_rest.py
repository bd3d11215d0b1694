"""REST API over the real sample plans (in-process TestClient, real Oxigraph store)."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pypinyin import lazy_pinyin

from plankg.api.app import create_app
from plankg.settings import Settings

TOKEN = "rest-token"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def client(api_sample_store, tmp_path_factory):
    import shutil

    store = tmp_path_factory.mktemp("rest") / "store"
    shutil.copytree(api_sample_store, store)
    with TestClient(create_app(Settings(store=str(store), update_token=TOKEN))) as c:
        yield c


def _county(client) -> tuple[str, str]:
    q = ("PREFIX pk: <https://w3id.org/plankg/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?d ?l WHERE { ?d a pk:County ; rdfs:label ?l ; pk:source ?p } ORDER BY ?d LIMIT 1")
    b = client.get("/sparql", params={"query": q}).json()["results"]["bindings"][0]
    return b["d"]["value"], b["l"]["value"]


def test_healthz(client):
    assert client.get("/healthz").json()["status"] == "ok"


def test_plans_and_outline(client):
    plans = client.get("/api/plans").json()
    assert plans and all(p["iri"].endswith("/plan/" + p["id"]) for p in plans)
    main = next(p for p in plans if p["kind"] == "plan")
    detail = client.get(f"/api/plans/{main['id']}").json()
    assert detail["iri"] == main["iri"] and detail["documents"]
    assert any(f["property"].endswith("#planId") and f["value"] == main["id"] for f in detail["facts"])
    assert len(detail["sections"]) >= 3 and all(s["graph"] in {d["graph"] for d in detail["documents"]}
                                                for s in detail["sections"])


def test_unknown_plan_is_404_envelope(client):
    r = client.get("/api/plans/000000-master")
    assert r.status_code == 404 and r.json()["error"]["code"] == "PKG-301"


def test_entity_search_chinese_pinyin_and_english(client):
    iri, label = _county(client)
    by_zh = client.get("/api/entities", params={"q": label}).json()
    assert by_zh[0]["iri"] == iri and by_zh[0]["matched"] == "label"
    py = "".join(lazy_pinyin(label))
    by_py = client.get("/api/entities", params={"q": py, "type": "County"}).json()
    assert iri in [h["iri"] for h in by_py] and all("County" in " ".join(h["types"]) for h in by_py)
    by_en = client.get("/api/entities", params={"q": "county"}).json()
    assert by_en and any(h["iri"].endswith("#County") for h in by_en)
    assert client.get("/api/entities", params={"q": "qqqqzzzzxxxx"}).json() == []
    assert client.get("/api/entities").status_code == 422


def test_entity_detail_and_passage(client):
    iri, label = _county(client)
    ident = iri.split("/id/", 1)[1]
    d = client.get(f"/api/entities/{ident}").json()
    assert d["iri"] == iri and d["label"] == label
    assert d["facts"] and d["neighbours"] and d["passages"]
    p = d["passages"][0]
    got = client.get(f"/api/passages/{p['id']}").json()
    assert got["iri"] == p["iri"] and got["text"] == p["text"]
    assert iri in [m["iri"] for m in got["mentions"]]


@pytest.mark.parametrize("path", ["/api/entities/nope/0000", "/api/entities/a%3Eb", "/api/passages/x y",
                                  "/api/passages/..%2F..%2Fetc"])
def test_unknown_ids_are_404(client, path):
    r = client.get(path)
    assert r.status_code == 404 and set(r.json()) == {"error"}


def test_openapi_documents_the_rest_api(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/plans", "/api/plans/{plan_id}", "/api/entities", "/api/entities/{entity_id}",
                 "/api/passages/{passage_id}", "/healthz"):
        assert path in spec["paths"], path
    ok = spec["paths"]["/api/entities"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["items"]["$ref"].endswith("EntityHit")


def test_upload_and_ingest(client):
    county = next((SHARED / "corpus" / "dev").glob("右玉县*.txt"), None)  # dev holds several plans: pick the county one
    if county is None:
        pytest.skip("../shared/corpus/dev/右玉县*.txt not found (the shared corpus is absent)")
    files = {"file": (county.name, county.read_bytes(), "text/plain")}
    assert client.post("/api/plans", files=files).status_code == 401
    r = client.post("/api/plans", files=files, headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    rep = r.json()
    assert rep["triples"] > 100 and rep["plan_id"]
    assert rep["plan_id"] in {p["id"] for p in client.get("/api/plans").json()}
    # queries see the new graph at once (workers read a fresh checkpoint)
    q = f"ASK {{ GRAPH <{rep['graph']}> {{ ?s ?p ?o }} }}"
    assert client.get("/sparql", params={"query": q}).json()["boolean"] is True


def test_updates_off_without_a_configured_token(api_store_copy):
    with TestClient(create_app(Settings(store=str(api_store_copy), update_token=None, query_workers=1))) as c:
        r = c.post("/sparql", content="CLEAR ALL", headers={"content-type": "application/sparql-update",
                                                            "authorization": "Bearer anything"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "PKG-602"
        r = c.delete("/store", params={"graph": "urn:x"}, headers={"authorization": "Bearer anything"})
        assert r.status_code == 403
        files = {"file": ("p.txt", b"x", "text/plain")}
        assert c.post("/api/plans", files=files, headers={"authorization": "Bearer anything"}).status_code == 403


def test_unexpected_errors_are_a_generic_500(api_store_copy):
    app = create_app(Settings(store=str(api_store_copy), query_workers=1))

    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret internal detail")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom-for-test")
    assert r.status_code == 500
    assert r.json() == {"error": {"code": "PKG-000", "message": "internal server error"}}
    assert "secret" not in r.text


def test_cors_follows_settings(api_store_copy):
    pre = {"origin": "http://maps.example", "access-control-request-method": "POST"}
    with TestClient(create_app(Settings(store=str(api_store_copy), cors_origins="http://maps.example",
                                        query_workers=1))) as c:
        r = c.options("/sparql", headers=pre)
        assert r.headers.get("access-control-allow-origin") == "http://maps.example"
        r = c.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "http://maps.example"})
        assert r.headers.get("access-control-allow-origin") == "http://maps.example"
        assert "X-PlanKG-Truncated" in r.headers.get("access-control-expose-headers", "")
        other = c.get("/healthz", headers={"origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    with TestClient(create_app(Settings(store=str(api_store_copy), cors_origins="", query_workers=1))) as c:
        assert "access-control-allow-origin" not in c.get("/healthz", headers={"origin": "http://maps.example"}).headers
