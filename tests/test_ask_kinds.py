"""Question kinds over an invented city, county and special plan (names and phrasings no corpus file
contains): a list a plan introduces with "以下…：" and numbered items, a count the plan states ("…4个乡")
when fewer units were extracted, a value whose label is a phrase ("集镇规划范围"), in the unit asked, and
the projects a plan adds beyond the higher plan it cites (a plan diff)."""
from __future__ import annotations

import pytest

from plankg import ask as A
from plankg.ask.model import PlanInfo
from plankg.ask.understand import abbreviated_plans

TRIG = """
<https://w3id.org/plankg/graph/ontology> {
  pk:Project a owl:Class ; rdfs:label "项目"@zh , "工程"@zh .
  v:level\\/county a skos:Concept ; skos:prefLabel "县级"@zh , "county level"@en .
  v:level\\/city a skos:Concept ; skos:prefLabel "市级"@zh , "city level"@en .
  pk:County a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:City a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:Township a owl:Class ; rdfs:subClassOf pk:AdministrativeDivision .
  pk:River a owl:Class ; rdfs:label "河流"@zh ; rdfs:subClassOf pk:WaterFeature .
  pk:Mountain a owl:Class ; rdfs:label "山体"@zh .
  pk:ProtectedArea a owl:Class ; rdfs:label "自然保护地"@zh .
}

<https://w3id.org/plankg/graph/888800-master/draft> {
  x:plan\\/888800-master a pk:Plan ; eli:title "青岭市国土空间总体规划（2021-2035年）" ;
     pk:planId "888800-master" ; pk:level v:level\\/city ; pk:planType v:plan-type\\/master ;
     pk:coversRegion d:888800 .
  d:888800 a pk:City ; rdfs:label "青岭市" .
  d:888801 a pk:County ; rdfs:label "松溪县" ; pk:withinDivision d:888800 .
  x:group\\/lt a pk:Group ; rdfs:label "水系连通工程" ; pk:declaredCount 3 ;
     pk:hasMember x:project\\/a , x:project\\/b , x:project\\/c ; pk:source x:p\\/m1 .
  x:project\\/a a pk:Project ; rdfs:label "北渠水系连通工程" ; pk:source x:p\\/m1 .
  x:project\\/b a pk:Project ; rdfs:label "南塘清淤工程" ; pk:source x:p\\/m1 .
  x:project\\/c a pk:Project ; rdfs:label "西沟引水工程" ; pk:source x:p\\/m1 .
  x:p\\/c0 a pk:TableRow ; pk:passageKind "table-header" ; pk:ordinal 70 ; pk:text "区县 林地保有量（公顷）" ; pk:cellText "[\\"区县\\", \\"林地保有量（公顷）\\"]" .
  x:p\\/c1 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 71 ; pk:text "松溪县 9000" ; pk:cellText "[\\"松溪县\\", \\"9000\\"]" .
  x:p\\/c2 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 72 ; pk:text "石桥县 7000" ; pk:cellText "[\\"石桥县\\", \\"7000\\"]" .
  x:v\\/xz a pk:Measurement , pk:IndicatorValue ; pk:indicator x:indicator\\/xz ; pk:value 40 ; pk:unitLabel "个" ;
     pk:isCount true ; pk:refArea d:888800 ; pk:source x:p\\/m1 .
  x:indicator\\/xz a pk:Indicator ; rdfs:label "乡镇数量" .
  x:v\\/al a pk:Allocation , pk:IndicatorValue ; pk:indicator x:indicator\\/gd ; pk:value 9.1 ; pk:unitLabel "万亩" ;
     pk:year 2035 ; pk:refArea d:888801 ; pk:source x:p\\/m2 .
  x:indicator\\/gd a pk:Indicator ; rdfs:label "耕地保有量" .
  d:888802 a pk:County ; rdfs:label "石岭县" ; pk:withinDivision d:888800 .
  d:888801203 a pk:Township ; rdfs:label "青石乡" ; pk:withinDivision d:888801 ; pk:role v:town-role\\/key .
  x:group\\/sz a pk:Group ; rdfs:label "三中心" ; pk:declaredCount 3 ; pk:hasMember x:c\\/wh , x:c\\/cx , x:c\\/ky ;
     pk:source x:p\\/m4 .
  x:c\\/wh a pk:UrbanCenter ; rdfs:label "文化中心" ; pk:source x:p\\/m4 .
  x:c\\/cx a pk:UrbanCenter ; rdfs:label "创新中心" ; pk:source x:p\\/m4 .
  x:c\\/ky a pk:UrbanCenter ; rdfs:label "康养中心" ; pk:source x:p\\/m4 .
  d:888801 pk:role v:town-role\\/sub .
  v:town-role\\/sub a skos:Concept ; skos:prefLabel "副中心"@zh .
  x:p\\/m4 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 4 ;
     pk:text "中心城区打造文化中心、创新中心、康养中心“三中心”；松溪县为市域副中心。" .
  x:v\\/al2 a pk:Allocation , pk:IndicatorValue ; pk:indicator x:indicator\\/gd ; pk:value 12.4 ; pk:unitLabel "万亩" ;
     pk:year 2035 ; pk:refArea d:888802 ; pk:source x:p\\/m3 .
  x:p\\/m3 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 3 ; pk:text "下达石岭县耕地保有量12.4万亩。" .
  x:v\\/ws a pk:Target , pk:IndicatorValue ; pk:indicator x:indicator\\/ws ; pk:value 90 ; pk:unitLabel "%" ;
     pk:year 2035 ; pk:refArea d:888801 , d:888802 ; pk:source x:p\\/m5 .
  x:indicator\\/ws a pk:Indicator ; rdfs:label "污水集中处理率" .
  x:p\\/m5 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 5 ; pk:text "到2035年，松溪县和石岭县污水集中处理率达到90%。" .
  x:p\\/m2 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 2 ; pk:text "下达松溪县耕地保有量9.1万亩。" .
  x:p\\/m1 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 1 ;
     pk:text "水系连通工程包括北渠水系连通工程、南塘清淤工程、西沟引水工程3项。" .
}

<https://w3id.org/plankg/graph/888801-master/draft> {
  x:plan\\/888801-master a pk:Plan ; eli:title "松溪县国土空间总体规划（2021-2035年）" ;
     pk:planId "888801-master" ; pk:level v:level\\/county ; pk:planType v:plan-type\\/master ;
     pk:coversRegion d:888801 ; eli:cites x:plan\\/888800-master .
  d:888801 a pk:County ; rdfs:label "松溪县" ; pk:withinDivision d:888800 ; pk:source x:p\\/k1 .
  x:plan\\/888801-master pk:nearTermYear 2025 ; pk:periodEnd 2035 .
  x:reservoir\\/dl a pk:Reservoir ; rdfs:label "东岭水库" ; skos:altLabel "碧水湖" ; pk:source x:p\\/k40 .
  x:lake\\/bs a pk:Lake ; rdfs:label "碧水湖" ; pk:source x:p\\/k40 .
  x:p\\/k40 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 40 ; pk:text "东岭水库（又称碧水湖）位于县城东侧。" .
  d:888801101 a pk:Township ; rdfs:label "松溪镇" ; pk:withinDivision d:888801 ; pk:source x:p\\/k1 .
  d:888801102 a pk:Township ; rdfs:label "石湾镇" ; pk:withinDivision d:888801 ; pk:source x:p\\/k1 .
  d:888801201 a pk:Township ; rdfs:label "桃源乡" ; pk:withinDivision d:888801 ; pk:source x:p\\/k1 .
  d:888801202 a pk:Township ; rdfs:label "柳林乡" ; pk:withinDivision d:888801 ; pk:source x:p\\/k1 .
  d:888801203 a pk:Township ; rdfs:label "青石乡" ; pk:withinDivision d:888801 ; pk:source x:p\\/k1 .
  x:p\\/k1 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 1 ;
     pk:text "规划范围为松溪县行政辖区，辖松溪镇、石湾镇2个镇和桃源乡、柳林乡、青石乡、白沙乡4个乡。" .
  x:p\\/k2 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 2 ;
     pk:text "石湾镇为重点镇，其余4个乡为一般乡。" .
  x:p\\/k10 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 10 ;
     pk:text "衔接市级水系连通行动在本县的安排，规划建设以下水系连通工程：" .
  x:p\\/k11 a pk:ListItem ; pk:passageKind "item" ; pk:ordinal 11 ; pk:text "北渠水系连通工程；" .
  x:p\\/k12 a pk:ListItem ; pk:passageKind "item" ; pk:ordinal 12 ; pk:text "西沟引水工程。" .
  x:p\\/k13 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 13 ; pk:text "另实施东岭公园提升工程。" .
  x:project\\/a a pk:Project ; rdfs:label "北渠水系连通工程" ; pk:source x:p\\/k11 .
  x:project\\/c a pk:Project ; rdfs:label "西沟引水工程" ; pk:source x:p\\/k12 .
  x:project\\/d a pk:Project ; rdfs:label "东岭公园提升工程" ; pk:source x:p\\/k13 .
  x:v\\/jz a pk:Target , pk:IndicatorValue ; pk:indicator x:indicator\\/jz ; pk:value 88.0 ; pk:unitLabel "公顷" ;
     pk:unit v:unit\\/hectare ; pk:refArea d:888801101 ; pk:source x:p\\/k20 .
  x:indicator\\/jz a pk:Indicator ; rdfs:label "集镇规划范围" .
  x:v\\/gd a pk:Target , pk:IndicatorValue ; pk:indicator x:indicator\\/gd ; pk:value 8.8 ; pk:unitLabel "万亩" ;
     pk:year 2035 ; pk:refArea d:888801 ; pk:source x:p\\/k21 .
  x:p\\/k21 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 21 ; pk:text "到2035年耕地保有量不低于8.8万亩。" .
  x:p\\/k20 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 20 ; pk:text "【集镇规划范围】约88公顷" .
  x:river\\/qx a pk:River ; rdfs:label "清溪河" ; pk:passesThrough d:888801101 , d:888801201 ;
     pk:originatesIn x:mountain\\/bl ; pk:source x:p\\/k30 .
  x:mountain\\/bl a pk:Mountain ; rdfs:label "白岭" ; pk:source x:p\\/k30 .
  x:river\\/tx a pk:River ; rdfs:label "桃溪" ; pk:tributaryOf x:river\\/qx ; pk:source x:p\\/k31 .
  d:888801101 pk:adjacentTo d:888801102 ; pk:source x:p\\/k32 .
  x:river\\/qx pk:partOf x:river\\/dj .
  x:river\\/dj a pk:River ; rdfs:label "大江" ; pk:source x:p\\/k33 .
  x:reservoir\\/jt a pk:Reservoir ; rdfs:label "金滩水库" ; pk:locatedOn x:river\\/qx ; pk:source x:p\\/k33 .
  x:p\\/k33 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 33 ; pk:text "清溪河属大江水系，干流上建有金滩水库。" .
  x:p\\/k30 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 30 ; pk:text "清溪河发源于白岭，自北向南流经松溪镇、桃源乡。" .
  x:p\\/k31 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 31 ; pk:text "桃溪在桃源乡境内汇入清溪河。" .
  x:p\\/t0 a pk:TableRow ; pk:passageKind "table-header" ; pk:ordinal 50 ; pk:text "乡镇 林地保有量（公顷）" ; pk:cellText "[\\"乡镇\\", \\"林地保有量（公顷）\\"]" .
  x:p\\/t1 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 51 ; pk:text "松溪镇 300" ; pk:cellText "[\\"松溪镇\\", \\"300\\"]" .
  x:p\\/t2 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 52 ; pk:text "桃源乡 700" ; pk:cellText "[\\"桃源乡\\", \\"700\\"]" .
  x:p\\/t3 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 53 ; pk:text "柳林乡 500" ; pk:cellText "[\\"柳林乡\\", \\"500\\"]" .
  x:p\\/t4 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 54 ; pk:text "合计 1500" ; pk:cellText "[\\"合计\\", \\"1500\\"]" .
  x:group\\/yz a pk:Group ; rdfs:label "一轴两片" ; pk:hasPart x:group\\/lp , x:group\\/yzz ; pk:hasMember x:group\\/yzz ; pk:source x:p\\/k60 .
  x:group\\/yzz a pk:Group ; rdfs:label "一轴" ; pk:hasMember x:zone\\/zx ; pk:source x:p\\/k60 .
  x:group\\/lp a pk:Group ; rdfs:label "两片" ; pk:hasMember x:zone\\/bb , x:zone\\/nb ; pk:source x:p\\/k60 .
  x:zone\\/zx a pk:Region ; rdfs:label "清溪发展轴" ; pk:source x:p\\/k60 .
  x:zone\\/bb a pk:Region ; rdfs:label "北部山林片" ; pk:source x:p\\/k60 .
  x:zone\\/nb a pk:Region ; rdfs:label "南部河谷片" ; pk:source x:p\\/k60 .
  x:p\\/k60 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 60 ;
     pk:text "构建“一轴两片”的总体格局：“一轴”为清溪发展轴，“两片”为北部山林片、南部河谷片。" .
  x:p\\/w0 a pk:TableRow ; pk:passageKind "table-header" ; pk:ordinal 80 ; pk:text "乡镇 永久基本农田保护面积（公顷） 湿地保护面积（公顷）" ; pk:cellText "[\\"乡镇\\", \\"永久基本农田保护面积（公顷）\\", \\"湿地保护面积（公顷）\\"]" .
  x:p\\/w1 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 81 ; pk:text "松溪镇 900 20" ; pk:cellText "[\\"松溪镇\\", \\"900\\", \\"20\\"]" .
  x:p\\/w2 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 82 ; pk:text "桃源乡 400 35" ; pk:cellText "[\\"桃源乡\\", \\"400\\", \\"35\\"]" .
  x:p\\/w3 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 83 ; pk:text "柳林乡 300 80" ; pk:cellText "[\\"柳林乡\\", \\"300\\", \\"80\\"]" .
  x:pa\\/bl a pk:ProtectedArea ; rdfs:label "白岭自然保护区" ; pk:source x:p\\/k61 .
  x:pa\\/sd a pk:ProtectedArea ; rdfs:label "清溪湿地公园" ; pk:source x:p\\/k61 .
  x:pa\\/sj a pk:ProtectedArea ; rdfs:label "省级自然保护地" ; pk:source x:p\\/k61 .
  x:p\\/k61 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 61 ; pk:text "保护白岭自然保护区和清溪湿地公园等省级自然保护地。" .
  x:urban\\/xc a pk:UrbanArea ; rdfs:label "松溪县城" ; pk:source x:p\\/k2 .
  d:888801 pk:hasSeat d:888801101 .
  x:org\\/gov a pk:Organization ; rdfs:label "松溪县人民政府" ; pk:source x:p\\/k1 .
  x:v\\/cx1 a pk:Measurement , pk:IndicatorValue ; pk:indicator x:indicator\\/cx ; pk:value 30 ; pk:unitLabel "平方千米" ;
     pk:year 2020 ; pk:refArea d:888801 ; pk:source x:p\\/k22 .
  x:v\\/cx2 a pk:Target , pk:IndicatorValue ; pk:indicator x:indicator\\/cx ; pk:value 28.5 ; pk:unitLabel "平方千米" ;
     pk:year 2035 ; pk:refArea d:888801 ; pk:source x:p\\/k22 .
  x:indicator\\/cx a pk:Indicator ; rdfs:label "城乡建设用地规模" .
  x:p\\/k22 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 22 ;
     pk:text "城乡建设用地规模由现状30平方千米压减至2035年的28.5平方千米以内。" .
  d:888801102 pk:role v:town-role\\/key-town .
  d:888801201 pk:role v:town-role\\/general .
  v:town-role\\/general a skos:Concept ; skos:prefLabel "一般乡"@zh .
  v:town-role\\/key-town a skos:Concept ; skos:prefLabel "重点镇"@zh .
  x:p\\/k32 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 32 ; pk:text "松溪镇东与石湾镇相邻。" .
}

<https://w3id.org/plankg/graph/888800-special-2021-2035/draft> {
  x:plan\\/888800-special-2021-2035 a pk:Plan ; eli:title "青岭市水系保护专项规划（2021-2035年）" ;
     pk:planId "888800-special-2021-2035" ; pk:level v:level\\/city ; pk:planType v:plan-type\\/special ;
     pk:coversRegion d:888800 ; eli:cites x:plan\\/888800-master .
  x:group\\/tb a pk:Group ; rdfs:label "表4-2 水系保护重点项目" ;
     pk:hasMember x:project\\/a , x:project\\/b , x:project\\/e , x:project\\/f .
  x:project\\/a a pk:Project ; rdfs:label "北渠水系连通工程" ; pk:source x:p\\/s1 .
  x:project\\/b a pk:Project ; rdfs:label "南塘清淤工程" ; pk:source x:p\\/s2 .
  x:project\\/e a pk:Project ; rdfs:label "白鹭洲湿地修复项目" ; pk:source x:p\\/s3 .
  x:project\\/f a pk:Project ; rdfs:label "东岸滨水绿道项目" ; pk:source x:p\\/s4 .
  x:project\\/a pk:source x:p\\/s9 .
  x:project\\/e pk:source x:p\\/s9 .
  x:p\\/s9 a pk:Paragraph ; pk:passageKind "paragraph" ; pk:ordinal 9 ;
     pk:text "北渠水系连通工程与白鹭洲湿地修复项目共同构成北部水网。" .
  x:p\\/s0 a pk:TableRow ; pk:passageKind "table-header" ; pk:ordinal 0 ; pk:text "序号 项目名称 实施地点 总投资（万元） 建设年限" ;
     pk:cellText "[\\"序号\\", \\"项目名称\\", \\"实施地点\\", \\"总投资（万元）\\", \\"建设年限\\"]" .
  x:p\\/s1 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 1 ; pk:text "1 北渠水系连通工程 松溪县 12000 2022—2025年" ;
     pk:cellText "[\\"1\\", \\"北渠水系连通工程\\", \\"松溪县\\", \\"12000\\", \\"2022—2025年\\"]" .
  x:p\\/s2 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 2 ; pk:text "2 南塘清淤工程 青岭市 8600 2023—2027年" ;
     pk:cellText "[\\"2\\", \\"南塘清淤工程\\", \\"青岭市\\", \\"8600\\", \\"2023—2027年\\"]" .
  x:p\\/s3 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 3 ; pk:text "3 白鹭洲湿地修复项目 松溪县 31500 2022—2025年" ;
     pk:cellText "[\\"3\\", \\"白鹭洲湿地修复项目\\", \\"松溪县\\", \\"31500\\", \\"2022—2025年\\"]" .
  x:p\\/s4 a pk:TableRow ; pk:passageKind "table-row" ; pk:ordinal 4 ; pk:text "4 东岸滨水绿道项目 青岭市 4200 2026—2030年" ;
     pk:cellText "[\\"4\\", \\"东岸滨水绿道项目\\", \\"青岭市\\", \\"4200\\", \\"2026—2030年\\"]" .
}
"""

