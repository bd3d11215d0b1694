""""X在哪个镇" when the plan places X in a village: the town the village lies in. An invented county plan,
extracted and stored by the real pipeline; no corpus sentence."""
from __future__ import annotations

from plankg import ask as A

PLAN = """岱山县国土空间总体规划（2021-2035年）
岱山县人民政府
一、综合交通
在东沙镇北岙村以北布局岱山通用机场，按A2级通用机场标准建设。
"""


def test_the_town_of_the_village(plan_store):
    res = A.ask(plan_store, "岱山县国土空间总体规划中，岱山通用机场布局在哪个镇？")
    assert [a["label"] for a in res["answers"]] == ["东沙镇"], (res["intent"], res["text"])


def test_the_village_when_a_village_is_asked(plan_store):
    res = A.ask(plan_store, "岱山县国土空间总体规划中，岱山通用机场布局在哪个村？")
    assert [a["label"] for a in res["answers"]] == ["北岙村"], (res["intent"], res["text"])
