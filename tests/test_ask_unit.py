"""Question kinds on a small hand-written graph (invented plan, invented places), following
docs/data-model.md; plus hostile input. The real sample plans are covered by test_ask_real.py."""
from __future__ import annotations

import json

import pytest

from plankg import ask as A
from plankg.graph.store import PlanStore

TRIG = """
@prefix pk: <https://w3id.org/plankg/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix d: <https://w3id.org/plankg/id/division/> .
@prefix x: <https://w3id.org/plankg/id/> .
@prefix v: <https://w3id.org/plankg/vocab/> .

<https://w3id.org/plankg/graph/ontology> {
  pk:Project a owl:Class ; rdfs:label "项目"@zh, "Project"@en ; rdfs:subClassOf pk:Entity .
  pk:Town a owl:Class ; rdfs:label "城镇"@zh, "Town"@en .
  pk:Expressway a owl:Class ; rdfs:label "高速公路"@zh ; rdfs:subClassOf pk:TransportFacility .
  pk:County a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:River a owl:Class ; rdfs:subClassOf pk:WaterFeature .
  pk:City a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:Township a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  v:role\\/key-town a skos:Concept ; skos:prefLabel "重点镇"@zh, "key town"@en .
}

<https://w3id.org/plankg/graph/999900-master/draft> {
  x:plan\\/999900-master a pk:Plan ; eli:title "北山市国土空间总体规划（2020-2035年）" ; pk:planId "999900-master" ;
     pk:baseYear 2019 ; pk:visionYear 2050 ; pk:periodStart 2020 ; pk:periodEnd 2035 ;
     pk:level v:level\\/city ; pk:coversRegion d:999900 .
  d:999900 a pk:City ; rdfs:label "北山市" .
  d:999901 a pk:County ; rdfs:label "青禾县" ; pk:withinDivision d:999900 .
  d:999902 a pk:County ; rdfs:label "石门区" ; pk:withinDivision d:999900 .
  d:999901100 a pk:Township ; rdfs:label "甘泉镇" ; pk:withinDivision d:999901 ; pk:role v:role\\/key-town ; pk:source x:p1 .
  d:999902100 a pk:Township ; rdfs:label "柳营镇" ; pk:withinDivision d:999902 ; pk:role v:role\\/key-town ; pk:source x:p1 .
  x:g1 a pk:Group ; rdfs:label "2个重点镇" ; pk:declaredCount 2 ; pk:listedCount 2 ; pk:memberRole v:role\\/key-town ;
     pk:hasMember d:999901100, d:999902100 ; pk:source x:p1 .
  x:g2 a pk:Group ; rdfs:label "两横" ; pk:declaredCount 2 ; pk:hasMember x:e1, x:e2 ; pk:source x:p2 .
  x:e1 a pk:Expressway ; rdfs:label "东岭高速" ; pk:source x:p2 .
  x:e2 a pk:Expressway ; rdfs:label "西岭高速" ; pk:source x:p2 .
  x:pr1 a pk:Project ; rdfs:label "白河清淤工程" ; pk:locatedIn d:999901 ; pk:programme x:prog ; pk:source x:p3 .
  x:pr2 a pk:Project ; rdfs:label "黑山造林工程" ; pk:locatedIn d:999902 ; pk:programme x:prog ; pk:source x:p3 .
  x:prog a pk:Programme ; rdfs:label "白河流域生态治理行动" .
  x:belt a pk:Region ; rdfs:label "白河生态经济带" ; pk:source x:p3 .
  x:river a pk:River ; rdfs:label "白河" .
  x:bank a pk:Region ; rdfs:label "北岸经济带" ; pk:relatedTo x:river .
  x:prog pk:relatedTo x:river .
  x:g3 a pk:Group ; rdfs:label "1个食品园区" ; pk:declaredCount 1 ; pk:listedCount 2 ; pk:hasMember x:ip1, x:ip2 ; pk:source x:p7 .
  x:ip1 a pk:IndustrialPark ; rdfs:label "东湖食品产业园" ; pk:source x:p7 .
  x:ip2 a pk:IndustrialPark ; rdfs:label "重点发展冷链物流" ; pk:source x:p7 .
  x:p7 a pk:Paragraph ; pk:text "布局1个食品园区——东湖食品产业园，重点发展冷链物流。" ; eli:is_part_of x:s1 ; pk:ordinal 7 .
  x:ind a pk:Indicator ; rdfs:label "燃气普及率" .
  x:iv1 a pk:Target ; pk:indicator x:ind ; pk:value 90.0 ; pk:unitLabel "%" ; pk:year 2035 ; pk:refArea d:999901 ; pk:source x:p4 .
  x:iv2 a pk:Target ; pk:indicator x:ind ; pk:value 70.0 ; pk:unitLabel "%" ; pk:year 2025 ; pk:refArea d:999901 ; pk:source x:p4 .
  x:p1 a pk:ListItem ; pk:text "2个重点镇——甘泉镇、柳营镇。" ; eli:is_part_of x:s1 ; pk:ordinal 1 .
  x:p2 a pk:Paragraph ; pk:text "“两横”指东岭高速、西岭高速。" ; eli:is_part_of x:s1 ; pk:ordinal 2 .
  x:p3 a pk:Paragraph ; pk:text "白河流域生态治理行动：白河清淤工程（青禾县）、黑山造林工程（石门区）。" ; eli:is_part_of x:s1 ; pk:ordinal 3 .
  x:p4 a pk:Paragraph ; pk:text "到2025年青禾县燃气普及率达到70%，到2035年达到90%。" ; eli:is_part_of x:s1 ; pk:ordinal 4 .
  x:p5 a pk:Paragraph ; pk:text "规划基期年为2019年，远景展望至2050年。" ; eli:is_part_of x:s1 ; pk:ordinal 5 .
  x:s1 a pk:Section ; rdfs:label "城镇体系" ; pk:sectionNumber "3.1" .
  x:st a pk:SpatialStructure ; rdfs:label "一环两带" ; pk:hasPart x:g2 ; pk:source x:p6 .
  x:p6 a pk:Paragraph ; pk:text "构建“一环两带”的国土空间总体格局。" ; eli:is_part_of x:s1 ; pk:ordinal 6 .
}
"""


