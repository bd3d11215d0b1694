"""Self-describing SHACL cases: each tests/shape_cases/*.ttl holds the data graph (with the audit
context triples) and its expected results for the rules it names (t:rules). Both evaluators —
pyshacl and the Oxigraph fast path — must produce exactly the expected results."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from plankg.ontology import ontology_graph
from plankg.shapes import audit as A

CASES = sorted((Path(__file__).parent / "shape_cases").glob("*.ttl"))
T = Namespace("https://w3id.org/plankg/audit/test#")
EXPECTED_CASES = 31


def load_case(path: Path):
    g = Graph().parse(path, format="turtle", publicID=path.as_uri())
    case = next(g.subjects(RDF.type, T.ShapeCase))
    rules = {str(r) for r in g.objects(case, T.rules)}
    expected = {(str(g.value(e, T.rule)), str(g.value(e, T.focus)),
                 None if g.value(e, T.value) is None else str(g.value(e, T.value)))
                for e in g.objects(case, T.expect)}
    conforms = g.value(case, T.conforms)
    for t in list(g.triples((case, None, None))):
        g.remove(t)
    for node in list(g.objects(None, T.expect)):
        for t in list(g.triples((node, None, None))):
            g.remove(t)
    data = g + ontology_graph() + Graph().parse(data=A.annotations_nt(), format="nt")
    lower = next(data.subjects(RDF.type, A.PKA.AuditedPlan))
    higher = data.value(lower, A.PKA.auditedAgainst)
    ctx = A.Context(str(lower), None if higher is None else str(higher), "citation")
    return A.data_from_graph(data, ctx), rules, expected, None if conforms is None else conforms.toPython()


def test_case_count():
    assert len(CASES) == EXPECTED_CASES


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_shape_case(path, engine):
    data, rules, expected, conforms = load_case(path)
    report = A.run(data, engine)
    got = {(f.id, f.focus, f.value) for f in report.findings if f.id in rules}
    assert got == expected
    if conforms is not None:
        assert report.conforms is conforms
    for f in report.findings:  # every finding speaks both languages with its values filled in
        assert f.message and f.message_en and "{?" not in f.message + f.message_en
        assert not re.search(r"[0-9a-f]{16}", f.message), f.message  # labels, never an internal id


def test_every_shape_passes_and_fails_somewhere():
    """Each rule appears in some case with an expected result (fails) and in some without (passes)."""
    fails, passes = set(), set()
    for path in CASES:
        _data, rules, expected, _ = load_case(path)
        hit = {e[0] for e in expected}
        fails |= hit
        passes |= rules - hit
    all_rules = {i.rule_id for i in A.shape_infos().values()}
    assert all_rules - fails == set(), "rules without a failing case"
    assert all_rules - passes == set(), "rules without a passing case"
