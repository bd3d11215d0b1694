"""Stored XSS through map labels: a token holder sets division labels to HTML through SPARQL Update, and
the dossier, the entity page and a chat answer draw them in real headless Chromium against a real uvicorn
on 127.0.0.1. The labels must show as text and no script may run.

The plan is made up (a county plan for 岱山县 with three projects in its towns); no line comes from a corpus file.
"""
from __future__ import annotations

import urllib.parse
from pathlib import Path

import httpx
import pytest

from plankg.graph.ingest import ingest_paths
from plankg.graph.namespaces import ID
from plankg.graph.store import PlanStore

pytestmark = pytest.mark.browser
TOKEN = "xss-token"
PLAN = (Path(__file__).parent / "data" / "invented_county_plan.txt").read_text(encoding="utf-8")  # 岱山县, invented
COUNTY = f"{ID}division/330921"
TOWNS = [f"{ID}division/330921100", f"{ID}division/330921101", f"{ID}division/330921106"]


def payload(n: int) -> str:
    """HTML that would record its run in ``window.__xss`` if a page parsed it."""
    return f'<img src=x onerror="window.__xss=(window.__xss||[]).concat({n})">标签{n}'


@pytest.fixture(scope="module")
def server(tmp_path_factory, live_server_factory):
    folder = tmp_path_factory.mktemp("xss")
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    with PlanStore(folder / "store") as st:
        [report] = ingest_paths(st, [folder / "plan.txt"])
    srv = live_server_factory(folder / "store", update_token=TOKEN, query_workers=0)
    srv.plan = f"{ID}plan/{report.plan_id}"
    for n, iri in enumerate([COUNTY, *TOWNS]):  # every label of the division, in every graph, becomes HTML
        update = f"""DELETE {{ GRAPH ?g {{ <{iri}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}
            INSERT {{ GRAPH ?g {{ <{iri}> <http://www.w3.org/2000/01/rdf-schema#label> {_literal(payload(n))} }} }}
            WHERE {{ GRAPH ?g {{ <{iri}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}"""
        r = httpx.post(srv.url + "/sparql", content=update.encode(), timeout=60,
                       headers={"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 204, r.text
    return srv


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def page(new_page):
    return new_page(width=1200, locale="zh-CN")


def _labels_stay_text(page, box: str, at_least: int) -> list[str]:
    """Hover every shape of the map (opening tooltips that are not permanent), then check that no label
    holds an element and no payload ran."""
    page.locator(f"{box} .leaflet-interactive").first.wait_for(timeout=20_000)
    shapes = page.locator(f"{box} .leaflet-interactive")
    assert shapes.count() >= at_least
    for i in range(shapes.count()):
        shapes.nth(i).hover(force=True)
    page.wait_for_timeout(300)  # an <img src=x> fails to load within this time, and its onerror would run
    tips = page.locator(f"{box} .leaflet-tooltip")
    texts = tips.all_inner_texts()
    assert page.locator(f"{box} .leaflet-tooltip img").count() == 0
    assert page.evaluate("window.__xss === undefined"), page.evaluate("window.__xss")
    return texts


def test_the_labels_hold_html(server):
    """The attack is in place: the store now answers the division labels as HTML text."""
    r = httpx.get(server.url + "/api/pages/entity", params={"iri": TOWNS[1]}, timeout=60)
    assert r.status_code == 200
    names = [f["properties"]["name"] for f in r.json()["map"]["features"]]
    assert any(n.startswith("<img") for n in names), names


def test_dossier_map_shows_html_labels_as_text(server, page):
    page.goto(server.url + "/plan?iri=" + urllib.parse.quote(server.plan, safe=""))
    texts = _labels_stay_text(page, "#region-map", 1)
    assert any("<img src=x" in t for t in texts), texts


def test_entity_map_shows_html_labels_as_text(server, page):
    page.goto(server.url + "/entity?iri=" + urllib.parse.quote(COUNTY, safe=""))
    texts = _labels_stay_text(page, "#entity-map", 1)
    assert any(payload(0) in t for t in texts), texts


def test_answer_map_shows_html_labels_as_text(server, page):
    page.goto(server.url + "/")
    page.fill("#q", "岱山县有哪些重点项目？")
    page.click("#go")
    card = page.locator(".card.answer").first
    card.wait_for(timeout=30_000)
    texts = _labels_stay_text(page, ".card.answer .map", 3)
    assert sum("<img src=x" in t for t in texts) >= 3, texts
