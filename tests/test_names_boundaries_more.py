"""More name boundaries, as rules for Chinese constructions (extract/name_bounds.py, extract/names.py,
extract/tables.py):

1. a determiner (以下, 以上, 如下, 下列, 上述, 前述) never starts a name, whole or cut in half ("以|下…工程");
2. a preposition or verb of a route (经, 沿, 跨, 绕, 途经, 经由, 穿过, 进入 …), or a preposition or verb glued on a
   name by jieba's HMM cut ("有桐|坞村", "经青岚|大道"), is not part of the name after it;
3. a name whose first character may be a preposition (在田村, 于家湾村, 对岭村) keeps it where a name starts: a whole
   item of a list, one proper character left before the class word, or the subject of 位于/地处/为 …;
   a preposition before a place it governs still goes ("在桐坞村、梓溪村建设…", "以梓溪村为核心");
4. a table's group keeps no table number ("表7-2 "), and a table with no title gives no group (not "名称").

Each case asserts exactly which names of the kind in question the text yields, and which junk it does not.
The plan is a made-up plan of 岱山县 with invented towns, villages, rivers and roads; no phrasing comes from a
corpus file."""
from __future__ import annotations

import re

import pytest

from plankg.extract import name_bounds, names, pipeline, reader

HEAD = "# 岱山县国土空间总体规划（2021-2035年）（公示稿）\n\n本次公示以问答形式介绍规划内容。\n\n## 一、概况\n\n"


def extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body + "\n", "plan.md"))


def labels(body: str) -> dict[str, str]:
    """label → kind of every entity (and every alternative label) the plan yields."""
    ex = extract(body)
    found = {e.label: e.ref.kind for e in ex.entities.values()}
    found.update({alt: e.ref.kind for e in ex.entities.values() for alt in e.alt_labels})
    return found


def of_kind(found: dict[str, str], kind: str) -> set[str]:
    return {label for label, k in found.items() if k == kind}


# 1. determiners: (text, kind, exactly these names, junk)
DETERMINERS = [
    ("近期推进以下水系连通工程：梓溪河清淤工程、桐坞水库扩容工程。", "Project", {"梓溪河清淤工程", "桐坞水库扩容工程"},
     {"下水系连通工程", "近期推进以下水系连通工程"}),
    ("上述梓溪河综合治理工程纳入近期实施。", "Project", {"梓溪河综合治理工程"}, {"上述梓溪河", "述梓溪河综合治理工程"}),
    ("下列村庄按集聚提升类引导：桐坞村、对岭村。", "Village", {"桐坞村", "对岭村"},
     {"下列村庄按集聚提升类引导", "列村庄"}),
    ("规划提出如下重点工程：梓溪河堤防加固工程、桐坞水库扩容工程。", "Project", {"梓溪河堤防加固工程", "桐坞水库扩容工程"},
     {"如下重点工程", "提出如下重点工程"}),
    ("前述梓溪物流园区应配套建设污水处理设施。", "IndustrialPark", {"梓溪物流园区"}, {"前述梓溪物流园区"}),
    ("以上梓溪大道改造工程列入近期计划。", "Project", {"梓溪大道改造工程"}, {"上梓溪大道改造工程", "以上梓溪大道改造工程"}),
    ("按以下次序实施梓溪湿地公园建设：先清淤，后绿化。", "ProtectedArea", {"梓溪湿地公园"}, {"下次序实施梓溪湿地公园"}),
]


def test_determiner_cases_collected():
    assert len(DETERMINERS) == 7


@pytest.mark.parametrize("body,kind,right,junk", DETERMINERS, ids=[str(i) for i in range(len(DETERMINERS))])
def test_a_determiner_never_starts_a_name(body, kind, right, junk):
    found = labels(body)
    assert of_kind(found, kind) == right, found
    assert not junk & set(found), found
    assert not [x for x in found if x.startswith(name_bounds.DETERMINERS)], found


