"""The chat search's indexes on a real Oxigraph store: the passage index kept beside an on-disk store
and updated per named graph, its text search, and the single-flight rebuild of the name index.
Invented plans and phrasings (no corpus text)."""
from __future__ import annotations

import logging
import threading

import pytest

from plankg import ask as A
from plankg.ask.passages import PassageIndex, index_path
from plankg.graph.store import PlanStore

PREFIXES = """
@prefix pk: <https://w3id.org/plankg/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix x: <https://w3id.org/plankg/id/> .
@prefix d: <https://w3id.org/plankg/id/division/> .
@prefix v: <https://w3id.org/plankg/vocab/> .
"""


def plan_trig(code: str, place: str, sentences: list[str]) -> str:
    """One invented plan document: a graph with its plan node and one paragraph per sentence."""
    g = f"https://w3id.org/plankg/graph/{code}-master-2021-2035/draft"
    paras = "\n".join(
        f'  x:p\\/{code}-{i} a pk:Paragraph ; pk:text "{s}" ; pk:ordinal {i} ; eli:is_part_of x:s\\/{code} .'
        for i, s in enumerate(sentences, 1))
    return f"""<{g}> {{
  x:plan\\/{code}-master-2021-2035 a pk:Plan ; eli:title "{place}国土空间总体规划（2021-2035年）" ;
     pk:planId "{code}-master-2021-2035" ; pk:level v:level\\/county ; pk:coversRegion d:{code} .
  d:{code} a pk:County ; rdfs:label "{place}" .
  x:s\\/{code} a pk:Section ; rdfs:label "第一章 总则" .
  x:e\\/{code} a pk:Project ; rdfs:label "{place}引水渠工程" ; pk:source x:p\\/{code}-1 .
{paras}
}}
"""


PLAN_A = plan_trig("888801", "松岭县", ["松岭县引水渠工程沿溪谷布置，向县城东部三个乡供水。",
                                        "严格保护溪谷两侧湿地，禁止围垦。"])
PLAN_B = plan_trig("888802", "柏川县", ["柏川县推进梯田改造和果园提质。"])


def load(store, *docs: str) -> None:
    store.load((PREFIXES + "\n".join(docs)).encode(), fmt="trig")


def graph_of(code: str) -> str:
    return f"https://w3id.org/plankg/graph/{code}-master-2021-2035/draft"


def test_passage_index_lives_beside_the_store_and_is_not_reread(tmp_path):
    loc = tmp_path / "store"
    with PlanStore(loc) as st:
        load(st, PLAN_A, PLAN_B)
        idx = A.get_index(st)
        assert idx.passages.path == index_path(loc) == tmp_path / "store.ask.sqlite"
        assert idx.passages.count() == 3
        idx.passages.close()
    assert (tmp_path / "store.ask.sqlite").exists()
    with PlanStore(loc) as st:  # a new process-like open: nothing to re-read
        passages = PassageIndex(index_path(loc))
        titles = {g: "" for g in st.graphs() if "/graph/8888" in g}
        assert passages.sync(st, titles) == []
        assert passages.count() == 3
        passages.close()


def test_passage_index_updates_only_the_changed_graph():
    st = PlanStore(None)
    load(st, PLAN_A, PLAN_B)
    passages = PassageIndex(None)
    titles = {graph_of("888801"): "A", graph_of("888802"): "B"}
    assert sorted(passages.sync(st, titles)) == sorted(titles)
    load(st, plan_trig("888802", "柏川县", ["柏川县推进梯田改造和果园提质。", "柏川县新建两座塘坝。"]))
    assert passages.sync(st, titles) == [graph_of("888802")]
    assert passages.count() == 4
    st.drop_graph(graph_of("888802"))
    assert passages.sync(st, {graph_of("888801"): "A"}) == []
    assert {p.graph for p in passages.in_graphs([graph_of("888801"), graph_of("888802")])} == {graph_of("888801")}
    st.close()


def test_text_search_finds_words_and_keeps_to_the_graphs_asked():
    st = PlanStore(None)
    load(st, PLAN_A, PLAN_B)
    passages = PassageIndex(None)
    passages.sync(st, {graph_of("888801"): "A", graph_of("888802"): "B"})
    hits = passages.search(A.tokens("哪里禁止围垦湿地"))
    assert hits and "禁止围垦" in hits[0][0].text
    assert all(score > 0 for _, score in hits)
    assert passages.search(A.tokens("梯田改造"), graphs={graph_of("888801")}) == []
    assert passages.search(A.tokens("梯田改造"), graphs={graph_of("888802")})[0][0].graph == graph_of("888802")
    # quotes and FTS operators in a question are words, not query syntax
    assert passages.search(['"', "OR", "NEAR(", "*"]) == []
    st.close()


def test_sources_and_headers_come_from_the_index():
    st = PlanStore(None)
    load(st, PLAN_A)
    idx = A.get_index(st)
    src = idx.passages.sources_of("https://w3id.org/plankg/id/e/888801")
    assert len(src) == 1 and idx.passages.get(src[0]).text.startswith("松岭县引水渠工程")
    assert idx.section_labels == {"第一章总则"}
    st.close()


def test_one_rebuild_at_a_time(caplog):
    st = PlanStore(None)
    load(st, PLAN_A)
    first = A.get_index(st)
    load(st, PLAN_B)  # a write: the next callers must rebuild
    results, barrier = [], threading.Barrier(8)

    def call():
        barrier.wait()
        results.append(A.get_index(st))

    with caplog.at_level(logging.INFO, logger="plankg.ask.index"):
        threads = [threading.Thread(target=call) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    builds = [r for r in caplog.records if r.getMessage().startswith("ask index built")]
    assert len(results) == 8
    assert len(builds) == 1, [r.getMessage() for r in builds]
    assert {id(r) for r in results} <= {id(first), id(A.get_index(st))}
    assert len(A.get_index(st).plans) == 2
    st.close()


@pytest.mark.parametrize("q,expect", [("松岭县规划的引水渠工程有哪些？", "松岭县引水渠工程")])
def test_answer_cites_passage_and_shows_sparql(q, expect):
    st = PlanStore(None)
    load(st, PLAN_A, PLAN_B)
    res = A.ask(st, q)
    assert [a["label"] for a in res["answers"]] == [expect]
    assert res["sparql"].lstrip().startswith("PREFIX") and "SELECT" in res["sparql"]
    assert res["evidence"] and res["evidence"][0]["text"].startswith(expect)
    st.close()


def test_a_write_to_a_known_graph_is_picked_up_off_the_request_path(monkeypatch):
    monkeypatch.setattr("plankg.ask.index.RECHECK_SECONDS", 0.0)
    st = PlanStore(None)
    load(st, PLAN_A)
    first = A.get_index(st)
    load(st, plan_trig("888801", "松岭县", ["松岭县引水渠工程沿溪谷布置，向县城东部三个乡供水。",
                                          "严格保护溪谷两侧湿地，禁止围垦。", "新建松岭县北塘水库。"]))
    assert A.get_index(st) is first  # the caller is answered at once, from the index it has
    for _ in range(200):  # the re-check runs in the background; wait for its index
        latest = A.get_index(st)
        if latest is not first:
            break
        threading.Event().wait(0.05)
    assert latest is not first
    assert latest.passages.count() == 3
    st.close()
