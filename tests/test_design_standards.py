"""A design standard a plan sets ("县城防洪标准为50年一遇", "不低于20年一遇") is a target of the plan's end year; one
stated as the present ("现状…为20年一遇") is not. Phrasings written for these tests."""
from __future__ import annotations

from plankg.extract import pipeline, reader

TEXT = ("岢岚县国土空间总体规划（2021-2035年）\n岢岚县人民政府\n"
        "防洪设防标准按以下要求确定：1.县城防洪标准为50年一遇；2.重点镇防洪标准不低于20年一遇。\n"
        "现状县城防洪标准为20年一遇。\n")


def test_a_standard_the_plan_sets_is_a_target_of_its_end_year():
    got = {(q.indicator, q.value, q.year, q.kind) for q in pipeline.extract(reader.parse(TEXT, "plan.txt")).quantities}
    assert {("县城防洪标准", 50.0, 2035, "Target"), ("重点镇防洪标准", 20.0, 2035, "Target")} <= got, got
    assert not [x for x in got if x[0].startswith("现状") and x[2] == 2035], got
