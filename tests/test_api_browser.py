"""The SPARQL editor page in real headless Chromium against a real uvicorn on 127.0.0.1."""
from __future__ import annotations

import shutil
import urllib.parse
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(live_server_factory, api_sample_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("editor") / "store"
    shutil.copytree(api_sample_store, store)
    return live_server_factory(store, max_rows=20)


@pytest.fixture(scope="module")
def page(new_page):
    return new_page(width=1100)


def test_examples_run_and_link_to_entity_pages(server, page):
    page.goto(server.url + "/sparql")
    options = page.locator("#example option")
    assert options.count() >= 6
    page.select_option("#example", index=2)  # administrative divisions
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    assert page.locator("#results th").first.inner_text().startswith("?")
    link = page.locator("#results td a").first
    assert link.get_attribute("href").startswith("/entity?iri=https%3A%2F%2Fw3id.org%2Fplankg%2Fid%2F")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sparql-editor.png"), full_page=True)
    assert page.external == []  # no CDN: every request stays on 127.0.0.1


def test_truncation_and_errors_are_shown(server, page):
    page.goto(server.url + "/sparql")
    page.fill("#query", "SELECT * WHERE { ?s ?p ?o }")
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    assert page.locator("#results tbody tr").count() == 20
    assert "truncated" in page.locator("#notice.warn").inner_text()
    page.fill("#query", "SELECT * WHERE { ?s ?p ")
    page.click("#run")
    page.wait_for_selector("#notice.error")
    assert "PKG-201" in page.locator("#notice").inner_text()


def test_a_link_with_a_query_opens_the_editor_and_runs_it(server, page):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    page.goto(server.url + "/sparql?query=" + urllib.parse.quote(q))
    page.wait_for_selector("#results table tbody tr")
    assert page.locator("#query").input_value() == q
    cell = page.locator("#results tbody td").first
    assert "xsd:integer" in cell.locator(".dt").inner_text()
    assert int(cell.inner_text().split()[0]) > 100
