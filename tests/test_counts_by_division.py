"""A count shared out over divisions ("全县共规划消防站12座，各乡镇配置为：城关镇5座，含特勤站1座；北乡3座…") gives each
division its share of the counted thing, with the whole's year (a part of a share, "含…1座", the share's place); a
whole the plan lays out (规划, 共规划) is a target of its end year, not a stock of the base year; a date before a name
is no part of it ("2035年|中心城区"). Phrasings written for these tests."""
from __future__ import annotations

from plankg.extract import names, pipeline, reader

TEXT = ("岢岚县国土空间总体规划（2021-2035年）\n岢岚县人民政府\n"
        "截至2020年，全县建成消防站4座。全县共规划消防站12座，各乡镇配置为：1.岚漪镇5座，含特勤消防站1座；"
        "2.三井镇4座；3.温泉乡3座。\n")


def _counts():
    ex = pipeline.extract(reader.parse(TEXT, "plan.md"))
    return {(q.indicator, q.value, q.year, tuple(a.name for a in q.areas)) for q in ex.quantities if q.is_count}


def test_each_division_gets_its_share_of_the_whole():
    got = _counts()
    assert {("消防站数量", 5.0, 2035, ("岚漪镇",)), ("消防站数量", 4.0, 2035, ("三井镇",)),
            ("消防站数量", 3.0, 2035, ("温泉乡",))} <= got, got


def test_the_whole_is_a_target_and_the_stock_is_of_its_year():
    got = {(i, v, y) for i, v, y, _a in _counts()}
    assert {("消防站数量", 12.0, 2035), ("消防站数量", 4.0, 2020)} <= got, got


def test_a_part_of_a_share_is_no_whole_and_is_of_the_share_s_place():
    got = _counts()
    assert not any(i == "特勤消防站数量" and v in (4.0, 3.0) for i, v, _y, _a in got), got
    assert ("特勤消防站数量", 1.0, 2035, ("岚漪镇",)) in got, got


def test_a_date_is_no_part_of_a_name():
    for text in ("到2040年中心城区绿地率达到40%", "2030年底中心城区人口"):
        assert [s.text for s in names.suffix_names(text) if s.kind == "UrbanArea"] == ["中心城区"]
