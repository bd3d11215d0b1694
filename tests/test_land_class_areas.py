"""A land-use class printed right before an area is that class's area ("现状耕地…公顷、林地…公顷"): the plan's
base year when nothing makes it a target, the year or the plan's end when a year, a comparator or 规划 does; a
flow word before the class ("新增", "占用") makes it no stock. Phrasings written for these tests."""
from __future__ import annotations

import pytest

from plankg.extract.quantities import extract_quantities

STOCKS = [
    ("乡域现有水田812公顷，旱地2330公顷，灌木林地640公顷。",
     {("水田面积", 812.0, 2019), ("旱地面积", 2330.0, 2019), ("灌木林地面积", 640.0, 2019)}),
    ("其中园地0.35万亩、天然牧草地1.6万亩、坑塘水面42亩。",
     {("园地面积", 0.35, 2019), ("天然牧草地面积", 1.6, 2019), ("坑塘水面面积", 42.0, 2019)}),
    ("2019年底林地面积为5120.6公顷，其他土地318公顷。",
     {("林地面积", 5120.6, 2019), ("其他土地面积", 318.0, 2019)}),
]
TARGETS = [
    ("至2040年，乡域林地不少于5300公顷，湿地约95公顷。", {("林地面积", 5300.0, 2040, "ge"), ("湿地面积", 95.0, 2040, "approx")}),
    ("规划园地控制在260公顷以内。", {("园地面积", 260.0, 2040, "le")}),
]
FLOWS = ["近期拟占用耕地18公顷用于道路拓宽。", "通过整治补充耕地56公顷。", "规划期间退耕还林地120公顷。"]


def test_cases_collected():
    assert (len(STOCKS), len(TARGETS), len(FLOWS)) == (3, 2, 3)


def _read(text: str):
    return extract_quantities(text, 0, [], None, 2040, 2019)


@pytest.mark.parametrize("text,expected", STOCKS, ids=["plain", "after-qizhong", "with-year"])
def test_a_class_before_an_area_is_its_stock(text, expected):
    got = {(q.indicator, q.value, q.year) for q in _read(text) if q.kind == "Measurement"}
    assert expected <= got, got


@pytest.mark.parametrize("text,expected", TARGETS, ids=["year", "planned"])
def test_a_year_or_comparator_makes_it_a_target(text, expected):
    got = {(q.indicator, q.value, q.year, q.bound) for q in _read(text) if q.kind == "Target"}
    assert expected <= got, got


@pytest.mark.parametrize("text", FLOWS, ids=["occupy", "replenish", "return"])
def test_a_flow_is_no_stock_of_the_class(text):
    assert not [q for q in _read(text) if q.indicator.endswith(("耕地面积", "林地面积"))]


def test_an_indicator_named_in_full_keeps_its_name():
    got = [(q.indicator, q.value) for q in _read("到2040年耕地保有量不低于4810公顷。")]
    assert got == [("耕地保有量", 4810.0)]
