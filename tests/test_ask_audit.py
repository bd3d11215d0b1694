"""Chat questions about a plan's inconsistencies are answered from the audit's findings (with their
quoted evidence); a seat the chat reports is the seat the audit knows (one reading, graph/readings.py);
a question about a plan the store does not hold says so. Invented plans, phrasings no corpus file holds."""
from __future__ import annotations

import pytest

from plankg import ask as A
from plankg.shapes.audit import audit

CITY, COUNTY = "999900-master-2021-2035", "999901-master-2021-2035"

TRIG = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .

<https://w3id.org/plankg/graph/ontology> {
  pk:County a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:Township a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:IndustrialPark a owl:Class .
  v:town-role\\/county-centre skos:prefLabel "县级中心"@zh .
  v:town-role\\/key-town skos:prefLabel "重点镇"@zh .
}

<https://w3id.org/plankg/graph/999900-master-2021-2035/draft> {
  x:plan\\/999900-master-2021-2035 a pk:Plan ; eli:title "岱州市国土空间总体规划（2021-2035年）" ;
     pk:planId "999900-master-2021-2035" ; pk:level v:level\\/city ; pk:planType v:plan-type\\/master ;
     pk:coversRegion d:999900 ; pk:periodStart 2021 ; pk:periodEnd 2035 .
  d:999900 a pk:City ; rdfs:label "岱州市" .
  d:999901 a pk:County ; rdfs:label "岱山县" ; pk:withinDivision d:999900 .
  x:c\\/p1 a pk:Paragraph ; pk:text "县级中心：岱山县城。农业园区：岱山县松岩农产品加工园、岱山县青禾种业园。" ;
     pk:inDocument x:plan\\/999900-master-2021-2035 ; pk:ordinal 1 .
  x:group\\/centres pk:memberRole v:town-role\\/county-centre ; pk:hasMember x:centre\\/c ; rdfs:label "县级中心" ;
     pk:source x:c\\/p1 .
  x:centre\\/c a pk:UrbanCenter ; rdfs:label "岱山县城" ; pk:locatedIn d:999901 ; pk:source x:c\\/p1 .
  x:role\\/park a skos:Concept ; skos:prefLabel "农业园区"@zh .
  x:group\\/parks pk:memberRole x:role\\/park ; rdfs:label "农业园区" ; pk:source x:c\\/p1 ;
     pk:hasMember x:park\\/a , x:park\\/b .
  x:park\\/a a pk:IndustrialPark ; rdfs:label "松岩农产品加工园" ; pk:locatedIn d:999901 ; pk:source x:c\\/p1 .
  x:park\\/b a pk:IndustrialPark ; rdfs:label "青禾种业园" ; pk:locatedIn d:999901 ; pk:source x:c\\/p1 .
  d:999902 a pk:County ; rdfs:label "云岭县" ; pk:withinDivision d:999900 ; pk:source x:c\\/p2 .
  x:c\\/p2 a pk:Paragraph ; pk:text "云岭县以林果和生态旅游为主导，建设北部生态屏障。" ;
     pk:inDocument x:plan\\/999900-master-2021-2035 ; pk:ordinal 2 .
}