NEW_IN_SPECIAL = {"白鹭洲湿地修复项目", "东岸滨水绿道项目"}


def labels(res) -> list[str]:
    return [a["label"] for a in res["answers"]]


@pytest.mark.parametrize("q", ["松溪县规划建设的水系连通工程有哪些？", "按松溪县规划，县内实施的水系连通工程包括哪些？"])
def test_a_list_the_plan_introduces_with_numbered_items(trig_store, q):
    # the named list ("水系连通工程") is the city plan's; the county plan lists two of its members itself
    res = A.ask(trig_store, q)
    assert set(labels(res)) == {"北渠水系连通工程", "西沟引水工程"}
    assert all(a["plans"] == ["松溪县国土空间总体规划（2021-2035年）"] for a in res["answers"])
    assert any("以下水系连通工程" in e["text"] for e in res["evidence"])
    assert "SELECT" in res["sparql"]


def test_a_stated_count_comes_first_when_fewer_units_were_extracted(trig_store):
    res = A.ask(trig_store, "松溪县一共辖几个乡？")
    assert res["intent"]["kind"] == "count"
    assert res["answers"][0]["value"] == "4"
    assert {"桃源乡", "柳林乡", "青石乡"} <= set(labels(res))
    assert any("4个乡" in e["text"] for e in res["evidence"])


