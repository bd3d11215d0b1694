"""Answers read from plan tables, on an invented plan whose tables no corpus file contains: a column of
a named thing's row, the row ranked first by a column, a column's total, things placed by a table's
place column — each with the SPARQL it ran and the rows it rests on."""
from __future__ import annotations

import json

import pytest

from plankg import ask as A
from plankg.ask.tables import cell_number, column_named, header_core, header_unit, name_column
from plankg.graph.store import PlanStore

HEADER = ["编号", "工程名称", "所在乡镇", "估算投资（万元）", "工期"]
ROWS = [["1", "北沟引水工程", "柳湾乡", "3200", "2024—2026年"],
        ["2", "南岭护坡工程", "东坪乡、柳湾乡", "5150", "2025—2027年"],
        ["3", "河口湿地工程", "岔口镇", "870", "2026—2028年"]]


def trig() -> str:
    g = "https://w3id.org/plankg/graph/666601-special-2021-2035/draft"
    lines = [f"""<{g}> {{
  x:plan\\/666601-special-2021-2035 a pk:Plan ; eli:title "石桥县水系治理专项规划（2021-2035年）" ;
     pk:planId "666601-special-2021-2035" ; pk:level v:level\\/county ; pk:planType v:plan-type\\/special ;
     pk:coversRegion d:666601 .
  d:666601 a pk:County ; rdfs:label "石桥县" .
  d:666601101 a pk:Township ; rdfs:label "柳湾乡" ; pk:withinDivision d:666601 .
  d:666601102 a pk:Township ; rdfs:label "东坪乡" ; pk:withinDivision d:666601 .
  x:sec\\/t a pk:Section ; rdfs:label "表5 重点工程" .
  x:row\\/h a pk:TableRow ; pk:passageKind v:passage-kind\\/table-header ; pk:ordinal 10 ; eli:is_part_of x:sec\\/t ;
     pk:text "{chr(9).join(HEADER)}" ; pk:cellText {json.dumps(json.dumps(HEADER, ensure_ascii=False), ensure_ascii=False)} ."""]
    for i, row in enumerate(ROWS, 1):
        cells = json.dumps(json.dumps(row, ensure_ascii=False), ensure_ascii=False)
        lines.append(f"""  x:row\\/{i} a pk:TableRow ; pk:passageKind v:passage-kind\\/table-row ; pk:ordinal {10 + i} ;
     eli:is_part_of x:sec\\/t ; pk:text "{chr(9).join(row)}" ; pk:cellText {cells} .
  x:project\\/{i} a pk:Project ; rdfs:label "{row[1]}" ; pk:source x:row\\/{i} .""")
    ind_header = ["序号", "指标", "单位", "2025年", "2035年"]
    ind_row = ["1", "生态岸线长度", "千米", "≥30", "≥42.5"]
    for i, cells in enumerate([ind_header, ind_row]):
        kind = "table-header" if i == 0 else "table-row"
        lines.append(f"""  x:row\\/i{i} a pk:TableRow ; pk:passageKind v:passage-kind\\/{kind} ; pk:ordinal {20 + i} ;
     eli:is_part_of x:sec\\/i ; pk:text "{chr(9).join(cells)}" ;
     pk:cellText {json.dumps(json.dumps(cells, ensure_ascii=False), ensure_ascii=False)} .""")
    lines.append("""  x:sec\\/i a pk:Section ; rdfs:label "表2 主要指标" .
  x:indicator\\/shore a pk:Indicator ; rdfs:label "生态岸线长度" .""")
    return """@prefix pk: <https://w3id.org/plankg/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix d: <https://w3id.org/plankg/id/division/> .
@prefix x: <https://w3id.org/plankg/id/> .
@prefix v: <https://w3id.org/plankg/vocab/> .
<https://w3id.org/plankg/graph/ontology> { pk:Project a owl:Class ; rdfs:label "项目"@zh . }
""" + "\n".join(lines) + "\n}\n"


@pytest.fixture(scope="module")
def store():
    st = PlanStore(None)
    st.load(trig().encode(), fmt="trig")
    yield st
    st.close()


def labels(res) -> list[str]:
    return [a["label"] for a in res["answers"]]


def test_header_reading():
    assert header_core("估算投资（万元）") == "估算投资" and header_unit("估算投资（万元）") == "万元"
    assert name_column(HEADER) == 1
    assert column_named("南岭护坡工程的估算投资是多少", HEADER) == 3
    assert column_named("工程名称是什么", HEADER) is None  # the name column is never the one asked
    assert cell_number("≥5150") == 5150.0 and cell_number("2024—2026年") is None


def test_a_column_of_the_named_things_row(store):
    res = A.ask(store, "南岭护坡工程的估算投资是多少万元？")
    assert res["intent"]["kind"] == "table"
    assert labels(res) == ["5150 万元"]
    assert "5150" in res["evidence"][0]["text"] and "SELECT" in res["sparql"]
    assert labels(A.ask(store, "北沟引水工程的工期是什么？")) == ["2024—2026年"]


@pytest.mark.parametrize("q,expect", [("水系治理专项规划中估算投资最大的工程是哪个？", "南岭护坡工程"),
                                      ("水系治理专项规划中估算投资最少的是哪项工程？", "河口湿地工程")])
def test_the_row_ranked_first(store, q, expect):
    res = A.ask(store, q)
    assert res["intent"]["kind"] == "table"
    assert labels(res) == [expect]
    assert res["evidence"] and expect in res["evidence"][0]["text"]


def test_a_columns_total(store):
    res = A.ask(store, "水系治理专项规划所列工程的估算投资合计多少万元？")
    assert labels(res) == ["9220 万元"]
    assert "pk:cellText" in res["sparql"]


def test_things_placed_by_the_tables_place_column(store):
    res = A.ask(store, "水系治理专项规划中位于柳湾乡的工程有哪些？")
    assert sorted(labels(res)) == ["北沟引水工程", "南岭护坡工程"]


def test_no_column_named_is_no_table_answer(store):
    res = A.ask(store, "水系治理专项规划中最大的工程是哪个？")
    assert res["intent"]["kind"] != "table"


def test_an_indicator_value_from_the_plans_indicator_table(store):
    res = A.ask(store, "到2035年石桥县生态岸线长度不少于多少千米？")
    assert res["intent"]["kind"] == "value"
    assert labels(res) == ["42.5 千米"] and res["answers"][0]["bound"] == "ge"
    assert "42.5" in res["evidence"][0]["text"]
    assert labels(A.ask(store, "到2025年石桥县生态岸线长度不少于多少千米？")) == ["30 千米"]


def test_a_value_in_the_unit_asked(store):
    res = A.ask(store, "到2035年石桥县生态岸线长度不少于多少米？")
    assert labels(res) == ["42500 米"]
    assert res["answers"][0]["stated"] == "42.5 千米"


def test_a_follow_up_keeps_the_column(store):
    first, second = A.ask_many(store, ["南岭护坡工程的估算投资是多少万元？", "那北沟引水工程呢？"])
    assert labels(first) == ["5150 万元"]
    assert second["intent"]["kind"] == "table" and labels(second) == ["3200 万元"]


def test_places_of_a_kind_that_a_things_row_lists(store):
    res = A.ask(store, "南岭护坡工程涉及哪些乡？")
    assert res["intent"]["kind"] == "table"
    assert labels(res) == ["东坪乡", "柳湾乡"]
    assert A.ask(store, "南岭护坡工程涉及哪些村？")["answers"] == []  # its row names no village
