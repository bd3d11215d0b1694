"""The divisions a named zone takes in (extract/zones.py zone_members): "X区以A镇、B镇为主体", "X区主要包括A镇、
B镇两个镇的大部分地域", "X区覆盖A镇、B镇一带" → each division partOf the zone; a zone that lists land or
anything but divisions gives nothing. Phrasings written for these tests on a made-up 岱山县 plan (its
towns are real divisions: 高亭镇, 东沙镇, 岱东镇, 岱西镇); no sentence comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n一、总体格局\n"


def part_of(body: str) -> set[tuple[str, str]]:
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.txt"))

    def label(ref) -> str:
        return ex.entities[ex.canonical(ref).key].label
    return {(label(r.subject), label(r.object)) for r in ex.relations if r.predicate == "pk:partOf"}


CASES = [
    ("规划形成三个分区，其中北部海岛生态屏障区以东沙镇、岱西镇为主体，承担生态涵养功能。",
     {("东沙镇", "北部海岛生态屏障区"), ("岱西镇", "北部海岛生态屏障区")}),
    ("南部滨海城镇发展区主要包括高亭镇、岱东镇两个镇的大部分地域。",
     {("高亭镇", "南部滨海城镇发展区"), ("岱东镇", "南部滨海城镇发展区")}),
    ("西部渔业农牧区则覆盖岱西镇和东沙镇一带，重点发展远洋渔业。",
     {("岱西镇", "西部渔业农牧区"), ("东沙镇", "西部渔业农牧区")}),
    ("中部文旅区涵盖高亭镇、东沙镇等地。", {("高亭镇", "中部文旅区"), ("东沙镇", "中部文旅区")}),
]


@pytest.mark.parametrize("text,links", CASES, ids=[str(i) for i in range(len(CASES))])
def test_each_division_is_part_of_the_zone(text, links):
    assert links <= part_of(text)


def test_cases_collected():
    assert len(CASES) == 4


def test_a_zone_listing_land_takes_in_no_division():
    found = part_of("北部海岛生态屏障区主要包括林地、湿地和东沙镇沿海滩涂。")
    assert not any(o == "北部海岛生态屏障区" for _, o in found)