# (a name's first word, what is left of it)
LEAD_PREPOSITIONS = [
    ("以下水系连通工程", "水系连通工程"),  # a determiner goes whole
    ("上述梓溪物流园区", "梓溪物流园区"),
    ("以梓溪大道", "梓溪大道"),
    ("以东岙村", "东岙村"),  # 以 with a compass point: the name starts on the point
    ("对口山水库", "对口山水库"),  # 对口 is a word
]


@pytest.mark.parametrize("name,kept", LEAD_PREPOSITIONS, ids=[str(i) for i in range(len(LEAD_PREPOSITIONS))])
def test_without_lead_preposition(name, kept):
    assert names.without_lead_preposition(name) == kept


# 2. a lead of a route, or a verb glued on by the HMM cut: (text, kind, exactly these names, junk)
LEADS = [
    ("货车经梓溪大道绕行。", "Street", {"梓溪大道"}, {"货车经梓溪大道", "经梓溪大道"}),
    ("过境货车经由梓溪大道进入物流园。", "Street", {"梓溪大道"}, {"过境货车经由梓溪大道", "经由梓溪大道"}),
    ("游客可沿翠溪河骑行观光。", "River", {"翠溪河"}, {"游客可沿翠溪河", "沿翠溪河"}),
    ("新建线路跨梓溪河后接入桐坞变电站。", "River", {"梓溪河"}, {"线路跨梓溪河", "跨梓溪河"}),
    ("绕梓溪湖修建环湖绿道。", "Lake", {"梓溪湖"}, {"绕梓溪湖"}),
    ("规划公路途经梓溪乡、桐坞镇。", "Town", {"梓溪乡", "桐坞镇"}, {"规划公路途经梓溪乡", "途经梓溪乡"}),
    ("输水管线穿过梓溪河后进入桐坞镇。", "River", {"梓溪河"}, {"输水管线穿过梓溪河", "穿过梓溪河"}),
    ("特色保护类村庄有桐坞村、对岭村、从岙村。", "Village", {"桐坞村", "对岭村", "从岙村"},
     {"特色保护类村庄有桐坞村", "有桐坞村"}),
    ("穿城河两岸建设滨水绿道。", "River", {"穿城河"}, {"城河"}),
    ("以上各项工程由鹭汀镇人民政府组织实施。", "Organization", {"鹭汀镇人民政府"},
     {"各项工程由鹭汀镇人民政府", "由鹭汀镇人民政府"}),
]


def test_lead_cases_collected():
    assert len(LEADS) == 10


@pytest.mark.parametrize("body,kind,right,junk", LEADS, ids=[str(i) for i in range(len(LEADS))])
def test_a_lead_of_a_route_is_not_part_of_the_name(body, kind, right, junk):
    found = labels(body)
    assert of_kind(found, kind) == right, found
    assert not junk & set(found), found


@pytest.mark.parametrize("name,kept", [("绕梓溪湖", "梓溪湖"), ("自梓溪河", "梓溪河"),
                                       ("绕岭村", "绕岭村")])  # one proper character would be left: the name's own
def test_a_route_verb_on_a_name_goes(name, kept):
    assert names.without_lead_preposition(name) == kept


def test_a_glued_lead_is_a_guessed_token_only():
    assert name_bounds.glued_lead_char("经青岚")  # the HMM's guess: 经 | 青岚
    assert not name_bounds.glued_lead_char("经堂")  # a dictionary word
    assert not name_bounds.glued_lead_char("向阳")
    assert not name_bounds.glued_lead_char("梓溪")  # no lead character


