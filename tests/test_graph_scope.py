"""The named-graph hint of ``Store.select``: the same rows as without it, while the default graph stays the
union of every graph (a real embedded Oxigraph store, an overlay over it, and in memory)."""
from __future__ import annotations

import pytest

from plankg.graph.overlay import OverlayStore
from plankg.graph.store import PlanStore

EX = "http://example.org/"
QUADS = f"""
<{EX}a> <{EX}p> <{EX}x> <{EX}g1> .
<{EX}b> <{EX}p> <{EX}x> <{EX}g2> .
<{EX}c> <{EX}p> <{EX}x> <{EX}g3> .
<{EX}a> <{EX}near> <{EX}c> <{EX}g3> .
""".encode()
SCOPED = f"""SELECT ?g ?s WHERE {{ VALUES ?g {{ <{EX}g1> <{EX}g2> }} GRAPH ?g {{ ?s <{EX}p> <{EX}x> }}
  FILTER EXISTS {{ ?s <{EX}near> ?other }} }}"""


@pytest.fixture(params=["disk", "memory", "overlay"])
def store(request, tmp_path):
    base = PlanStore(tmp_path / "store" if request.param != "memory" else None)
    base.load(QUADS, "nq")
    st = OverlayStore(base) if request.param == "overlay" else base
    yield st
    if st is not base:
        st.close()
    base.close()


def test_hint_keeps_the_rows_and_the_union_default_graph(store):
    plain = store.select(SCOPED)
    hinted = store.select(SCOPED, [f"{EX}g1", f"{EX}g2"])
    # ?s = a is in g1; the EXISTS reads g3's triple through the default graph, which stays the union
    assert plain == hinted == [{"g": f"{EX}g1", "s": f"{EX}a"}]


def test_hint_limits_what_graph_patterns_can_match(store):
    every = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s <{EX}p> ?o }} }} ORDER BY ?g"
    assert [r["g"] for r in store.select(every)] == [f"{EX}g1", f"{EX}g2", f"{EX}g3"]
    assert [r["g"] for r in store.select(every, [f"{EX}g2"])] == [f"{EX}g2"]
    assert store.select(every, []) == []