def test_a_plan_that_only_mentions_some_units_gives_no_count(trig_store):
    # the city plan names one township of the county (a 重点乡): a tally of one is no count of its townships
    res = A.ask(trig_store, "松溪县一共辖几个乡？")
    values = [a["value"] for a in res["answers"] if "value" in a]
    assert values == ["4"]
    assert "青岭市" not in res["text"]


def test_a_stated_count_that_agrees_with_the_graph(trig_store):
    res = A.ask(trig_store, "松溪县下辖多少个镇？")
    assert res["answers"][0]["value"] == "2"
    assert set(labels(res)[1:]) == {"松溪镇", "石湾镇"}


@pytest.mark.parametrize("q,value", [("松溪镇集镇规划范围约多少公顷？", "88"),
                                     ("按松溪县规划，松溪镇的集镇规划范围有多大？", "88"),
                                     ("松溪镇集镇规划范围约多少平方千米？", "0.88")])
def test_a_value_whose_label_is_a_phrase(trig_store, q, value):
    res = A.ask(trig_store, q)
    assert res["intent"]["kind"] == "value"
    assert res["answers"] and res["answers"][0]["value"] == value
    assert res["evidence"] and "88公顷" in res["evidence"][0]["text"]


@pytest.mark.parametrize("q", ["青岭市水系保护专项规划新增了哪些项目？", "水系保护专项规划比上位规划新增了哪些工程？"])
def test_projects_a_plan_adds_beyond_its_higher_plan(trig_store, q):
    res = A.ask(trig_store, q)
    assert set(labels(res)) == NEW_IN_SPECIAL
    assert "青岭市国土空间总体规划" in (res.get("basis") or "")
    assert "SELECT" in res["sparql"]


