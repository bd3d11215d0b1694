"""Project lists and project tables, on phrasings written for these tests: a sentence "…以下X：" and
the numbered items under it make a Group X; a project table's period column gives the period as
printed and its start/end years, a 建设性质 column the construction type, and "第a—b项为本规划新增"
marks those rows new in this plan. Made-up plan for 岱山县; no line comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"


def extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body, "plan.txt"))


def label(ex, ref) -> str:
    return ex.entities[ex.canonical(ref).key].label


OPENERS = [
    ("规划实施以下生态治理工程：\n1. 青龙河综合治理工程\n2. 凤鸣水库扩容工程\n3. 高亭镇海塘加固工程\n",
     "生态治理工程", {"青龙河综合治理工程", "凤鸣水库扩容工程", "高亭镇海塘加固工程"}),
    ("重点推进下列交通项目：\n（1）东沙镇渔港整治工程：新建码头两座；\n（2）岱西镇客运码头改建工程。\n",
     "交通项目", {"东沙镇渔港整治工程", "岱西镇客运码头改建工程"}),
    ("近期重点建设项目如下：\n① 衢山镇供水工程\n② 北峰水库除险加固工程\n",
     "近期重点建设项目", {"衢山镇供水工程", "北峰水库除险加固工程"}),
    ("规划安排以下3项水利工程：\n1. 凤鸣水库扩容工程\n2. 石门河堤防工程\n3. 柳林河清淤工程\n",
     "水利工程", {"凤鸣水库扩容工程", "石门河堤防工程", "柳林河清淤工程"}),
    ("全县布局以下农业产业园：\n1. 高亭镇渔业产业园\n2. 东沙镇海产品加工园\n",
     "农业产业园", {"高亭镇渔业产业园", "东沙镇海产品加工园"}),
    ("实施下列矿山修复工程：\n1）衢山镇废弃矿山复绿工程\n2）岱西镇采石场修复工程\n",
     "矿山修复工程", {"衢山镇废弃矿山复绿工程", "岱西镇采石场修复工程"}),
    ("县级重点项目包括：\n1. 岱山县城污水处理厂提标工程\n2. 秀山乡环岛公路工程\n",
     "县级重点项目", {"岱山县城污水处理厂提标工程", "秀山乡环岛公路工程"}),
    ("谋划以下文化旅游项目：\n1. 东沙古镇保护利用工程\n2. 鹿栏晴沙景区提升工程\n",
     "文化旅游项目", {"东沙古镇保护利用工程", "鹿栏晴沙景区提升工程"}),
]


@pytest.mark.parametrize("text,group,members", OPENERS, ids=[o[1] for o in OPENERS])
def test_an_opener_and_its_items_make_a_group(text, group, members):
    ex = extract(text)
    groups = {g.label: {label(ex, m) for m in g.members} for g in ex.groups}
    assert group in groups
    assert members <= groups[group]


TABLE = """表3-2 岱山县近期重点项目表

{note}

| 序号 | 项目名称 | 建设地点 | 建设性质 | 总投资（万元） | 实施时序 |
|---|---|---|---|---|---|
| 1 | 青龙河综合治理工程 | 高亭镇 | 续建 | 32000 | 2021—2025年 |
| 2 | 凤鸣水库扩容工程 | 东沙镇 | 改扩建 | 18600 | 2023-2027年 |
| 3 | 高亭镇海塘加固工程 | 高亭镇 | 新建 | 9400 | 2026年 |
| 4 | 衢山镇供水工程 | 衢山镇 | 新建 | 5200 | 近期 |
"""


def attrs(ex) -> dict[tuple[str, str], object]:
    return {(label(ex, a.subject), a.predicate): a.value for a in ex.attributes}


def test_period_column_gives_the_period_and_its_years():
    found = attrs(extract(TABLE.format(note="表中项目按年度计划实施。")))
    assert found[("青龙河综合治理工程", "pk:implementationPeriod")] == "2021—2025年"
    assert found[("青龙河综合治理工程", "pk:startYear")] == 2021
    assert found[("青龙河综合治理工程", "pk:endYear")] == 2025
    assert (found[("凤鸣水库扩容工程", "pk:startYear")], found[("凤鸣水库扩容工程", "pk:endYear")]) == (2023, 2027)
    assert found[("高亭镇海塘加固工程", "pk:endYear")] == 2026
    assert ("高亭镇海塘加固工程", "pk:startYear") not in found
    assert found[("衢山镇供水工程", "pk:implementationPeriod")] == "近期"
    assert ("衢山镇供水工程", "pk:endYear") not in found


def test_construction_type_column():
    found = attrs(extract(TABLE.format(note="表中项目按年度计划实施。")))
    assert [found[(n, "pk:constructionType")] for n in ("青龙河综合治理工程", "凤鸣水库扩容工程", "高亭镇海塘加固工程")] == \
        ["续建", "改扩建", "新建"]


NEW_NOTES = [
    ("其中第3—4项为本规划新增项目。", {"高亭镇海塘加固工程", "衢山镇供水工程"}),
    ("第1-2项承接上位规划，第3至4项为新增项目。", {"高亭镇海塘加固工程", "衢山镇供水工程"}),
    ("第2、4项为本规划新增。", {"凤鸣水库扩容工程", "衢山镇供水工程"}),
    ("第4项为本规划新增项目，其余承接市级规划。", {"衢山镇供水工程"}),
    ("表中项目均承接上位规划。", set()),
    ("其中第1~3项系新增项目。", {"青龙河综合治理工程", "凤鸣水库扩容工程", "高亭镇海塘加固工程"}),
    ("本表第2到3项是新增项目。", {"凤鸣水库扩容工程", "高亭镇海塘加固工程"}),
    ("第1项为本规划新增工程。", {"青龙河综合治理工程"}),
]


@pytest.mark.parametrize("note,new", NEW_NOTES, ids=[str(i) for i in range(len(NEW_NOTES))])
def test_rows_the_text_calls_new_in_this_plan(note, new):
    found = attrs(extract(TABLE.format(note=note)))
    assert {name for (name, p), v in found.items() if p == "pk:newInPlan" and v is True} == new


def test_phrasing_counts():
    for family in (OPENERS, NEW_NOTES):
        assert len(family) >= 8
