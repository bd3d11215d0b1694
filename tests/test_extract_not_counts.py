"""Words that look like counted lists and are not: 一 that begins a word ("一般乡镇", "一体化"), 三者 pointing
back at what was just named, and 一 as an article before several things ("…各保留一条视线通廊"). A real list
of one ("1个县城——高亭镇") and a slogan's part ("一核") stay. Phrasings written for these tests."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n一、总体格局\n"


def groups(body: str) -> dict[str, int | None]:
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.txt"))
    return {g.label: g.declared_count for g in ex.groups}


NOT_GROUPS = [
    ("3.一般乡镇\n\n其余5个乡镇为一般乡镇，分为渔业型和旅游型两类。", "一般乡镇"),
    ("本规划把岱山的定位概括为三句话：海上花园城、海洋经济强县、东海渔都。三者之中，海洋经济是基本盘。", "三者之中"),
    ("自灯塔向东、西两个方向各保留一条观海视线通廊，通廊内建筑限高12米。", "一条观海视线通廊"),
]
GROUPS = [
    ("全县城镇体系为1个县城——高亭镇，以及3个重点镇——东沙镇、岱西镇、岱东镇。", "1个县城", 1),
    ("规划形成“一核两带”格局。一核：高亭镇区综合服务核。", "一核", 1),
]


@pytest.mark.parametrize("text,label", NOT_GROUPS, ids=[c[1] for c in NOT_GROUPS])
def test_no_counted_group(text, label):
    assert label not in groups(text)


@pytest.mark.parametrize("text,label,declared", GROUPS, ids=[c[1] for c in GROUPS])
def test_a_list_of_one_and_a_slogan_part_stay(text, label, declared):
    assert groups(text).get(label, "missing") == declared


def test_cases_collected():
    assert (len(NOT_GROUPS), len(GROUPS)) == (3, 2)
