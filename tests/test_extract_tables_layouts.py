"""Indicator tables whose columns come in any order (extract/indicator_tables.py): the unit, bound,
target year and nature may sit in any column or in the header, and a target-year column gives the
row's year — it is never a value. Tables written for these tests (a made-up 鹭屿市 transport plan);
no row comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "鹭屿市综合交通专项规划（2021-2035年）\n规划基期年为2020年，近期至2025年，规划期限为2021-2035年。\n"

# (table text, expected rows (indicator, value, unit, bound, year, kind, nature))
LAYOUTS = {
    "target_year_column_last_but_one": (
        "| 指标 | 单位 | 目标值 | 目标年 | 属性 |\n|---|---|---|---|---|\n"
        "| 公路网密度 | km/百km² | 82.5 | 2035 | 预期性 |\n| 公交站点500米覆盖率 | % | 90 | 2025 | 约束性 |\n",
        [("公路网密度", 82.5, "km/百km²", "eq", 2035, "Target", "guidance"),
         ("公交站点500米覆盖率", 90.0, "%", "eq", 2025, "Target", "binding")]),
    "target_year_column_first": (
        "| 目标年 | 指标 | 属性 | 目标值 | 单位 |\n|---|---|---|---|---|\n"
        "| 2030 | 港口货物吞吐量 | 预期性 | 1.2 | 亿吨 |\n| 2035 | 绿色出行比例 | 约束性 | ≥75 | % |\n",
        [("港口货物吞吐量", 1.2, "亿吨", "eq", 2030, "Target", "guidance"),
         ("绿色出行比例", 75.0, "%", "ge", 2035, "Target", "binding")]),
    "year_column_named_nianfen": (
        "| 序号 | 指标名称 | 属性 | 单位 | 年份 | 规划值 |\n|---|---|---|---|---|---|\n"
        "| 1 | 城市道路网密度 | 约束性 | 公里/平方公里 | 2035 | 8 |\n| 2 | 停车泊位 | 预期性 | 个 | 2025 | 12000 |\n",
        [("城市道路网密度", 8.0, "公里/平方公里", "eq", 2035, "Target", "binding"),
         ("停车泊位", 12000.0, "个", "eq", 2025, "Target", "guidance")]),
    "base_and_year_columns": (
        "| 指标 | 现状（2020年） | 2025年 | 2035年 | 单位 |\n|---|---|---|---|---|\n"
        "| 轨道交通运营里程 | 0 | 24 | 96 | 公里 |\n",
        [("轨道交通运营里程", 0.0, "公里", "eq", 2020, "Measurement", None),
         ("轨道交通运营里程", 24.0, "公里", "eq", 2025, "Target", None),
         ("轨道交通运营里程", 96.0, "公里", "eq", 2035, "Target", None)]),
    "unit_after_year_columns_with_nature": (
        "| 指标 | 单位 | 现状值 | 2025年 | 2035年 | 属性 |\n|---|---|---|---|---|---|\n"
        "| 客运枢纽数量 | 处 | 3 | 5 | ≥7 | 预期性 |\n",
        [("客运枢纽数量", 3.0, "处", "eq", 2020, "Measurement", "guidance"),
         ("客运枢纽数量", 7.0, "处", "ge", 2035, "Target", "guidance")]),
    "tab_separated_bound_direction_column": (
        "表3 交通控制指标\n指标\t目标值\t单位\t目标年\t约束方向\n"
        "交通用地规模\t36.4\t平方公里\t2035\t上限\n慢行道长度\t420\t公里\t2030\t下限\n",
        [("交通用地规模", 36.4, "平方公里", "le", 2035, "Target", None),
         ("慢行道长度", 420.0, "公里", "ge", 2030, "Target", None)]),
    "unit_in_value_header_year_column": (
        "| 指标 | 目标值（公顷） | 目标年份 |\n|---|---|---|\n| 综合交通枢纽用地 | 58 | 2030 |\n",
        [("综合交通枢纽用地", 58.0, "公顷", "eq", 2030, "Target", None)]),
    "bound_in_cell_year_column_fullwidth": (
        "｜年份｜指标｜目标值｜单位｜\n｜2025｜新能源公交占比｜≥85｜%｜\n｜2035｜交通事故死亡率｜≤1.2｜人/万车｜\n",
        [("新能源公交占比", 85.0, "%", "ge", 2025, "Target", None),
         ("交通事故死亡率", 1.2, "人/万车", "le", 2035, "Target", None)]),
    "nature_from_title_money_in_cell": (
        "表5 约束性指标\n指标\t规划年\t目标值\n交通基础设施投资\t2030\t不超过120亿元\n",
        [("交通基础设施投资", 120.0, "亿元", "le", 2030, "Target", "binding")]),
    "nature_first_bare_name_column_tab": (
        "表2 主要指标\n指标属性\t单位\t名称\t2035年目标值\t基期值（2020年）\n"
        "约束性\t公里\t城市快速路里程\t≥64\t41\n预期性\t%\t公共交通机动化出行分担率\t60\t38\n",
        [("城市快速路里程", 64.0, "公里", "ge", 2035, "Target", "binding"),
         ("城市快速路里程", 41.0, "公里", "eq", 2020, "Measurement", "binding"),
         ("公共交通机动化出行分担率", 60.0, "%", "eq", 2035, "Target", "guidance")]),
    "type_column_before_the_name": (
        "| 指标类型 | 指标名称 | 单位 | 规划值 |\n|---|---|---|---|\n"
        "| 设施保障 | 社会停车场泊位 | 个 | 8600 |\n| 绿色交通 | 慢行交通出行比例 | % | ≥50 |\n",
        [("社会停车场泊位", 8600.0, "个", "eq", 2035, "Target", None),
         ("慢行交通出行比例", 50.0, "%", "ge", 2035, "Target", None)]),
    "nature_named_zhibiao_xingzhi_first": (
        "| 指标性质 | 指标 | 2035年 | 单位 |\n|---|---|---|---|\n| 约束性 | 港口岸线利用率 | ≤70 | % |\n",
        [("港口岸线利用率", 70.0, "%", "le", 2035, "Target", "binding")]),
}


def _values(body: str):
    doc = reader.parse(HEAD + body, "plan.md")
    return {(q.indicator, q.value, q.unit, q.bound, q.year, q.kind, q.nature)
            for q in pipeline.extract(doc).quantities if doc.passages[q.source].kind == "table-row"}


def test_layout_count():
    assert len(LAYOUTS) == 12


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_column_layout(name):
    body, expected = LAYOUTS[name]
    got = _values(body)
    for row in expected:
        assert row in got, (row, got)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_a_year_column_is_never_read_as_a_value(name):
    got = _values(LAYOUTS[name][0])
    assert not any(1990 <= value <= 2100 for _, value, *_ in got), got


def test_a_list_of_places_with_a_name_column_is_no_indicator_table():
    body = ("| 名称 | 位置 | 2035年 |\n|---|---|---|\n| 鹭屿湾公园 | 东港片区 | 12 |\n"
            "| 青屿森林公园 | 北岭片区 | 30 |\n")
    assert not any(indicator in ("鹭屿湾公园", "青屿森林公园") for indicator, *_ in _values(body))


def test_a_nature_word_is_never_an_indicator():
    got = set().union(*(_values(body) for body, _ in LAYOUTS.values()))
    assert not any(indicator in ("约束性", "预期性", "设施保障") for indicator, *_ in got), got
