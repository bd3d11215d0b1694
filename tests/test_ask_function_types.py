"""A township's function type as a plan coins it ("…型乡镇") is a role the chat can be asked about, also when
the question says 定位为 (the verb, not a positioning). An invented county plan for divisions of 舟山市, extracted
and stored by the real pipeline; no sentence comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg import ask as A

PLAN = """岱山县国土空间总体规划（2021-2035年）
岱山县人民政府
第一章 总则
岱山县辖高亭镇、东沙镇、岱西镇、岱东镇、衢山镇、长涂镇6个镇和秀山乡1个乡。
第二章 城镇体系
按主导职能，岱西镇、岱东镇等2个镇定位为海洋渔业型乡镇；东沙镇、秀山乡列为文化旅游型乡镇；衢山镇定位为港口物流型镇。
"""


@pytest.mark.parametrize("q,gold", [
    ("岱山县国土空间总体规划中定位为海洋渔业型乡镇的有哪些？", {"岱西镇", "岱东镇"}),
    ("岱山县国土空间总体规划中哪些乡镇是文化旅游型乡镇？", {"东沙镇", "秀山乡"}),
    ("岱山县国土空间总体规划把哪个镇定位为港口物流型镇？", {"衢山镇"}),
])
def test_the_places_of_a_function_type(plan_store, q, gold):
    res = A.ask(plan_store, q)
    assert {a["label"] for a in res["answers"]} == gold, res["text"]
    assert res["evidence"]
