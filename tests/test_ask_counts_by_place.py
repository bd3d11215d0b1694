"""Counts and values shared out over places: "在A镇规划…多少座" is A镇's share (A镇 is where, not whose plan); "全县共
规划…多少座" the plan's target before the present stock; "…最多的是哪个乡镇" the place ranked first among the places
the plan gives the count for (not the county they make up); "划定的生态保护红线不少于多少公顷" reads the value stated
under either wording of the indicator (生态保护红线 / 生态保护红线面积); a cell printed "≥40.0" answers as 40.0; "X的建设地点是哪个村" is the village X is built in. An
invented county plan for 岢岚县, extracted and stored by the real pipeline; no corpus sentence."""
from __future__ import annotations

import pytest

from plankg import ask as A

PLAN = """岢岚县国土空间总体规划（2021-2035年）
岢岚县人民政府
规划期限为2021年至2035年，基期年为2020年。
一、现状
截至2020年，全县建成消防站4座。
| 序号 | 指标名称 | 单位 | 基期年（2020年） | 规划目标年（2035年） | 属性 |
| --- | --- | --- | --- | --- | --- |
| 1 | 生态保护红线 | 公顷 | 4980 | — | 约束性 |
| 2 | 森林覆盖率 | % | 31.5 | ≥40.0 | 预期性 |
二、防灾设施
全县共规划消防站12座，各乡镇配置为：1.岚漪镇5座；2.三井镇4座；3.温泉乡3座。
三、生态保护
县域划定生态保护红线不少于5260公顷。
四、近期项目
1. 项目名称：岚漪河护岸整治工程；建设地点：王家岔村；建设年限：2023—2026年；投资估算：1850万元
"""


@pytest.mark.parametrize("question,first", [
    ("岢岚县国土空间总体规划全县共规划消防站多少座？", "12"),
    ("岢岚县国土空间总体规划在三井镇规划消防站多少座？", "4"),
    ("岢岚县国土空间总体规划划定的生态保护红线不少于多少公顷？", "5260"),
], ids=["whole", "share", "other-wording"])
def test_the_value_asked_comes_first(plan_store, question, first):
    res = A.ask(plan_store, question)
    assert res["answers"] and res["answers"][0]["value"] == first, (res["intent"], res["text"])


def test_the_place_ranked_first(plan_store):
    res = A.ask(plan_store, "岢岚县国土空间总体规划中，规划消防站数量最多的是哪个乡镇？")
    assert [a["label"] for a in res["answers"]] == ["岚漪镇"], (res["intent"], res["text"])


def test_a_cell_answers_as_printed(plan_store):
    res = A.ask(plan_store, "岢岚县国土空间总体规划中，到2035年森林覆盖率不低于多少？")
    assert res["answers"] and res["answers"][0]["label"] == "40.0%", (res["intent"], res["text"])


def test_the_village_a_project_is_built_in(plan_store):
    res = A.ask(plan_store, "岢岚县国土空间总体规划中，岚漪河护岸整治工程的建设地点是哪个村？")
    assert [a["label"] for a in res["answers"]] == ["王家岔村"], (res["intent"], res["text"])
