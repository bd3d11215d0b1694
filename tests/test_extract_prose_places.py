"""Where things are, said in running prose (extract/places.py): a river that crosses the plan's region,
a named thing the sentence places in the region, and things that together make up a larger one. Phrasings
written for these tests on a made-up 东沙镇 plan; no sentence comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

TOWN = "东沙镇国土空间总体规划（2021-2035年）\n岱山县东沙镇人民政府\n一、规划基础\n"


def links(body: str) -> set[tuple[str, str, str]]:
    ex = pipeline.extract(reader.parse(TOWN + body + "\n", "plan.txt"))

    def label(ref) -> str:
        return ex.entities[ex.canonical(ref).key].label
    return {(label(r.subject), r.predicate, label(r.object)) for r in ex.relations}


CASES = [
    # a river or road that crosses the plan's own region, even with a place on its way named first
    ("清溪河自岱西镇方向入境后斜贯镇域，向东注入大海。", ("清溪河", "pk:passesThrough", "东沙镇")),
    ("岱东高速公路由北向南纵穿镇域，并在镇区西侧设出入口。", ("岱东高速公路", "pk:passesThrough", "东沙镇")),
    # a named thing the sentence places in the region
    ("镇域中部出露的灵泉是一处岩溶泉。", ("灵泉", "pk:locatedIn", "东沙镇")),
    ("镇域北部的磨心山是全镇的制高点。", ("磨心山", "pk:locatedIn", "东沙镇")),
    ("全镇的青峰水库承担农田灌溉任务。", ("青峰水库", "pk:locatedIn", "东沙镇")),
    # things just listed that together make up a larger one
    ("镇域东部分布着东沙一号水库和青峰水库等水源，二者共同构成区域供水基地。",
     ("东沙一号水库", "pk:partOf", "区域供水基地")),
    ("镇域东部分布着东沙一号水库和青峰水库等水源，二者共同构成区域供水基地。",
     ("青峰水库", "pk:partOf", "区域供水基地")),
    ("北岙村、泥峙村和南峰村连片分布，三者共同组成东沙农业园。", ("泥峙村", "pk:partOf", "东沙农业园")),
]


@pytest.mark.parametrize("text,link", CASES, ids=[str(i) for i in range(len(CASES))])
def test_a_place_relation_in_a_sentence(text, link):
    assert link in links(text)


def test_place_cases_collected():
    assert len(CASES) >= 8


def test_a_pronoun_that_counts_other_than_the_list_links_nothing():
    found = links("北岙村、泥峙村和南峰村连片分布，二者共同组成东沙农业园。")
    assert not any(p == "pk:partOf" and o == "东沙农业园" for _, p, o in found)


def test_a_thing_of_another_place_is_not_put_in_the_region():
    found = links("岱西镇的磨心山是区域的制高点。")
    assert ("磨心山", "pk:locatedIn", "东沙镇") not in found


FROM_HERE = [
    ("镇域中部的灵泉是一处岩溶泉，泉水汇聚后注入清溪河，清溪河即发源于此。", ("清溪河", "pk:originatesIn", "灵泉")),
    ("磨心山位于镇域西北部，山间溪流汇成东沙河，东沙河就发源于此。", ("东沙河", "pk:originatesIn", "磨心山")),
    ("青峰湖水面开阔，湖水向东溢出形成岱溪河，岱溪河正是由此发源。", ("岱溪河", "pk:originatesIn", "青峰湖")),
    ("北岙泉出露于镇区北缘，泉水流入南溪河，南溪河源于此。", ("南溪河", "pk:originatesIn", "北岙泉")),
]


@pytest.mark.parametrize("text,link", FROM_HERE, ids=[str(i) for i in range(len(FROM_HERE))])
def test_a_river_that_rises_here_rises_at_what_the_sentence_began_with(text, link):
    assert link in links(text)


def test_from_here_cases_collected():
    assert len(FROM_HERE) >= 4


def test_a_river_that_rises_elsewhere_takes_no_source_from_here():
    found = links("灵泉是一处岩溶泉，泉水汇入清溪河。")
    assert not any(p == "pk:originatesIn" for _, p, _ in found)


def lakes(body: str) -> set[str]:
    ex = pipeline.extract(reader.parse(TOWN + body + "\n", "plan.txt"))
    return {e.label for e in ex.entities.values() if e.ref.kind == "Lake"}


WATER_AREAS = [
    ("灵泉泉水汇成青龙潭等水面后注入清溪河。", "青龙潭"),
    ("镇区北部有月牙湖等水面，规划为滨水休闲片区。", "月牙湖"),
    ("湿地公园包括莲花池、天池等水体。", "莲花池"),
    ("湿地公园包括莲花池、天池等水体。", "天池"),
]


@pytest.mark.parametrize("text,lake", WATER_AREAS, ids=[str(i) for i in range(len(WATER_AREAS))])
def test_a_proper_name_listed_before_a_water_word_is_a_lake(text, lake):
    assert lake in lakes(text)


def test_water_area_cases_collected():
    assert len(WATER_AREAS) >= 4


def test_common_nouns_and_the_clause_before_them_are_no_lake():
    found = lakes("镇域内分布着坑塘、鱼塘等水面，泉水汇成青龙潭等水面。")
    assert found == {"青龙潭"}