def test_a_plan_with_no_higher_plan_in_the_store_adds_nothing_we_can_tell(trig_store):
    # the city master plan cites no ingested higher plan: no diff, rather than every project it lists
    res = A.ask(trig_store, "青岭市国土空间总体规划新增了哪些工程？")
    assert res["answers"] == []


@pytest.mark.parametrize("q,gold", [("清溪河流经哪些乡镇？", {"松溪镇", "桃源乡"}),
                                    ("哪些河流流经桃源乡？", {"清溪河"}),
                                    ("清溪河的支流有哪些？", {"桃溪"}),
                                    ("桃溪最终注入哪条河？", {"清溪河"}),
                                    ("清溪河的源头在哪里？", {"白岭"}),
                                    ("哪些乡镇与松溪镇接壤？", {"石湾镇"}),
                                    ("石湾镇和哪些镇相邻？", {"松溪镇"}),
                                    ("清溪河属于哪个水系？", {"大江"}),
                                    ("清溪河上有哪些水库？", {"金滩水库"}),
                                    ("金滩水库建在哪条河上？", {"清溪河"})])
def test_one_hop_along_a_relation_between_places(trig_store, q, gold):
    res = A.ask(trig_store, q)
    assert res["intent"]["kind"] == "relation"
    assert set(labels(res)) == gold
    assert res["evidence"] and "SELECT" in res["sparql"]


