"""The plan dossier is kept per write generation: a repeated request is served from the cache, and any write
through the API (here a SPARQL Update and a Graph Store PUT) is seen by the next request."""
from __future__ import annotations

from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.graph import versions
from plankg.graph.store import PlanStore
from plankg.settings import Settings

TOKEN = "cache-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def test_dossier_follows_every_write(api_store_copy):
    with PlanStore(api_store_copy, read_only=True) as st:
        plan = versions.plans(st)[0]
    with TestClient(create_app(Settings(store=str(api_store_copy), update_token=TOKEN, query_workers=1))) as c:
        first = c.get("/api/pages/plan", params={"iri": plan.iri})
        assert first.status_code == 200
        assert c.get("/api/pages/plan", params={"iri": plan.iri}).json() == first.json()
        assert c.app.state.dossier_cache._pages  # the second answer came from the cache

        new_title = "岱山县海岛保护规划（修订）"
        r = c.post("/sparql", content=f"""DELETE {{ GRAPH ?g {{ <{plan.iri}> <{LABEL}> ?t }} }}
                   INSERT {{ GRAPH ?g {{ <{plan.iri}> <{LABEL}> "{new_title}" }} }}
                   WHERE {{ GRAPH ?g {{ <{plan.iri}> <{LABEL}> ?t }} }}""",
                   headers={**AUTH, "content-type": "application/sparql-update"})
        assert r.status_code == 204, r.text
        assert first.json()["title"] != new_title
        assert c.get("/api/pages/plan", params={"iri": plan.iri}).json()["title"] == new_title

        r = c.delete("/store", params={"graph": plan.current.graph}, headers=AUTH)
        assert r.status_code == 204, r.text
        assert c.get("/api/pages/plan", params={"iri": plan.iri}).status_code == 404
