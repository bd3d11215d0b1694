"""The web app's JSON (plan dossier, entity page, boundaries) and offline /docs, in-process over a real
store holding the bundled Shuozhou plan, its annex and the bundled 右玉县 county plan."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from plankg.api.app import create_app
from plankg.graph.ingest import bundled_examples, ingest_paths
from plankg.graph.namespaces import ID
from plankg.graph.store import PlanStore

from plankg.settings import Settings

COUNTY_DIR = bundled_examples()[0].parent / "county"
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def store():
    st = PlanStore(None)
    reports = ingest_paths(st, bundled_examples() + sorted(COUNTY_DIR.glob("*.txt")))
    assert len(reports) == 3
    st.plan_ids = {r.plan_id for r in reports}
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(store):
    app = create_app(Settings(store="", query_workers=0), store=store)
    with TestClient(app) as c:
        yield c


def plan_iri(store, code: str) -> str:
    (pid,) = [p for p in store.plan_ids if p.startswith(code + "-")]
    return f"{ID}plan/{pid}"


def test_county_plan_is_bundled_apart_from_the_served_samples():
    assert [p.name for p in COUNTY_DIR.glob("*.txt")] and all(p.parent != COUNTY_DIR for p in bundled_examples())


def test_dossier_of_a_city_plan(client, store):
    iri = plan_iri(store, "140600")
    d = client.get("/api/pages/plan", params={"iri": iri}).json()
    assert d["iri"] == iri and d["title"].startswith("朔州市")
    meta = {f["property"]: f["value"] for f in d["meta"]}
    for name in ("规划层级", "规划类型", "编制阶段", "规划期起始年", "规划期末年", "基期年", "近期目标年", "远景展望年"):
        assert name in meta, name  # Chinese ontology labels, no RDF names
    assert not any(re.fullmatch(r"[a-zA-Z_]+", f["property"]) for f in d["meta"])
    # the plan's own document first, its annex after it; each section once
    kinds = [doc["kind"] for doc in d["documents"]]
    assert kinds[0] == "plan" and "annex" in kinds and kinds.index("annex") > 0
    labels = [s["label"] for s in d["documents"][0]["sections"]]
    assert len(labels) >= 10 and len(labels) == len(set(labels))
    numbered = [s["number"] for s in d["documents"][0]["sections"] if s["number"] and "." in s["number"]]
    assert numbered == sorted(numbered, key=lambda n: [int(x) for x in n.split(".")])  # text order
    # indicators: per-year cells with unit, bound and nature; allocations to counties carry their area
    assert d["indicators"] and set(d["indicatorYears"]) >= {"2035"}
    cells = [c for r in d["indicators"] for c in r["cells"].values()]
    assert any(c.startswith(("≥", "≤")) and "约束性" in c for c in cells)
    assert {r["area"] for r in d["indicators"] if r["area"]} >= {"右玉县"}
    assert d["listings"] and all(x["members"] for x in d["listings"])
    assert d["projects"] and all(p["label"] for p in d["projects"])
    assert {p["label"] for p in d["plans"]["lower"]} >= {"右玉县国土空间总体规划（2021-2035年）"}
    # the region map: the city and its six county-level units, with counts
    codes = {f["properties"]["code"] for f in d["map"]["features"]}
    assert codes == {"140600", "140602", "140603", "140621", "140622", "140623", "140681"}
    assert sum(f["properties"]["count"] for f in d["map"]["features"]) > 0


def test_dossier_in_english_and_from_an_annex(client, store):
    iri = plan_iri(store, "140600")
    en = client.get("/api/pages/plan", params={"iri": iri, "lang": "en"}).json()
    assert not any(HAN.search(f["property"]) for f in en["meta"])
    annex = next(doc["iri"] for doc in en["documents"] if doc["kind"] == "annex")
    again = client.get("/api/pages/plan", params={"iri": annex}).json()
    assert again["iri"] == iri


def test_county_dossier_names_its_higher_plan(client, store):
    d = client.get("/api/pages/plan", params={"iri": plan_iri(store, "140623")}).json()
    assert plan_iri(store, "140600") in {p["iri"] for p in d["plans"]["higher"]}
    assert [f["properties"]["code"] for f in d["map"]["features"]] == ["140623"]
    audit = client.get(f"/api/plans/{d['id']}/audit").json()  # the route the page's button calls
    assert audit["against"].startswith("140600-") and audit["findings"]


def test_entity_page_for_a_division_has_chinese_labels_sources_and_a_map(client):
    d = client.get("/api/pages/entity", params={"iri": f"{ID}division/140623"}).json()
    assert d["label"] == "右玉县" and "县级行政区" in d["types"]
    props = {f["property"] for f in d["facts"] + d["neighbours"]}
    assert "区划代码" in props and all(HAN.search(p) for p in props), props
    assert d["sources"] and all(s["text"] and s["plan"] for s in d["sources"])
    (feature,) = d["map"]["features"]
    assert feature["properties"]["located"] == "boundary" and feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_entity_page_for_a_project_maps_where_it_lies(client, store):
    rows = store.select("""PREFIX pk: <https://w3id.org/plankg/def#>
        SELECT ?p ?d WHERE { ?p a pk:Project ; pk:locatedIn ?d FILTER(STRSTARTS(STR(?d), "https://w3id.org/plankg/id/division/")) }
        ORDER BY ?p LIMIT 1""")
    assert rows
    d = client.get("/api/pages/entity", params={"iri": rows[0]["p"]}).json()
    assert rows[0]["d"] in {f["properties"]["iri"] for f in d["map"]["features"]}
    assert "位于" in {f["property"] for f in d["facts"]}


@pytest.mark.parametrize("iri", ["nonsense", "https://w3id.org/plankg/id/plan/none", "http://x/a> } ; DROP ALL ; <b",
                                 "https://w3id.org/plankg/id/plan/x\" . ?s ?p ?o"])
def test_bad_or_unknown_iris_are_clean_404s_and_change_nothing(client, store, iri):
    before = len(store)
    for path in ("/api/pages/plan", "/api/pages/entity"):
        r = client.get(path, params={"iri": iri})
        assert r.status_code == 404
        assert r.json()["error"]["code"] in ("PKG-301", "PKG-302")
    assert len(store) == before


def test_boundaries_endpoint(client):
    fc = client.get("/api/geo/divisions", params=[("code", "140623"), ("code", "140623101"), ("code", "x")]).json()
    assert [f["id"] for f in fc["features"]] == ["140623", "140623101"] and fc["missing"] == ["x"]
    assert client.get("/api/geo/divisions").status_code == 422


def test_docs_are_served_offline(client):
    for path in ("/docs", "/redoc"):
        html = client.get(path).text
        urls = re.findall(r"""(?:src|href)=["']([^"']+)""", html) + re.findall(r"""url:\s*['"]([^'"]+)""", html)
        assert urls and all(u.startswith("/") for u in urls), urls  # nothing from a CDN
        for u in urls:
            assert client.get(u).status_code == 200, u
    assert "swagger" in client.get("/assets/docs/swagger-ui-bundle.js").text[:5000].lower()
    assert client.get("/assets/docs/../app.py").status_code == 404


def test_web_assets_are_whitelisted(client):
    assert client.get("/assets/web/leaflet.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/assets/web/map.js").status_code == 200
    assert client.get("/assets/web/dossier.py").status_code == 404
