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


# ---------------------------------------------------------------- whose value: quoted, or of a section's division
from plankg.extract import pipeline, reader  # noqa: E402

COUNTY = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n规划期限为2021年至2035年。\n"


def quantities(body: str):
    return pipeline.extract(reader.parse(COUNTY + body + "\n", "plan.md")).quantities


QUOTED = [
    "市级规划分解下达本县的城乡建设用地规模不超过41.2平方公里。",
    "《舟山市国土空间总体规划（2021-2035年）》确定岱山县耕地保有量不低于3.1万亩。",
    "上位规划对岱山县明确的国土开发强度不超过6.5%。",
]


@pytest.mark.parametrize("sentence", QUOTED, ids=[str(i) for i in range(len(QUOTED))])
def test_a_value_quoted_from_the_higher_plan_is_its_allocation(sentence):
    [q] = [q for q in quantities(sentence) if q.value is not None and q.unit != "年"]
    assert q.kind == "Allocation"


def test_the_plan_s_own_target_stays_a_target():
    [q] = [q for q in quantities("到2035年，全县城乡建设用地规模不超过40.8平方公里。") if q.unit == "平方公里"]
    assert q.kind == "Target"


def test_a_value_under_a_division_s_heading_is_that_division_s():
    body = "## 分乡镇指引\n\n### 2.东沙镇\n\n镇政府驻地为东沙村，全镇辖12个行政村，生态保护红线面积为310公顷。\n"
    found = {q.indicator: [a.name for a in q.areas] for q in quantities(body) if q.unit in ("个", "公顷")}
    assert found == {"行政村数量": ["东沙镇"], "生态保护红线面积": ["东沙镇"]}


def test_quoted_cases_collected():
    assert len(QUOTED) == 3
