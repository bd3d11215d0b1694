"""The fast path's declared SHACL subset: every shipped shape stays inside it, and a shape outside it
is evaluated by pySHACL (never silently skipped)."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from plankg.graph.namespaces import PK
from plankg.shapes import engines, rules
from plankg.shapes.context import data_from_graph
from plankg.shapes.model import PKA, Context

PLAN = URIRef("https://w3id.org/plankg/id/plan/990101-master")


def test_every_shipped_shape_is_on_the_fast_path():
    infos = rules.shape_infos()
    assert len(infos) >= 30
    outside = {i.rule_id: sorted(i.unsupported) for i in infos.values() if not engines.fast_path_ok(i)}
    assert outside == {}, f"shapes using SHACL terms the fast path does not implement: {outside}"


def _extra_shapes(tmp_path: Path) -> Path:
    path = tmp_path / "bureau.ttl"
    path.write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix pk: <https://w3id.org/plankg/def#> .
@prefix pka: <https://w3id.org/plankg/audit#> .
@prefix b: <https://bureau.example/shapes#> .
b:OneTitleOnly a sh:NodeShape ; sh:targetClass pka:AuditedPlan ;
    sh:property [ sh:path <http://data.europa.eu/eli/ontology#title> ; sh:maxCount 1 ;
                  sh:message "规划只能有一个标题"@zh ] .
b:HasIssuer a sh:PropertyShape ; sh:targetClass pka:AuditedPlan ; sh:path pk:issuedBy ; sh:minCount 1 ;
    sh:severity sh:Warning ; sh:message "缺少编制机关"@zh .
""", encoding="utf-8")
    return path


def test_a_shape_outside_the_subset_runs_on_pyshacl(tmp_path):
    extra = (str(_extra_shapes(tmp_path)),)
    infos = rules.shape_infos(extra)
    max_count = infos["https://bureau.example/shapes#OneTitleOnly"]
    assert not engines.fast_path_ok(max_count) and str(rules.SH.maxCount) in max_count.unsupported
    assert engines.fast_path_ok(infos["https://bureau.example/shapes#HasIssuer"])
    g = Graph()
    g.add((PLAN, RDF.type, PKA.AuditedPlan))
    g.add((PLAN, URIRef("http://data.europa.eu/eli/ontology#title"), Literal("甲")))
    g.add((PLAN, URIRef("http://data.europa.eu/eli/ontology#title"), Literal("乙")))
    data = data_from_graph(g, Context(str(PLAN), None, None))
    for evaluate in (lambda: engines.evaluate_fast(data, extra=extra), lambda: engines.evaluate_pyshacl(data, extra)):
        shapes = {r.shape for r in evaluate() if r.focus == str(PLAN)}
        assert {"https://bureau.example/shapes#OneTitleOnly", "https://bureau.example/shapes#HasIssuer"} <= shapes
    g.remove((PLAN, URIRef("http://data.europa.eu/eli/ontology#title"), Literal("乙")))
    g.add((PLAN, PK.issuedBy, URIRef("https://w3id.org/plankg/id/org/x")))
    data = data_from_graph(g, Context(str(PLAN), None, None))
    shapes = {r.shape for r in engines.evaluate_fast(data, extra=extra)}
    assert not shapes & {"https://bureau.example/shapes#OneTitleOnly", "https://bureau.example/shapes#HasIssuer"}


def test_values_binding_keeps_the_select_intact():
    q = "PREFIX pk: <x#>\nSELECT ?this ?value WHERE { ?this pk:a ?value }"
    out = engines.bound_select(q, ["https://a.example/1", "https://a.example/2"])
    assert out.startswith("PREFIX pk: <x#>\nSELECT ?this ?value WHERE { VALUES ?this { <https://a.example/1> <https://a.example/2> }")


def test_words_in_comments_and_literals_are_not_clauses(tmp_path):
    """A comment saying "values" keeps a constraint on the fast path, and VALUES goes after the real WHERE,
    not after one written inside a literal or a comment."""
    path = tmp_path / "bureau-comments.ttl"
    path.write_text('''
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix pka: <https://w3id.org/plankg/audit#> .
@prefix b: <https://bureau.example/shapes#> .
b:TitleNotPlaceholder a sh:NodeShape ; sh:targetClass pka:AuditedPlan ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:message "标题是占位文字"@zh ;
        sh:select """
            # compare the title's values with a placeholder; no MINUS, no SERVICE here
            SELECT $this ?value WHERE {
                $this <http://data.europa.eu/eli/ontology#title> ?value .
                FILTER(?value = "WHERE { VALUES }")   # a literal that looks like clauses
            }""" ] .
''', encoding="utf-8")
    extra = (str(path),)
    info = rules.shape_infos(extra)["https://bureau.example/shapes#TitleNotPlaceholder"]
    assert engines.fast_path_ok(info), info.unsupported
    bound = engines.bound_select(info.select, ["https://a.example/1"])
    assert 'FILTER(?value = "WHERE { VALUES }")' in bound
    assert bound.index("VALUES ?this") < bound.index("eli/ontology#title")
    g = Graph()
    g.add((PLAN, RDF.type, PKA.AuditedPlan))
    g.add((PLAN, URIRef("http://data.europa.eu/eli/ontology#title"), Literal("WHERE { VALUES }")))
    data = data_from_graph(g, Context(str(PLAN), None, None))
    found = [r for r in engines.evaluate_fast(data, extra=extra) if r.shape.endswith("TitleNotPlaceholder")]
    assert [r.focus for r in found] == [str(PLAN)]


def test_code_only_keeps_offsets_and_blanks_what_is_not_code():
    from plankg.graph.guard import code_only

    q = 'SELECT ?x WHERE { ?x <http://a.example/WHERE> "VALUES" } # MINUS\nLIMIT 1'
    code = code_only(q)
    assert len(code) == len(q) and code.index("WHERE") == q.index("WHERE")
    assert "VALUES" not in code and "MINUS" not in code and "LIMIT 1" in code and code.count("WHERE") == 1
