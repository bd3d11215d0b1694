"""Nested Markdown bullets and key–value blocks (extract/reader.py parents, extract/keyvalues.py): a
sub-item's value takes its name, year or place from the items above it. Phrasings written for these
tests (a made-up 鹭屿市 plan and its 岱山县 neighbour); no line comes from a corpus file."""
from __future__ import annotations

import re

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
    ("## 一、规划基础\n\n### （一）市域概况\n\n全市国土面积约2350平方公里，2020年常住人口约86.5万人。\n", (2350.0, "平方公里", "approx", 2020)),
    ("全市国土面积约2350平方公里，2020年常住人口约86.5万人。\n", (86.5, "万人", "approx", 2020)),
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


BANDS = [
    ("- 管控：风景线两侧各1千米范围内的新建项目须开展评估；\n", (1.0, "千米")),
    ("- 河道两岸各30米范围内禁止建设。\n", (30.0, "米")),
    ("- 高速公路两侧各100米划为控制区。\n", (100.0, "米")),
    ("- 铁路线两旁各20米内不得堆放杂物。\n", (20.0, "米")),
    ("- 绿道两边各5米种植乔木。\n", (5.0, "米")),
    ("- 输电线路两侧各15米为保护区。\n", (15.0, "米")),
    ("- 古城墙两侧各50米以内控制建筑高度。\n", (50.0, "米")),
    ("- 海岸线两侧各2公里统筹保护。\n", (2.0, "公里")),
]


@pytest.mark.parametrize("body,expected", BANDS)
def test_bands_on_both_sides(body, expected):
    got = {(v, u) for v, u, _, _ in values(body)}
    assert expected in got, got


@pytest.mark.parametrize("body,expected", SENTENCES)
def test_values_inside_sentences(body, expected):
    got = {(v, u, b) for v, u, b, _ in values(body)}
    if expected is None:
        assert not any(u.startswith("元/") for _, u, _ in got)
    else:
        assert expected in got, got


def test_phrasing_counts():
    assert (len(PER_YEAR), len(CONTEXT), len(PARTS), len(CARDS), len(MEMBERS), len(SENTENCES), len(BANDS)) == \
        (10, 11, 8, 8, 4, 8, 8)


MORE_MEMBERS = [
    ("历史建筑（2处）", ["望海楼（岱山县）：修缮屋面；", "镇海阁（嵊泗县）：整治周边。"], [("望海楼", "岱山县"), ("镇海阁", "嵊泗县")]),
    ("省级文物保护单位", ["灯塔旧址（定海区）", "海防炮台（岱山县）"], [("灯塔旧址", "定海区"), ("海防炮台", "岱山县")]),
    ("渔港特色村（3个）", ["礁头村（定海区）：渔俗展示；", "沙湾村（嵊泗县）：滨海民宿；", "石浦村（岱山县）：海鲜市集。"],
     [("礁头村", "定海区"), ("沙湾村", "嵊泗县")]),
    ("重点保护寺观", ["云峰寺（岱山县）", "观潮庵（嵊泗县）"], [("云峰寺", "岱山县"), ("观潮庵", "嵊泗县")]),
]


@pytest.mark.parametrize("key,rows,expected", MORE_MEMBERS)
def test_more_member_lists(key, rows, expected):
    test_member_lists(key, rows, expected)


