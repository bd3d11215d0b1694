"""Routes through the plan's own territory (extract/places.py): every route of a clause that 穿越 / 纵贯 the
county ("A南北向、B东西向穿越县域"), and a route that stops in it ("X高铁在县域东部设站"). Phrasings written
for these tests (a made-up 岱山县 plan)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n规划期限为2021年至2035年。\n第五章 交通\n"

CASES = [
    ("甬舟高速南北向、沪舟高速东西向穿越县域，是对外联系的主通道。", {"甬舟高速", "沪舟高速"}),
    ("甬舟铁路在县域南部设站。", {"甬舟铁路"}),
    ("规划建设的沪舟甬高铁在县域北部设站，衔接长三角。", {"沪舟甬高铁"}),
    ("高速公路：甬舟高速纵贯县域。", {"甬舟高速"}),
    ("岱山大道和环岛公路横贯县域。", {"岱山大道", "环岛公路"}),
    ("沪舟高速在境内设出入口两处。", {"沪舟高速"}),
    ("鹭岛快速路东西向穿越县域，连接高亭镇与东沙镇。", {"鹭岛快速路"}),
    ("舟岱高速在县域西部设互通，服务岱西镇。", {"舟岱高速"}),
]


def _through_region(text: str) -> set[str]:
    ex = pipeline.extract(reader.parse(HEAD + text + "\n", "plan.txt"))
    label = lambda ref: ex.entities[ref.key].label if ref.key in ex.entities else ref.name  # noqa: E731
    return {label(r.subject) for r in ex.relations if r.predicate == "pk:passesThrough" and label(r.object) == "岱山县"}


def test_cases_collected():
    assert len(CASES) == 8


@pytest.mark.parametrize("text,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_routes_pass_through_the_plans_territory(text, expected):
    got = _through_region(text)
    assert expected <= got, (expected - got, got)


def test_a_place_that_sets_up_a_station_is_not_a_route():
    assert "高亭镇" not in _through_region("高亭镇在县域中部设站点服务居民。")
