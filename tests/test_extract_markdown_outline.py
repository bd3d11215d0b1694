"""Nested Markdown bullets and key–value blocks (extract/reader.py parents, extract/keyvalues.py): a
sub-item's value takes its name, year or place from the items above it. Phrasings written for these
tests (a made-up 鹭屿市 plan and its 岱山县 neighbour); no line comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "鹭屿市综合交通专项规划（2021-2035年）\n规划基期年为2020年，近期至2025年，规划期限为2021-2035年。\n"


def extract(body: str):
    doc = reader.parse(HEAD + body, "plan.md")
    return doc, pipeline.extract(doc)


def values(body: str) -> set[tuple]:
    _, ex = extract(body)
    return {(q.value, q.unit, q.bound, q.year) for q in ex.quantities}


def test_sub_items_know_their_parent():
    doc, _ = extract("- **公路网密度**：\n  - 2025年达到78.5 km/百km²；\n  - 2035年达到85 km/百km²。\n- 其他\n")
    items = [p for p in doc.passages if p.kind == "item"]
    assert [p.parent for p in items] == [None, items[0].ordinal, items[0].ordinal, None]


# a bold key, then one sub-item per year
PER_YEAR = [
    ("- **公路网密度**：\n  - 2025年达到78.5 km/百km²；\n", (78.5, "km/百km²", "ge", 2025)),
    ("- **绿色出行比例**\n  - 2030年不低于70%\n", (70.0, "%", "ge", 2030)),
    ("* 公交分担率：\n    * 到2035年提高到45%；\n", (45.0, "%", "ge", 2035)),
    ("- **交通用地规模**：\n  - 2035年不超过36.4平方公里。\n", (36.4, "平方公里", "le", 2035)),
    ("1. 停车泊位供给：\n   - 2025年，约1.8万个\n", None),  # 万个 is no unit of the genre: nothing is made up
    ("- **港区岸线长度**：\n  - 2030年控制在12公里以内；\n", (12.0, "公里", "le", 2030)),
    ("- **轨道交通线网密度**：\n  - 2035年0.6 km/km²\n", (0.6, "km/km²", "eq", 2035)),
    ("- 交通基础设施投资：\n  - 2025年前累计完成120亿元\n", None),  # 累计完成 is a clause, not a value line
    ("- **客运枢纽**：\n  - 2035年达到7处；\n", (7.0, "处", "ge", 2035)),
    ("- **慢行道长度**：\n  - 2030年：≥420公里\n", (420.0, "公里", "ge", 2030)),
]


@pytest.mark.parametrize("body,expected", PER_YEAR)
def test_one_value_per_year_under_a_key(body, expected):
    got = values(body)
    if expected is None:
        assert not any(v[3] and v[1] in ("个", "亿元") and v[0] in (1.8, 120.0) and v[2] != "eq" for v in got)
    else:
        assert expected in got, got


def test_per_year_values_are_named_by_their_key():
    _, ex = extract("- **公路网密度**：\n  - 2025年达到78.5 km/百km²；\n  - 2035年达到85 km/百km²。\n")
    assert {(q.indicator, q.year) for q in ex.quantities if q.unit == "km/百km²"} == {("公路网密度", 2025), ("公路网密度", 2035)}


# values printed without a year take it from their context
CONTEXT = [
    ("- **近期目标（至2025年）**\n  - 公交站点覆盖率达到90%；\n", (90.0, "%", "ge", 2025)),
    ("- 远期目标（2035年）\n  - 新增停车泊位不少于8000个；\n", (8000.0, "个", "ge", 2035)),
    ("- **现状**：全市现有客运站5处；\n", (5.0, "处", "eq", 2020)),
    ("## 第二章 交通现状\n\n- 公路总里程：约3120公里；\n", (3120.0, "公里", "approx", 2020)),
    ("- **规划范围**：鹭屿市全域，国土面积约2350平方公里。\n", (2350.0, "平方公里", "approx", 2020)),
    ("- 港口泊位由现状12个增加到不少于20个；\n", (12.0, "个", "eq", 2020)),
    ("- 港口泊位由现状12个增加到不少于20个；\n", (20.0, "个", "ge", 2035)),
    ("- 交通用地规模不超过36平方公里；\n", (36.0, "平方公里", "le", 2035)),
    ("- 2030年目标\n  - 新能源公交占比不低于85%；\n", (85.0, "%", "ge", 2030)),
]


@pytest.mark.parametrize("body,expected", CONTEXT)
def test_the_year_of_a_value_comes_from_its_context(body, expected):
    assert expected in values(body)


# one value per part of the key above
PARTS = [
    ("- 划定规模：约320公顷，其中——\n  - 林地类约120公顷；\n  - 水域类约200公顷。\n", [(120.0, "公顷"), (200.0, "公顷")]),
    ("- **客运站**：共9处，其中：\n  - **一级站**：2处；\n  - **二级站**：7处。\n", [(2.0, "处"), (7.0, "处")]),
    ("- 停车场\n  - 公共停车场3200个\n  - 配建停车场5600个\n", [(3200.0, "个"), (5600.0, "个")]),
    ("- 岸线\n  - 生产岸线：18公里\n  - 生活岸线：6.5公里\n", [(18.0, "公里"), (6.5, "公里")]),
    ("- 枢纽用地\n  - 铁路枢纽约46公顷\n  - 机场约310公顷\n", [(46.0, "公顷"), (310.0, "公顷")]),
    ("- 交通投资\n  - 铁路：85亿元\n  - 公路：42亿元\n", [(85.0, "亿元"), (42.0, "亿元")]),
    ("- 慢行系统\n  - 绿道长度不少于150公里\n  - 步行街区不少于4处\n", [(150.0, "公里"), (4.0, "处")]),
    ("- 公交场站\n  - 首末站：12处\n  - 保养场：2处\n", [(12.0, "处"), (2.0, "处")]),
]


@pytest.mark.parametrize("body,expected", PARTS)
def test_one_value_per_part(body, expected):
    got = {(v, u) for v, u, _, _ in values(body)}
    assert set(expected) <= got, got


# a project card: the project item, then 地点 / 期限 / 投资 sub-items
CARDS = [
    ("鹭江大桥改建工程", "地点：鹭屿市东港区", "期限：2023—2027年", "投资：86000万元", (86000.0, "万元", 2027)),
    ("环岛绿道贯通工程", "建设地点：鹭屿市", "建设期限：2024-2026年", "总投资：3.2亿元", (3.2, "亿元", 2026)),
    ("西港疏港公路工程", "位置：西港区", "实施期限：2025—2030年", "估算投资：12000万元", (12000.0, "万元", 2030)),
    ("北站综合枢纽项目", "实施地点：北站片区", "年限：2022—2025年", "投资：约5.6亿元", (5.6, "亿元", 2025)),
    ("鹭江快速路工程", "地点：鹭江新区", "期限：2030年", "投资：45亿元", (45.0, "亿元", 2030)),
    ("公交电动化改造项目", "所在地：鹭屿市全域", "时序：2023—2028年", "投资估算：9800万元", (9800.0, "万元", 2028)),
    ("东港码头扩建工程", "地点：东港区", "建设时间：2026—2029年", "计划投资：21亿元", (21.0, "亿元", 2029)),
    ("山海步道修复工程", "地点：鹭屿市", "建设年限：2024—2025年", "投资：1500万元", (1500.0, "万元", 2025)),
]


@pytest.mark.parametrize("name,place,period,money,expected", CARDS)
def test_project_cards(name, place, period, money, expected):
    body = f"- **重点项目**\n  - **{name}**\n    - {place}\n    - {period}\n    - {money}\n"
    _, ex = extract(body)
    project = next(e for e in ex.entities.values() if e.ref.kind == "Project" and e.label == name)
    got = {(q.value, q.unit, q.year) for q in ex.quantities if q.areas and q.areas[0] == project.ref}
    assert expected in got, got
    assert any(a.subject == project.ref and a.predicate == "pk:endYear" and a.value == expected[2] for a in ex.attributes)
    assert not any(q.indicator in ("投资", "总投资", "期限") for q in ex.quantities)  # the fields are read once


# members of a class, each with its place in brackets
MEMBERS = [
    ("历史文化名村（2个）", ["石门村（岱山县东沙镇）：保护古街；", "白岩村（岱山县岱西镇）：保护渔港。"],
     [("石门村", "东沙镇"), ("白岩村", "岱西镇")]),
    ("传统村落", ["青浦村（东沙镇）", "南峰村（岱西镇）"], [("青浦村", "东沙镇"), ("南峰村", "岱西镇")]),
    ("特色小镇（2个）：", ["渔港镇（岱山县）：海洋渔业；", "盐仓镇（岱山县）：盐业文化。"], [("渔港镇", "岱山县"), ("盐仓镇", "岱山县")]),
    ("美丽乡村示范村", ["北岙村（高亭镇）", "东岙村（高亭镇）", "西岙村（衢山镇）"],
     [("北岙村", "高亭镇"), ("西岙村", "衢山镇")]),
]


@pytest.mark.parametrize("key,rows,expected", MEMBERS)
def test_member_lists(key, rows, expected):
    body = f"- **{key}**\n" + "".join(f"  - {r}\n" for r in rows)
    _, ex = extract(body)
    located = {(r.subject.name, r.object.name) for r in ex.relations if r.predicate == "pk:locatedIn"}
    for pair in expected:
        assert pair in located, located
    group = next(g for g in ex.groups if g.label == key.split("（")[0].rstrip("："))
    assert {m.name for m in group.members} >= {name for name, _ in expected}


# rates per unit, counts after their nouns, investments inside sentences
SENTENCES = [
    ("- 保护要求：传统民居修缮补助标准不低于每平方米300元。\n", (300.0, "元/平方米", "ge")),
    ("- 征收补偿按每亩4.2万元执行。\n", (4.2, "万元/亩", "eq")),
    ("- 非物质文化遗产：国家级项目3项、省级项目12项。\n", (12.0, "项", "eq")),
    ("- 交通设施：客运站2处、货运站5处、加油站16座。\n", (16.0, "座", "eq")),
    ("- 重点项目（6项，估算总投资42800万元）\n", (42800.0, "万元", "eq")),
    ("近期安排项目总投资约3.6亿元。\n", (3.6, "亿元", "eq")),
    ("- 公交补贴标准为每人每年600元。\n", None),  # two denominators: no rate is made up
    ("- 山海步道计划投资2800万元。\n", (2800.0, "万元", "eq")),
]


@pytest.mark.parametrize("body,expected", SENTENCES)
def test_values_inside_sentences(body, expected):
    got = {(v, u, b) for v, u, b, _ in values(body)}
    if expected is None:
        assert not any(u.startswith("元/") for _, u, _ in got)
    else:
        assert expected in got, got


def test_phrasing_counts():
    assert (len(PER_YEAR), len(CONTEXT), len(PARTS), len(CARDS), len(MEMBERS), len(SENTENCES)) == (10, 9, 8, 8, 4, 8)
