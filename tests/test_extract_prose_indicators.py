"""Indicator values inside running sentences with the genre's bound words (extract/quantities.py),
on phrasings written for these tests: a made-up 东沙镇 plan (base year 2020, end year 2035)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

TOWN = ("东沙镇国土空间总体规划（2021-2035年）\n岱山县东沙镇人民政府\n规划期限为2021年至2035年，以2020年为基期年。\n"
        "二、目标\n")


def values(body: str) -> set[tuple[float, str, int | None, str]]:
    ex = pipeline.extract(reader.parse(TOWN + body + "\n", "plan.txt"))
    return {(q.value, q.unit, q.year, q.bound) for q in ex.quantities}


CASES = [
    ("到2035年，基本农田保护面积须守住2310公顷的底线。", (2310.0, "公顷", 2035, "ge")),
    ("村庄建设用地现状为815公顷，规划期末压减到760公顷以内。", (760.0, "公顷", 2035, "le")),
    ("村庄建设用地现状为815公顷，规划期末压减到760公顷以内。", (815.0, "公顷", 2020, "eq")),
    ("现有3.2万亩水浇地面积确保不减少。", (3.2, "万亩", 2035, "ge")),
    ("到2035年，耕地保有量不低于3150公顷。", (3150.0, "公顷", 2035, "ge")),
    # a bound with no year written holds at the plan's end year (extract/keyvalues.py settle_years)
    ("城镇开发边界面积控制在640公顷以内。", (640.0, "公顷", 2035, "le")),
    ("林木覆盖率现状为31.4%，规划期末提高到35.5%。", (35.5, "%", 2035, "ge")),
    ("生活垃圾无害化处理率到2025年达到92%，到2035年不低于99%。", (92.0, "%", 2025, "ge")),
    ("生活垃圾无害化处理率到2025年达到92%，到2035年不低于99%。", (99.0, "%", 2035, "ge")),
    ("东沙河平均流量现状为2.4立方米每秒，到2035年力争恢复到3.0立方米每秒以上。", (3.0, "立方米每秒", 2035, "ge")),
    ("镇区建设用地规模到2035年不超过210公顷。", (210.0, "公顷", 2035, "le")),
    # a year printed before the name: the base year is a measurement, a later one a target
    ("下辖9个行政村，2020年常住人口约2.1万人。", (2.1, "万人", 2020, "approx")),
    ("2025年污水集中处理率达到90%。", (90.0, "%", 2025, "ge")),
    # what the plan lays out (规划范围, 规划人口) holds at its end year
    ("镇区向东拓展，规划范围约310公顷。", (310.0, "公顷", 2035, "approx")),
    ("镇区规划人口1.5万人。", (1.5, "万人", 2035, "eq")),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_a_value_in_a_sentence_with_its_year_and_bound(text, expected):
    assert expected in values(text)


def test_indicator_cases_collected():
    assert len(CASES) >= 8


def test_a_year_that_ends_a_clause_does_not_carry_into_a_value_of_its_own():
    found = values("森林覆盖率现状为31.4%。")
    assert (31.4, "%", 2020, "eq") in found
    assert not any(year == 2035 for _, _, year, _ in found)


OVERVIEW = ("东沙镇国土空间总体规划（2021-2035年）\n岱山县东沙镇人民政府\n规划期限为2021年至2035年，以2020年为基期年。\n"
            "一、规划基础\n（一）镇域概况\n")


@pytest.mark.parametrize("body,expected", [
    ("东沙镇地处岱山县北部，镇域面积约96平方公里。", (96.0, "平方公里", 2020, "approx")),
    ("海岸线长约41公里，其中自然岸线长度为25公里。", (25.0, "公里", 2020, "eq")),
])
def test_a_measurement_in_an_overview_section_is_of_the_base_year(body, expected):
    ex = pipeline.extract(reader.parse(OVERVIEW + body + "\n", "plan.txt"))
    assert expected in {(q.value, q.unit, q.year, q.bound) for q in ex.quantities}


def test_a_measurement_outside_an_overview_section_keeps_no_year():
    assert (96.0, "平方公里", None, "approx") in values("东沙镇地处岱山县北部，镇域面积约96平方公里。")
