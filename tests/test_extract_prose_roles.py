"""Seats, roles and tiers, village categories and positionings written in running prose
(extract/roles.py), on phrasings written for these tests: a made-up plan for 岱山县 and its towns;
no sentence comes from a corpus file."""
from __future__ import annotations

import re

import pytest

from plankg.extract import pipeline, reader

COUNTY = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"
TOWN = "东沙镇国土空间总体规划（2021-2035年）\n岱山县东沙镇人民政府\n一、规划基础\n"


def extract(head: str, body: str):
    return pipeline.extract(reader.parse(head + body + "\n", "plan.txt"))


def label(ex, ref) -> str:
    return ex.entities[ex.canonical(ref).key].label


def seats(ex) -> set[str]:
    return {label(ex, r.object) for r in ex.relations if r.predicate == "pk:hasSeat"}


def roles(ex) -> set[tuple[str, str]]:
    return {(label(ex, a.member), a.role) for a in ex.roles}


SEATS = [
    (COUNTY, "县城为高亭镇，是全县的政治文化中心。", "高亭镇"),
    (COUNTY, "规划以高亭镇为县城，引导人口向县城集聚。", "高亭镇"),
    (COUNTY, "县城位于高亭镇，东临大海。", "高亭镇"),
    (COUNTY, "中心城区所在地为高亭镇，城镇功能在此集中。", "高亭镇"),
    (TOWN, "镇人民政府驻地设在北岙村，距县城十二公里。", "北岙村"),
    (TOWN, "镇域面积约二十平方公里，镇政府驻北岙村。", "北岙村"),
    (TOWN, "镇政府驻地位于北岙村，交通便利。", "北岙村"),
    (TOWN, "全镇辖九个行政村，镇人民政府驻泥峙村。", "泥峙村"),
    (TOWN, "北岙村为镇政府驻地，集中布置公共服务设施。", "北岙村"),
    # the office right before the place, no verb between; "X作为…驻地"
    (COUNTY, "城镇体系分三级：县政府驻地高亭镇作为全县综合服务中心，其余乡镇为一般镇。", "高亭镇"),
    (COUNTY, "县人民政府驻地高亭镇，集聚了全县过半的城镇人口。", "高亭镇"),
    (COUNTY, "高亭镇作为县政府驻地，重点完善县级行政和文化设施。", "高亭镇"),
    (COUNTY, "今后十年，县政府所在地高亭镇承担全县主要的商贸职能。", "高亭镇"),
    (TOWN, "镇政府驻地北岙村是全镇的服务中心。", "北岙村"),
    (TOWN, "泥峙村作为镇人民政府驻地，布置镇级公共服务设施。", "泥峙村"),
]


@pytest.mark.parametrize("head,text,seat", SEATS, ids=[str(i) for i in range(len(SEATS))])
def test_a_seat_named_in_a_sentence(head, text, seat):
    assert seat in seats(extract(head, text))


def test_seat_cases_collected():
    assert len(SEATS) == 15


