"""Key–value lines (extract/keyvalues.py) on phrasings written for these tests: "【K】约V单位" and
"K：V单位" state a measurement named K; a bound with no year of its own holds for the plan period (its end year). Made-up plan for 岱山县; no line comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"


def extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body, "plan.txt"))


LINES = [
    ("【镇区规划范围】约186公顷", ("镇区规划范围", 186.0, "公顷", "approx", None)),
    ("【规划人口】约2.4万人", ("规划人口", 2.4, "万人", "approx", None)),
    ("规划面积：约412平方公里", ("规划面积", 412.0, "平方公里", "approx", None)),
    ("城镇开发边界：18.6平方千米左右", ("城镇开发边界", 18.6, "平方千米", "approx", None)),
    ("常住人口（2035年）：不少于9.5万人", ("常住人口", 9.5, "万人", "ge", 2035)),
    ("【建设用地规模】不超过1260公顷", ("建设用地规模", 1260.0, "公顷", "le", 2035)),
    ("森林覆盖率：45%以上", ("森林覆盖率", 45.0, "%", "ge", 2035)),
    ("【集镇区面积】：约36.5公顷。", ("集镇区面积", 36.5, "公顷", "approx", None)),
    ("村庄建设用地：≤320公顷", ("村庄建设用地", 320.0, "公顷", "le", 2035)),
]


@pytest.mark.parametrize("line,expected", LINES, ids=[e[0] for _, e in LINES])
def test_key_value_lines_are_measurements(line, expected):
    ex = extract(line + "\n")
    found = {(q.indicator, q.value, q.unit, q.bound, q.year) for q in ex.quantities}
    assert expected in found


def test_a_prose_sentence_with_a_colon_is_not_read_twice():
    ex = extract("主要目标：到2035年，森林覆盖率达到45%，湿地保护率不低于60%。\n")
    assert not any(q.indicator == "主要目标" for q in ex.quantities)


def test_phrasing_count():
    assert len(LINES) >= 8
