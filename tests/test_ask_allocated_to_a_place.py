""""分解给X镇的…是多少": the value of the place asked comes first, even when the plan also quotes what its
higher plan allocated to the plan's own region (an Allocation of another place). An invented county plan for
岱山县, extracted and stored by the real pipeline; no corpus sentence."""
from __future__ import annotations

from plankg import ask as A

PLAN = """岱山县国土空间总体规划（2021-2035年）
岱山县人民政府
规划期限为2021年至2035年。
一、上位规划要求
市级规划分解下达岱山县的耕地保有量不低于3.40万亩。
到2035年，全县生态保护红线面积不低于5200公顷。
二、分乡镇指引
### 东沙镇
全镇耕地保有量不低于0.52万亩，到2035年生态保护红线面积不低于310公顷。
"""


def test_the_asked_place_s_value_comes_first(plan_store):
    res = A.ask(plan_store, "岱山县国土空间总体规划中，分解给东沙镇的耕地保有量是多少万亩？")
    assert res["answers"] and res["answers"][0]["value"] == "0.52", (res["intent"], res["text"])


def test_the_quoted_allocation_answers_for_the_plan_s_region(plan_store):
    res = A.ask(plan_store, "市级规划分解下达岱山县的耕地保有量是多少万亩？")
    assert res["answers"] and res["answers"][0]["value"] == "3.4", (res["intent"], res["text"])



def test_no_place_asked_the_plan_s_own_region_comes_first(plan_store):
    # the township's 310 公顷 is stated in the county plan too, under the township's heading
    res = A.ask(plan_store, "岱山县国土空间总体规划中，全县生态保护红线面积不低于多少公顷？")
    assert res["answers"] and res["answers"][0]["value"] == "5200", (res["intent"], res["text"])
