"""The overlay store (graph/overlay.py): an audit of an uploaded plan reads only the graphs it needs
and writes nothing to the base store (issue 8 §2, issue 9)."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from plankg import errors
from plankg.graph.ingest import bundled_examples, ingest_file, ingest_paths
from plankg.graph.overlay import OverlayStore, commit
from plankg.graph.store import PlanStore
from plankg.shapes.audit import audit

UNRELATED = "https://w3id.org/plankg/graph/999999-unrelated/text"
LOWER = ("山阴县国土空间总体规划（2021—2035年）\n第一章 总则\n"
         "第一条 本规划依据《朔州市国土空间总体规划（2020-2035年）》编制。\n"
         "第二条 到2035年，全县耕地保有量不低于9.1万亩。\n")


class RecordingStore(PlanStore):
    """A real in-memory store that remembers which graphs were dumped and refuses whole-store copies."""

    def __init__(self):
        super().__init__(None)
        self.dumped: list[str] = []

    def dump(self, fmt="nq", graph=None):
        if graph is None:
            raise AssertionError("the whole store was dumped")
        self.dumped.append(graph)
        return super().dump(fmt, graph)

    def export(self, fmt):
        raise AssertionError("the whole store was exported")


@pytest.fixture(scope="module")
def base():
    st = RecordingStore()
    ingest_paths(st, bundled_examples())
    st.replace_graph(UNRELATED, [(URIRef(f"urn:x:u{i}"), URIRef("urn:x:p"), Literal(i)) for i in range(50)])
    yield st
    st.close()


def test_audit_of_an_upload_reads_only_the_graphs_it_needs(base, tmp_path):
    f = tmp_path / "lower.txt"
    f.write_text(LOWER, encoding="utf-8")
    size, graphs = len(base), base.graphs()
    base.dumped.clear()
    with OverlayStore(base) as view:
        plan_id = ingest_file(view, f).plan_id
        report = audit(view, plan_id)
        lower_graph = [g for g in view.graphs() if g not in graphs]
    assert report.against_title and "朔州" in report.against_title
    assert UNRELATED not in base.dumped
    assert set(base.dumped) <= set(graphs) - {UNRELATED}
    assert len(base) == size and base.graphs() == graphs  # nothing written to the base
    assert len(lower_graph) == 1


def test_overlay_reads_join_across_layer_and_base(base):
    with OverlayStore(base) as view:
        view.replace_graph("urn:x:layer", [(URIRef("urn:x:u3"), URIRef("urn:x:q"), Literal("layer"))])
        rows = view.select("SELECT ?v ?w WHERE { ?s <urn:x:p> ?v . ?s <urn:x:q> ?w }")
        assert rows == [{"v": 3, "w": "layer"}]
        assert view.ask("ASK { GRAPH <urn:x:layer> { ?s ?p ?o } }")
        assert "urn:x:layer" in view.graphs() and "urn:x:layer" not in base.graphs()
        view.drop_graph(UNRELATED)  # hidden in the overlay only
        assert UNRELATED not in view.graphs() and UNRELATED in base.graphs()
        assert not view.ask("ASK { ?s <urn:x:p> ?v }")
        with pytest.raises(errors.NotFound):
            view.dump("nt", UNRELATED)


def test_commit_writes_the_layer_into_the_base():
    st = PlanStore(None)
    with OverlayStore(st) as view:
        view.replace_graph("urn:x:g", [(URIRef("urn:x:a"), URIRef("urn:x:b"), Literal("一", lang="zh"))])
        assert st.graphs() == []
        assert commit(view) == ["urn:x:g"]
    assert st.graphs() == ["urn:x:g"] and st.select("SELECT ?o { ?s ?p ?o }") == [{"o": "一"}]


def test_overlay_over_a_remote_store_audits_without_writing_to_it(oxigraph_server, tmp_path):
    from plankg.graph.remote import RemoteStore

    remote = RemoteStore(oxigraph_server + "/query")
    ingest_paths(remote, bundled_examples())
    graphs, size = remote.graphs(), len(remote)
    f = tmp_path / "lower.txt"
    f.write_text(LOWER, encoding="utf-8")
    with OverlayStore(remote) as view:
        plan_id = ingest_file(view, f).plan_id
        ids = {r["id"] for r in view.select("PREFIX pk: <https://w3id.org/plankg/def#> SELECT ?id { ?p pk:planId ?id }")}
        report = audit(view, plan_id)
    assert plan_id in ids and "140600-master" in ids
    assert report.against_title and "朔州" in report.against_title
    assert remote.graphs() == graphs and len(remote) == size
