"""Question forms read from facts the extractors write, over an invented county plan (岚川县; names and
phrasings no corpus file contains): the parts of a whole (pk:partOf / pk:hasPart through graph.readings.part),
a town's or county's seat asked as 政府驻哪 / 县城是哪个镇, the plan's issuers, the villages a project is
located in when its table row names none, a set ranked by a value stated for each member, a river's
tributaries asked as 哪些河流汇入X, and a value printed as the plan prints it."""
from __future__ import annotations

import pytest

from plankg import ask as A

TRIG = """
<https://w3id.org/plankg/graph/ontology> {
  pk:County a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:Township a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
}

<https://w3id.org/plankg/graph/777901-master/draft> {
  x:plan\\/777901-master a pk:Plan ; eli:title "岚川县国土空间总体规划（2021-2035年）" ;
     pk:planId "777901-master" ; pk:level v:level\\/county ; pk:planType v:plan-type\\/master ;
     pk:coversRegion d:777901 ; pk:issuedBy x:org\\/zr , x:org\\/zj .
  x:org\\/zr a pk:Organization ; rdfs:label "岚川县自然资源局" ; pk:source x:p\\/1 .
  x:org\\/zj a pk:Organization ; rdfs:label "岚川县住房和城乡建设局" ; pk:source x:p\\/1 .
  x:p\\/1 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 1 ;
     pk:text "本规划由岚川县自然资源局、岚川县住房和城乡建设局联合编制。" .

  d:777901 a pk:County ; rdfs:label "岚川县" ; pk:hasSeat d:777901101 ; pk:source x:p\\/2 .
  d:777901101 a pk:Township ; rdfs:label "青桐镇" ; pk:withinDivision d:777901 ; pk:hasSeat x:village\\/tx ;
     pk:source x:p\\/2 .
  d:777901102 a pk:Township ; rdfs:label "柳湾乡" ; pk:withinDivision d:777901 ; pk:source x:p\\/2 .
  d:777901999 a pk:AdministrativeDivision ; rdfs:label "个镇" ; pk:source x:p\\/2 .
  x:village\\/tx a pk:Village ; rdfs:label "桐溪村" ; pk:source x:p\\/2 .
  x:village\\/lw a pk:Village ; rdfs:label "柳湾村" ; pk:source x:p\\/2 .
  x:p\\/2 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 2 ;
     pk:text "县城为青桐镇，青桐镇人民政府驻桐溪村；全县辖2个镇。" .

  x:zone\\/bs a pk:Region ; rdfs:label "滨水休闲片区" ; pk:partOf d:777901101 ; pk:source x:p\\/3 .
  x:zone\\/lj a pk:Region ; rdfs:label "老街文化片区" ; pk:partOf d:777901101 ; pk:source x:p\\/3 .
  x:zone\\/cy a pk:Region ; rdfs:label "产业配套片区" ; pk:partOf d:777901101 ; pk:source x:p\\/3 .
  x:p\\/3 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 3 ;
     pk:text "青桐镇镇区由东向西依次划分为滨水休闲片区、老街文化片区和产业配套片区三个功能片区。" .

  x:base\\/lc a pk:EnergyBase ; rdfs:label "岚川能源基地" ; pk:source x:p\\/4 .
  x:plant\\/1 a pk:PowerPlant ; rdfs:label "岚川第一电厂" ; pk:partOf x:base\\/lc ; pk:source x:p\\/4 .
  x:plant\\/2 a pk:PowerPlant ; rdfs:label "岚川第二电厂" ; pk:partOf x:base\\/lc ; pk:source x:p\\/4 .
  x:p\\/4 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 4 ;
     pk:text "岚川第一电厂和岚川第二电厂二者共同构成岚川能源基地。" .

  x:area\\/dl a pk:ProtectedArea ; rdfs:label "东岭文化保护区" ; pk:partOf x:group\\/ydsq ; pk:source x:p\\/5 .
  x:area\\/xp a pk:ProtectedArea ; rdfs:label "西坡农耕保护区" ; pk:partOf x:group\\/ydsq ; pk:source x:p\\/5 .
  x:area\\/ng a pk:ProtectedArea ; rdfs:label "南谷民俗保护区" ; pk:partOf x:group\\/ydsq ; pk:source x:p\\/5 .
  x:belt\\/lh a pk:Region ; rdfs:label "岚河文化带" ; pk:partOf x:group\\/ydsq ; pk:source x:p\\/5 .
  x:group\\/ydsq a pk:Group ; rdfs:label "一带三区" ; pk:source x:p\\/5 .
  d:777902 a pk:County ; rdfs:label "岩台县" ; pk:partOf x:area\\/dl ; pk:source x:p\\/5 .
  d:777903 a pk:County ; rdfs:label "石门区" ; pk:partOf x:area\\/dl ; pk:source x:p\\/5 .
  x:p\\/5 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 5 ;
     pk:text "构建“一带三区”的保护格局：“一带”为岚河文化带，“三区”为东岭文化保护区、西坡农耕保护区和南谷民俗保护区；东岭文化保护区覆盖岩台县和石门区。" .

  x:project\\/sd a pk:Project ; rdfs:label "桐溪湿地修复工程" ; pk:locatedIn x:village\\/tx , x:village\\/lw , d:777901101 ;
     pk:source x:p\\/6 , x:p\\/t1 .
  x:p\\/6 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 6 ;
     pk:text "桐溪湿地修复工程在桐溪村、柳湾村实施，建设期为2023年至2026年。" .
  x:p\\/t0 a pk:TableRow ; pk:passageKind "table-header" ; pk:ordinal 50 ; pk:text "项目名称 建设年限" ;
     pk:cellText "[\\"项目名称\\", \\"建设年限\\"]" .
  x:p\\/t1 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 51 ; pk:text "桐溪湿地修复工程 2023-2026" ;
     pk:cellText "[\\"桐溪湿地修复工程\\", \\"2023-2026\\"]" .

  x:group\\/zd a pk:Group ; rdfs:label "重点项目" ; pk:hasMember x:project\\/a , x:project\\/b , x:project\\/c ;
     pk:source x:p\\/7 .
  x:project\\/a a pk:Project ; rdfs:label "岚河堤防加固工程" ; pk:source x:p\\/7 .
  x:project\\/b a pk:Project ; rdfs:label "老街风貌整治工程" ; pk:source x:p\\/7 .
  x:project\\/c a pk:Project ; rdfs:label "东岭步道建设工程" ; pk:source x:p\\/7 .
  x:v\\/a a pk:Target , pk:IndicatorValue ; pk:indicator x:indicator\\/a ; pk:value 12000 ; pk:canonicalValue 12000 ;
     pk:unitLabel "万元" ; pk:refArea x:project\\/a ; pk:source x:p\\/7 .
  x:v\\/b a pk:Target , pk:IndicatorValue ; pk:indicator x:indicator\\/b ; pk:value 4500 ; pk:canonicalValue 4500 ;
     pk:unitLabel "万元" ; pk:refArea x:project\\/b ; pk:source x:p\\/7 .
  x:v\\/c a pk:Target , pk:IndicatorValue ; pk:indicator x:indicator\\/c ; pk:value 8000 ; pk:canonicalValue 8000 ;
     pk:unitLabel "万元" ; pk:refArea x:project\\/c ; pk:source x:p\\/7 .
  x:indicator\\/a a pk:Indicator ; rdfs:label "岚河堤防加固工程投资" .
  x:indicator\\/b a pk:Indicator ; rdfs:label "老街风貌整治工程投资" .
  x:indicator\\/c a pk:Indicator ; rdfs:label "东岭步道建设工程投资" .
  x:p\\/7 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 7 ;
     pk:text "重点项目三项：岚河堤防加固工程，投资12000万元；老街风貌整治工程，投资4500万元；东岭步道建设工程，投资8000万元。" .

  x:river\\/lh a pk:River ; rdfs:label "岚河" ; pk:source x:p\\/8 .
  x:river\\/dg a pk:River ; rdfs:label "东沟河" ; pk:tributaryOf x:river\\/lh ; pk:source x:p\\/8 .
  x:river\\/xg a pk:River ; rdfs:label "西沟河" ; pk:tributaryOf x:river\\/lh ; pk:source x:p\\/8 .
  x:p\\/8 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 8 ; pk:text "东沟河、西沟河自南向北汇入岚河。" .

  x:v\\/ql a pk:Target , pk:IndicatorValue ; pk:indicator x:indicator\\/ql ; pk:value 3 ; pk:valueText "3.0" ;
     pk:unitLabel "立方米每秒" ; pk:year 2035 ; pk:refArea d:777901 ; pk:source x:p\\/9 .
  x:indicator\\/ql a pk:Indicator ; rdfs:label "岚泉平均流量" .
  x:p\\/9 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 9 ; pk:text "到2035年岚泉平均流量恢复到3.0立方米每秒以上。" .
}
"""

