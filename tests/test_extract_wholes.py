"""Places that make up a larger whole (extract/structures.py): "A与B、C共同组成X", "A纳入X和Y",
"A是X的核心区域"; a part of the plan's own territory ("县域中部还是X的主要分布地") locates X in the
plan's region. Phrasings written for these tests (a made-up 岱山县 plan in Zhoushan)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n规划期限为2021年至2035年。\n第二章 区域协同\n"

CASES = [
    ("在舟山市“一核两翼”的格局中，岱山县与嵊泗县共同组成北部海洋经济翼。",
     [("岱山县", "pk:partOf", "北部海洋经济翼"), ("嵊泗县", "pk:partOf", "北部海洋经济翼")]),
    ("岱山县、嵊泗县和普陀区共同构成舟山北部渔业集聚区。",
     [("普陀区", "pk:partOf", "北部渔业集聚区"), ("岱山县", "pk:partOf", "北部渔业集聚区")]),
    ("落实舟山市农业发展布局，岱山县纳入海水养殖产业集聚区和远洋渔业产业集聚区。",
     [("岱山县", "pk:partOf", "海水养殖产业集聚区"), ("岱山县", "pk:partOf", "远洋渔业产业集聚区")]),
    ("岱山县整体纳入舟山群岛海洋生态经济带。", [("岱山县", "pk:partOf", "舟山群岛海洋生态经济带")]),
    ("岱山县是舟山市绿色石化产业集聚区的核心区域。", [("岱山县", "pk:partOf", "绿色石化产业集聚区")]),
    ("岱山县为长三角海洋旅游经济带的重要组成部分，应加强协同。", [("岱山县", "pk:partOf", "长三角海洋旅游经济带")]),
    ("县域北部还是紫菜产业集聚区的主要分布地。", [("紫菜产业集聚区", "pk:locatedIn", "岱山县")]),
    ("嵊泗县与岱山县一起组成舟山北部海洋牧场集聚区。", [("嵊泗县", "pk:partOf", "北部海洋牧场集聚区")]),
]


def _relations(text: str) -> set[tuple[str, str, str]]:
    ex = pipeline.extract(reader.parse(HEAD + text + "\n", "plan.txt"))
    label = lambda ref: ex.entities[ref.key].label if ref.key in ex.entities else ref.name  # noqa: E731
    return {(label(r.subject), r.predicate, label(r.object)) for r in ex.relations}


def test_cases_collected():
    assert len(CASES) == 8


@pytest.mark.parametrize("text,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_places_are_part_of_the_whole_they_make_up(text, expected):
    got = _relations(text)
    for rel in expected:
        assert rel in got, (rel, sorted(got))


def test_a_thing_that_is_no_place_makes_up_no_whole():
    got = _relations("生态保护红线纳入国土空间规划一张图。")
    assert not any(p == "pk:partOf" and s == "生态保护红线" for s, p, _ in got)
