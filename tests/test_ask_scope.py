"""Plan scoping and question kinds over invented plans (names and phrasings no corpus file contains):
a short plan title scopes to that plan, facts of one plan stay out of another, higher plans come
from the citations when none is stated, and units within a division are counted by kind."""
from __future__ import annotations

import pytest

from plankg import ask as A
from plankg.graph.store import PlanStore

TRIG = """
@prefix pk: <https://w3id.org/plankg/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix d: <https://w3id.org/plankg/id/division/> .
@prefix x: <https://w3id.org/plankg/id/> .
@prefix v: <https://w3id.org/plankg/vocab/> .

<https://w3id.org/plankg/graph/ontology> {
  pk:Project a owl:Class ; rdfs:label "项目"@zh .
  pk:County a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:City a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:Township a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:Reservoir a owl:Class ; rdfs:label "水库"@zh .
  v:segment\\/upstream a skos:Concept ; skos:prefLabel "上游"@zh .
  v:segment\\/midstream a skos:Concept ; skos:prefLabel "中游"@zh .
  v:town-role\\/key-town a skos:Concept ; skos:prefLabel "重点镇"@zh .
}

<https://w3id.org/plankg/graph/777700-master/draft> {
  x:plan\\/777700-master a pk:Plan ; eli:title "青川市国土空间总体规划（2021-2035年）" ;
     pk:planId "777700-master" ; pk:level v:level\\/city ; pk:planType v:plan-type\\/master ;
     pk:coversRegion d:777700 .
  d:777700 a pk:City ; rdfs:label "青川市" .
  d:777701 a pk:County ; rdfs:label "石桥县" ; pk:withinDivision d:777700 .
  d:777702 a pk:Township ; rdfs:label "河西镇" ; pk:role v:town-role\\/key-town , v:role\\/node .
  v:role\\/node a <http://www.w3.org/2004/02/skos/core#Concept> ; <http://www.w3.org/2004/02/skos/core#prefLabel> "滨河节点" .
  x:project\\/hu a pk:Project ; rdfs:label "清河护岸工程" ; pk:segment v:segment\\/midstream ; pk:source x:p\\/c1 .
  x:p\\/c1 a pk:Paragraph ; pk:text "清河护岸工程位于清河中游。" ; pk:ordinal 1 .
}

<https://w3id.org/plankg/graph/777700-special-2021-2035/draft> {
  x:plan\\/777700-special-2021-2035 a pk:Plan ; eli:title "青川市清河保护专项规划（2021-2035年）" ;
     pk:planId "777700-special-2021-2035" ; pk:level v:level\\/city ; pk:planType v:plan-type\\/special ;
     pk:coversRegion d:777700 ; eli:cites x:plan\\/777700-master .
  x:project\\/hu a pk:Project ; rdfs:label "清河护岸工程" ; pk:segment v:segment\\/upstream ; pk:source x:p\\/s1 .
  x:p\\/s1 a pk:Paragraph ; pk:text "上游段安排清河护岸工程，修复自然岸线。" ; pk:ordinal 1 .
  x:reservoir\\/sm a pk:Reservoir ; rdfs:label "石门水库" ; skos:altLabel "石门湖" ; pk:source x:p\\/s2 .
  x:v\\/wq a pk:Target ; pk:indicator x:indicator\\/wq ; pk:value 95.0 ; pk:unitLabel "%" ; pk:year 2035 ;
     pk:source x:p\\/s3 .
  x:indicator\\/wq rdfs:label "水源地水质达标率" .
  x:p\\/s3 a pk:Paragraph ; pk:text "到2035年，水源地水质达标率达到95%。" ; pk:ordinal 3 .
  x:p\\/s2 a pk:Paragraph ; pk:text "石门水库（俗称石门湖）是清河上游的调蓄水库。" ; pk:ordinal 2 .
}

<https://w3id.org/plankg/graph/777701-master/draft> {
  x:plan\\/777701-master a pk:Plan ; eli:title "石桥县国土空间总体规划（2021-2035年）" ;
     pk:planId "777701-master" ; pk:level v:level\\/county ; pk:planType v:plan-type\\/master ;
     pk:coversRegion d:777701 ; eli:cites x:plan\\/777700-master .
  d:777701 a pk:County ; rdfs:label "石桥县" ; skos:altLabel "石桥" ; pk:withinDivision d:777700 .
  d:777701101 a pk:Township ; rdfs:label "柳湾乡" ; pk:withinDivision d:777701 ; pk:source x:p\\/k1 .
  d:777701102 a pk:Township ; rdfs:label "东坪乡" ; pk:withinDivision d:777701 ; pk:source x:p\\/k1 .
  d:777701103 a pk:Township ; rdfs:label "岔口镇" ; pk:withinDivision d:777701 ; pk:source x:p\\/k1 .
  x:p\\/k1 a pk:Paragraph ; pk:text "全县辖岔口镇1个镇和柳湾乡、东坪乡2个乡。" ; pk:ordinal 1 .
  x:t\\/h a pk:TableRow ; pk:passageKind v:passage-kind\\/table-header ; pk:ordinal 5 ; pk:text "层级 名称 主导职能" ;
     pk:cellText "[\\"层级\\", \\"名称\\", \\"主导职能\\"]" .
  x:t\\/1 a pk:TableRow ; pk:passageKind v:passage-kind\\/table-row ; pk:ordinal 6 ; pk:text "重点镇 岔口镇 商贸物流" ;
     pk:cellText "[\\"重点镇\\", \\"岔口镇\\", \\"商贸物流\\"]" .
  x:t\\/2 a pk:TableRow ; pk:passageKind v:passage-kind\\/table-row ; pk:ordinal 7 ; pk:text "一般乡 柳湾乡、东坪乡 农业" ;
     pk:cellText "[\\"一般乡\\", \\"柳湾乡、东坪乡\\", \\"农业\\"]" .
}
"""

