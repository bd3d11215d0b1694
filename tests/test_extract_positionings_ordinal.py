"""Positionings listed by ordinals after 定位为 ("发展定位为：一是A；二是B；三是C", extract/roles.py), and
park names that end in 工业园区 / 物流园区 kept whole (extract/data/suffixes.tsv). Phrasings written for
these tests (a made-up 岱山县 plan); none comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import names, pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n规划期限为2021年至2035年。\n第二章 目标定位\n"

POSITIONINGS = [
    ("本规划确定岱山县的发展定位为：一是舟山群岛新区北部枢纽；二是长三角海洋旅游名县；三是国际绿色石化基地配套区。",
     {"舟山群岛新区北部枢纽", "长三角海洋旅游名县", "国际绿色石化基地配套区"}),
    ("岱山县的总体定位是：一是东海渔场服务中心；二是海岛花园城市。", {"东海渔场服务中心", "海岛花园城市"}),
    ("县域发展定位为:一是海洋经济示范县;二是海岛生态样板区;三是滨海康养目的地。",
     {"海洋经济示范县", "海岛生态样板区", "滨海康养目的地"}),
    ("规划明确城市定位为：其一，浙北海洋文化名城；其二，东海航运物流节点。", {"浙北海洋文化名城", "东海航运物流节点"}),
    ("岱山县功能定位为：第一，海上风电产业高地；第二，盐业文化传承地。", {"海上风电产业高地", "盐业文化传承地"}),
    ("立足资源禀赋，岱山县的战略定位确定为：一是国家远洋渔业基地；二是船舶修造集聚区；三是海岛共富示范县；四是鹭岛文旅走廊。",
     {"国家远洋渔业基地", "船舶修造集聚区", "海岛共富示范县", "鹭岛文旅走廊"}),
    ("发展定位为：一是东海绿色渔港；二是海岛宜居家园。", {"东海绿色渔港", "海岛宜居家园"}),
    ("岱山县的发展定位明确为：一是海洋科创试验区；二是渔旅融合先行区。", {"海洋科创试验区", "渔旅融合先行区"}),
]

PARKS = [
    ("依托岱山海洋工业园区，集中布局船舶配套产业。", "岱山海洋工业园区"),
    ("高亭物流园区位于高亭镇。", "高亭物流园区"),
    ("推动东沙临港工业园区循环化改造。", "东沙临港工业园区"),
    ("规划布局衢山物流园区，服务港口集疏运。", "衢山物流园区"),
    ("秀山精细化工工业园区整体退出。", "秀山精细化工工业园区"),
    ("岱西工业园建设稳步推进。", "岱西工业园"),
    ("长涂冷链物流园扩建。", "长涂冷链物流园"),
    ("鹭屿新材料工业园区与高亭物流园区联动发展。", "鹭屿新材料工业园区"),
]


def test_cases_collected():
    assert (len(POSITIONINGS), len(PARKS)) == (8, 8)


@pytest.mark.parametrize("text,expected", POSITIONINGS, ids=[str(i) for i in range(len(POSITIONINGS))])
def test_every_ordinal_item_is_a_positioning(text, expected):
    ex = pipeline.extract(reader.parse(HEAD + text + "\n", "plan.txt"))
    got = {r.object.name for r in ex.relations if r.predicate == "pk:hasPositioning"}
    assert expected <= got, (expected - got)
    assert not any(g.startswith(("一是", "二是", "其一", "第一")) for g in got)


@pytest.mark.parametrize("text,name", PARKS, ids=[str(i) for i in range(len(PARKS))])
def test_a_park_name_is_kept_whole(text, name):
    assert name in {s.text for s in names.suffix_names(text) if s.kind == "IndustrialPark"}
