"""Where a thing lies: "X规划于Y" / "X布局在Y" (规划 the verb, not a plan's name) and "A是…的B，选址于Y" (A lies in Y)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

# (sentence, thing, town): phrasings no corpus file contains, towns of the gazetteer's 偏关县
LOCATED = [
    ("偏关通用机场规划于新关镇，承担应急救援功能。", "偏关通用机场", "新关镇"),
    ("老牛湾滨河公园规划在老牛湾镇，服务沿黄旅游。", "老牛湾滨河公园", "老牛湾镇"),
    ("偏关物流园布局于水泉镇南部，服务农产品外运。", "偏关物流园", "水泉镇"),
    ("万家寨能源装备产业园布局在万家寨镇，主攻装备制造。", "万家寨能源装备产业园", "万家寨镇"),
    ("偏关杂粮加工产业园是县域唯一的农产品加工园区，选址于窑头乡东部，以杂粮精深加工为主。", "偏关杂粮加工产业园", "窑头乡"),
    ("偏关黄河湿地公园是全县面积最大的湿地，位于万家寨镇。", "偏关黄河湿地公园", "万家寨镇"),
    ("楼沟水库为全县最大的蓄水工程，坐落于楼沟乡。", "楼沟水库", "楼沟乡"),
    ("偏关循环经济产业园规划于新关镇北侧，主导产业为煤电。", "偏关循环经济产业园", "新关镇"),
]


@pytest.mark.parametrize("sentence,thing,town", LOCATED)
def test_where_a_thing_lies(tmp_path, sentence, thing, town):
    path = tmp_path / "p.txt"
    path.write_text(f"偏关县国土空间总体规划（2021-2035年）\n\n第一章 布局\n\n{sentence}\n", encoding="utf-8")
    ex = pipeline.extract(reader.read(path))
    located = {(r.subject.name, ex.entities[r.object.key].label if r.object.key in ex.entities else r.object.name)
               for r in ex.relations if r.predicate == "pk:locatedIn"}
    assert (thing, town) in located, located
    assert not any(ref.kind == "Plan" and ref.name.endswith("规划") and thing in ref.name
                   for ref in (e.ref for e in ex.entities.values()))


def test_located_suite_collected(collected_cases):
    assert collected_cases("test_where_a_thing_lies") == 8


# (sentence, [(thing, place)]): lists whose items each name their own place — invented for 偏关县's towns
EACH_WITH_PLACE = [
    ("特色保护类村庄以黄河沿岸古村为主，像老牛湾镇的老牛湾村、万家寨镇的柏杨岭村以及窑头乡的大石洼村，都是其中的代表。",
     [("老牛湾村", "老牛湾镇"), ("柏杨岭村", "万家寨镇"), ("大石洼村", "窑头乡")]),
    ("重点保护新关镇的护宁寺遗址和水泉镇的水泉堡遗址。", [("护宁寺遗址", "新关镇"), ("水泉堡遗址", "水泉镇")]),
    ("近期建设楼沟乡的楼沟水库和窑头乡的窑头水库。", [("楼沟水库", "楼沟乡"), ("窑头水库", "窑头乡")]),
    ("规划保留万家寨镇的滨河公园、新关镇的南山公园等公园绿地。", [("滨河公园", "万家寨镇"), ("南山公园", "新关镇")]),
    ("集聚提升类村庄包括水泉镇的水泉村、老牛湾镇的杨家川村与新关镇的东关村。",
     [("水泉村", "水泉镇"), ("杨家川村", "老牛湾镇"), ("东关村", "新关镇")]),
    ("沿线串联窑头乡的石城村，以及楼沟乡的楼沟村。", [("石城村", "窑头乡"), ("楼沟村", "楼沟乡")]),
    ("县域东部的老牛湾镇的乾坤湾森林公园和万家寨镇的黄河湿地公园是旅游重点。",
     [("乾坤湾森林公园", "老牛湾镇"), ("黄河湿地公园", "万家寨镇")]),
    ("扶持新关镇的杂粮加工园和水泉镇的肉羊养殖园发展。", [("杂粮加工园", "新关镇"), ("肉羊养殖园", "水泉镇")]),
]


def test_each_with_place_cases_collected():
    assert len(EACH_WITH_PLACE) == 8


@pytest.mark.parametrize("sentence,pairs", EACH_WITH_PLACE)
def test_each_item_lies_in_the_place_it_names(tmp_path, sentence, pairs):
    path = tmp_path / "p.txt"
    path.write_text(f"偏关县国土空间总体规划（2021-2035年）\n\n第一章 布局\n\n{sentence}\n", encoding="utf-8")
    ex = pipeline.extract(reader.read(path))
    label = lambda r: ex.entities[ex.canonical(r).key].label if ex.canonical(r).key in ex.entities else r.name
    located = {(label(r.subject), label(r.object)) for r in ex.relations if r.predicate == "pk:locatedIn"}
    assert set(pairs) <= located, located
    assert not any(place in thing for thing, place in located if (thing, place) not in pairs and thing in dict(pairs))


@pytest.mark.parametrize("sentence", [
    "规划保护的古堡有水泉堡和老营堡，其中水泉堡位于水泉镇，老营堡位于老营镇。",
    "新关镇是县城所在地，护宁寺位于新关镇北部。",
    "万家寨水库以北为万家寨镇，老牛湾堡位于老牛湾镇。",
    "窑头乡以杂粮为主，石城堡坐落于窑头乡。",
])
def test_no_place_of_an_earlier_clause_lies_in_the_next_clauses_place(tmp_path, sentence):
    path = tmp_path / "p.txt"
    path.write_text(f"偏关县国土空间总体规划（2021-2035年）\n\n第一章 布局\n\n{sentence}\n", encoding="utf-8")
    ex = pipeline.extract(reader.read(path))
    kinds = {ex.canonical(r.subject).kind for r in ex.relations if r.predicate == "pk:locatedIn"}
    assert "AdministrativeDivision" not in kinds, [(r.subject.name, r.object.name) for r in ex.relations
                                                  if r.predicate == "pk:locatedIn"]