def test_a_relation_the_graph_does_not_hold_is_not_found(trig_store):
    res = A.ask(trig_store, "桃溪流经哪些乡镇？")
    assert res["intent"]["kind"] == "relation" and res["answers"] == []


@pytest.mark.parametrize("q", ["按水系专项规划，列了哪些项目？", "水系专项规划中有哪些工程？"])
def test_an_abbreviated_plan_title_scopes_to_that_plan(trig_store, q):
    res = A.ask(trig_store, q)
    assert set(labels(res)) == {"北渠水系连通工程", "南塘清淤工程"} | NEW_IN_SPECIAL
    assert {p for a in res["answers"] for p in a["plans"]} == {"青岭市水系保护专项规划（2021-2035年）"}


def test_an_abbreviation_of_generic_words_names_no_plan(trig_store):
    index = A.get_index(trig_store)
    assert abbreviated_plans("总体规划有哪些项目", index) == set()
    assert len(abbreviated_plans("水系专项规划有哪些项目", index)) == 1


def test_the_official_name_of_a_name_given_as_another(trig_store):
    res = A.ask(trig_store, "碧水湖的正式名称是什么？")
    assert res["intent"]["kind"] == "aliases"
    assert labels(res) == ["东岭水库"]
    assert res["evidence"] and "碧水湖" in res["evidence"][0]["text"]


