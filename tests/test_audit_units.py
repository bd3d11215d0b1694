"""Small units of the audit: division-code hierarchy, Chinese numerals, higher-plan discovery and the
networkx hierarchy problems, on hand-built graphs in a real (in-memory) Oxigraph store."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from plankg import errors
from plankg.graph.namespaces import ELI, GRAPH_BASE, ID, PK, VOCAB
from plankg.graph.store import PlanStore
from plankg.shapes import audit as A
from plankg.shapes.hierarchy import hierarchy, tree_lines


@pytest.mark.parametrize("code,parent", [("140623101", "140623"), ("140623", "140600"), ("140600", "140000"),
                                         ("140000", None)])
def test_parent_division(code, parent):
    assert A.parent_division(code) == parent


@pytest.mark.parametrize("text,n", [("八", 8), ("十五", 15), ("二十", 20), ("两", 2), ("15", 15), ("１５", 15),
                                    ("一百零八", 108), ("名", None)])
def test_cn_int(text, n):
    # the audit reads counted mentions with the extraction's numeral parser
    from plankg.extract.lexicon import cn_to_int

    assert cn_to_int(text) == n


def plan(st: PlanStore, pid: str, level: str, region: str, *, cites=(), based=(), title=None):
    iri = URIRef(A.plan_iri(pid))
    triples = [(iri, RDF.type, PK.Plan), (iri, PK.level, VOCAB[f"level/{level}"]),
               (iri, PK.coversRegion, ID[f"division/{region}"]), (iri, ELI.title, Literal(title or pid))]
    triples += [(iri, ELI.cites, URIRef(A.plan_iri(c))) for c in cites]
    triples += [(iri, PK.higherPlan, URIRef(A.plan_iri(b))) for b in based]
    st.replace_graph(f"{GRAPH_BASE}{pid}/draft", triples)


@pytest.fixture
def store():
    st = PlanStore(None)
    plan(st, "990000-master", "province", "990000")
    plan(st, "990100-master", "city", "990100", cites=["990000-master"],
         based=["990000-master"])
    yield st
    st.close()


def test_higher_plan_from_citation_then_hierarchy(store):
    plan(store, "990101-master", "county", "990101", cites=["990100-master"],
         based=["990100-master"])
    ctx = A.find_higher(store, A.plan_iri("990101-master"))
    assert (ctx.higher, ctx.found_by) == (A.plan_iri("990100-master"), "citation")
    plan(store, "990102-master", "county", "990102", cites=["990000-master"],
         based=["990000-master"])
    ctx = A.find_higher(store, A.plan_iri("990102-master"))
    assert (ctx.higher, ctx.found_by) == (A.plan_iri("990100-master"), "hierarchy")
    with pytest.raises(errors.UnknownPlan):
        A.find_higher(store, A.plan_iri("990103-master"))


def test_hierarchy_problems(store):
    plan(store, "990102-master", "county", "990102", based=["990000-master"])
    plan(store, "990103-master", "county", "990103", cites=["990300-master"])
    plan(store, "990201-master", "county", "990201", based=["990202-master"])
    plan(store, "990202-master", "county", "990202", based=["990201-master"])
    h = hierarchy(store)
    kinds = {(p.kind, p.plan) for p in h.problems}
    assert ("level-skip", "990102-master") in kinds
    assert ("missing-cited-plan", "990300-master") in kinds
    assert ("no-higher-plan", "990103-master") in kinds
    assert any(k == "cycle" for k, _ in kinds)
    assert ("no-higher-plan", "990100-master") not in kinds
    lines = tree_lines(h)
    assert lines[0].startswith("990000-master")
    assert any(line.strip() == "└─ 990100-master (990100-master)" for line in lines)
