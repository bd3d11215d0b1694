""""市级确定的重点镇有哪些": a level word before a verb of deciding names who decided, not the level of the towns
asked for. An invented county plan, extracted and stored by the real pipeline; no corpus sentence."""
from __future__ import annotations

from plankg import ask as A

PLAN = """岱山县国土空间总体规划（2021-2035年）
岱山县人民政府
一、城镇体系
东沙镇、岱西镇两镇为市级确定的重点镇，岱东镇为一般镇。
"""


def test_the_towns_a_higher_level_decided(plan_store):
    res = A.ask(plan_store, "岱山县国土空间总体规划中，市级确定的重点镇有哪些？")
    assert {a["label"] for a in res["answers"]} == {"岱西镇", "东沙镇"}, (res["intent"], res["text"])
