"""A township's neighbours after any bearing word: "西邻X", "东面与X毗连", "东北方向同X相接" … (pk:adjacentTo from
the plan's own region). Phrasings no corpus file contains; towns of the gazetteer's 偏关县."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

NEIGHBOURS = [
    ("镇域西邻水泉镇，地形以黄土丘陵为主。", "水泉镇"),
    ("本镇东面与窑头乡毗连，交通往来便利。", "窑头乡"),
    ("镇域东北方向同楼沟乡相接。", "楼沟乡"),
    ("镇域南侧与万家寨镇相邻，沿黄公路穿境而过。", "万家寨镇"),
    ("镇域西南邻尚峪镇，沟壑纵横。", "尚峪镇"),
    ("北面同老牛湾镇接壤。", "老牛湾镇"),
    ("镇域东与老营镇毗连，长城沿线相望。", "老营镇"),
    ("西北方向同河曲县相连，两地共享林草资源。", "河曲县"),
]


@pytest.mark.parametrize("sentence,town", NEIGHBOURS)
def test_a_neighbour_after_a_bearing(tmp_path, sentence, town):
    path = tmp_path / "p.txt"
    path.write_text(f"新关镇国土空间总体规划（2021-2035年）\n\n第一章 镇域概况\n\n{sentence}\n", encoding="utf-8")
    ex = pipeline.extract(reader.read(path))
    label = {k: e.label for k, e in ex.entities.items()}
    adjacent = {(label.get(r.subject.key, r.subject.name), label.get(r.object.key, r.object.name))
                for r in ex.relations if r.predicate == "pk:adjacentTo"}
    assert ("新关镇", town) in adjacent, adjacent
    assert len(adjacent) == 1, adjacent  # nothing else in the sentence is a neighbour


def test_bearings_suite_collected(collected_cases):
    assert collected_cases("test_a_neighbour_after_a_bearing") == 8