@pytest.mark.parametrize("q,kind,gold", [
    ("How many townships does Songxi County have?", "count", "5"),
    ("Which rivers flow through Taoyuan Township?", "relation", "清溪河"),
    ("What are the tributaries of the Qingxi River?", "relation", "桃溪"),
])
def test_english_questions_of_these_kinds(trig_store, q, kind, gold):
    res = A.ask(trig_store, q)
    assert res["intent"]["kind"] == kind
    assert res["answers"] and (res["answers"][0].get("value") == gold or res["answers"][0]["label"] == gold)


def test_a_near_term_year_is_not_the_target_year(trig_store):
    res = A.ask(trig_store, "松溪县规划的近期目标年是哪一年？")
    assert res["intent"]["kind"] == "meta" and res["intent"]["slots"]["props"] == ["nearTermYear"]
    assert labels(res) == ["2025"]


@pytest.mark.parametrize("q,gold", [
    ("水系保护专项规划中，建设年限为2022—2025年的项目有哪些？", {"北渠水系连通工程", "白鹭洲湿地修复项目"}),
    ("水系保护专项规划中总投资超过10000万元的项目有哪些？", {"北渠水系连通工程", "白鹭洲湿地修复项目"}),
    ("水系保护专项规划里总投资在5000万元以下的是哪个项目？", {"东岸滨水绿道项目"}),
    ("水系保护专项规划中实施地点为青岭市的项目有哪几个？", {"南塘清淤工程", "东岸滨水绿道项目"}),
])
def test_projects_by_a_table_column(trig_store, q, gold):
    res = A.ask(trig_store, q)
    assert res["intent"]["kind"] in ("table", "entities")
    assert set(labels(res)) == gold
    assert res["evidence"] and all(any(g in e["text"] for e in res["evidence"]) for g in gold)


@pytest.mark.parametrize("q,value", [("水系保护专项规划中松溪县的项目总投资合计多少万元？", "43500"),
                                     ("水系保护专项规划所列项目总投资合计多少？", "56300")])
def test_a_column_total_over_the_rows_the_question_names(trig_store, q, value):
    res = A.ask(trig_store, q)
    assert res["intent"]["kind"] == "table"
    assert res["answers"][0]["value"] == value


def test_the_top_row_among_the_rows_the_question_names(trig_store):
    res = A.ask(trig_store, "水系保护专项规划中实施地点为青岭市的项目里总投资最大的是哪个？")
    assert labels(res) == ["南塘清淤工程"]


def test_a_total_row_is_no_candidate_for_the_largest(trig_store):
    res = A.ask(trig_store, "哪个乡镇的林地保有量最大？")
    assert res["intent"]["kind"] == "table"
    assert labels(res) == ["桃源乡"]
    res = A.ask(trig_store, "各乡镇林地保有量合计多少公顷？")
    assert res["answers"][0]["value"] == "1500"


def test_the_list_named_last_is_the_one_asked_about(trig_store):
    res = A.ask(trig_store, "松溪县“一轴两片”中的“两片”指什么？")
    assert set(labels(res)) == {"北部山林片", "南部河谷片"}


@pytest.mark.parametrize("q,gold", [("松溪县有哪些自然保护区？", {"白岭自然保护区"}),
                                    ("松溪县有哪些湿地公园？", {"清溪湿地公园"}),
                                    ("松溪县有哪些风景名胜区？", set())])
