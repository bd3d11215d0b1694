"""Years in brackets: a stage of the plan printed with its year ("近期目标（2026年）：…", "中期（2030）：…") dates the
values of its item, however far into the item they stand; a year right after an indicator's name ("湿地保护率（2020年）
为48%") dates its value; and a measure in brackets after a division ("高亭镇（面积48.6平方公里）") is that division's.
Phrasings written for these tests."""
from __future__ import annotations

import pytest

from plankg.extract.quantities import extract_quantities

CASES = [
    ("1. 近期目标（2026年）：控制线全面落地，污水处理站建成运行，湿地保护率达到62%。", 2026),
    ("（2）远期目标（2035年）：生态格局稳固，湿地保护率达到70%。", 2035),
    ("中期（2030）：各村完成整治，湿地保护率不低于66%。", 2030),
]


def test_cases_collected():
    assert len(CASES) == 3


@pytest.mark.parametrize("text,year", CASES, ids=[str(i) for i in range(len(CASES))])
def test_a_stage_with_its_year_dates_the_items_values(text, year):
    got = [(q.indicator, q.year) for q in extract_quantities(text, 0, [], None, 2035, 2020)]
    assert ("湿地保护率", year) in got


BRACKETED = [("全市湿地保护率（2020年）为48%。", ("湿地保护率", 2020, 48.0)),
             ("全县林地保有量（2035年）不低于31.2万亩。", ("林地保有量", 2035, 31.2))]


@pytest.mark.parametrize("text,expected", BRACKETED, ids=["base", "target"])
def test_a_year_in_brackets_after_the_name_dates_the_value(text, expected):
    got = [(q.indicator, q.year, q.value) for q in extract_quantities(text, 0, [], None, 2035, 2020)]
    name, year, value = expected  # (the name as printed, its place word still on: the pipeline takes it off)
    assert any(i.endswith(name) and (y, v) == (year, value) for i, y, v in got), got


def test_a_measure_in_brackets_after_a_division_is_its_measure():
    from plankg.extract import pipeline, reader

    ex = pipeline.extract(reader.parse("岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n"
                                       "高亭镇（面积48.6平方公里）位于县境南部。\n", "plan.md"))
    assert [(q.indicator, [a.name for a in q.areas]) for q in ex.quantities if q.value == 48.6] == [("面积", ["高亭镇"])]