@pytest.fixture(scope="module")
def store():
    st = PlanStore(None)
    st.load(TRIG.encode(), fmt="trig")
    yield st
    st.close()


def labels(res):
    return sorted(a["label"] for a in res["answers"])


CASES = [
    ("青禾县有哪些重点镇？", "entities", ["甘泉镇"]),
    ("石门有哪些重点镇", "entities", ["柳营镇"]),
    ("两横是哪几条高速？", "entities", ["东岭高速", "西岭高速"]),
    ("白河流域生态治理工程有哪些？", "entities", ["白河清淤工程", "黑山造林工程"]),
    ("Which projects are in Shimen District?", "entities", ["黑山造林工程"]),
    ("规划基期年是哪一年？", "meta", ["2019"]),
    ("What is the vision year of the plan?", "meta", ["2050"]),
    ("到2025年青禾县燃气普及率目标是多少？", "value", ["70%"]),
]


def test_case_count(collected_cases):
    assert collected_cases("test_kinds") == 8


@pytest.mark.parametrize("q,kind,gold", CASES)
def test_kinds(store, q, kind, gold):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == kind, res
    assert labels(res) == sorted(gold), res
    assert res["sparql"].strip()
    if kind != "meta":
        assert res["evidence"], res


def test_count_declared(store):
    res = A.ask(store, "北山市有多少个重点镇？")
    assert res["intent"]["kind"] == "count"
    assert "2" in res["text"]


def test_followup(store):
    first, second = A.ask_many(store, ["青禾县有哪些重点镇？", "那石门区呢？"])
    assert labels(first) == ["甘泉镇"]
    assert labels(second) == ["柳营镇"]


def test_basis_for_place(store):
    res = A.ask(store, "青禾县有哪些工程？")
    assert labels(res) == ["白河清淤工程"]
    assert "青禾县" in res["basis"]