# 3. a first character that may be a preposition, at a name's start: (text, kind, exactly these names, junk)
FIRST_CHARACTER = [
    ("鹭汀镇下设桐坞村、在田村、于家湾村和向阳村四个行政村。", "Village", {"桐坞村", "在田村", "于家湾村", "向阳村"},
     {"田村", "鹭汀镇下设桐坞村"}),
    ("在田村位于鹭汀镇北部，以种植茶叶为主。", "Village", {"在田村"}, {"田村"}),
    ("在田村、梓溪村列为特色保护类村庄。", "Village", {"在田村", "梓溪村"}, {"田村"}),
    ("于家湾村地处梓溪河口，耕地集中连片。", "Village", {"于家湾村"}, {"家湾村"}),
    ("集聚提升类村庄为桐坞村、由溪村、将台堡村、经堂村、沿溪村。", "Village",
     {"桐坞村", "由溪村", "将台堡村", "经堂村", "沿溪村"}, {"溪村", "台堡村", "集聚提升类村庄为桐坞村"}),
    ("向阳村、为民村划为城郊融合类村庄。", "Village", {"向阳村", "为民村"}, {"阳村", "民村"}),
    ("梓溪村、对岭村和以礼村实施村庄整治。", "Village", {"梓溪村", "对岭村", "以礼村"}, {"岭村", "礼村"}),
    ("特色保护类（3个）：对岭村、在田村、以礼村。", "Village", {"对岭村", "在田村", "以礼村"}, {"田村", "礼村"}),
    ("规划3个特色保护类村庄：在田村、对岭村、由溪村。", "Village", {"在田村", "对岭村", "由溪村"}, {"田村"}),
    ("鹭汀镇辖在田村、对岭村2个行政村。", "Village", {"在田村", "对岭村"}, {"田村"}),
    ("桐坞村和在田村实施人居环境整治。", "Village", {"桐坞村", "在田村"}, {"田村"}),
    ("在田村、由溪村、对岭村等3个村庄列为搬迁撤并类。", "Village", {"在田村", "由溪村", "对岭村"}, {"田村"}),
    ("鹭汀镇包括在田村、对岭村等行政村。", "Village", {"在田村", "对岭村"}, {"田村"}),
]


def test_first_character_cases_collected():
    assert len(FIRST_CHARACTER) == 13


@pytest.mark.parametrize("body,kind,right,junk", FIRST_CHARACTER, ids=[str(i) for i in range(len(FIRST_CHARACTER))])
def test_a_name_keeps_a_first_character_that_may_be_a_preposition(body, kind, right, junk):
    found = labels(body)
    assert of_kind(found, kind) == right, found
    assert not junk & set(found), found


# ... and a preposition before a place it governs still goes: (text, kind, exactly these names, junk)
GOVERNING = [
    ("在鹭汀镇北部布局梓溪物流园区。", "IndustrialPark", {"梓溪物流园区"}, {"在鹭汀镇北部布局梓溪物流园区"}),
    ("在桐坞村、梓溪村建设高标准农田。", "Village", {"桐坞村", "梓溪村"}, {"在桐坞村"}),
    ("以梓溪村为核心发展乡村旅游。", "Village", {"梓溪村"}, {"以梓溪村"}),
    ("对桐坞水库实施除险加固。", "Reservoir", {"桐坞水库"}, {"对桐坞水库"}),
    ("沿梓溪河布局滨水绿道。", "River", {"梓溪河"}, {"沿梓溪河"}),
    ("由鹭汀镇人民政府组织编制村庄规划。", "Organization", {"鹭汀镇人民政府"}, {"由鹭汀镇人民政府"}),
]


def test_governing_cases_collected():
    assert len(GOVERNING) == 6


@pytest.mark.parametrize("body,kind,right,junk", GOVERNING, ids=[str(i) for i in range(len(GOVERNING))])
def test_a_preposition_governing_a_place_still_goes(body, kind, right, junk):
    found = labels(body)
    assert of_kind(found, kind) == right, found
    assert not junk & set(found), found