ZONES = {"滨水休闲片区", "老街文化片区", "产业配套片区"}
PLANTS = {"岚川第一电厂", "岚川第二电厂"}
COVERED = {"岩台县", "石门区"}
AREAS = {"东岭文化保护区", "西坡农耕保护区", "南谷民俗保护区"}

PARTS = [
    ("岚川县国土空间总体规划把青桐镇镇区划分为哪些功能片区？", ZONES),
    ("青桐镇分为哪几个片区？", ZONES),
    ("青桐镇镇区划分成哪些片区？", ZONES),
    ("岚川能源基地由哪些电厂构成？", PLANTS),
    ("岚川能源基地由哪两个电厂组成？", PLANTS),
    ("东岭文化保护区覆盖哪些区县？", COVERED),
    ("东岭文化保护区涵盖哪几个县区？", COVERED),
    ("岚川县国土空间总体规划“一带三区”格局中的“三区”指哪三个保护区？", AREAS),
    ("一带三区包括哪些保护区？", AREAS),
]


@pytest.fixture(scope="module")
def store(trig_store):
    return trig_store


def labels(res) -> set[str]:
    return {a["label"] for a in res["answers"]}


@pytest.mark.parametrize("q,gold", PARTS)
def test_the_parts_of_a_whole(store, q, gold):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "parts", res["intent"]
    assert labels(res) == gold, res["text"]
    assert res["evidence"], res


