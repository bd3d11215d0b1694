"""`plankg audit` / `plankg hierarchy` in-process (typer CliRunner) and the audit API (TestClient),
both over a real on-disk Oxigraph store built by the real ingest pipeline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plankg.cli import app
from plankg.graph.ingest import bundled_examples, ingest_file
from plankg.graph.store import PlanStore

SHARED = Path(__file__).resolve().parents[2] / "shared"
COUNTY = next((SHARED / "corpus" / "dev").glob("右玉县*.txt"), None)
pytestmark = pytest.mark.skipif(COUNTY is None, reason="shared corpus not present")
runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("auditstore") / "store"
    with PlanStore(d) as st:
        for f in bundled_examples():
            ingest_file(st, f)
    return d


def test_cli_audit_file_json_exit_1_and_store_untouched(store_dir):
    res = runner.invoke(app, ["audit", str(COUNTY), "--store", str(store_dir), "--format", "json"])
    assert res.exit_code == 1, res.output
    body = json.loads(res.stdout)
    assert body["plan"] == "140623-master" and body["against"] == "140600-master"
    assert body["conforms"] is False
    assert {f["id"] for f in body["findings"] if f["severity"] == "Violation"} == {"ZB-001", "ML-001"}
    f = body["findings"][0]
    assert set(f) == {"id", "mode", "severity", "message", "focus", "expected", "found", "evidence"}
    assert all(set(e) == {"plan", "section", "text"} for e in f["evidence"])
    with PlanStore(store_dir) as st:  # the file was audited in a copy, not ingested for good
        assert not any("140623" in g for g in st.graphs())


def test_cli_audit_conforming_plan_exit_0_and_formats(store_dir, tmp_path):
    res = runner.invoke(app, ["audit", "140600-master", "--store", str(store_dir)])
    assert res.exit_code == 0, res.output
    assert "结论：符合" in res.stdout
    for fmt, needle in (("md", "| 传导方式 mode |"), ("html", "<h2>汇总 Summary</h2>"), ("ttl", "sh:ValidationReport")):
        out = tmp_path / f"r.{fmt}"
        res = runner.invoke(app, ["audit", "140600-master", "--store", str(store_dir), "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0 and needle in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["audit", "no-such-plan"], ["audit", "missing/file.txt"],
                                  ["audit", "140600-master", "--format", "pdf"],
                                  ["audit", "140600-master", "--against", "nope"]])
def test_cli_bad_input_exit_2(store_dir, args):
    res = runner.invoke(app, args + ["--store", str(store_dir)])
    assert res.exit_code == 2
    assert "PKG-" in res.output


def test_cli_hierarchy_tree(store_dir, tmp_path):
    res = runner.invoke(app, ["hierarchy", "--store", str(store_dir)])
    assert res.exit_code == 0
    assert "朔州市国土空间总体规划" in res.stdout and "no-higher-plan" in res.stdout
    # with the county kept in a copy of the store, the tree nests it under the city plan
    copy = tmp_path / "copy"
    with PlanStore(store_dir) as src, PlanStore(copy) as dst:
        dst.load(src.dump("nq"), "nq")
        ingest_file(dst, COUNTY)
    res = runner.invoke(app, ["hierarchy", "--store", str(copy), "--json"])
    h = json.loads(res.stdout)
    assert {"from": "140623-master", "to": "140600-master", "rel": "based_on"} in h["edges"]
    kinds = {(p["kind"], p["plan"]) for p in h["problems"]}
    assert ("missing-cited-plan", "140000-master") in kinds
    res = runner.invoke(app, ["hierarchy", "--store", str(copy)])
    lines = res.stdout.splitlines()
    city = next(i for i, l in enumerate(lines) if l.startswith("朔州市"))
    assert lines[city + 1].strip().startswith("└─ 右玉县")


@pytest.fixture(scope="module")
def client(store_dir):
    from plankg.api.app import create_app
    from plankg.settings import Settings

    st = PlanStore(store_dir)
    with TestClient(create_app(Settings(store=str(store_dir), update_token="s3cret", query_workers=0), store=st)) as c:
        yield c
    st.close()


def test_api_upload_audit_is_not_stored(client):
    data = COUNTY.read_bytes()
    r = client.post("/api/audit", files={"file": (COUNTY.name, data, "text/plain")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["conforms"] is False and body["against"] == "140600-master"
    assert {f["id"] for f in body["findings"] if f["severity"] == "Violation"} == {"ZB-001", "ML-001"}
    r = client.get("/api/plans/140623-master/audit")
    assert r.status_code == 404 and r.json()["error"]["code"] == "PKG-301"


def test_api_keep_needs_token(client):
    r = client.post("/api/audit", files={"file": (COUNTY.name, COUNTY.read_bytes(), "text/plain")}, data={"keep": "true"})
    assert r.status_code in (401, 403)


def test_api_named_plan_formats_and_errors(client):
    r = client.get("/api/plans/140600-master/audit")
    assert r.status_code == 200 and r.json()["conforms"] is True
    r = client.get("/api/plans/140600-master/audit", params={"format": "html"})
    assert r.headers["content-type"].startswith("text/html") and "规划传导审查报告" in r.text
    r = client.post("/api/audit", json={"plan": "140600-master", "format": "ttl"})
    assert r.status_code == 200 and "sh:ValidationReport" in r.text
    r = client.post("/api/audit", json={})
    assert r.status_code == 400 and r.json()["error"]["code"].startswith("PKG-")
    r = client.get("/api/plans/140600-master/audit", params={"format": "pdf"})
    assert r.status_code == 400


def test_api_hierarchy(client):
    r = client.get("/api/hierarchy")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"nodes", "edges", "problems"}
    assert any(n["id"] == "140600-master" for n in body["nodes"])


def test_api_keep_with_token_stores_the_plan(client):
    """Last in this module: it writes the county into the module's store."""
    r = client.post("/api/audit", files={"file": (COUNTY.name, COUNTY.read_bytes(), "text/plain")},
                    data={"keep": "true", "format": "md"}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200 and "## 汇总 / Summary" in r.text
    r = client.get("/api/plans/140623-master/audit")
    assert r.status_code == 200 and r.json()["conforms"] is False
    edges = client.get("/api/hierarchy").json()["edges"]
    assert {"from": "140623-master", "to": "140600-master", "rel": "based_on"} in edges


BUREAU_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix pka: <https://w3id.org/plankg/audit#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix b: <https://bureau.example/shapes#> .
b:BX-001 a sh:NodeShape ; pka:ruleId "BX-001" ; sh:targetClass pka:AuditedPlan ; sh:severity sh:Violation ;
    sh:property [ sh:path eli:date_publication ; sh:minCount 1 ;
                  sh:message "规划应写明发布日期"@zh , "A plan states its publication date"@en ] .
"""


def test_cli_audit_adds_a_bureaus_shapes(store_dir, tmp_path):
    """`--shapes FILE.ttl` adds a bureau's rule to the shipped ones (the seed plan has no eli:date_publication)."""
    shapes = tmp_path / "bureau.ttl"
    shapes.write_text(BUREAU_SHAPES, encoding="utf-8")
    plain = runner.invoke(app, ["audit", "140600-master", "--store", str(store_dir), "--format", "json"])
    assert plain.exit_code == 0, plain.output
    res = runner.invoke(app, ["audit", "140600-master", "--store", str(store_dir), "--format", "json",
                              "--shapes", str(shapes)])
    assert res.exit_code == 1, res.output
    ids = {f["id"] for f in json.loads(res.stdout)["findings"] if f["severity"] == "Violation"}
    assert ids == {"BX-001"}
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    res = runner.invoke(app, ["audit", "140600-master", "--store", str(store_dir), "--shapes", str(bad)])
    assert res.exit_code == 2 and "PKG-" in res.output