def test_things_named_by_a_class_suffix(trig_store, q, gold):
    assert set(labels(A.ask(trig_store, q))) == gold


def test_merged_units_are_never_every_unit(trig_store):
    res = A.ask(trig_store, "松溪县有哪些乡镇被撤并了？")
    assert res["answers"] == []


def test_a_name_does_not_cut_a_planning_phrase(trig_store):
    # "松溪县城" is a name too; "松溪县城镇体系" is the county's town system
    res = A.ask(trig_store, "松溪县城镇体系中石湾镇是什么等级？")
    assert res["intent"]["kind"] == "role"
    assert res["intent"]["slots"]["subjects"] == ["https://w3id.org/plankg/id/division/888801102"]
    assert labels(res) == ["重点镇"]


def test_a_follow_up_on_a_role_asks_about_the_new_place(trig_store):
    first, second = A.ask_many(trig_store, ["按松溪县规划，石湾镇是什么等级？", "那桃源乡呢？"])
    assert labels(first) == ["重点镇"]
    assert second["intent"]["kind"] == "role" and labels(second) == ["一般乡"]
    assert "石湾镇" not in second["text"]


def test_a_count_of_units_is_not_a_region_wide_indicator(trig_store):
    res = A.ask(trig_store, "松溪县下辖多少个乡镇？")
    assert res["answers"][0]["value"] == "5"


def test_a_table_question_naming_a_place_reads_that_place_s_plan(trig_store):
    res = A.ask(trig_store, "松溪县各乡镇的林地保有量合计多少公顷？")
    assert [a["value"] for a in res["answers"]] == ["1500"]
    assert res["answers"][0]["plans"] == ["松溪县国土空间总体规划（2021-2035年）"]


def test_a_column_named_by_part_of_its_header(trig_store):
    res = A.ask(trig_store, "水系保护专项规划所列项目投资合计多少万元？")
    assert res["intent"]["kind"] == "table" and res["answers"][0]["value"] == "56300"
    # a count is never a column's sum
    assert A.ask(trig_store, "水系保护专项规划列出的项目一共有几个？")["intent"]["kind"] != "table"


def test_a_place_s_own_plan_states_its_value_first(trig_store):
    res = A.ask(trig_store, "松溪县的耕地保有量是多少万亩？")
    assert res["intent"]["kind"] == "value"
    assert res["answers"][0]["value"] == "8.8"
    assert {a["value"] for a in res["answers"]} == {"8.8", "9.1"}  # both plans, each with its own figure


EVERY_KIND = ["松溪县规划建设的水系连通工程有哪些？", "松溪县一共辖几个乡？", "松溪镇集镇规划范围约多少平方千米？",
              "青岭市水系保护专项规划新增了哪些项目？", "清溪河流经哪些乡镇？", "碧水湖的正式名称是什么？",
              "水系保护专项规划中总投资超过10000万元的项目有哪些？", "哪个乡镇的林地保有量最大？",
              "松溪县“一轴两片”中的“两片”指什么？", "松溪县有哪些自然保护区？", "按松溪县规划，石湾镇是什么等级？",
              "石湾镇和哪些镇相邻？", "松溪县的耕地保有量是多少万亩？"]


def test_every_kind_cites_passages_and_shows_runnable_sparql(trig_store):
    assert len(EVERY_KIND) == 13
    for q in EVERY_KIND:
        res = A.ask(trig_store, q)
        assert res["answers"], q
        assert res["evidence"] and all(e["text"] and e["passage"] for e in res["evidence"]), q
        assert res["sparql"].startswith("PREFIX") and "SELECT" in res["sparql"], q
        trig_store.select(res["sparql"])  # runs as shown


@pytest.mark.parametrize("q,gold", [("松溪县规划是什么级别的规划？", "县级"), ("水系保护专项规划的规划层级是什么？", "市级"),
                                    ("What is the level of the Songxi county plan?", "county level")])
def test_the_level_of_a_plan(trig_store, q, gold):
    res = A.ask(trig_store, q)
    assert res["intent"]["kind"] == "meta" and labels(res) == [gold]


def test_the_plans_a_plan_aligns_with_are_those_it_cites(trig_store):
    res = A.ask(trig_store, "松溪县规划与哪些规划相衔接？")
    assert res["intent"]["kind"] == "meta" and labels(res) == ["青岭市国土空间总体规划（2021-2035年）"]


def test_a_header_stated_whole_beats_a_part_of_another(trig_store):
    # "面积" ends both headers; the one the question states whole is asked
    res = A.ask(trig_store, "哪个乡镇的湿地保护面积最大？")
    assert res["intent"]["slots"]["column"] == "湿地保护面积"
    assert labels(res) == ["柳林乡"]


