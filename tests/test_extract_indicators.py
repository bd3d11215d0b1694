"""Indicator values from prose and tables (issue 10 item 2): the genre's comparators, units and table
layouts. Phrasings are written for these tests (a made-up 岱山县 plan), none copied from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n规划基期年为2020年，近期至2025年，规划期限为2021-2035年。\n"


def quantities(body: str):
    return pipeline.extract(reader.parse(HEAD + body, "plan.txt")).quantities


def find(qs, name: str, value: float):
    hits = [q for q in qs if q.indicator == name and q.value is not None and abs(q.value - value) < 1e-9]
    assert hits, [(q.indicator, q.value, q.unit, q.bound, q.year) for q in qs]
    return hits[0]


PROSE = [  # sentence, indicator, value, unit, bound, year
    ("到2035年，全县耕地保有量不得低于45.3万亩。", "耕地保有量", 45.3, "万亩", "ge", 2035),
    ("至2035年，永久基本农田保护面积不少于2860公顷。", "永久基本农田保护面积", 2860, "公顷", "ge", 2035),
    ("到2035年，生态保护红线面积不低于240.1 km²。", "生态保护红线面积", 240.1, "km²", "ge", 2035),
    ("到2035年，城乡建设用地规模控制在52.6平方千米以内。", "城乡建设用地规模", 52.6, "平方千米", "le", 2035),
    ("到2035年，国土开发强度不超过6.5%。", "国土开发强度", 6.5, "%", "le", 2035),
    ("近期2025年城镇开发边界面积≤3120hm²。", "城镇开发边界面积", 3120, "hm²", "le", 2025),
    ("到2035年，森林覆盖率达到35%以上。", "森林覆盖率", 35, "%", "ge", 2035),
    ("到2035年，用水总量不突破1.8亿立方米。", "用水总量", 1.8, "亿立方米", "le", 2035),
    ("到2035年，常住人口规模控制在28万人以下。", "常住人口规模", 28, "万人", "le", 2035),
    ("到2035年，道路网密度不小于45km/百km²。", "道路网密度", 45, "km/百km²", "ge", 2035),
]


@pytest.mark.parametrize("sentence,name,value,unit,bound,year", PROSE, ids=[p[1] for p in PROSE])
def test_prose_comparators_and_units(sentence, name, value, unit, bound, year):
    q = find(quantities("第一章 目标\n" + sentence + "\n"), name, value)
    assert (q.unit, q.bound, q.year) == (unit, bound, year)


def test_prose_case_count():
    assert len(PROSE) == 10 and len({p[4] for p in PROSE}) == 2 and len({p[3] for p in PROSE}) == 9


TABLES = {
    # unit column, base-year column and two target-year columns, bound in the cell
    "unit_column_bound_in_cell": (
        "表1 主要控制指标\n序号\t指标名称\t单位\t基期年\t2025年\t2035年\t属性\n"
        "1\t耕地保有量\t公顷\t30210\t≥30100\t≥30100\t约束性\n2\t城乡建设用地规模\t公顷\t8120\t≤8300\t≤8460\t约束性\n"),
    # unit and bound in the header's brackets, one value column
    "header_brackets": (
        "表2 控制指标\n指标名称（公顷，不低于）\t目标值\n耕地保有量\t30100\n永久基本农田保护面积\t25400\n"),
    # unit in the indicator cell's brackets, bound column in words
    "name_cell_unit_bound_column": (
        "表3 指标表\n指标\t规划值\t控制要求\t属性\n耕地保有量（万亩）\t45.3\t不低于\t约束性\n"
        "城乡建设用地规模（平方公里）\t84.6\t不超过\t约束性\n"),
    # unit inside the value cell, bound after it, markdown pipes
    "markdown_unit_in_cell": (
        "| 指标 | 现状值 | 2035年 |\n|---|---|---|\n| 耕地保有量 | 30210公顷 | 30100公顷以上 |\n"
        "| 国土开发强度 | 5.1% | 6.0%以下 |\n"),
    # bounds given by a note under the table ("第1项为下限…第2项为上限")
    "note_bounds": (
        "表4 规划指标\n序号\t指标\t2020年\t2035年\t单位\t属性\n1\t耕地保有量\t30210\t30100\t公顷\t约束性\n"
        "2\t村庄建设用地规模\t4200\t3900\t公顷\t约束性\n说明：第1项为下限，第2项为上限。\n"),
    # full-width bars
    "fullwidth_bars": (
        "｜指标名称｜单位｜目标值｜\n｜森林覆盖率｜%｜≥36｜\n｜湿地保护率｜%｜≥60｜\n"),
}


def _table_values(body: str):
    return [(q.indicator, q.value, q.unit, q.bound, q.year, q.kind) for q in quantities(body)
            if q.kind in ("Target", "Measurement") and q.source > 1]


def test_table_unit_column_base_and_target_years():
    got = _table_values(TABLES["unit_column_bound_in_cell"])
    assert ("耕地保有量", 30210, "公顷", "eq", 2020, "Measurement") in got  # the base year is a base value
    assert ("耕地保有量", 30100, "公顷", "ge", 2025, "Target") in got
    assert ("城乡建设用地规模", 8460, "公顷", "le", 2035, "Target") in got


def test_table_header_brackets():
    got = _table_values(TABLES["header_brackets"])
    assert ("永久基本农田保护面积", 25400, "公顷", "ge", 2035, "Target") in got


def test_table_unit_in_name_cell_and_bound_column():
    got = _table_values(TABLES["name_cell_unit_bound_column"])
    assert ("耕地保有量", 45.3, "万亩", "ge", 2035, "Target") in got
    assert ("城乡建设用地规模", 84.6, "平方公里", "le", 2035, "Target") in got


def test_table_unit_and_bound_in_the_cell():
    got = _table_values(TABLES["markdown_unit_in_cell"])
    assert ("耕地保有量", 30100, "公顷", "ge", 2035, "Target") in got
    assert ("国土开发强度", 6.0, "%", "le", 2035, "Target") in got
    assert ("国土开发强度", 5.1, "%", "eq", 2020, "Measurement") in got


def test_table_bounds_from_the_note():
    got = _table_values(TABLES["note_bounds"])
    assert ("耕地保有量", 30100, "公顷", "ge", 2035, "Target") in got
    assert ("村庄建设用地规模", 3900, "公顷", "le", 2035, "Target") in got
    assert ("村庄建设用地规模", 4200, "公顷", "eq", 2020, "Measurement") in got


def test_table_fullwidth_bars():
    got = _table_values(TABLES["fullwidth_bars"])
    assert ("森林覆盖率", 36, "%", "ge", 2035, "Target") in got


def test_canonical_values_for_new_units(tmp_path):
    from plankg.graph.ingest import ingest_file
    from plankg.graph.namespaces import sparql_prefixes
    from plankg.graph.store import PlanStore

    f = tmp_path / "plan.txt"
    f.write_text(HEAD + "第一章 目标\n到2035年，用水总量不突破1.8亿立方米。\n到2035年，耕地保有量不得低于45.3万亩。\n"
                 "近期重点项目总投资不超过19.5亿元。\n", encoding="utf-8")
    store = PlanStore(None)
    ingest_file(store, f)
    rows = store.select(sparql_prefixes() + """SELECT ?u ?c WHERE { ?v a pk:IndicatorValue ; pk:unitLabel ?u ;
        pk:canonicalValue ?c }""")
    got = {r["u"]: float(r["c"]) for r in rows}
    store.close()
    assert got["亿立方米"] == pytest.approx(18000)  # 万立方米
    assert got["万亩"] == pytest.approx(30200, rel=1e-4)  # hectares
