"""Versions in the shells: `plankg diff` (real CLI, files and a real on-disk store), the API's version routes
and the dossier's versions (in-process over the real app), and chat questions about versions (the real ask
service). The store holds two versions of one fictional revision (tests/data/version_pair)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plankg.api.app import create_app
from plankg.ask.service import ask
from plankg.cli import app as cli
from plankg.graph.ingest import ingest_paths
from plankg.graph.namespaces import ID
from plankg.graph.store import PlanStore
from plankg.settings import Settings

OWN = Path(__file__).resolve().parent / "data" / "version_pair"
OLD = OWN / "偏关县国土空间总体规划（2021-2030年）（征求意见稿）.txt"
NEW = OWN / "偏关县国土空间总体规划（2021-2035年）（公示稿）.txt"


@pytest.fixture(scope="module")
def versions_store(tmp_path_factory) -> tuple[Path, str]:
    """An on-disk store holding both versions as they are: the later one corrects the period, and is still a
    version of the same plan."""
    loc = tmp_path_factory.mktemp("versions") / "store"
    with PlanStore(loc) as st:
        reports = ingest_paths(st, [OLD, NEW])
    assert len({r.plan_id for r in reports}) == 1 and len({r.graph for r in reports}) == 2
    return loc, reports[0].plan_id


# ---------------------------------------------------------------------------------------------- CLI
def test_cli_diff_of_two_files_as_json_md_and_html(tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["diff", str(OLD), str(NEW)])
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout)
    kinds = [c["kind"] for c in body["changes"]]
    assert {"status", "period", "cites", "indicator", "added", "removed", "role", "attribute"} <= set(kinds)
    assert body["old"].endswith("（征求意见稿）") and body["new"].endswith("（公示稿）")
    md = runner.invoke(cli, ["diff", str(OLD), str(NEW), "--format", "md"])
    assert md.exit_code == 0 and md.stdout.count("\n| ") == len(kinds) + 1  # the header row and one per change
    out = tmp_path / "d.html"
    html = runner.invoke(cli, ["diff", str(OLD), str(NEW), "--format", "html", "-o", str(out)])
    assert html.exit_code == 0 and out.read_text(encoding="utf-8").count("<tr data-kind=") == len(kinds)


def test_cli_diff_bad_input_exits_2(tmp_path, versions_store):
    runner = CliRunner()
    assert runner.invoke(cli, ["diff", str(OLD), str(tmp_path / "missing.txt")]).exit_code == 2
    res = runner.invoke(cli, ["diff", str(OLD), str(NEW), "--format", "pdf"])
    assert res.exit_code == 2 and "PKG-501" in res.output
    loc, plan_id = versions_store
    res = runner.invoke(cli, ["diff", f"{plan_id}@批复", plan_id, "--store", str(loc)])
    assert res.exit_code == 2 and "PKG-301" in res.output
    res = runner.invoke(cli, ["diff", "999999-master-x-x@公示稿", plan_id, "--store", str(loc)])
    assert res.exit_code == 2 and "PKG-301" in res.output


def test_cli_diff_of_stored_versions(versions_store):
    loc, plan_id = versions_store
    res = CliRunner().invoke(cli, ["diff", f"{plan_id}@征求意见稿", f"{plan_id}@publicity", "--store", str(loc)])
    assert res.exit_code == 0, res.output
    found = {(c["kind"], c.get("label", "")) for c in json.loads(res.stdout)["changes"]}
    assert {("removed", "老营古堡修缮工程"), ("added", "老牛湾旅游公路工程"), ("role", "尚峪镇"),
            ("indicator", "城乡建设用地规模")} <= found
    # a plan id alone names its current version: the same comparison
    again = CliRunner().invoke(cli, ["diff", f"{plan_id}@draft", plan_id, "--store", str(loc)])
    assert json.loads(again.stdout)["changes"] == json.loads(res.stdout)["changes"]


# ---------------------------------------------------------------------------------------------- API and dossier
@pytest.fixture(scope="module")
def client(versions_store):
    loc, _ = versions_store
    store = PlanStore(loc, read_only=True)
    app = create_app(Settings(store="", query_workers=0), store=store)
    with TestClient(app) as c:
        yield c
    store.close()


def test_api_versions_and_diff(client, versions_store):
    _, plan_id = versions_store
    v = client.get(f"/api/plans/{plan_id}/versions").json()
    assert [x["status"] for x in v["versions"]] == ["征求意见稿", "公示稿"] and v["current"] == v["versions"][1]["graph"]
    d = client.get(f"/api/plans/{plan_id}/diff").json()  # default: the previous version against the current one
    assert any(c["kind"] == "removed" and c["label"] == "老营古堡修缮工程" for c in d["changes"])
    named = client.get(f"/api/plans/{plan_id}/diff", params={"old": "征求意见稿", "new": v["versions"][1]["graph"]})
    assert named.json()["changes"] == d["changes"]
    html = client.get(f"/api/plans/{plan_id}/diff", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html") and html.text.count("<tr data-kind=") == len(d["changes"])


def test_api_diff_refuses_files_and_unknown_versions(client, versions_store):
    _, plan_id = versions_store
    for params in ({"old": str(OLD)}, {"old": "/etc/passwd"}, {"old": "批复"}, {"format": "pdf"}):
        r = client.get(f"/api/plans/{plan_id}/diff", params=params)
        code = r.json()["error"]["code"]
        assert (r.status_code, code) in ((404, "PKG-301"), (400, "PKG-501")), (params, r.text)
    assert client.get("/api/plans/999999-master-x-x/versions").json()["error"]["code"] == "PKG-301"


def test_dossier_shows_the_current_version_and_lists_both(client, versions_store):
    _, plan_id = versions_store
    page = client.get("/api/pages/plan", params={"iri": f"{ID}plan/{plan_id}"}).json()
    assert [(v["status"], v["current"]) for v in page["versions"]] == [("征求意见稿", False), ("公示稿", True)]
    assert [d["graph"] for d in page["documents"]] == [page["versions"][1]["graph"]]
    step = next(f["value"] for f in page["meta"] if f["property_iri"].endswith("processStep"))
    assert step == "公示稿"
    assert {r["indicator"] for r in page["indicators"]} >= {"城乡建设用地规模"}
    assert "31.2" in json.dumps(page["indicators"], ensure_ascii=False)
    assert "30.5" not in json.dumps(page["indicators"], ensure_ascii=False)


def test_entity_page_names_the_versions_that_state_a_fact(client):
    hits = client.get("/api/entities", params={"q": "黄河沿岸防护林提质工程"}).json()
    iri = hits[0]["iri"]
    view = client.get("/api/pages/entity", params={"iri": iri}).json()
    periods = {f["value"]: f["plan"] for f in view["facts"] if f["property_iri"].endswith("implementationPeriod")}
    assert periods["2021-2025"].endswith("（征求意见稿）") and periods["2021-2027"].endswith("（公示稿）")


# ---------------------------------------------------------------------------------------------- chat
@pytest.fixture(scope="module")
def chat_store(versions_store):
    store = PlanStore(versions_store[0], read_only=True)
    yield store
    store.close()


# (question, words the first answer or the answer list must hold) — phrasings no corpus file contains
VERSION_QUESTIONS = [
    ("偏关县规划公示稿与征求意见稿相比，城乡建设用地规模有何变化？", ["30.5", "31.2"]),
    ("偏关县规划公示稿比征求意见稿新增了哪些项目？", ["老牛湾旅游公路工程"]),
    ("与征求意见稿相比，偏关县规划公示稿删去了哪个项目？", ["老营古堡修缮工程"]),
    ("偏关县规划公示稿新增了哪个产业园区？", ["偏关杂粮加工产业园"]),
    ("偏关县公示稿较征求意见稿，尚峪镇的等级有何调整？", ["尚峪镇", "重点镇"]),
    ("相比上一版，偏关县规划公示稿中黄河沿岸防护林提质工程的建设期限有什么变化？", ["2021-2025", "2021-2027"]),
    ("偏关县规划公示稿相对征求意见稿新增引用了哪个文件？", ["偏关县林草生态建设专项规划"]),
    ("偏关县规划的征求意见稿和公示稿在城镇等级上有哪些不同？", ["尚峪镇"]),
]


@pytest.mark.parametrize("question,expected", VERSION_QUESTIONS)
def test_chat_answers_version_questions(chat_store, question, expected):
    res = ask(chat_store, question)
    assert res["intent"]["kind"] == "versions", res["intent"]
    top = json.dumps(res["answers"][:1], ensure_ascii=False)
    assert all(word in top for word in expected), (question, res["answers"], res["text"])


def test_chat_version_questions_collected(collected_cases):
    assert collected_cases("test_chat_answers_version_questions") == 8


def test_chat_uses_the_current_version_unless_one_is_named(chat_store):
    current = ask(chat_store, "偏关县规划的城乡建设用地规模是多少平方公里？")
    assert "31.2" in json.dumps(current["answers"][:1], ensure_ascii=False)
    assert "30.5" not in json.dumps(current["answers"], ensure_ascii=False)
    named = ask(chat_store, "偏关县规划征求意见稿中城乡建设用地规模是多少平方公里？")
    assert "30.5" in json.dumps(named["answers"][:1], ensure_ascii=False)
    assert "31.2" not in json.dumps(named["answers"], ensure_ascii=False)
    projects = ask(chat_store, "偏关县近期重点项目有哪些？")
    labels = {a["label"] for a in projects["answers"]}
    assert "老牛湾旅游公路工程" in labels and "老营古堡修缮工程" not in labels


# ---------------------------------------------------------------------------------------------- the page
@pytest.mark.browser
def test_versions_panel_in_chromium(versions_store, live_server_factory, new_page):
    import urllib.parse

    loc, plan_id = versions_store
    srv = live_server_factory(loc, query_workers=0)
    page = new_page(width=1200, locale="zh-CN")
    page.goto(srv.url + "/plan?iri=" + urllib.parse.quote(f"{ID}plan/{plan_id}", safe=""))
    page.wait_for_selector("#versions")
    rows = page.locator("#versions tbody tr").all_inner_texts()
    assert len(rows) == 2 and "征求意见稿" in rows[0] and "公示稿" in rows[1] and "当前版本" in rows[1]
    page.click("#diff-run")
    page.wait_for_selector("#changes tbody tr")
    kinds = page.locator("#changes tbody tr").evaluate_all("rs => rs.map(r => r.dataset.kind)")
    assert {"status", "indicator", "added", "removed", "role", "attribute"} <= set(kinds)
    table = page.locator("#changes").inner_text()
    assert "老营古堡修缮工程" in table and "31.2" in table and "30.5" in table
    assert page.external == []
    page.locator("#versions").screenshot(path=str(Path(__file__).resolve().parents[1] / "test-artifacts" / "web-versions.png"))
