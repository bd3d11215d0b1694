"""A note under an indicator table that names its rows ("注：A、B的规划值为下限值；C为上限值；D为预期值")
gives each named row its bound (extract/indicator_tables.py). Tables and notes written for these tests
(a made-up 岱山县 plan with year columns); no row comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n规划基期年为2020年，近期至2025年，规划期限为2021-2035年。\n附表1 主要指标表\n"
TABLE = ("序号\t指标名称\t单位\t2020年\t2025年\t2035年\t指标属性\n"
         "1\t耕地保有量\t万亩\t40.2\t39.8\t39.8\t约束性\n"
         "2\t湿地面积\t公顷\t—\t1260\t1300\t约束性\n"
         "3\t城乡建设用地规模\t公顷\t5100\t5230\t5400\t约束性\n"
         "4\t用水总量\t亿立方米\t1.1\t1.2\t1.3\t约束性\n"
         "5\t常住人口城镇化率\t%\t55\t60\t68\t预期性\n\n")

# (note, expected (indicator, value, year, bound) rows)
NOTES = {
    "values_of_named_rows": (
        "注：耕地保有量、湿地面积的规划值为下限值；城乡建设用地规模、用水总量的规划值为上限值；常住人口城镇化率为预期值。",
        [("耕地保有量", 39.8, 2025, "ge"), ("湿地面积", 1300.0, 2035, "ge"), ("用水总量", 1.2, 2025, "le"),
         ("城乡建设用地规模", 5400.0, 2035, "le"), ("常住人口城镇化率", 68.0, 2035, "eq")]),
    "target_values_with_jun": (
        "说明：耕地保有量和湿地面积的目标值均为下限；城乡建设用地规模与用水总量的目标值均为上限。",
        [("湿地面积", 1260.0, 2025, "ge"), ("用水总量", 1.3, 2035, "le")]),
    "plain_wei_without_value_word": (
        "备注：湿地面积为下限值，用水总量为上限值。",
        [("湿地面积", 1300.0, 2035, "ge"), ("用水总量", 1.3, 2035, "le")]),
    "shi_instead_of_wei": (
        "注：城乡建设用地规模是上限值；耕地保有量是下限值。",
        [("城乡建设用地规模", 5230.0, 2025, "le"), ("耕地保有量", 39.8, 2035, "ge")]),
    "shuyu": (
        "注：耕地保有量属于下限值；用水总量属于上限值。",
        [("耕地保有量", 39.8, 2025, "ge"), ("用水总量", 1.2, 2025, "le")]),
    "zhibiaozhi_and_ji": (
        "说明：湿地面积及耕地保有量的指标值为下限值；用水总量的指标值为上限值。",
        [("湿地面积", 1260.0, 2025, "ge"), ("耕地保有量", 39.8, 2035, "ge"), ("用水总量", 1.3, 2035, "le")]),
    "expected_word_qiwang": (
        "注：常住人口城镇化率为期望值；湿地面积为下限值。",
        [("常住人口城镇化率", 60.0, 2025, "eq"), ("湿地面积", 1300.0, 2035, "ge")]),
    "guihua_mubiao_upper_first": (
        "注：用水总量、城乡建设用地规模的规划目标为上限值；“—”表示无基期数据。",
        [("用水总量", 1.3, 2035, "le"), ("城乡建设用地规模", 5400.0, 2035, "le")]),
}


def _rows(note: str):
    doc = reader.parse(HEAD + TABLE + note + "\n", "plan.txt")
    return {(q.indicator, q.value, q.year, q.bound) for q in pipeline.extract(doc).quantities
            if doc.passages[q.source].kind == "table-row"}


def test_note_cases_collected():
    assert len(NOTES) == 8


@pytest.mark.parametrize("name", sorted(NOTES))
def test_a_note_naming_rows_bounds_their_targets(name):
    note, expected = NOTES[name]
    got = _rows(note)
    for row in expected:
        assert row in got, (row, sorted(got))


@pytest.mark.parametrize("name", sorted(NOTES))
def test_base_year_values_stay_measurements_of_equality(name):
    got = _rows(NOTES[name][0])
    assert ("耕地保有量", 40.2, 2020, "eq") in got


def test_a_row_the_note_does_not_name_keeps_no_bound():
    got = _rows("注：耕地保有量为下限值。")
    assert ("用水总量", 1.3, 2035, "eq") in got
    assert ("耕地保有量", 39.8, 2035, "ge") in got
