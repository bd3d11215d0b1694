"""Three constructions of running prose (extract/quantities.py), on phrasings written for these tests
(a made-up 岱山县 plan, base year 2020, end year 2035):
* a design standard as a return period ("城区防洪标准按百年一遇设防");
* a value that changes from the present to a target ("由2020年的X压减到Y以内");
* a stock of the whole territory or of what exists now, stated without a year ("全县现有…48处"): the base year."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = ("岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n规划期限为2021年至2035年，以2020年为基期年。\n"
        "第三章 支撑体系\n")


def values(body: str) -> set[tuple[float, str, int | None, str]]:
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.txt"))
    return {(q.value, q.unit, q.year, q.bound) for q in ex.quantities}


RETURN_PERIODS = [
    ("县城防洪标准按100年一遇设防。", (100.0, "年一遇", None, "eq")),
    ("东沙河干流堤防按30年一遇设防，支流按10年一遇设防。", (30.0, "年一遇", None, "eq")),
    ("东沙河干流堤防按30年一遇设防，支流按10年一遇设防。", (10.0, "年一遇", None, "eq")),
    ("中心城区排涝标准为20年一遇。", (20.0, "年一遇", None, "eq")),
    ("重点镇防洪标准达到五十年一遇。", (50.0, "年一遇", 2035, "ge")),  # raised to: a target
    ("高亭片区按二十年一遇标准设防。", (20.0, "年一遇", None, "eq")),
    ("海塘防潮标准提高到200年一遇。", (200.0, "年一遇", 2035, "ge")),
    ("城区雨水管渠按3年一遇排涝，易涝点整治完成。", (3.0, "年一遇", None, "eq")),
]

CHANGES = [
    ("村庄建设用地规模由2020年的18.40平方公里压减到16.20平方公里以内。",
     [(18.4, "平方公里", 2020, "eq"), (16.2, "平方公里", 2035, "le")]),
    ("工业用地面积从2020年的910公顷减少到860公顷。", [(910.0, "公顷", 2020, "eq"), (860.0, "公顷", 2035, "le")]),
    ("森林覆盖率由现状的21.5%提高到26%以上。", [(21.5, "%", 2020, "eq"), (26.0, "%", 2035, "ge")]),
    ("湿地保护率由2020年底的48%，到2030年提升到60%。", [(48.0, "%", 2020, "eq"), (60.0, "%", 2030, "ge")]),
    ("到2025年，人均城镇建设用地面积由138平方米降低到125平方米。", [(125.0, "平方米", 2025, "le")]),
    ("公园绿地面积由2020年的96公顷增加到150公顷。", [(96.0, "公顷", 2020, "eq"), (150.0, "公顷", 2035, "ge")]),
    ("地下水开采量由2020年的0.62亿立方米压减至0.50亿立方米以内。",
     [(0.62, "亿立方米", 2020, "eq"), (0.5, "亿立方米", 2035, "le")]),
    ("城镇开发边界内的居住用地比例由现状的31%调整到35%左右。", [(31.0, "%", 2020, "eq"), (35.0, "%", 2035, "approx")]),
]

STOCKS = [
    ("全县现有各级文物保护单位37处。", (37.0, "处", 2020, "eq")),
    ("全县168个行政村分为四类。", (168.0, "个", 2020, "eq")),
    ("目前全县现存古桥梁43座，全部挂牌保护。", (43.0, "座", 2020, "eq")),
    ("现有省级以上工业园区2个，分布在高亭镇。", (2.0, "个", 2020, "eq")),
    ("全市现有水库11座，总库容约2.3亿立方米。", (11.0, "座", 2020, "eq")),
    ("县域北部现有中小学校26所，布局分散。", (26.0, "所", 2020, "eq")),
    ("全镇共有9个行政村、41个自然村。", (9.0, "个", 2020, "eq")),
    ("现状农村公路总长度约860公里。", (860.0, "公里", 2020, "approx")),
]


def test_cases_collected():
    assert (len(RETURN_PERIODS), len(CHANGES), len(STOCKS)) == (8, 8, 8)


@pytest.mark.parametrize("text,expected", RETURN_PERIODS, ids=[str(i) for i in range(len(RETURN_PERIODS))])
def test_a_return_period_is_a_design_standard(text, expected):
    assert expected in values(text)


def test_a_review_cycle_is_not_a_return_period():
    found = values("规划实施一年一体检、五年一评估。")
    assert not any(unit == "年一遇" for _, unit, _, _ in found)


@pytest.mark.parametrize("text,expected", CHANGES, ids=[str(i) for i in range(len(CHANGES))])
def test_a_change_gives_the_present_value_and_the_target(text, expected):
    found = values(text)
    for row in expected:
        assert row in found, (row, found)


@pytest.mark.parametrize("text,expected", STOCKS, ids=[str(i) for i in range(len(STOCKS))])
def test_a_present_stock_is_of_the_base_year(text, expected):
    assert expected in values(text)


def test_a_stock_that_grows_to_a_target_is_not_a_present_stock():
    found = values("省级传统村落由现状6个增加到不少于10个。")
    assert not any(v == 10.0 and year == 2020 for v, _, year, _ in found)


# a common noun before a known indicator narrows it and stays; scope words and places go
NAMES = [
    ("到2035年，村庄建设用地规模控制在1620公顷以内。", "村庄建设用地规模"),
    ("其中村庄建设用地规模由2020年的18.40平方公里压减到16.20平方公里以内。", "村庄建设用地规模"),
    ("到2035年，县城建设用地规模不超过1280公顷。", "县城建设用地规模"),
    ("到2035年，全县建设用地规模控制在5300公顷以内。", "建设用地规模"),
    ("到2035年，岱山县建设用地规模控制在5300公顷以内。", "建设用地规模"),
    ("到2035年，全县城乡建设用地规模控制在4100公顷以内。", "城乡建设用地规模"),
    ("到2035年，农村建设用地规模压减到1500公顷以内。", "农村建设用地规模"),
    ("到2035年，其中建设用地规模不超过5200公顷。", "建设用地规模"),
]


def test_name_cases_collected():
    assert len(NAMES) == 8


@pytest.mark.parametrize("text,name", NAMES, ids=[str(i) for i in range(len(NAMES))])
def test_a_narrowing_noun_stays_with_the_indicator_name(text, name):
    ex = pipeline.extract(reader.parse(HEAD + text + "\n", "plan.txt"))
    assert name in {q.indicator for q in ex.quantities if q.unit in ("公顷", "平方公里")}