# (text, position of the character, end of the name, does the character start the name?)
STARTS = [
    ("、在田村、", 1, 4, True),  # a whole list item
    ("在田村建设茶园", 0, 3, True),  # one proper character would be left
    ("于家湾村地处河口", 0, 4, True),  # the subject of 地处
    ("在桐坞村建设茶园", 0, 4, False),  # a preposition before the place it governs
    ("，在桐坞村、梓溪村建设茶园", 1, 5, False),  # ... and before a list it governs
    ("以礼村为核心", 0, 3, False),  # 以X为Y
    ("规划在田村建设茶园", 2, 5, False),  # inside a clause
    ("在县人民政府统筹下", 0, 6, False),  # 县: a division's body, no one-character name
    ("沿外河修建步道", 0, 3, False),  # 外: a locality word, no one-character name
]


@pytest.mark.parametrize("text,pos,end,starts", STARTS, ids=[str(i) for i in range(len(STARTS))])
def test_starts_the_name(text, pos, end, starts):
    assert name_bounds.starts_the_name(text, pos, end) is starts


# 4. tables: (title line before the table, exactly these group labels); the rows stay projects
PROJECT_TABLE = ("\n\n| 名称 | 建设地点 |\n| --- | --- |\n| 梓溪河清淤工程 | 鹭汀镇 |\n"
                 "| 桐坞水库扩容工程 | 梓溪乡 |")
TABLES = [
    ("表7-2 鹭汀镇近期建设项目表", {"鹭汀镇近期建设项目"}),
    ("附表3：梓溪乡水利工程一览表", {"梓溪乡水利工程"}),
    ("表 5.3 桐坞水系治理工程清单", {"桐坞水系治理工程"}),
    ("表四 鹭汀镇重点水利工程", {"鹭汀镇重点水利工程"}),
    ("表6－1　梓溪乡近期实施项目一览", {"梓溪乡近期实施项目"}),
    ("续表2-1 鹭汀镇水利工程", {"鹭汀镇水利工程"}),
    ("近期安排两项水利工程，详见下表。", set()),
    ("", set()),
]


def test_table_cases_collected():
    assert len(TABLES) == 8


@pytest.mark.parametrize("title,groups", TABLES, ids=[str(i) for i in range(len(TABLES))])
def test_a_table_group_keeps_no_table_number_and_an_untitled_table_no_header(title, groups):
    ex = extract("暂无正文。\n\n" + title + PROJECT_TABLE if title else "暂无正文。" + PROJECT_TABLE)
    found = {e.label: e.ref.kind for e in ex.entities.values()}
    assert of_kind(found, "Group") == groups, found
    assert {g.label for g in ex.groups} == groups
    assert "名称" not in found, found
    assert not [x for x in found if re.match(r"续?附?表\s*[\d一二三四五六七八九十]", x)], found
    assert of_kind(found, "Project") == {"梓溪河清淤工程", "桐坞水库扩容工程"}, found


PART_NUMBERS = [
    ("表7-2 鹭汀镇近期建设项目表", "鹭汀镇近期建设项目表"),
    ("附表3：梓溪乡水利工程一览表", "梓溪乡水利工程一览表"),
    ("表 5.3 桐坞水系治理工程清单", "桐坞水系治理工程清单"),
    ("表四 鹭汀镇重点水利工程", "鹭汀镇重点水利工程"),
    ("续表2-1 鹭汀镇水利工程", "鹭汀镇水利工程"),
    ("图3-4 梓溪乡用地布局图", "梓溪乡用地布局图"),
    ("表9鹭汀镇公园", "鹭汀镇公园"),
    ("表格填写说明", "表格填写说明"),  # no number: a word that starts with 表
    ("表彰先进单位", "表彰先进单位"),
    ("表一览", "表一览"),  # a numeral glued to a word is no number
    ("表1", "表1"),  # nothing after the number: left as printed
]


@pytest.mark.parametrize("title,rest", PART_NUMBERS, ids=[str(i) for i in range(len(PART_NUMBERS))])
def test_without_part_number(title, rest):
    assert name_bounds.without_part_number(title) == rest
