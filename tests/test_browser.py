"""The chat page in real headless Chromium (Debian `chromium`) against a real uvicorn on 127.0.0.1:
ask a question, see answers and a cited passage, follow an entity link, ask a follow-up.
Screenshots go to test-artifacts/."""
from __future__ import annotations

from pathlib import Path

import pytest

from plankg.graph.ingest import bundled_examples, ingest_paths
from plankg.graph.store import PlanStore

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, live_server_factory):
    loc = tmp_path_factory.mktemp("browser-store") / "store"
    with PlanStore(loc) as st:
        ingest_paths(st, bundled_examples())
        # a division whose neighbour also has answers, for the follow-up (taken from the graph)
        rows = st.select("""PREFIX pk: <https://w3id.org/plankg/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX pkv: <https://w3id.org/plankg/vocab/>
            SELECT ?r ?l (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pk:role ?r ; pk:withinDivision ?d . ?d rdfs:label ?l ;
            pk:withinDivision ?up FILTER(STRSTARTS(STR(?r), STR(pkv:))) } GROUP BY ?r ?l ORDER BY DESC(?n) ?l LIMIT 10""")
        rows = [r for r in rows if r["r"] == rows[0]["r"]]
    srv = live_server_factory(loc, query_workers=0)
    srv.followup_place = rows[1]["l"]
    return srv


@pytest.fixture(scope="module")
def page(new_page):
    return new_page(width=1000, locale="zh-CN")


def test_chat_flow(server, page):
    page.goto(server.url + "/")
    page.wait_for_selector("#examples .example")
    page.locator("#examples .example").first.click()  # an example question built from the graph
    card = page.locator(".card.answer").first
    card.wait_for()
    links = card.locator("ul.answers a.entity")
    assert links.count() >= 1
    first_label = links.first.inner_text()
    # the cited passages: expand and check one names an answer
    card.locator("details.evidence summary").click()
    passage = card.locator("blockquote.passage").first
    passage.wait_for()
    assert passage.locator(".cite").inner_text().startswith("《")
    assert card.locator("blockquote.passage mark").count() >= 1
    # the SPARQL used
    card.locator("details.sparql summary").click()
    assert "SELECT" in card.locator("pre.sparql-text").inner_text()
    assert card.locator("a.open-editor").get_attribute("href").startswith("/sparql?query=")
    page.screenshot(path=str(ARTIFACTS / "ask-1-answer.png"), full_page=True)

    # a follow-up in the same conversation
    page.fill("#q", f"那{server.followup_place}呢？")
    page.click("#go")
    page.wait_for_function("document.querySelectorAll('.card.answer').length >= 2")
    second = page.locator(".card.answer").nth(1)
    assert second.locator("ul.answers li").count() >= 1
    assert server.followup_place in second.locator(".basis").inner_text()
    page.screenshot(path=str(ARTIFACTS / "ask-2-followup.png"), full_page=True)

    # follow an entity link to its page
    page.locator(".card.answer").first.locator("ul.answers a.entity").first.click()
    page.wait_for_selector("#entity-label")
    assert page.locator("#entity-label").inner_text() == first_label
    assert page.locator("table.facts tr").count() >= 1
    assert page.locator("blockquote.passage").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "ask-3-entity.png"), full_page=True)


def test_english_switch(server, page):
    page.goto(server.url + "/")
    page.click("#lang")
    assert page.locator("#go").inner_text() == "Ask"
    page.wait_for_selector("#examples .example")
    page.locator("#examples .example").first.click()
    page.locator(".card.answer").first.wait_for()
    assert page.locator(".card.answer .text").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "ask-4-english.png"), full_page=True)
    page.click("#lang")  # back to Chinese for other tests


def test_plan_page_from_a_cited_passage(server, page):
    page.goto(server.url + "/")
    page.wait_for_selector("#examples .example")
    page.locator("#examples .example").first.click()
    card = page.locator(".card.answer").first
    card.wait_for()
    card.locator("details.evidence summary").click()
    link = card.locator("a.plan-link").first
    title = link.inner_text().strip("《》")
    link.click()
    page.wait_for_selector("ul.outline li")
    assert page.locator("main h2").first.inner_text() == title
    assert page.locator("ul.outline li").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "ask-5-plan.png"), full_page=True)
