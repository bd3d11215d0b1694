"""A control line's area stated by the line's own name ("县域划定生态保护红线不少于…公顷", "城镇开发边界控制在…以内",
"永久基本农田不低于…万亩") is that indicator's value; land moved into or out of a line ("补划永久基本农田…",
"调出生态保护红线…") is no area of it. Phrasings written for these tests."""
from __future__ import annotations

from plankg.extract import pipeline, reader

TEXT = ("岢岚县国土空间总体规划（2021-2035年）\n岢岚县人民政府\n"
        "县域划定生态保护红线不少于5260公顷，城镇开发边界控制在320公顷以内，永久基本农田不低于2.1万亩。\n"
        "规划期内补划永久基本农田560公顷，调出生态保护红线12公顷。\n")


def test_a_line_s_area_by_its_own_name():
    ex = pipeline.extract(reader.parse(TEXT, "plan.md"))
    got = {(q.indicator, q.value, q.bound) for q in ex.quantities}
    assert {("生态保护红线面积", 5260.0, "ge"), ("城镇开发边界面积", 320.0, "le"), ("永久基本农田保护面积", 2.1, "ge")} <= got, got
    assert not [q for q in ex.quantities if q.value in (560.0, 12.0)], got
