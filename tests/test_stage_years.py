"""A stage of the plan printed with its year in brackets ("近期目标（2026年）：…", "中期（2030）：…") dates the values
of its item, however far into the item they stand. Phrasings written for these tests."""
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