ROLES = [
    ("东沙镇被确定为重点镇，承担县域副中心职能。", {("东沙镇", "重点镇")}),
    ("规划将岱西镇列为重点镇。", {("岱西镇", "重点镇")}),
    ("衢山镇、长涂镇和岱东镇三个重点镇带动周边乡村发展。", {("衢山镇", "重点镇"), ("长涂镇", "重点镇"), ("岱东镇", "重点镇")}),
    ("东沙镇与岱西镇同为全县的重点镇，分别服务南北两翼。", {("东沙镇", "重点镇"), ("岱西镇", "重点镇")}),
    ("岱东镇、长涂镇确定为一般镇。", {("岱东镇", "一般镇")}),
    ("衢山镇和东沙镇均为重点镇。", {("衢山镇", "重点镇"), ("东沙镇", "重点镇")}),
    ("规划把长涂镇确定为一般镇，以渔业和旅游为主导。", {("长涂镇", "一般镇")}),
    ("东沙镇、岱西镇两个重点镇承接县城功能外溢。", {("东沙镇", "重点镇"), ("岱西镇", "重点镇")}),
    # a qualified role ("…确定的重点镇") and a township's function type ("…型乡镇"), however coined
    ("岱西镇作为上位规划确定的重点镇，承担北部片区的商贸职能。", {("岱西镇", "重点镇")}),
    ("按主导职能，衢山镇、长涂镇等2个镇定位为海洋渔业型乡镇。", {("衢山镇", "海洋渔业型乡镇"), ("长涂镇", "海洋渔业型乡镇")}),
    ("东沙镇定位为文化旅游型镇，岱东镇定位为港口物流型镇。", {("东沙镇", "文化旅游型镇"), ("岱东镇", "港口物流型镇")}),
    ("岱西镇、岱东镇列为生态农业型乡镇，控制工业用地增量。", {("岱西镇", "生态农业型乡镇"), ("岱东镇", "生态农业型乡镇")}),
    ("长涂镇为商贸服务型城镇。", {("长涂镇", "商贸服务型城镇")}),
    # the list's count before the verb, as a bare noun ("三地", "两镇")
    ("东沙镇、岱西镇和岱东镇三地为市级确定的重点镇。", {("东沙镇", "重点镇"), ("岱西镇", "重点镇"), ("岱东镇", "重点镇")}),
    ("衢山镇、长涂镇两镇列为一般镇。", {("衢山镇", "一般镇"), ("长涂镇", "一般镇")}),
]


@pytest.mark.parametrize("text,expected", ROLES, ids=[str(i) for i in range(len(ROLES))])
def test_a_tier_given_in_a_sentence(text, expected):
    assert expected <= roles(extract(COUNTY, text))


def test_role_cases_collected():
    assert len(ROLES) == 15


CATEGORIES = [
    ("北岙村、南岙村和泥峙村划为集聚提升类，重点补齐公共服务短板。",
     {("北岙村", "集聚提升类"), ("南岙村", "集聚提升类"), ("泥峙村", "集聚提升类")}),
    ("山外村、桥头村与镇区相接，列为城郊融合类。", {("山外村", "城郊融合类"), ("桥头村", "城郊融合类")}),
    ("古渡村渔俗文化浓厚，被确定为特色保护类。", {("古渡村", "特色保护类")}),
    ("位于滑坡隐患区边缘的石塘村，以及受海塘工程影响的沙头村，则列入搬迁撤并类。",
     {("石塘村", "搬迁撤并类"), ("沙头村", "搬迁撤并类")}),
    ("北岙村列为集聚提升类村庄，沙头村列为搬迁撤并类村庄。", {("北岙村", "集聚提升类"), ("沙头村", "搬迁撤并类")}),
    ("规划将南岙村和桥头村纳入城郊融合类。", {("南岙村", "城郊融合类"), ("桥头村", "城郊融合类")}),
    ("石塘村、古渡村确定为特色保护类村庄，严格保护传统院落。", {("石塘村", "特色保护类"), ("古渡村", "特色保护类")}),
    ("泥峙村定为整治提升类，逐步改善人居环境。", {("泥峙村", "整治提升类")}),
    # "为" names a category too, and 均 after a list does not swallow its last village
    ("北岙村和泥峙村为集聚提升类村庄，南峰村、西岙村和青峰村均列为整治提升类村庄。",
     {("北岙村", "集聚提升类"), ("泥峙村", "集聚提升类"), ("南峰村", "整治提升类"), ("西岙村", "整治提升类"),
      ("青峰村", "整治提升类")}),
]


@pytest.mark.parametrize("text,expected", CATEGORIES, ids=[str(i) for i in range(len(CATEGORIES))])
def test_a_village_category_goes_to_the_villages_of_its_clause(text, expected):
    found = roles(extract(TOWN, text))
    assert expected <= found
    assert not {m for m, r in found if r.endswith("类")} - {m for m, _ in expected}  # no village of another clause


def test_category_cases_collected():
    assert len(CATEGORIES) >= 8


def test_a_category_stays_with_its_own_clause():
    ex = extract(TOWN, "北岙村划为集聚提升类；沙头村列入搬迁撤并类，引导村民向北岙村集中。")
    assert roles(ex) >= {("北岙村", "集聚提升类"), ("沙头村", "搬迁撤并类")}
    assert ("北岙村", "搬迁撤并类") not in roles(ex)


