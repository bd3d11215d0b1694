"""Zones and functional areas (extract/zones.py) and the parts of a slogan structure defined in
prose (extract/structures.py), on phrasings written for these tests: a made-up 东沙镇 plan."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

TOWN = "东沙镇国土空间总体规划（2021-2035年）\n岱山县东沙镇人民政府\n一、镇区布局\n"
COUNTY = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"


def extract(body: str, head: str = TOWN):
    return pipeline.extract(reader.parse(head + body + "\n", "plan.txt"))


def label(ex, ref) -> str:
    return ex.entities[ex.canonical(ref).key].label


def parts(ex) -> set[tuple[str, str]]:
    return {(label(ex, r.subject), label(ex, r.object)) for r in ex.relations if r.predicate == "pk:partOf"}


ZONES = [
    ("镇区自北向南依次划分为渔港风情片区、老街商贸片区和山前居住片区三个功能片区。",
     {"渔港风情片区", "老街商贸片区", "山前居住片区"}),
    ("镇区分为两个片区：滨海休闲片区，以沙滩和栈道为主；老街商贸片区，以传统街巷为主。",
     {"滨海休闲片区", "老街商贸片区"}),
    ("镇区北部毗邻海塘，规划为滨海休闲片区；中部地段作为行政服务片区；西部则是山前居住片区。",
     {"滨海休闲片区", "行政服务片区", "山前居住片区"}),
    ("镇区以北岙村为依托，东侧规划为渔港物流片区，西侧作为山前居住片区。", {"渔港物流片区", "山前居住片区"}),
    ("镇区由西向东分成老街商贸片区和渔港风情片区。", {"老街商贸片区", "渔港风情片区"}),
    ("镇区依次划分为北岙组团、南岙组团和泥峙组团。", {"北岙组团", "南岙组团", "泥峙组团"}),
    ("镇区划分为渔港风情片区与山前居住片区两个功能区。", {"渔港风情片区", "山前居住片区"}),
    ("镇区南部作为海洋装备片区，集中布置修造船企业。", {"海洋装备片区"}),
]


@pytest.mark.parametrize("text,expected", ZONES, ids=[str(i) for i in range(len(ZONES))])
def test_zones_of_the_town_area_are_part_of_the_town(text, expected):
    ex = extract(text)
    assert {(z, "东沙镇") for z in expected} <= parts(ex)
    assert not any("个" in s for s, _ in parts(ex))  # "三个功能片区" names no zone


def test_zone_cases_collected():
    assert len(ZONES) >= 8


def test_a_named_urban_area_keeps_its_zones():
    ex = extract("中心城区自西向东依次划分为北湖片区、南湖片区和东港片区三个功能片区。", COUNTY)
    assert {("北湖片区", "中心城区"), ("南湖片区", "中心城区"), ("东港片区", "中心城区")} <= parts(ex)


SLOGAN_PARTS = [
    ("镇域构建“一心两廊三区”的空间结构。所谓“一心”，是以北岙村为中心的镇区综合服务中心。", "一心", {"镇区综合服务中心"}),
    ("镇域构建“一核两廊”的空间结构。“一核”是以海塘湿地为主体的滨海生态保护核。", "一核", {"滨海生态保护核"}),
    ("镇域构建“一心两廊”的空间结构。“两廊”分别为沿东沙河延伸的东沙河滨水生态廊道和顺山脊展开的北山生态廊道。",
     "两廊", {"东沙河滨水生态廊道", "北山生态廊道"}),
    ("镇域构建“一心三片”的空间结构。“三片”依次为渔港风情片区、老街商贸片区和山前居住片区。",
     "三片", {"渔港风情片区", "老街商贸片区", "山前居住片区"}),
    ("镇域构建“两轴四区”的空间结构。“两轴”指沿海发展轴和山海联动轴。", "两轴", {"沿海发展轴", "山海联动轴"}),
    ("镇域构建“一带两区”的空间结构。“两区”分别是北部的渔港风情片区，以及南部的山前居住片区。",
     "两区", {"渔港风情片区", "山前居住片区"}),
    ("镇域构建“一心两带”的空间结构。其中“两带”为滨海景观带和山脊绿化带。", "两带", {"滨海景观带", "山脊绿化带"}),
    ("镇域构建“一环三片”的空间结构。“三片”依次是北岙片区、南岙片区和泥峙片区。", "三片", {"北岙片区", "南岙片区", "泥峙片区"}),
]


@pytest.mark.parametrize("text,part,members", SLOGAN_PARTS, ids=[str(i) for i in range(len(SLOGAN_PARTS))])
def test_a_slogan_part_defined_in_prose_has_its_members(text, part, members):
    ex = extract(text)
    found = {label(ex, m) for g in ex.groups if g.label == part for m in g.members}
    assert members <= found


def test_slogan_part_cases_collected():
    assert len(SLOGAN_PARTS) >= 8


def categories(ex) -> set[tuple[str, str]]:
    return {(label(ex, r.subject), label(ex, r.object)) for r in ex.relations if r.predicate == "pk:category"}


DESIGNATED = [
    ("本规划将灵泉泉域保护区作为一般生态控制区，实行专门管控。", ("灵泉泉域保护区", "一般生态控制区")),
    ("本规划未将灵泉泉域保护区划入生态保护红线，而是将其作为一般生态控制区。", ("灵泉泉域保护区", "一般生态控制区")),
    ("规划将青峰水库饮用水水源保护区划为重点管控区。", ("青峰水库饮用水水源保护区", "重点管控区")),
    ("将磨心山森林公园纳入生态控制区，严禁开发建设。", ("磨心山森林公园", "生态控制区")),
    ("考虑到现状村庄分布，本规划将东沙湿地公园确定为一般管控区。", ("东沙湿地公园", "一般管控区")),
    ("将东沙河沿岸确定为滨水控制带，并将青峰水库作为水源管制区。", ("青峰水库", "水源管制区")),
]


@pytest.mark.parametrize("text,expected", DESIGNATED, ids=[str(i) for i in range(len(DESIGNATED))])
def test_a_named_area_put_in_a_control_zone(text, expected):
    assert expected in categories(extract(text))


def test_designated_cases_collected():
    assert len(DESIGNATED) >= 6


def test_a_negated_designation_puts_nothing_in_the_zone():
    found = categories(extract("本规划未将灵泉泉域保护区划入一般生态控制区，保持现状管理。"))
    assert not found