HERITAGE = [  # (key, rows, (member, place, level or None))
    ("文物保护单位（2处）", ["云峰寺（全国重点文物保护单位，岱山县）", "望海楼（省级文物保护单位，嵊泗县）"],
     [("云峰寺", "岱山县", "全国重点文物保护单位"), ("望海楼", "嵊泗县", "省级文物保护单位")]),
    ("重点保护对象", ["海防炮台（定海区，省级文物保护单位）：加固炮台；", "灯塔旧址（岱山县，市级文物保护单位）：修缮。"],
     [("海防炮台", "定海区", "省级文物保护单位"), ("灯塔旧址", "岱山县", "市级文物保护单位")]),
    ("历史文化名村", ["礁头村（定海区；省级）", "沙湾村（嵊泗县；国家级）"], [("礁头村", "定海区", "省级"), ("沙湾村", "嵊泗县", "国家级")]),
    ("传统村落（2个）", ["石浦村（岱山县，国家级传统村落）", "南峰村（嵊泗县，省级传统村落）"],
     [("石浦村", "岱山县", "国家级传统村落"), ("南峰村", "嵊泗县", "省级传统村落")]),
    ("历史建筑", ["渔业公司旧址（定海区，历史建筑）", "盐场仓库（岱山县，历史建筑）"],
     [("渔业公司旧址", "定海区", "历史建筑"), ("盐场仓库", "岱山县", "历史建筑")]),
    ("名镇名村", ["渔港镇（岱山县，历史文化名镇）", "礁头村（定海区，历史文化名村）"],
     [("渔港镇", "岱山县", "历史文化名镇"), ("礁头村", "定海区", "历史文化名村")]),
    ("古遗址", ["白泉遗址（定海区）", "大衢遗址（岱山县）"], [("白泉遗址", "定海区", None), ("大衢遗址", "岱山县", None)]),
    ("寺观（3处）", ["观潮庵（嵊泗县，县级文物保护单位）", "云峰寺（岱山县）", "普济寺（定海区，全国重点文物保护单位）"],
     [("观潮庵", "嵊泗县", "县级文物保护单位"), ("普济寺", "定海区", "全国重点文物保护单位")]),
]


@pytest.mark.parametrize("key,rows,expected", HERITAGE)
def test_heritage_lists_with_level_and_county(key, rows, expected):
    body = f"- **{key}**\n" + "".join(f"  - {r}\n" for r in rows)
    _, ex = extract(body)
    label = {e.ref: e.label for e in ex.entities.values()}
    located = {(label.get(r.subject), label.get(r.object)) for r in ex.relations if r.predicate == "pk:locatedIn"}
    roles = {(label.get(a.member), a.role) for a in ex.roles}
    for member, place, level in expected:
        assert (member, place) in located, located
        if level:
            assert (member, level) in roles, roles
        assert not any(m == member and r in ("定海区", "岱山县", "嵊泗县") for m, r in roles)


def relations(body: str) -> set[tuple[str, str, str]]:
    _, ex = extract(body)
    label = {e.ref: e.label for e in ex.entities.values()}
    return {(label.get(r.subject, r.subject.name), r.predicate, label.get(r.object, r.object.name)) for r in ex.relations}


# a slogan named in an item, its parts keyed below it
STRUCTURES = [
    ("一廊两区", "一廊", "沿江生态廊道", "两区", ["滨海旅游发展区：覆盖定海区和岱山县，发展海岛旅游；",
                                              "中部农业发展区：覆盖嵊泗县，发展渔农业。"]),
    ("一轴两片", "一轴", "东海大道", "两片", ["北部生态保护区：覆盖岱山县，保护海岛林地；", "滨海旅游发展区：覆盖嵊泗县。"]),
    ("一带两区", "一带", "环岛公路", "两区", ["中部农业发展区：覆盖定海区；", "北部生态保护区：覆盖嵊泗县和岱山县。"]),
    ("一环两区", "一环", "环岛公路", "两区", ["滨海旅游发展区：包括定海区、岱山县；", "中部农业发展区：涵盖嵊泗县。"]),
    ("一廊两区多点", "一廊", "沿江生态廊道", "两区", ["滨海旅游发展区：覆盖岱山县；", "北部生态保护区：覆盖定海区。"]),
    ("一道两区", "一道", "东海大道", "两区", ["北部生态保护区：覆盖定海区和嵊泗县；", "中部农业发展区：覆盖岱山县。"]),
    ("一轴两区", "一轴", "东海大道", "两区", ["中部农业发展区：涉及岱山县；", "滨海旅游发展区：涉及定海区。"]),
    ("一带两片", "一带", "沿江生态廊道", "两片", ["滨海旅游发展区：覆盖嵊泗县和定海区；", "北部生态保护区：覆盖岱山县。"]),
]


