"""Plan mentions (extract/plan_mentions.py): a plan node only for a plan's name or title, never for a
sentence that ends in 规划. Sentences written for these tests (a made-up 岱山县 plan); no line comes
from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader
from plankg.extract.plan_mentions import is_plan_name

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"


def plan_labels(body: str) -> set[str]:
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.txt"))
    return {e.label for e in ex.entities.values() if e.ref.kind == "Plan"}


# (sentence, labels that must not become plans)
NOT_PLANS = [
    ("任何单位和个人不得擅自修改本规划。", {"人不得擅自修改本规划", "修改本规划", "擅自修改本规划"}),
    ("岱山县各乡镇国土空间总体规划必须以本规划为依据。", {"各乡镇国土空间总体规划必须以本规划", "必须以本规划", "以本规划"}),
    ("编制中综合上位规划和相关专项规划的要求。", {"综合上位规划", "上位规划", "相关专项规划"}),
    ("本次交通规划与总体规划同步编制。", {"本次交通规划"}),
    ("各专项规划应当与本规划相衔接。", {"各专项规划", "与本规划"}),
    ("本规划自批准之日起施行。", {"本规划"}),
    ("下位规划应落实本规划确定的约束性指标。", {"下位规划", "落实本规划"}),
    ("实施中应逐项对接县级规划。", {"逐项对接县级规划", "对接县级规划"}),
    ("岱山县规划和自然资源局负责解释。", {"岱山县规划"}),
    ("规划期内每年对本规划实施情况进行评估。", {"每年对本规划"}),
]


@pytest.mark.parametrize("sentence,forbidden", NOT_PLANS)
def test_sentences_with_gui_hua_are_not_plans(sentence, forbidden):
    labels = plan_labels(sentence)
    assert not labels & forbidden, labels
    assert all(is_plan_name(label) for label in labels)


# (sentence, the plan name it names)
PLANS = [
    ("本规划依据舟山市国土空间总体规划编制。", "舟山市国土空间总体规划"),
    ("乡镇国土空间总体规划应落实本规划的约束性指标。", "乡镇国土空间总体规划"),
    ("中心城区详细规划由县人民政府审批。", "中心城区详细规划"),
    ("岱山县综合交通专项规划同步开展。", "岱山县综合交通专项规划"),
    ("村庄规划应做到应编尽编。", "村庄规划"),
    ("县（市、区）国土空间总体规划须落实分解指标。", "县（市、区）国土空间总体规划"),
    ("岱山县城镇体系规划同时废止。", "岱山县城镇体系规划"),
    ("与岱山县海洋功能区规划相衔接。", "岱山县海洋功能区规划"),
]


@pytest.mark.parametrize("sentence,name", PLANS)
def test_plan_names_are_plans(sentence, name):
    assert name in plan_labels(sentence)


WORDS = [  # (a span ending in 规划, the division names it starts with, is it a plan's name?)
    ("上位规划", (), False), ("上级规划", (), False), ("各专项规划", (), False), ("本轮规划", (), False),
    ("一次规划", (), False), ("协调各专项规划", (), False), ("岱山县规划", ("岱山县",), False),
    ("为本规划", (), False), ("综合上位规划", (), False), ("详细规划", (), True), ("专项规划", (), True), ("岱山县国土空间总体规划", ("岱山县",), True),
    ("市级国土空间总体规划", (), True), ("中心城区规划", (), True), ("全国国土规划纲要", (), True),
]


@pytest.mark.parametrize("span,places,expected", WORDS)
def test_is_plan_name(span, places, expected):
    assert is_plan_name(span, places) is expected


def test_case_counts():
    assert (len(NOT_PLANS), len(PLANS), len(WORDS)) == (10, 8, 15)


def related(body: str) -> set[str]:
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.txt"))
    return {ex.entities[o.key].label for p, o, _ in ex.plan_relations if p == "eli:related_to"}


# (sentence, the plan it relates this plan to)
RELATED = [
    ("积极与省国土空间总体规划相衔接，强化县-乡镇传导。", "省国土空间总体规划"),
    ("结合国民经济和社会发展十四五规划安排近期项目。", "国民经济和社会发展十四五规划"),
    ("做好与舟山市综合交通专项规划的协调。", "舟山市综合交通专项规划"),
    ("依据舟山市国土空间总体规划确定的指标。", "舟山市国土空间总体规划"),
    ("落实浙江省海岸带综合保护与利用规划的要求。", "浙江省海岸带综合保护与利用规划"),
    ("与岱山县林地保护利用规划做好对接。", "岱山县林地保护利用规划"),
    ("统筹海洋经济和渔业发展规划的空间需求。", "海洋经济和渔业发展规划"),
    ("参照舟山市历史文化名城保护规划划定保护线。", "舟山市历史文化名城保护规划"),
]
NOT_RELATED = [  # a plan type, this plan itself, or a plan named with no relating word
    "与详细规划相衔接。",
    "本规划与岱山县国土空间总体规划同步公布。",
    "舟山市综合交通专项规划已经批复。",
]


@pytest.mark.parametrize("sentence,name", RELATED)
def test_related_plans(sentence, name):
    assert name in related(sentence)


@pytest.mark.parametrize("sentence", NOT_RELATED)
def test_not_related(sentence):
    assert not related(sentence)


MORE_WORDS = [  # a body acting on a plan, a list of plan types running into a count
    ("岱山县水利局会同县规划", ("岱山县",), False), ("专项规划三级三类国土空间规划", (), False),
    ("县林业局组织规划", (), False), ("详细规划两级国土空间规划", (), False),
    ("国民经济和社会发展十四五规划", (), True), ("岱山县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", ("岱山县",), True),
    ("省国土空间总体规划", (), True), ("海洋经济和渔业发展规划", (), True),
]


@pytest.mark.parametrize("span,places,expected", MORE_WORDS)
def test_more_plan_names(span, places, expected):
    assert is_plan_name(span, places) is expected


def test_related_case_counts():
    assert (len(RELATED), len(NOT_RELATED), len(MORE_WORDS)) == (8, 3, 8)
