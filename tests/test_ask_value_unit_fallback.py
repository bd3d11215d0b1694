"""A value question the yearly check takes first ("2025年…控制值是多少公顷") falls back to the plan's own values
when no observation is stored, and keeps the unit asked: the value stated in another unit is restated in it.
An invented county plan for 岱山县, extracted and stored by the real pipeline; no corpus sentence."""
from __future__ import annotations

import pytest

from plankg import ask as A

PLAN = """岱山县国土空间总体规划（2021-2035年）
岱山县人民政府
第一章 规划目标
近期2025年，城乡建设用地规模≤16.2平方千米，到2035年控制在17平方千米以内。
"""


@pytest.mark.parametrize("q,first", [
    ("岱山县2025年城乡建设用地规模的控制值是多少公顷？", "1620"),
    ("岱山县2025年城乡建设用地规模是多少平方千米？", "16.2"),
])
def test_the_asked_unit_is_kept(plan_store, q, first):
    res = A.ask(plan_store, q)
    assert res["answers"] and res["answers"][0]["value"] == first, (res["intent"], res["text"])