@pytest.mark.parametrize("slogan,line_key,line,zone_key,zones", STRUCTURES)
def test_structure_outlines(slogan, line_key, line, zone_key, zones):
    body = (f"- **格局由来**：本规划据此构建“{slogan}”的空间格局。\n  - **{line_key}**：{line}\n  - **{zone_key}**\n"
            + "".join(f"    - **{z.split('：')[0]}**：{z.split('：')[1]}\n" for z in zones))
    got = relations(body)
    assert (line, "pk:partOf", slogan) in got, got
    for z in zones:
        zone, desc = z.split("：")
        assert (zone, "pk:partOf", slogan) in got
        first_place = next(p for p in ("定海区", "岱山县", "嵊泗县") if p in desc.split("，")[0])
        assert (first_place, "pk:partOf", zone) in got


def test_a_structure_rests_on_the_one_it_was_derived_from():
    body = ("- 格局由来：上位规划提出“一湾串岛”——以东海大道为脉络。本规划据此构建“一带两区”的格局。\n"
            "  - 一带：环岛公路\n  - 两区\n    - 滨海旅游发展区：覆盖岱山县；\n    - 中部农业发展区：覆盖定海区。\n")
    got = relations(body)
    assert ("一带两区", "pk:basedOn", "一湾串岛") in got
    assert ("一湾串岛", "pk:basedOn", "东海大道") in got


# a route sub-item under a line
ROUTES = [
    ("西起定海区白泉码头，沿东海大道经岱山县北部，衔接环岛公路北段", ["白泉码头", "环岛公路"], ["东海大道"]),
    ("东起岱山县鹿栏晴沙，沿环岛公路经定海区，止于白泉码头", ["鹿栏晴沙", "白泉码头"], ["环岛公路"]),
    ("起于定海区白泉码头，经岱山县，终于鹿栏晴沙", ["白泉码头", "鹿栏晴沙"], []),
    ("南起嵊泗县基湖沙滩，沿东海大道向北延伸，连接环岛公路", ["基湖沙滩", "环岛公路"], ["东海大道"]),
    ("北起岱山县鹿栏晴沙，南至定海区白泉码头", ["鹿栏晴沙", "白泉码头"], []),
    ("西起定海区白泉码头，接入东海大道南段", ["白泉码头", "东海大道"], []),
    ("沿环岛公路经嵊泗县，衔接基湖沙滩", ["基湖沙滩"], ["环岛公路"]),
    ("起自岱山县鹿栏晴沙，沿东海大道经定海区中部，止于白泉码头", ["鹿栏晴沙", "白泉码头"], ["东海大道"]),
]


@pytest.mark.parametrize("text,ends,along", ROUTES)
def test_routes(text, ends, along):
    body = (f"- 格局：构建“一线两区”的格局。\n  - 一线：海岛风景线\n    - 走向：{text}；\n  - 两区\n"
            "    - 滨海旅游发展区：覆盖岱山县；\n    - 中部农业发展区：覆盖定海区。\n")
    got = relations(body)
    for end in ends:
        assert ("海岛风景线", "pk:connectsTo", end) in got, got
    for road in along:
        assert ("海岛风景线", "pk:alongside", road) in got, got
    for county in ("定海区", "岱山县", "嵊泗县"):
        if county in text:
            assert ("海岛风景线", "pk:passesThrough", county) in got
    assert not any(o.endswith(("北部", "中部")) for s, _, o in got if s == "海岛风景线")


def test_outline_case_counts():
    assert (len(MEMBERS) + len(MORE_MEMBERS), len(STRUCTURES), len(ROUTES), len(HERITAGE)) == (8, 8, 8, 8)


SETBACKS = [  # a setback stated by what it forbids inside it
    ("- **望海楼**（岱山县）：楼外30米以内不得新建三层以上建筑；\n", (30.0, "米")),
    ("- 城墙外侧100米范围内禁止新建工业项目。\n", (100.0, "米")),
    ("- 古井周边20米内严禁取土。\n", (20.0, "米")),
    ("- 距堡墙50米以内不得新建民房。\n", (50.0, "米")),
    ("- 距离河道管理线30米范围内禁止建设永久性建筑。\n", (30.0, "米")),
    ("- 遗址外1.5千米范围内限制开山采石。\n", (1.5, "千米")),
    ("- 书院外15米以内不宜新建构筑物。\n", (15.0, "米")),
    ("- 祠堂周围10米范围内不得堆放杂物。\n", (10.0, "米")),
]
NOT_SETBACKS = [  # a distance that forbids nothing is no setback
    "- 城区外30米处设置停车场。\n",
    "- 村外500米以内有公交站点。\n",
]


