""""X规划的上位规划有哪些": the master plans the plan cites that cover a region above its own — also when the
store does not hold them (known by their identifier: a division's master plan) — and never a law or another
kind of plan of its own region. An invented county plan, extracted and stored by the real pipeline."""
from __future__ import annotations

from plankg import ask as A

PLAN = """岱山县国土空间总体规划（2021-2035年）
岱山县人民政府
一、规划依据
本规划依据《中华人民共和国土地管理法》《浙江省国土空间规划（2021-2035年）》《舟山市国土空间总体规划（2021-2035年）》
和《岱山县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》编制。
"""


def test_the_cited_higher_master_plans(plan_store):
    res = A.ask(plan_store, "岱山县国土空间总体规划的上位规划有哪些？")
    got = {a["label"] for a in res["answers"]}
    assert got == {"浙江省国土空间规划（2021-2035年）", "舟山市国土空间总体规划（2021-2035年）"}, res["text"]


def test_a_level_asked_keeps_the_cited_plans_of_that_level(plan_store):
    res = A.ask(plan_store, "岱山县国土空间总体规划落实的市级上位规划是哪一部？")
    assert [a["label"] for a in res["answers"]] == ["舟山市国土空间总体规划（2021-2035年）"], res["text"]
