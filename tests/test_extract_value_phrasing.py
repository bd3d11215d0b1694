"""A target stated as a manner of control ("按不超过…控制", "按照…以上控制"): the indicator, its bound and
its value, read like "不超过…". Sentences written for these tests; none is in a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract.quantities import extract_quantities

CASES = [
    ("到2035年，国土开发强度按不超过6.2%控制。", ("国土开发强度", 6.2, "%", "le")),
    ("镇区建设用地规模按照不超过185公顷控制。", ("镇区建设用地规模", 185.0, "公顷", "le")),
    ("新建居住区绿地率按35%以上控制。", ("新建居住区绿地率", 35.0, "%", "ge")),
    ("农村生活污水治理率按不低于60%考核。", ("农村生活污水治理率", 60.0, "%", "ge")),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_a_target_stated_as_a_manner_of_control(sentence, expected):
    found = [(q.indicator, q.value, q.unit, q.bound) for q in extract_quantities(sentence, 1, [], None, 2035, 2020)]
    assert expected in found


def test_cases_collected():
    assert len(CASES) == 4


def test_a_rate_per_person_is_no_target_of_the_lead_noun():
    # "按每人…": a per-capita standard the rate reader takes, not "用地按…" as an indicator value
    found = extract_quantities("人均公园绿地面积按每人12平方米配置。", 1, [], None, 2035, 2020)
    assert all(q.indicator != "人均公园绿地面积按" for q in found)