@pytest.mark.parametrize("body,expected", SETBACKS)
def test_setbacks(body, expected):
    got = {(v, u, b) for v, u, b, _ in values(body)}
    assert (*expected, "eq") in got, got


@pytest.mark.parametrize("body", NOT_SETBACKS)
def test_no_setback_without_a_prohibition(body):
    _, ex = extract(body)
    assert not any(q.indicator.endswith("外控制距离") for q in ex.quantities)


def test_setback_counts():
    assert (len(SETBACKS), len(NOT_SETBACKS)) == (8, 2)


REPRESENTED = [  # (item, key, members)
    ("- **非物质文化遗产**：国家级项目3项，鹭屿渔歌、岱山布袋木偶较具代表性。\n", "非物质文化遗产", ["鹭屿渔歌", "岱山布袋木偶"]),
    ("- **传统技艺**：以海盐晒制、船模制作等为代表。\n", "传统技艺", ["海盐晒制", "船模制作"]),
    ("- 民俗活动：谢洋节和开渔节最具代表性；\n", "民俗活动", ["谢洋节", "开渔节"]),
    ("- **传统戏曲**：岱山走书、鹭屿滩簧具有代表性。\n", "传统戏曲", ["岱山走书", "鹭屿滩簧"]),
    ("- **特色饮食**：种类繁多，其中鱼面、虾饼尤具代表性。\n", "特色饮食", ["鱼面", "虾饼"]),
    ("- 民间文学：海岛传说、渔谚等较为典型；\n", "民间文学", ["海岛传说", "渔谚"]),
    ("- **传统美术**：贝雕、渔民画颇具代表性。\n", "传统美术", ["贝雕", "渔民画"]),
    ("- **传统体育**：以舞龙、赛龙舟为代表；\n", "传统体育", ["舞龙", "赛龙舟"]),
]


@pytest.mark.parametrize("body,key,members", REPRESENTED)
def test_members_a_class_is_represented_by(body, key, members):
    _, ex = extract(body)
    groups = [g for g in ex.groups if g.role == key]
    assert groups, [g.role for g in ex.groups]
    labels = {ex.entities[ex.canonical(m).key].label for g in groups for m in g.members}
    assert set(members) <= labels, labels


def test_no_members_without_a_representative_clause():
    _, ex = extract("- **非物质文化遗产**：国家级项目3项、省级项目12项。\n")
    assert not [g for g in ex.groups if g.role == "非物质文化遗产"]


WHOLES = [  # (sub-item under a positioning key, the whole the plan's area is a part of)
    "海防文化公园（浙东段）的重要组成部分；",
    "东海渔场保护带的核心区段。",
    "是浙东唐诗之路的重要节点；",
    "环海湾文化走廊的关键支点。",
    "作为海上丝绸之路文化遗产廊道的重要一环；",
    "东海岛链生态屏障的组成部分；",
    "海岛旅游环线的门户；",
    "国家海洋文化生态保护区的核心区域。",
]


@pytest.mark.parametrize("line", WHOLES)
def test_positioning_names_the_whole(line):
    doc = reader.parse(f"岱山县海洋文化保护专项规划（2021-2035年）\n- **分项定位**\n  - {line}\n", "plan.md")
    ex = pipeline.extract(doc)
    wholes = {ex.entities[ex.canonical(r.object).key].label for r in ex.relations
              if r.predicate == "pk:partOf" and r.subject.key.startswith("division:")}
    printed = re.sub(r"^(?:是|作为)", "", line)
    assert any(printed.startswith(f"{w}的") for w in wholes), wholes


def test_a_whole_only_under_a_positioning_key():
    ex = pipeline.extract(reader.parse("岱山县海洋文化保护专项规划（2021-2035年）\n- **保护要求**\n"
                                       "  - 海防文化公园（浙东段）的重要组成部分；\n", "plan.md"))
    assert not [r for r in ex.relations if r.predicate == "pk:partOf" and r.subject.key.startswith("division:")]


def test_whole_and_member_counts():
    assert (len(REPRESENTED), len(WHOLES)) == (8, 8)
