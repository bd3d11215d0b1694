"""The web app in real headless Chromium (Debian `chromium`) against a real uvicorn on 127.0.0.1: the plan
dossier (outline once, indicator table, Chinese labels, map), an audit run from the plan page, an entity
page, /docs offline and the SPARQL editor's look. Screenshots go to test-artifacts/web-*.png."""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
from plankg.graph.ingest import bundled_examples, ingest_paths
from plankg.graph.namespaces import ID
from plankg.graph.store import PlanStore

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
HAN = re.compile(r"[\u4e00-\u9fff]")
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, live_server_factory):
    loc = tmp_path_factory.mktemp("web-store") / "store"
    county = sorted((bundled_examples()[0].parent / "county").glob("*.txt"))
    with PlanStore(loc) as st:
        reports = ingest_paths(st, bundled_examples() + county)
    srv = live_server_factory(loc, query_workers=0)
    srv.plans = {r.plan_id.split("-")[0]: f"{ID}plan/{r.plan_id}" for r in reports}
    return srv


@pytest.fixture(scope="module")
def page(new_page):
    return new_page(width=1200, locale="zh-CN")


def plan_url(server, code: str) -> str:
    return server.url + "/plan?iri=" + urllib.parse.quote(server.plans[code], safe="")


def test_dossier_page(server, page):
    page.goto(plan_url(server, "140600"))
    page.wait_for_selector("#region-map .leaflet-interactive")
    assert page.locator("main h2").first.inner_text().startswith("朔州市国土空间总体规划")
    # metadata under Chinese ontology labels
    terms = page.locator(".meta dt").all_inner_texts()
    assert {"规划层级", "编制阶段", "规划期末年", "近期目标年"} <= set(terms) and all(HAN.search(x) for x in terms)
    # the outline once, the plan before its annex
    headings = page.locator("#outline h4").all_inner_texts()
    assert len(headings) == 2 and headings[1].startswith("附件")
    first = page.locator("#outline ul.outline").first.locator("li").all_inner_texts()
    assert len(first) >= 10 and len(first) == len(set(first))
    # the indicator table: indicator × year with bound, unit and nature
    assert page.locator("table.indicators tbody tr").count() >= 10
    assert "2035" in page.locator("table.indicators thead").inner_text()
    assert page.locator("table.indicators td.bound-binding").count() >= 1
    assert page.locator("#lists .listing").count() >= 5 and page.locator("#projects tr").count() >= 3
    assert "右玉县" in page.locator("#plans").inner_text()  # a lower plan
    # the map: the city and its six county-level units, drawn without tiles
    assert page.locator("#region-map").get_attribute("data-features") == "7"
    assert page.locator("#region-map path.leaflet-interactive").count() == 7
    assert page.locator("#region-map img.leaflet-tile").count() == 0
    labels = page.locator("#region-map .map-label").all_inner_texts()
    assert len(labels) == 6 and any(x.split(" · ")[0] == "右玉县" for x in labels)  # the six counties, named
    page.screenshot(path=str(ARTIFACTS / "web-1-dossier.png"), full_page=True)
    # English switch: labels come back in English
    page.click("#lang")
    page.wait_for_function("document.querySelector('.meta dt') && !/[\\u4e00-\\u9fff]/.test(document.querySelector('.meta dt').innerText)")
    assert page.locator("#audit-run").inner_text() == "Audit against the higher plan"
    page.screenshot(path=str(ARTIFACTS / "web-2-dossier-en.png"), full_page=False)
    page.click("#lang")
    page.wait_for_selector("text=对照上位规划审查")
    assert page.external == []


def test_audit_from_the_plan_page(server, page):
    page.goto(plan_url(server, "140623"))
    page.wait_for_selector("#audit-run")
    assert page.locator("#audit-result").inner_text() == "暂无审查结果"
    page.click("#audit-run")
    page.wait_for_selector("#findings .finding", timeout=60_000)
    assert "朔州市国土空间总体规划" in page.locator("#audit-verdict").inner_text()
    findings = page.locator("#findings .finding")
    assert findings.count() >= 3
    violation = page.locator("#findings .finding.Violation").first
    assert violation.locator(".sev").inner_text() == "不符合"
    assert "应为" in violation.inner_text() and "实际" in violation.inner_text()
    violation.locator("summary").click()
    assert violation.locator("blockquote.passage").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "web-3-audit.png"), full_page=True)
    assert page.external == []


def test_entity_page(server, page):
    page.goto(server.url + "/entity?iri=" + urllib.parse.quote(f"{ID}division/140623", safe=""))
    page.wait_for_selector("#entity-map path.leaflet-interactive")
    assert page.locator("#entity-label").inner_text() == "右玉县"
    assert "县级行政区" in page.locator("#entity-types").inner_text()
    props = page.locator("table.facts th").all_inner_texts()
    assert "区划代码" in props and all(HAN.search(p) for p in props), props
    assert page.locator("blockquote.passage").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "web-4-entity.png"), full_page=False)
    # a neighbour link leads to another entity page
    page.locator("table.neighbours a").first.click()
    page.wait_for_selector("#entity-label")
    assert page.locator("#entity-label").inner_text() != "右玉县"
    assert page.external == []


def test_docs_render_offline(server, page):
    page.goto(server.url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert "/api/pages/plan" in page.locator(".swagger-ui").inner_text()
    page.screenshot(path=str(ARTIFACTS / "web-5-docs.png"), full_page=False)
    assert page.external == []


def test_sparql_editor_has_the_app_look(server, page):
    page.goto(server.url + "/")
    chat_header = page.eval_on_selector("header.top", "e => getComputedStyle(e).backgroundColor")
    page.goto(server.url + "/sparql")
    page.wait_for_selector("#example option", state="attached")
    assert page.eval_on_selector("header.top", "e => getComputedStyle(e).backgroundColor") == chat_header
    page.select_option("#example", label=page.locator("#example option", has_text="GeoSPARQL").text_content())
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    assert page.locator("#results tbody tr").count() >= 7  # 朔州 and its six county-level units at least
    page.screenshot(path=str(ARTIFACTS / "web-6-sparql.png"), full_page=False)
    assert page.external == []


def test_answer_card_has_a_map(server, page):
    page.goto(server.url + "/")
    page.fill("#q", "桑干河生态经济带上有哪些项目？")
    page.click("#go")
    card = page.locator(".card.answer").first
    card.wait_for()
    card.locator(".map path.leaflet-interactive").first.wait_for(timeout=15_000)
    assert card.locator(".map path.leaflet-interactive").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "web-7-answer-map.png"), full_page=True)
    assert page.external == []


def test_a_cited_plan_that_is_not_ingested_opens_its_entity_page(server, page):
    page.goto(plan_url(server, "140623"))
    page.wait_for_selector("#plans a")
    ingested = set(server.plans.values())
    links = page.locator("#plans a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    cited_only = next(h for h in hrefs if h.startswith("/plan?") and
                      urllib.parse.unquote(h.split("iri=", 1)[1]) not in ingested)
    page.goto(server.url + cited_only)
    page.wait_for_selector("#entity-label")
    assert page.url.split("/")[3].startswith("entity?")
    assert "规划" in page.locator("#entity-label").inner_text()
