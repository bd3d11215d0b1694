"""The junk-label count of bench/extract_eval.py: a label that is another label of the same plan with
a word glued on that no name carries (invented names of a fictional 岱山县 plan)."""
from __future__ import annotations

import pytest

from plankg.extract.names import junk_labels

# (labels of one plan, the junk among them)
CASES = [
    (["青岚镇", "以青岚镇"], ["以青岚镇"]),  # a preposition in front
    (["青岚镇", "规划以青岚镇"], ["规划以青岚镇"]),  # a verb phrase ending in a preposition
    (["鹭江大桥", "发挥鹭江大桥"], ["发挥鹭江大桥"]),  # a verb in front
    (["白沙河综合治理工程", "一是白沙河综合治理工程"], ["一是白沙河综合治理工程"]),  # an ordinal in front
    (["石门村", "石门村五个村"], ["石门村五个村"]),  # a count behind
    (["东岭植绿护坡、修复矿山生态工程", "修复矿山生态工程"], ["修复矿山生态工程"]),  # the tail of a 、-joined name
    (["岱山县规划和自然资源局", "自然资源局", "规划和自然资源局"], []),  # 和 inside an office's name
    (["三横两纵", "两纵"], []),  # a slogan's parts are numerals, not ordinals
    (["南湾镇", "湾镇"], []),  # a direction word is part of the name
    (["云台山森林公园", "台山森林公园"], []),
    (["临港物流园、金沙物流园", "金沙物流园"], []),  # two names listed, not one name cut
    (["翠屏湖", "关于翠屏湖"], ["关于翠屏湖"]),  # a lone preposition word
]


def test_case_count():
    assert len(CASES) == 12


@pytest.mark.parametrize(("labels", "junk"), CASES)
def test_junk_labels(labels, junk):
    assert junk_labels(labels) == junk
