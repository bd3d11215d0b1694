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