def test_a_kind_no_part_has_is_not_answered_with_the_parts(store):
    res = A.ask(store, "岚川能源基地由哪些片区构成？")
    assert not labels(res) & (PLANTS | ZONES), res["text"]


SEATS = [
    ("青桐镇镇政府驻哪个村？", "桐溪村"),
    ("青桐镇人民政府驻在哪个村？", "桐溪村"),
    ("青桐镇的政府位于哪个村？", "桐溪村"),
    ("岚川县国土空间总体规划中，青桐镇镇政府驻于何处？", "桐溪村"),
    ("青桐镇的镇政府驻什么地方？", "桐溪村"),
    ("岚川县国土空间总体规划中，县城是哪个镇？", "青桐镇"),
    ("岚川县的县城为哪个镇？", "青桐镇"),
    ("岚川县规划里县城是哪一个镇？", "青桐镇"),
]


@pytest.mark.parametrize("q,gold", SEATS)
def test_a_seat_asked_in_other_words(store, q, gold):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "seat", res["intent"]
    assert labels(res) == {gold}, res["text"]  # never "个镇", a junk name inside 哪个镇


ISSUERS = ["岚川县国土空间总体规划由哪些部门编制发布？", "岚川县国土空间总体规划由哪几个单位联合编制？",
           "岚川县国土空间总体规划由哪些机关发布？", "岚川县国土空间总体规划由哪些单位编制？",
           "岚川县国土空间总体规划由哪些部门制定？", "岚川县国土空间总体规划由哪些机构印发？",
           "岚川县国土空间总体规划由哪几个部门联合发布？", "岚川县国土空间总体规划由哪个部门组织编制？"]


