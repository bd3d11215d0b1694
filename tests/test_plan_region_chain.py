"""The unit a plan covers when its title names a chain of divisions, largest first ("县+镇", "市+县", "省+市+县+镇"):
the last of the chain, each name inside the one before. A township plan titled with its county in front is the
township's plan, not a second master plan of the county. Titles invented for divisions of the gazetteer."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader
from plankg.extract.gazetteer import gazetteer

CHAINS = [  # (title, the division it covers, its level)
    ("岱山县高亭镇国土空间总体规划（2021-2035年）", "高亭镇", "township"),
    ("岱山县东沙镇国土空间规划（2021-2035年）（公示稿）", "东沙镇", "township"),
    ("舟山市岱山县国土空间总体规划（2021-2035年）", "岱山县", "county"),
    ("浙江省舟山市岱山县高亭镇国土空间规划", "高亭镇", "township"),
    ("舟山市高亭镇国土空间规划（2021-2035年）", "高亭镇", "township"),  # the county left out
    ("忻州市偏关县老营镇国土空间总体规划", "老营镇", "township"),
    ("偏关县水泉镇国土空间规划（2021-2035年）", "水泉镇", "township"),  # a name several provinces share
    ("浙江省国土空间规划（2021-2035年）", "浙江省", "province"),
    ("舟山市国土空间总体规划（2021-2035年）", "舟山市", "city"),
    ("岱山县城区控制性详细规划", "岱山县", "county"),  # no division of the county is called 城区…
    ("岱山县新关镇国土空间规划", "岱山县", "county"),  # 新关镇 lies in other counties, not in this one
]


def test_every_chain_case_collected():
    assert len(CHAINS) == 11


@pytest.mark.parametrize("title,name,level", CHAINS)
def test_the_last_division_of_the_chain_is_the_region(title, name, level):
    region = gazetteer().find_region(title)
    assert region is not None and (region.name, region.level) == (name, level)


@pytest.mark.parametrize("title,name,level", [c for c in CHAINS if c[2] == "township"])
def test_a_township_plan_titled_after_its_county_is_the_townships_plan(title, name, level):
    text = f"{title}\n第一章 总则\n规划范围为{name}行政辖区。\n"
    meta = pipeline.extract(reader.parse(text, "plan.txt")).meta
    township = gazetteer().find_region(title)
    assert (meta.region_name, meta.level) == (name, "township")
    assert meta.plan_id.startswith(township.code)


@pytest.mark.parametrize("title", ["定海区国土空间分区规划（2021-2035年）", "舟山市定海区国土空间分区规划（2021-2035年）（征求意见稿）",
                                   "定海区国土空间总体规划（2021-2035年）"])
def test_a_districts_fenqu_plan_is_its_master_plan(title):
    """A district's 国土空间分区规划 and its 国土空间总体规划 are one plan (one per district), not two."""
    from plankg.extract.meta import plan_ref_for_title, without_status
    assert plan_ref_for_title(without_status(title), gazetteer()) == ("330902-master", "定海区")