POSITIONINGS = [
    ("东沙镇的发展定位确定为海岛渔俗文化名镇、滨海休闲旅游镇和海洋装备配套基地。",
     {"海岛渔俗文化名镇", "滨海休闲旅游镇", "海洋装备配套基地"}),
    ("本规划将东沙镇定位为海岛渔俗文化名镇和滨海休闲旅游镇，力争用十年左右的时间实现转型。",
     {"海岛渔俗文化名镇", "滨海休闲旅游镇"}),
    ("总体定位为：海岛渔俗文化名镇。", {"海岛渔俗文化名镇"}),
    ("发展定位：滨海休闲旅游镇", {"滨海休闲旅游镇"}),
    ("东沙镇定位为海洋装备配套基地，同时承担渔港服务。", {"海洋装备配套基地"}),
    ("城镇定位明确为滨海休闲旅游镇与海岛渔俗文化名镇。", {"滨海休闲旅游镇", "海岛渔俗文化名镇"}),
    ("规划期内东沙镇的功能定位是海洋装备配套基地。", {"海洋装备配套基地"}),
    ("东沙镇发展定位为海岛渔俗文化名镇、滨海休闲旅游镇，到2035年基本建成。", {"海岛渔俗文化名镇", "滨海休闲旅游镇"}),
]


@pytest.mark.parametrize("text,expected", POSITIONINGS, ids=[str(i) for i in range(len(POSITIONINGS))])
def test_positionings_end_where_the_list_ends(text, expected):
    ex = extract(TOWN, text)
    found = {label(ex, r.object) for r in ex.relations if r.predicate == "pk:hasPositioning"}
    assert found == expected


def test_positioning_cases_collected():
    assert len(POSITIONINGS) >= 8


REST = "全镇辖5个行政村。北岙村和泥峙村为集聚提升类村庄；其余{n}个村列为整治提升类村庄。\n南峰村、西岙村和青峰村位于镇域西部。"


def test_the_rest_of_the_villages_get_the_category_when_they_are_as_many_as_stated():
    found = roles(extract(TOWN, REST.format(n=3)))
    assert {("南峰村", "整治提升类"), ("西岙村", "整治提升类"), ("青峰村", "整治提升类")} <= found
    assert ("北岙村", "整治提升类") not in found


def test_the_rest_is_left_alone_when_the_count_does_not_match():
    found = roles(extract(TOWN, REST.format(n=4)))
    assert not any(r == "整治提升类" for _, r in found)


def test_a_count_of_villages_is_no_village():
    ex = extract(TOWN, REST.format(n=3))
    labels = {e.label for e in ex.entities.values()}
    assert "个村" not in labels and "行政村" not in labels


def test_a_function_type_given_with_dingwei_is_no_positioning():
    ex = extract(COUNTY, "东沙镇定位为文化旅游型镇，岱东镇定位为港口物流型镇。")
    assert {("东沙镇", "文化旅游型镇"), ("岱东镇", "港口物流型镇")} <= roles(ex)
    assert not {e.label for e in ex.entities.values() if e.ref.kind == "Positioning"} & {"文化旅游型镇", "港口物流型镇"}


@pytest.mark.parametrize("text", [
    "按主导职能，衢山镇、长涂镇等2个镇定位为海洋渔业型乡镇。",
    "岱西镇、岱东镇、东沙镇等3个乡镇列为文化旅游型乡镇，控制工业用地。",
    "高亭镇、东沙镇2个乡镇定位为商贸服务型乡镇。",
    "衢山镇、秀山乡等2个乡镇被确定为生态农业型乡镇。",
])
def test_the_verb_giving_a_role_is_no_part_of_a_counted_list(text):
    ex = extract(COUNTY, text)
    assert not [g.label for g in ex.groups if re.search("定位|列为|确定|为", g.label)], [g.label for g in ex.groups]
    assert any(role.endswith("型乡镇") for _, role in roles(ex))


def test_a_count_before_a_clause_with_wei_is_no_list_name():
    ex = extract(COUNTY, "岱西镇、岱东镇、秀山乡三个乡镇以海洋生态保护为第一要务，控制建设规模。")
    assert not [g.label for g in ex.groups if "保护" in g.label], [g.label for g in ex.groups]
