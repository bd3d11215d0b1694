"""Counts in lists and sentences (extract/quantities.py): a count is named by the noun it counts, not by
the characters before it, and a numeral that is part of a word or a slogan counts nothing. Phrasings
written for these tests (a made-up 鹭屿市 plan); no line comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "鹭屿市历史文化保护专项规划（2021-2035年）\n规划基期年为2020年，近期至2025年，规划期限为2021-2035年。\n"


def counts(body: str) -> set[tuple[str, float]]:
    ex = pipeline.extract(reader.parse(HEAD + body, "plan.md"))
    return {(q.indicator, q.value) for q in ex.quantities if q.is_count}


NAMED = [  # (line, (name, value))
    ("- 确定公布历史建筑不少于60处；\n", ("历史建筑数量", 60.0)),
    ("- 渔港特色村由现状4个增加到不少于9个；\n", ("渔港特色村数量", 9.0)),
    ("- 省级及以上历史文化街区总数达到5个；\n", ("历史文化街区总数", 5.0)),
    ("- 完成海塘险段加固不少于8处；\n", ("海塘险段加固数量", 8.0)),
    ("- **历史文化名镇**（3个）\n", ("历史文化名镇数量", 3.0)),
    ("- 全市共有文物保护单位126处。\n", ("文物保护单位数量", 126.0)),
    ("- 新增挂牌保护古井不少于40处；\n", ("古井数量", 40.0)),
    ("- 规划建设博物馆3座。\n", ("博物馆数量", 3.0)),
]
NOT_COUNTS = [  # (line, a value that must not be read as a count)
    ("- 保护十字街贯通的卫城格局。\n", 10.0),
    ("- 保护线全部纳入“一张图”管理。\n", 1.0),
]


@pytest.mark.parametrize("body,expected", NAMED)
def test_a_count_is_named_by_its_noun(body, expected):
    got = counts(body)
    assert expected in got, got


@pytest.mark.parametrize("body,value", NOT_COUNTS)
def test_a_numeral_inside_a_word_counts_nothing(body, value):
    assert not any(v == value for _, v in counts(body))


def test_count_cases():
    assert (len(NAMED), len(NOT_COUNTS)) == (8, 2)


def named_values(body: str) -> set[tuple[str, float]]:
    ex = pipeline.extract(reader.parse(HEAD + body, "plan.md"))
    return {(q.indicator, q.value) for q in ex.quantities}


LEVELS = [  # (parent key, sub-item, expected (name, value)): a level of the class above names the value
    ("文物保护单位", "国家级（全国重点文物保护单位）：9处", ("全国重点文物保护单位", 9.0)),
    ("文物保护单位", "省级：21处", ("省级文物保护单位", 21.0)),
    ("传统村落", "国家级：4个", ("国家级传统村落", 4.0)),
    ("历史建筑", "市级：35处", ("市级历史建筑", 35.0)),
    ("非物质文化遗产代表性项目", "省级（省级非物质文化遗产代表性项目）：12项", ("省级非物质文化遗产代表性项目", 12.0)),
    ("自然保护地", "国家级：2处", ("国家级自然保护地", 2.0)),
    ("风景名胜区", "省级：3处", ("省级风景名胜区", 3.0)),
    ("文物保护单位", "县级（县级文物保护单位）：140处", ("县级文物保护单位", 140.0)),
]


@pytest.mark.parametrize("parent,item,expected", LEVELS)
def test_a_level_sub_item_is_named_with_its_class(parent, item, expected):
    got = named_values(f"- **{parent}**：全市现有若干，其中：\n  - **{item.split('：')[0]}**：{item.split('：')[1]}；\n")
    assert expected in got, got


def test_a_part_that_is_no_level_keeps_its_key():
    got = named_values("- **划定规模**：按类型分——\n  - 林地类：120公顷；\n")
    assert not any(name.endswith("划定规模") and name != "划定规模" for name, _ in got), got


def test_level_cases():
    assert len(LEVELS) == 8


YEARS_NAMED = [  # sub-items that name a year of the plan measure nothing
    "- **规划期限**：2021—2035年。\n  - 基期年：2020年；\n  - 近期：2025年；\n",
    "- **规划期限**\n  - 现状基准年：2020年\n  - 目标年：2035年\n",
]


@pytest.mark.parametrize("body", YEARS_NAMED)
def test_a_plan_year_sub_item_is_no_value(body):
    assert not any(name.startswith("规划期限：") for name, _ in named_values(body))


AFTER = [  # a numeral before its noun: the count is named by the nouns that follow, not the verb after them
    ("司马湾村、东屿村两个中心村分别服务东西两片。\n", ("中心村数量", 2.0)),
    ("全县划分为三个片区，分区引导。\n", ("片区数量", 3.0)),
    ("依托市、县、乡、村四级河长体系推进保护。\n", ("河长体系数量", 4.0)),
    ("规划建设两条城市发展轴。\n", ("城市发展轴数量", 2.0)),
    ("其中共有12项指标为约束性指标。\n", ("指标数量", 12.0)),
    ("以东溪、西溪两条源头河流为重点开展治理。\n", ("源头河流数量", 2.0)),
    ("全域形成三大功能板块。\n", ("功能板块数量", 3.0)),
    ("镇域划定三条控制线。\n", ("控制线数量", 3.0)),
]


@pytest.mark.parametrize("body,expected", AFTER)
def test_a_count_before_its_noun(body, expected):
    got = counts(body)
    assert expected in got, got


def test_after_cases():
    assert len(AFTER) == 8
