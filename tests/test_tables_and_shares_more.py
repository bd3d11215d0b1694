"""A header printed on two rows with merged cells ("规划目标" over "2025年 | 2035年") is one header, each year column
its own; a township plan's "县域…达到75%" is the county's figure; "平鲁区、山阴县、应县各2所" gives each its count;
"各县各设置1所…，全市共6所" totals the thing just counted; "15个重点镇（乡）作为…，分别为A、B…" is a counted list.
Tables and phrasings written for these tests."""
from __future__ import annotations

from plankg.extract import pipeline, reader

HEAD = "三井镇国土空间总体规划（2021-2035年）\n岢岚县三井镇人民政府\n"
TWO_ROW_HEADER = HEAD + ("\n| 指标名称 | 单位 | 基期年（2020年） | 规划目标 | 规划目标 | 属性 |\n"
                         "| --- | --- | --- | --- | --- | --- |\n"
                         "| 指标名称 | 单位 | 基期年（2020年） | 2025年 | 2035年 | 属性 |\n"
                         "| 林地保有量 | 公顷 | 3010 | 3040 | 3100 | 约束性 |\n")


def _quantities(text: str, name: str = "plan.md"):
    return pipeline.extract(reader.parse(text, name)).quantities


def test_a_two_row_header_is_one_header():
    doc = reader.parse(TWO_ROW_HEADER, "plan.md")
    assert doc.tables[0].header[3:5] == ("规划目标2025年", "规划目标2035年")
    got = {(q.value, q.year) for q in _quantities(TWO_ROW_HEADER) if q.indicator == "林地保有量"}
    assert {(3010.0, 2020), (3040.0, 2025), (3100.0, 2035)} <= got, got


def test_a_county_figure_in_a_township_plan():
    qs = _quantities(HEAD + "推进小流域治理，助力县域水土流失治理度到2035年达到75%以上；全镇水土流失治理度达到78%。\n")
    got = {(q.value, tuple(a.name for a in q.areas)) for q in qs if q.indicator == "水土流失治理度"}
    assert (75.0, ("岢岚县",)) in got and (78.0, ("三井镇",)) in got, got


def test_each_listed_division_gets_the_count_and_a_total_names_its_thing():
    text = ("岢岚县国土空间总体规划（2021-2035年）\n岢岚县人民政府\n"
            "规划全县卫生院10所，其中岚漪镇4所，三井镇、宋家沟镇、温泉乡各2所。各乡镇各设置1所养老服务站，全县共8所。\n")
    got = {(q.indicator, q.value, tuple(a.name for a in q.areas)) for q in _quantities(text) if q.is_count}
    assert {("卫生院数量", 4.0, ("岚漪镇",)), ("卫生院数量", 2.0, ("三井镇",)), ("卫生院数量", 2.0, ("宋家沟镇",)),
            ("卫生院数量", 2.0, ("温泉乡",))} <= got, got
    assert any(i == "养老服务站数量" and v == 8.0 for i, v, _a in got), got


def test_a_count_then_what_the_things_do_then_the_things():
    text = ("岢岚县国土空间总体规划（2021-2035年）\n岢岚县人民政府\n"
            "3个重点镇作为县域公共服务节点，按照“小县城”标准配置设施，分别为岚漪镇、三井镇和宋家沟镇。\n")
    groups = pipeline.extract(reader.parse(text, "plan.txt")).groups
    assert [(g.declared_count, [m.name for m in g.members]) for g in groups if g.role_key == "key-town"] == \
        [(3, ["岚漪镇", "三井镇", "宋家沟镇"])]