HOSTILE = [
    '"; DROP GRAPH <x> ; SELECT * WHERE { ?s ?p ?o }',
    "} UNION { ?s ?p ?o } #",
    "青禾县\"} ; DELETE WHERE { ?s ?p ?o } ; {有哪些重点镇",
    "🙂🙂🙂 哪些？",
    "SERVICE <http://example.org/> { ?s ?p ?o }",
    "x" * 10_240,
    "青禾县有哪些重点镇" * 1200,
    "",
    "   ",
    "\\u0000\x00\x1b[31m",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input(store, q):
    size = len(store)
    res = A.ask(store, q)
    json.dumps(res, ensure_ascii=False)
    assert isinstance(res["text"], str) and res["text"]
    assert len(store) == size  # nothing was changed
    # user text never appears inside the SPARQL that ran
    for frag in ("DROP", "DELETE", "SERVICE", "script", "UNION { ?s ?p ?o }"):
        if frag in q:
            assert frag not in res["sparql"]


def test_literal_escaping():
    assert A.sparql_literal('a"b\\c\n') == '"a\\"b\\\\c\\n"'
    with pytest.raises(ValueError):
        A.sparql_iri("http://x> } DROP ALL {")


def test_english_followup(store):
    first, second = A.ask_many(store, ["Which key towns are in Qinghe County?", "What about Shimen District?"])
    assert labels(first) == ["甘泉镇"]
    assert labels(second) == ["柳营镇"]
    assert second["lang"] == "en"


def test_year_followup_for_values(store):
    first, second = A.ask_many(store, ["到2025年青禾县燃气普及率目标是多少？", "那2035年呢？"])
    assert labels(first) == ["70%"]
    assert labels(second) == ["90%"]


def test_year_followup_ignored_for_lists(store):
    first, second = A.ask_many(store, ["青禾县有哪些重点镇？", "那2035年呢？"])
    assert second["intent"]["kind"] != "entities" or not second["intent"]["slots"].get("followup")


def test_forged_context_is_cleaned(store):
    ctx = {"kind": "entities", "slots": {"places": ["https://w3id.org/plankg/id/division/999902", "x> }"],
                                          "roles": [{"a": 1}], "years": ["1"]}}
    assert A.clean_context(ctx, A.get_index(store))["slots"]["places"] == ["https://w3id.org/plankg/id/division/999902"]
    assert A.clean_context({"kind": "DROP"}, A.get_index(store)) is None


def test_plan_list(store):
    res = A.ask(store, "图谱中有哪些规划？")
    assert res["intent"]["kind"] == "plans"
    assert labels(res) == ["北山市国土空间总体规划（2020-2035年）"]
    assert A.ask(store, "有哪些县级规划？")["answers"] == []


def test_structure_by_phrase(store):
    res = A.ask(store, "北山市的总体格局是什么？")
    assert res["intent"]["kind"] == "structure"
    assert labels(res) == ["一环两带"]
    assert "两横" in res["text"]  # its parts
    assert any("一环两带" in e["text"] for e in res["evidence"])


def test_belt_answered_through_the_programme(store):
    res = A.ask(store, "白河生态经济带上有哪些项目？")
    assert labels(res) == ["白河清淤工程", "黑山造林工程"]
    assert "白河流域生态治理行动" in res["basis"]  # says what the answer rests on


def test_cli_ask_json_and_text(tmp_path):
    from typer.testing import CliRunner

    from plankg.cli import app

    loc = tmp_path / "store"
    with PlanStore(loc) as st:
        st.load(TRIG.encode(), fmt="trig")
    runner = CliRunner()
    res = runner.invoke(app, ["ask", "--json", "--store", str(loc), "青禾县有哪些重点镇？", "那石门区呢？"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.output.splitlines() if x.strip().startswith("{")]
    assert [sorted(a["label"] for a in x["answers"]) for x in lines] == [["甘泉镇"], ["柳营镇"]]
    res = runner.invoke(app, ["ask", "--store", str(loc), "青禾县有哪些重点镇？"])
    assert res.exit_code == 0 and "甘泉镇" in res.output


def test_random_questions_never_crash(store):
    """Property test: any mix of names, question words, digits and SPARQL syntax gets an answer or a
    clear 'not understood', never an internal error."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pieces = ["青禾县", "石门", "甘泉镇", "两横", "重点镇", "燃气普及率", "白河", "工程", "有哪些", "多少", "几个",
              "是否达到", "那", "呢", "？", "2025年", "规划", "基期年", "{", "}", '"', "SELECT", "<", ">", "#", "\\",
              "Which", "How many", " ", "🙂", "的", "上位规划", "没有引用", "总体格局是什么", "属于哪个区"]

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.sampled_from(pieces), min_size=0, max_size=12), st.booleans())
    def run(parts, with_context):
        q = "".join(parts)
        ctx = {"kind": "entities", "slots": {"places": ["https://w3id.org/plankg/id/division/999901"]}} \
            if with_context else None
        res = A.ask(store, q, ctx)
        assert "internal error (logged)" not in res["notes"], q
        assert res["text"]

    run()


def test_overlisted_group_keeps_members_named_like_their_class(store):
    res = A.ask(store, "规划的食品园区是哪个？")
    assert labels(res) == ["东湖食品产业园"]


def test_membership_where(store):
    res = A.ask(store, "东岭高速属于哪个网络？")
    assert res["intent"]["kind"] == "where"
    assert "两横" in labels(res) and "一环两带" in labels(res)  # the list, and the structure holding it
    assert "属于" in res["text"]


def test_belt_through_its_river_and_the_programme_on_it(store):
    res = A.ask(store, "北岸经济带上有哪些项目？")
    assert labels(res) == ["白河清淤工程", "黑山造林工程"]
    assert "白河" in res["basis"]


def test_most_specific_place_wins():
    from plankg.ask.templates import most_specific as _most_specific

    base = "https://w3id.org/plankg/id/division/"
    county, town, city = base + "140623", base + "140623101", base + "140600"
    assert _most_specific([county, town]) == [town]
    assert _most_specific([city, county]) == [county]
    assert _most_specific([county, base + "140622"]) == [county, base + "140622"]
