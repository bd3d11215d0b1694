"""A bureau's own SHACL shapes (`audit(..., extra_shapes=[path])`, `plankg audit --shapes FILE.ttl`),
as self-describing cases: each tests/shape_cases/extra/*.ttl holds the shapes (t:shapes, Turtle),
the data and the expected results. A shape inside the fast path's SHACL subset and one outside it
(pySHACL) must both give exactly the expected results on both engines."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from plankg import errors
from plankg.ontology import ontology_graph
from plankg.shapes import audit as A
from plankg.shapes import engines, rules

CASES = sorted((Path(__file__).parent / "shape_cases" / "extra").glob("*.ttl"))
T = Namespace("https://w3id.org/plankg/audit/test#")
EXPECTED_CASES = 2


def load_case(path: Path, tmp_path: Path):
    g = Graph().parse(path, format="turtle", publicID=path.as_uri())
    case = next(g.subjects(RDF.type, T.ShapeCase))
    shapes = tmp_path / f"{path.stem}.shapes.ttl"
    shapes.write_text(str(g.value(case, T.shapes)), encoding="utf-8")
    rules_ = {str(r) for r in g.objects(case, T.rules)}
    expected = {(str(g.value(e, T.rule)), str(g.value(e, T.focus)),
                 None if g.value(e, T.value) is None else str(g.value(e, T.value)))
                for e in g.objects(case, T.expect)}
    conforms = g.value(case, T.conforms).toPython()
    for node in list(g.objects(case, T.expect)):
        g.remove((node, None, None))
    g.remove((case, None, None))
    data = g + ontology_graph() + Graph().parse(data=A.annotations_nt(), format="nt")
    lower = next(data.subjects(RDF.type, A.PKA.AuditedPlan))
    return A.data_from_graph(data, A.Context(str(lower), None, None)), shapes, rules_, expected, conforms


def test_case_count():
    assert len(CASES) == EXPECTED_CASES


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_extra_shapes_case(path, engine, tmp_path):
    data, shapes, rules_, expected, conforms = load_case(path, tmp_path)
    report = A.run(data, engine, extra_shapes=[shapes])
    got = {(f.id, f.focus, f.value) for f in report.findings if f.id in rules_}
    assert got == expected
    # conforms as far as these rules go (the shipped rules also run on the skeletal data)
    assert (not any(f.severity == "Violation" for f in report.findings if f.id in rules_)) is conforms
    for f in report.findings:
        if f.id in rules_:
            assert f.message and f.mode_label == "附加审查规则" and "{?" not in f.message


def test_each_extra_rule_passes_and_fails_and_one_is_outside_the_fast_subset(tmp_path):
    fails, passes, outside = set(), set(), set()
    for path in CASES:
        _data, shapes, rules_, expected, _ = load_case(path, tmp_path)
        hit = {e[0] for e in expected}
        fails |= hit
        passes |= rules_ - hit
        outside |= {i.rule_id for i in rules.shape_infos((str(shapes),)).values() if not engines.fast_path_ok(i)}
    assert fails == passes == {"B-001", "B-002"}
    assert outside == {"B-002"}


def test_a_missing_or_broken_shapes_file_is_a_clear_error(tmp_path):
    with pytest.raises(errors.FileMissing):
        rules.shape_infos((str(tmp_path / "none.ttl"),))
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(errors.BadOption):
        rules.shape_infos((str(bad),))
