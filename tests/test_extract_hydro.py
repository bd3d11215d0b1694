"""The hydrography family (extract/hydro.py) on phrasings written for these tests: tributaries, river
systems and basins, reservoirs on rivers and river sources in mountains.
The plan is a made-up plan for 岱山县 (its townships are real gazetteer entries); its rivers, mountains
and reservoirs are invented, and no sentence comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"


def extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body, "plan.txt"))


def label(ex, ref) -> str:
    return ex.entities[ex.canonical(ref).key].label


def relations(ex, predicate: str) -> set[tuple[str, str]]:
    return {(label(ex, r.subject), label(ex, r.object)) for r in ex.relations if r.predicate == predicate}


def kinds(ex) -> dict[str, str]:
    return {e.label: e.ref.kind for e in ex.entities.values()}


# ---------------------------------------------------------------- tributaries
TRIBUTARIES = [
    ("清溪河、白沙河等支流汇入青龙河。", {("清溪河", "青龙河"), ("白沙河", "青龙河")}),
    ("青龙河的主要支流有石门河、柳林河和龙潭河。", {("石门河", "青龙河"), ("柳林河", "青龙河"), ("龙潭河", "青龙河")}),
    ("石门河是青龙河的一级支流，全长约32千米。", {("石门河", "青龙河")}),
    ("柳林河于岱西镇注入青龙河。", {("柳林河", "青龙河")}),
    ("规划范围涵盖青龙河干流及白沙河、龙潭河等主要支流。", {("白沙河", "青龙河"), ("龙潭河", "青龙河")}),
    ("石门河与柳林河在东沙镇汇合后始称青龙河。", {("石门河", "青龙河"), ("柳林河", "青龙河")}),
    ("龙潭河为青龙河北源，水量稳定。", {("龙潭河", "青龙河")}),
    ("青龙河干流全长约80千米。白沙河自北向南流经高亭镇，最终汇入干流。", {("白沙河", "青龙河")}),
    ("清溪河由东沙镇流入岱西镇后注入青龙河。", {("清溪河", "青龙河")}),
]


@pytest.mark.parametrize("text,expected", TRIBUTARIES, ids=[str(i) for i in range(len(TRIBUTARIES))])
def test_tributary_constructions(text, expected):
    ex = extract(text + "\n")
    found = relations(ex, "pk:tributaryOf")
    assert expected <= found
    assert all(kinds(ex).get(whole) == "River" for _, whole in found)  # a township one flows through is no river


# ---------------------------------------------------------------- river systems and basins
SYSTEMS = [
    ("青龙河属钱塘江水系。", {("青龙河", "钱塘江")}),
    ("青龙河是钱塘江的上游干流。", {("青龙河", "钱塘江")}),
    ("高亭镇全境属于长江流域，水资源较为丰富。", {("高亭镇", "长江流域")}),
    ("东沙镇全境和岱西镇北部属于淮河流域。", {("东沙镇", "淮河流域")}),
    ("白沙河位于瓯江流域，河道比降较大。", {("白沙河", "瓯江流域")}),
    ("青龙河隶属于钱塘江水系，是县域主要河流。", {("青龙河", "钱塘江")}),
    ("石门河属于青龙河水系。", {("石门河", "青龙河")}),
    ("龙潭河地处长江流域。", {("龙潭河", "长江流域")}),
]


@pytest.mark.parametrize("text,expected", SYSTEMS, ids=[str(i) for i in range(len(SYSTEMS))])
def test_system_and_basin_constructions(text, expected):
    ex = extract(text + "\n")
    assert expected <= relations(ex, "pk:partOf")


def test_a_part_of_a_division_does_not_make_the_division_part_of_the_basin():
    ex = extract("东沙镇全境和岱西镇北部属于淮河流域。\n")
    assert ("岱西镇", "淮河流域") not in relations(ex, "pk:partOf")


# ---------------------------------------------------------------- reservoirs and lakes on rivers
ON_RIVERS = [
    ("青龙河上的凤鸣水库是全县最大的水源地。", {("凤鸣水库", "青龙河")}),
    ("凤鸣水库位于青龙河干流，总库容约1.2亿立方米。", {("凤鸣水库", "青龙河")}),
    ("云溪水库建于石门河之上。", {("云溪水库", "石门河")}),
    ("石门河干流上的双峰水库和金坑水库承担县城供水功能。", {("双峰水库", "石门河"), ("金坑水库", "石门河")}),
    ("龙潭河上建有白云水库。", {("白云水库", "龙潭河")}),
    ("翠湖水库坐落于白沙河中游。", {("翠湖水库", "白沙河")}),
    ("柳林河上游的杏花水库水质常年保持Ⅱ类。", {("杏花水库", "柳林河")}),
    ("镜湖位于清溪河下游，是重要的城市湿地。", {("镜湖", "清溪河")}),
]


@pytest.mark.parametrize("text,expected", ON_RIVERS, ids=[str(i) for i in range(len(ON_RIVERS))])
def test_located_on_river_constructions(text, expected):
    ex = extract(text + "\n")
    assert expected <= relations(ex, "pk:locatedOn")


# ---------------------------------------------------------------- sources
SOURCES = [
    ("青龙河发源于凤凰山，自西向东流经全县。", "青龙河", "凤凰山"),
    ("石门河发源于岱西镇云雾山北麓。", "石门河", "云雾山"),
    ("柳林河为青龙河西源，发源于太白山脉。", "柳林河", "太白山脉"),
    ("白沙河源出黄岩岭，向南流入东沙镇。", "白沙河", "黄岩岭"),
    ("清溪河发源于高亭镇的磨盘山。", "清溪河", "磨盘山"),
    ("青龙河发源地为笔架山。", "青龙河", "笔架山"),
    ("双溪河发源自狮子峰南坡，流程短、坡降大。", "双溪河", "狮子峰"),
    ("龙潭河起源于东沙镇，向北注入青龙河。", "龙潭河", "东沙镇"),
]


@pytest.mark.parametrize("text,river,origin", SOURCES, ids=[s[2] for s in SOURCES])
def test_source_constructions(text, river, origin):
    ex = extract(text + "\n")
    assert (river, origin) in relations(ex, "pk:originatesIn")
    if origin.endswith(("山", "山脉", "岭", "峰")):
        assert kinds(ex)[origin] == "Mountain"


def test_a_mountain_source_lies_in_the_division_printed_before_it():
    ex = extract("石门河发源于岱西镇云雾山北麓。\n")
    assert ("云雾山", "岱西镇") in relations(ex, "pk:locatedIn")


def test_a_second_river_in_the_sentence_is_not_the_one_that_rises():
    ex = extract("柳林河为青龙河西源，发源于太白山脉。\n")
    assert ("青龙河", "太白山脉") not in relations(ex, "pk:originatesIn")


def test_phrasing_counts():
    """Every construction family is tested with at least eight phrasings (issue 10)."""
    for family in (TRIBUTARIES, SYSTEMS, ON_RIVERS, SOURCES):
        assert len(family) >= 8


# ---------------------------------------------------------------- what a river or line runs through
THROUGH_PLACES = [
    ("青龙河自西南向东北流经东沙镇、岱西镇、高亭镇。", "青龙河", {"东沙镇", "岱西镇", "高亭镇"}),
    ("白沙河发源于北部山区，流经衢山镇和高亭镇后入海。", "白沙河", {"衢山镇", "高亭镇"}),
    ("规划的甬舟铁路途经高亭镇、东沙镇，设站两处。", "甬舟铁路", {"高亭镇", "东沙镇"}),
    ("舟岱高速公路贯穿岱西镇与高亭镇，是对外联系的主通道。", "舟岱高速公路", {"岱西镇", "高亭镇"}),
    ("石门河穿过岱东镇，河道狭窄。", "石门河", {"岱东镇"}),
    ("柳林河经过秀山乡、长涂镇两个乡镇。", "柳林河", {"秀山乡", "长涂镇"}),
    ("海岛大道串联高亭镇、岱东镇和衢山镇。", "海岛大道", {"高亭镇", "岱东镇", "衢山镇"}),
    ("输气管道纵贯东沙镇、岱西镇。", None, set()),  # no named line before the cue: nothing is linked
]


@pytest.mark.parametrize("text,line,places", THROUGH_PLACES, ids=[str(i) for i in range(len(THROUGH_PLACES))])
def test_a_named_line_passes_through_the_places_it_lists(text, line, places):
    got = relations(extract(text + "\n"), "pk:passesThrough")
    assert {p for s, p in got if s == line} == places
    if line is None:
        assert not any(p in {"东沙镇", "岱西镇"} for _, p in got)


def test_a_phrase_that_names_no_place_links_nothing():
    got = relations(extract("青龙河流经县域中部多个乡镇。\n"), "pk:passesThrough")
    assert not any(s == "青龙河" and p != "岱山县" for s, p in got)