@pytest.mark.parametrize("q,first", [("松溪县和石岭县哪个的耕地保有量更大？", "石岭县"),
                                     ("石岭县与松溪县相比，谁的耕地保有量更少？", "松溪县")])
def test_comparing_one_indicator_between_places(trig_store, q, first):
    res = A.ask(trig_store, q)
    assert res["intent"]["kind"] == "value"
    assert res["answers"][0]["label"] == first
    assert res["text"].startswith(first)


def test_the_seat_of_a_government_named_with_its_body(trig_store):
    res = A.ask(trig_store, "松溪县人民政府驻地在哪？")
    assert res["intent"]["kind"] == "seat" and labels(res) == ["松溪镇"]


@pytest.mark.parametrize("q,first,values", [
    ("松溪县城乡建设用地规模是多少平方千米？", "28.5", {"30", "28.5"}),
    ("松溪县城乡建设用地规模现状是多少平方千米？", "30", {"30"}),
    ("松溪县规划期末城乡建设用地规模控制在多少平方千米以内？", "28.5", {"30", "28.5"})])
def test_a_county_name_before_a_planning_phrase_and_the_target_first(trig_store, q, first, values):
    res = A.ask(trig_store, q)
    assert res["intent"]["kind"] == "value"
    assert res["intent"]["slots"]["places"] == ["https://w3id.org/plankg/id/division/888801"]
    assert {a["value"] for a in res["answers"]} == values
    assert res["answers"][0]["value"] == first


def test_a_total_asked_as_a_sum_word(trig_store):
    res = A.ask(trig_store, "水系保护专项规划项目投资总额是多少万元？")
    assert res["intent"]["kind"] == "table" and res["answers"][0]["value"] == "56300"


def test_a_text_search_shows_the_query_that_reads_its_passages(trig_store):
    res = A.ask(trig_store, "清溪河沿岸的景观风貌如何引导？")
    assert res["intent"]["kind"] == "search" and res["evidence"]
    rows = trig_store.select(res["sparql"])
    assert {r["passage"] for r in rows} == {e["passage"] for e in res["evidence"]}


def test_a_follow_up_turns_a_ranking_around(trig_store):
    first, second = A.ask_many(trig_store, ["水系保护专项规划中总投资最大的项目是哪个？", "那最小的呢？"])
    assert labels(first) == ["白鹭洲湿地修复项目"]
    assert second["intent"]["kind"] == "table" and labels(second) == ["东岸滨水绿道项目"]


def test_a_follow_up_on_a_relation_asks_about_the_new_place(trig_store):
    first, second = A.ask_many(trig_store, ["石湾镇和哪些镇相邻？", "那松溪镇呢？"])
    assert labels(first) == ["松溪镇"]
    assert second["intent"]["kind"] == "relation" and labels(second) == ["石湾镇"]


class _Plans:
    """The part of the index abbreviated_plans reads: its main plans."""

    def __init__(self, *titles: str):
        self.plans = [PlanInfo(f"urn:plan:{i}", t, f"urn:graph:{i}") for i, t in enumerate(titles)]

    def main_plans(self):
        return self.plans


def test_words_about_plans_in_general_name_no_plan():
    # titles holding those characters in order: "上位" / "各…专项" would otherwise abbreviate them
    index = _Plans("上游地区位置调整专项规划（2021-2035年）", "各类用地专项规划（2021-2035年）")
    assert abbreviated_plans("哪些规划引用了上位规划", index) == set()
    assert abbreviated_plans("各专项规划", index) == set()
    assert abbreviated_plans("上游调整规划有哪些项目", index) == {"urn:plan:0"}


def test_a_numbered_list_inside_a_role_word_is_not_the_list_asked(trig_store):
    # "副中心" holds the word of the list "三中心", which the question does not name
    res = A.ask(trig_store, "青岭市城镇体系中的副中心有哪些？")
    assert labels(res) == ["松溪县"]


def test_a_count_by_a_table_place_column_cites_those_rows(trig_store):
    res = A.ask(trig_store, "水系保护专项规划中位于松溪县的项目有几个？")
    assert res["intent"]["kind"] == "count" and res["answers"][0]["value"] == "2"
    assert res["evidence"][0]["text"].split()[2] == "松溪县"  # a table row whose 实施地点 cell is the place


@pytest.mark.parametrize("q", ["到2035年石岭县的污水集中处理率目标是多少？", "松溪县污水集中处理率要达到多少？"])
def test_a_value_stated_for_several_places_answers_each(trig_store, q):
    # one value node for "松溪县和石岭县…达到90%": each place asked gets it, named as that place
    res = A.ask(trig_store, q)
    assert res["intent"]["kind"] == "value"
    assert res["answers"][0]["value"] == "90"
    assert res["answers"][0]["area"] == ("石岭县" if "石岭县" in q else "松溪县")
    assert "没有" not in res["text"]