@pytest.mark.parametrize("q", ISSUERS)
def test_the_plans_issuers(store, q):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "meta", res["intent"]
    assert labels(res) == {"岚川县自然资源局", "岚川县住房和城乡建设局"}, res["text"]


LOCATED = ["桐溪湿地修复工程在哪些村实施？", "桐溪湿地修复工程涉及哪些村？", "桐溪湿地修复工程位于哪些村？",
           "桐溪湿地修复工程覆盖哪些村？", "桐溪湿地修复工程包括哪些村？", "桐溪湿地修复工程实施于哪些村？",
           "桐溪湿地修复工程经过哪些村？", "岚川县国土空间总体规划中，桐溪湿地修复工程涉及哪几个行政村？"]


@pytest.mark.parametrize("q", LOCATED)
def test_the_villages_a_project_is_located_in_when_its_table_row_names_none(store, q):
    res = A.ask(store, q)
    assert labels(res) == {"桐溪村", "柳湾村"}, (res["intent"], res["text"])


RANKED = [("岚川县国土空间总体规划的重点项目中估算投资最大的是哪一个？", "岚河堤防加固工程"),
          ("重点项目中投资最多的是哪个？", "岚河堤防加固工程"),
          ("哪个重点项目投资最大？", "岚河堤防加固工程"),
          ("重点项目里投资最少的是哪个？", "老街风貌整治工程"),
          ("重点项目中总投资最高的是哪一项？", "岚河堤防加固工程"),
          ("重点项目中估算投资最低的是哪个？", "老街风貌整治工程"),
          ("重点项目中投资额最大的是哪个？", "岚河堤防加固工程"),
          ("岚川县规划的重点项目里投资额最小的是哪一个？", "老街风貌整治工程")]


@pytest.mark.parametrize("q,gold", RANKED)
def test_a_set_ranked_by_a_value_stated_for_each_member(store, q, gold):
    res = A.ask(store, q)
    assert labels(res) == {gold}, (res["intent"], res["text"])


TRIBUTARIES = ["哪些河流汇入岚河？", "哪几条河注入岚河？", "哪些支流流入岚河？", "岚川县国土空间总体规划中，哪些河流汇入岚河？",
               "哪些河注入岚河？", "哪几条河流流入岚河？", "哪些水系汇入岚河？", "岚川县规划里哪些河汇入岚河？"]


@pytest.mark.parametrize("q", TRIBUTARIES)
def test_the_rivers_that_flow_into_a_river(store, q):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "relation", res["intent"]
    assert labels(res) == {"东沟河", "西沟河"}, res["text"]


def test_a_value_is_labelled_as_the_plan_prints_it(store):
    res = A.ask(store, "到2035年岚泉平均流量恢复到多少立方米每秒？")
    top = res["answers"][0]
    assert top["label"] == "3.0 立方米每秒" and float(top["value"]) == 3.0, res["answers"]


@pytest.mark.parametrize("name,n", [("test_the_parts_of_a_whole", 9), ("test_a_seat_asked_in_other_words", 8),
                                    ("test_the_plans_issuers", 8),
                                    ("test_the_villages_a_project_is_located_in_when_its_table_row_names_none", 8),
                                    ("test_a_set_ranked_by_a_value_stated_for_each_member", 8),
                                    ("test_the_rivers_that_flow_into_a_river", 8)])
def test_suites_collected(collected_cases, name, n):
    assert collected_cases(name) == n


def test_a_follow_up_asks_for_the_parts_of_another_whole(store):
    first = A.ask(store, "岚川能源基地由哪些电厂构成？")
    res = A.ask(store, "那青桐镇呢？", context=first["intent"])
    assert res["intent"]["kind"] == "parts", res["intent"]
    assert not labels(res) & PLANTS, res["text"]
