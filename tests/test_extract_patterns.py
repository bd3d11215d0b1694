"""Named patterns (extract/patterns.py) on phrasings written for these tests: the plan's own 格局 /
空间结构 → the plan (or the area it is built for) hasPattern a Strategy; a pattern carried over from a
higher plan is not the plan's. Made-up plan for 岱山县; no sentence comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"


def extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body, "plan.txt"))


def label(ex, ref) -> str:
    return ex.entities[ex.canonical(ref).key].label


def own_patterns(ex) -> set[str]:
    return {label(ex, ref) for predicate, ref, _ in ex.plan_relations if predicate == "pk:hasPattern"}


PLAN_PATTERNS = [
    ("规划形成“一轴两带三片”的生态保护格局。", {"一轴两带三片"}),
    ("3.1 “两源一干多支”格局", {"两源一干多支"}),
    ("构建“一核两翼”总体格局，引导人口向县城集聚。", {"一核两翼"}),
    ("打造“三廊五区”空间格局。", {"三廊五区"}),
    ("落实上位规划提出的“一心两轴”总体格局。", set()),
    ("规划落实市级规划确定的“四区一带”格局，形成“一河两岸”的滨水格局。", {"一河两岸"}),
    ("“蓝绿交织”的生态格局基本形成。", {"蓝绿交织"}),
    ("衔接“双核联动”发展格局。", set()),
    ("县域构建“一心两轴三区”的空间结构。", {"一心两轴三区"}),
]


@pytest.mark.parametrize("text,expected", PLAN_PATTERNS, ids=[str(i) for i in range(len(PLAN_PATTERNS))])
def test_the_plans_own_patterns(text, expected):
    assert own_patterns(extract(text + "\n")) == expected


AREA_PATTERNS = [
    ("中心城区形成“一湾两岛、一轴多片”的空间结构。", "中心城区", "一湾两岛、一轴多片"),
    ("高亭镇构建“一核两带”的镇域格局。", "高亭镇", "一核两带"),
    ("主城区逐步形成“一心三片”的空间布局。", "主城区", "一心三片"),
    ("东沙镇规划形成“一街两区”空间结构。", "东沙镇", "一街两区"),
    ("中心城区着力打造“两山夹一城”的总体格局。", "中心城区", "两山夹一城"),
    ("岱西镇将构建“一带三园”空间格局。", "岱西镇", "一带三园"),
    ("城区构建“一环四射”的空间结构。", "城区", "一环四射"),
    ("衢山镇塑造“山海相依”的空间格局。", "衢山镇", "山海相依"),
]


@pytest.mark.parametrize("text,area,pattern", AREA_PATTERNS, ids=[a[1] + str(i) for i, a in enumerate(AREA_PATTERNS)])
def test_a_pattern_built_for_an_area_belongs_to_the_area(text, area, pattern):
    ex = extract(text + "\n")
    found = {(label(ex, r.subject), label(ex, r.object)) for r in ex.relations if r.predicate == "pk:hasPattern"}
    assert (area, pattern) in found
    assert pattern not in own_patterns(ex)


DIVIDED = [
    ("镇区依托老街和码头一带建设，分为两个片区：老街片区以风貌保护为主；码头片区承载镇政府和集贸市场。", "岱山县",
     {"老街片区", "码头片区"}),
    ("中心城区划分为北部组团、南部组团和东部组团。", "中心城区", {"北部组团", "南部组团", "东部组团"}),
    ("县城由东港片区、西湾片区、北山片区组成。", "岱山县", {"东港片区", "西湾片区", "北山片区"}),
    ("高亭镇分为三个片区：海港片区、山林片区和田园片区。", "高亭镇", {"海港片区", "山林片区", "田园片区"}),
    ("县域划分为4个板块：海洋板块、港航板块、旅游板块和农渔板块。", "岱山县", {"海洋板块", "港航板块", "旅游板块", "农渔板块"}),
    ("东沙镇规划分成两个组团，即古镇组团与新区组团。", "东沙镇", {"古镇组团", "新区组团"}),
    ("主城区包括滨海片区、老城片区两个部分。", "主城区", {"滨海片区", "老城片区"}),
    ("镇区按功能分为三个分区：居住分区、商贸分区和产业分区。", "岱山县", {"居住分区", "商贸分区", "产业分区"}),
]


@pytest.mark.parametrize("text,whole,parts", DIVIDED, ids=[str(i) for i in range(len(DIVIDED))])
def test_an_area_divided_into_named_parts(text, whole, parts):
    ex = extract(text + "\n")
    found = {(label(ex, r.subject), label(ex, r.object)) for r in ex.relations if r.predicate == "pk:partOf"}
    assert {(part, whole) for part in parts} <= found


def test_phrasing_counts():
    for family in (PLAN_PATTERNS, AREA_PATTERNS, DIVIDED):
        assert len(family) >= 8
