"""An indicator name with a land class or a flow word before it is another indicator: a report's "城镇建设用地
规模" is not the plan's 建设用地规模, and a year's "新增…" is no level to judge a target by. A year, the whole
area ("全县", "县域") or a division's name before a name leave it the same indicator. Every report, table,
place and number here is invented."""
from __future__ import annotations

from pathlib import Path

import pytest

from plankg.extract import observations as ob
from plankg.extract import reader

PATTERN = ob.mention_pattern(())

# printed name → the indicator it resolves to (None: another indicator, kept under its printed name)
RESOLVED = [
    ("全县建设用地规模", "建设用地规模"),
    ("2024年县域耕地保有量", "耕地保有量"),
    ("本市森林覆盖率", "森林覆盖率"),
    ("灵丘县全县耕地保有量", "耕地保有量"),    # a division's name, then the whole area
    ("城镇建设用地规模", None),
    ("村庄建设用地规模", None),
    ("农村建设用地规模", None),
    ("新增建设用地规模", None),
    ("存量建设用地规模", None),
    ("规划建设用地规模", None),             # a target's wording, no place
    ("集镇森林覆盖率", None),
]


@pytest.mark.parametrize("printed,indicator", RESOLVED)
def test_only_a_scope_before_a_name_keeps_the_indicator(printed: str, indicator: str | None) -> None:
    assert ob.resolve_indicator(printed) == indicator


# a sentence of a report → (indicator, value) it states
PROSE = [
    ("2024年末全县城镇建设用地规模为41.7平方公里，村庄建设用地规模为26.3平方公里。",
     {("城镇建设用地规模", 41.7), ("村庄建设用地规模", 26.3)}),
    ("2024年全县建设用地规模为71.2平方公里，其中农村建设用地规模为19.5平方公里。",
     {("建设用地规模", 71.2), ("农村建设用地规模", 19.5)}),
    ("截至2024年底，全县耕地保有量为52.6万亩，当年新增耕地面积410公顷。", {("耕地保有量", 52.6)}),
    ("监测显示全县森林覆盖率为38.2%。", {("森林覆盖率", 38.2)}),
]


@pytest.mark.parametrize("sentence,expected", PROSE)
def test_a_land_class_before_a_name_is_another_indicator(sentence: str, expected: set) -> None:
    got = ob.prose_observations(sentence, 0, PATTERN, (), None, 2024, 2020, {})
    assert {(o.indicator, o.value) for o in got} == expected


# rows of a report's table: only the levels are observations
FLOW_ROWS = [["新增建设用地", "公顷", "118"], ["当年新增林地面积", "公顷", "620"], ["2024年新增停车泊位数", "个", "900"],
             ["建设用地规模", "公顷", "7120"], ["累计新增建设用地", "公顷", "402"]]


def _report(tmp_path: Path, name: str, text: str) -> ob.ObservationSet:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return ob.read_report(reader.read(f))


def test_a_years_increment_row_is_no_observation(tmp_path: Path) -> None:
    head = "# 岚溪县国土空间总体规划实施监测报告（2024年度）\n\n本次监测以2020年为基期。\n\n"
    table = "| 指标名称 | 单位 | 2024年 |\n|---|---|---|\n" + "".join(f"| {' | '.join(r)} |\n" for r in FLOW_ROWS)
    got = {(o.indicator, o.value) for o in _report(tmp_path, "r.md", head + table).observations}
    # 累计新增 is a level since the base year, kept under its printed name
    assert got == {("建设用地规模", 7120), ("累计新增建设用地", 402)}


def test_a_years_increment_row_is_no_observation_in_a_statistics_file(tmp_path: Path) -> None:
    f = tmp_path / "岚溪县指标监测.csv"
    rows = [["年份", "指标名称", "单位", "数值"], *[["2024", name, unit, value] for name, unit, value in FLOW_ROWS]]
    f.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    _, table = ob.read_table_file(f)
    assert {(o.indicator, o.value) for o in table.observations} == {("建设用地规模", 7120), ("累计新增建设用地", 402)}


def test_cases_collected(collected_cases) -> None:
    assert collected_cases("test_only_a_scope_before_a_name_keeps_the_indicator") == len(RESOLVED) == 11
    assert collected_cases("test_a_land_class_before_a_name_is_another_indicator") == len(PROSE) == 4