<https://w3id.org/plankg/graph/999901-master-2021-2035/draft> {
  x:plan\\/999901-master-2021-2035 a pk:Plan ; eli:title "岱山县国土空间总体规划（2021-2035年）" ;
     pk:planId "999901-master-2021-2035" ; pk:level v:level\\/county ; pk:planType v:plan-type\\/master ;
     pk:coversRegion d:999901 ; pk:periodStart 2021 ; pk:periodEnd 2035 ;
     eli:cites x:plan\\/999900-master-2021-2035 ; pk:higherPlan x:plan\\/999900-master-2021-2035 .
  d:999901 a pk:County ; rdfs:label "岱山县" ; pk:hasSeat d:999901100 .
  d:999901100 a pk:Township ; rdfs:label "岱岳镇" ; pk:withinDivision d:999901 ; pk:source x:y\\/p1 .
  x:st\\/seat a rdf:Statement ; rdf:subject d:999901 ; rdf:predicate pk:hasSeat ; rdf:object d:999901100 ;
     pk:source x:y\\/p1 .
  x:y\\/p1 a pk:Paragraph ; pk:text "规划以岱岳镇为县城，建设全县政治、经济和文化中心。" ;
     pk:inDocument x:plan\\/999901-master-2021-2035 ; pk:ordinal 1 .
  x:y\\/p2 a pk:Paragraph ; pk:text "农业园区：松岩农产品加工园。" ;
     pk:inDocument x:plan\\/999901-master-2021-2035 ; pk:ordinal 2 .
  x:park\\/a a pk:IndustrialPark ; rdfs:label "松岩农产品加工园" ; pk:source x:y\\/p2 .
}
"""

INCONSISTENCY = [
    "岱山县国土空间总体规划和上位规划有哪些不一致？",
    "岱山县规划与上位规划有什么不一致的地方？",
    "岱山县国土空间总体规划是否符合上位规划？",
    "岱山县规划在落实市级规划方面有没有冲突？",
    "岱山县规划跟上位规划相比存在哪些矛盾？",
    "岱山县国土空间总体规划的传导审查发现了什么问题？",
    "岱山县规划有没有落实上位规划的名录？",
    "岱山县规划和上级规划有哪些不相符之处？",
]

UNHELD = [
    ("松林县规划和上位规划有哪些不一致？", "松林县"),
    ("请问青峰镇国土空间总体规划的基期年是哪一年？", "青峰镇"),
    ("按白石区规划，近期重点项目有哪些？", "白石区"),
    ("云川县国土空间总体规划是否符合上位规划？", "云川县"),
    ("岚溪市的国土空间规划目标年是哪年？", "岚溪市"),
    ("东岗乡规划确定的重点村有哪些？", "东岗乡"),
    ("北岭县规划的上位规划是什么？", "北岭县"),
    ("据南湖镇总体规划，耕地保有量是多少？", "南湖镇"),
]


@pytest.fixture(scope="module")
def store(trig_store):
    return trig_store


def test_phrasing_counts():
    assert len(INCONSISTENCY) >= 8 and len(UNHELD) >= 8


@pytest.mark.parametrize("q", INCONSISTENCY)
def test_inconsistencies_come_from_the_audit(store, q):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "audit", res["intent"]
    report = audit(store, COUNTY)
    failing = [f for f in report.findings if f.severity == "Violation"]
    assert [a["rule"] for a in res["answers"] if a["severity"] == "Violation"] == [f.id for f in failing]
    assert [a["label"] for a in res["answers"]] == ["青禾种业园"]
    assert "青禾种业园" in res["text"] and "岱州市国土空间总体规划" in res["text"]
    assert any("青禾种业园" in e["text"] and e["role"] == "higher" for e in res["evidence"])


@pytest.mark.parametrize("q,name", UNHELD)
def test_a_plan_the_store_does_not_hold_is_named_as_missing(store, q, name):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "unheld", res["intent"]
    assert res["answers"] == [] and f"没有{name}的规划" in res["text"]
    assert "岱山县" not in res["text"].split("已入库")[0]  # never an answer about another plan


def test_held_plans_are_not_reported_missing(store):
    res = A.ask(store, "岱山县规划的规划目标年是哪一年？")
    assert res["intent"]["kind"] != "unheld"
    assert "2035" in res["text"]


def test_seat_answer_and_audit_read_the_same_seat(store):
    res = A.ask(store, "岱山县的县城设在哪个镇？")
    assert [a["label"] for a in res["answers"]] == ["岱岳镇"], res["text"]
    report = audit(store, COUNTY)  # the city makes the county a 县级中心; the county names its seat
    assert not any(f.id == "ML-004" for f in report.findings)


def test_a_plan_without_a_higher_plan_says_so(store):
    res = A.ask(store, "岱州市国土空间总体规划和上位规划有哪些不一致？")
    assert res["intent"]["kind"] == "audit"
    assert res["answers"] == [] and "没有" in res["text"] and "上位规划" in res["text"]


def test_a_seat_read_without_its_statement_is_still_one_reading(store):
    # the extractor may give a seat with no reified statement: the chat still reads it, so the audit must too
    from plankg.graph.store import PlanStore

    st = PlanStore(None)
    try:
        st.load(store.dump("nq"), "nq")
        st.update("DELETE WHERE { GRAPH ?g { ?st a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ; "
                  "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://w3id.org/plankg/def#hasSeat> ; "
                  "?p ?o } }")
        assert not st.select("SELECT ?s WHERE { GRAPH ?g { ?s a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> } }")
        res = A.ask(st, "岱山县的县城在哪个镇？")
        assert [a["label"] for a in res["answers"]] == ["岱岳镇"], res["text"]
        assert not any(f.id == "ML-004" for f in audit(st, COUNTY).findings)
    finally:
        st.close()


# a place the city plan names but no held plan covers: the graph has no answer, and the text search may only
# show passages that name the place (never the county plan's passages about its own seat, parks or land)
NO_PLAN_PLACE = [
    "云岭县县政府驻地是哪个镇？",
    "云岭县县城设在哪里？",
    "云岭县的政府驻地在哪？",
    "云岭县有哪些重点镇？",
    "云岭县到2035年耕地保有量是多少？",
    "云岭县有哪些农业园区？",
    "云岭县的城镇开发边界面积是多少？",
    "云岭县安排了哪些重点项目？",
]


def test_no_plan_place_phrasing_count():
    assert len(NO_PLAN_PLACE) >= 8


@pytest.mark.parametrize("q", NO_PLAN_PLACE)
def test_a_place_without_a_plan_is_never_answered_from_another_plan(store, q):
    res = A.ask(store, q)
    assert res["answers"] == [], res["text"]
    assert "没有云岭县的规划" in res["text"], res["text"]
    assert all("云岭县" in e["text"] for e in res["evidence"]), res["evidence"]
    assert "岱山县" not in res["text"].split("已入库")[0]