SPECIAL = "青川市清河保护专项规划（2021-2035年）"
CITY = "青川市国土空间总体规划（2021-2035年）"


@pytest.fixture(scope="module")
def store():
    st = PlanStore(None)
    st.load(TRIG.encode(), fmt="trig")
    yield st
    st.close()


def labels(res) -> list[str]:
    return [a["label"] for a in res["answers"]]


def test_short_plan_title_scopes_to_that_plan(store):
    res = A.ask(store, "清河保护专项规划中，上游有哪些工程？")
    assert labels(res) == ["清河护岸工程"]
    assert {p for a in res["answers"] for p in a["plans"]} == {SPECIAL}


def test_facts_of_one_plan_do_not_leak_into_another(store):
    # only the city master plan puts the project in the midstream
    res = A.ask(store, "清河保护专项规划中，中游有哪些工程？")
    assert res["answers"] == []
    res = A.ask(store, "青川市规划中，中游有哪些工程？")
    assert labels(res) == ["清河护岸工程"] and res["answers"][0]["plans"] == [CITY]


def test_a_shared_generic_title_is_no_plan_name(store):
    index = A.get_index(store)
    assert "国土空间总体规划" not in index.names or \
        all(r.kind != "plan" for r in index.names["国土空间总体规划"])
    assert {r.label for r in index.names["清河保护专项规划"]} == {SPECIAL}


@pytest.mark.parametrize("q", ["石桥县国土空间总体规划的上位规划是什么？", "清河保护专项规划依据的上位规划是什么？",
                               "石桥县国土空间总体规划落实的市级上位规划是哪一部？"])
def test_higher_plan_from_citations(store, q):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "meta"
    assert labels(res) == [CITY]


def test_a_plan_is_not_its_own_higher_plan(store):
    res = A.ask(store, "青川市国土空间总体规划的上位规划是什么？")
    assert res["answers"] == []


def test_higher_plan_of_another_level_is_not_given(store):
    res = A.ask(store, "石桥县国土空间总体规划落实的省级上位规划是哪一部？")
    assert res["answers"] == []


@pytest.mark.parametrize("q,n,names", [("石桥县共辖几个乡？", "2", {"柳湾乡", "东坪乡"}),
                                       ("石桥县下辖多少个乡镇？", "3", {"柳湾乡", "东坪乡", "岔口镇"})])
def test_units_within_a_division_by_kind(store, q, n, names):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "count"
    assert res["answers"][0]["label"] == n
    assert set(labels(res)[1:]) == names
    assert res["evidence"] and "柳湾乡" in res["evidence"][0]["text"]


@pytest.mark.parametrize("q", ["石门水库又称什么？", "石门水库的别名是什么？"])
def test_aliases(store, q):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "aliases"
    assert labels(res) == ["石门湖"]
    assert res["evidence"] and "石门湖" in res["evidence"][0]["text"]


def test_a_short_form_is_an_alias_only_when_asked_for(store):
    assert A.ask(store, "石桥县又称什么？")["answers"] == []
    assert labels(A.ask(store, "石桥县简称什么？")) == ["石桥"]


def test_things_a_plan_table_lists_under_a_role(store):
    # the county plan states no pk:role; its town-system table lists 岔口镇 as 重点镇
    res = A.ask(store, "石桥县规划确定的重点镇有哪些？")
    assert labels(res) == ["岔口镇"]
    assert res["answers"][0]["plans"] == ["石桥县国土空间总体规划（2021-2035年）"]


def test_a_rate_named_with_a_compliance_word_is_a_value(store):
    res = A.ask(store, "按清河保护专项规划，到2035年水源地水质达标率要达到多少？")
    assert res["intent"]["kind"] == "value"
    assert labels(res) == ["95%"]


@pytest.mark.parametrize("q", ["青川市规划中河西镇是什么等级？", "河西镇在青川市城镇体系中属于什么级别？"])
def test_the_role_a_plan_gives_a_place(store, q):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "role"
    assert labels(res) == ["重点镇"] and res["answers"][0]["plans"] == [CITY]


def test_a_role_question_that_is_not_about_rank_gives_every_role(store):
    res = A.ask(store, "青川市规划中河西镇是什么角色？")
    assert res["intent"]["kind"] == "role"
    assert sorted(labels(res)) == ["滨河节点", "重点镇"]


def test_a_role_question_about_a_place_without_one_is_not_found(store):
    res = A.ask(store, "柳湾乡是什么等级？")
    assert res["intent"]["kind"] == "role" and res["answers"] == []
