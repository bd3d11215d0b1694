"""Names in a list closed by a count and a class word ("A、B两个产业园区"), and a planning verb jieba tags as a
noun glued before the first name ("全县布局A、B…"): the names are A and B, never "布局A" or "B两个产业园区",
and the counted class word alone is no name. Phrasings written for these tests (an invented 岱山县 plan)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第三章 产业布局\n"

CASES = [
    ("全县布局青禾农产品工业园、东沙生态畜牧产业园两个农业产业园区。",
     {"青禾农产品工业园", "东沙生态畜牧产业园"}),
    ("规划布局蓬莱湾水产加工园、衢山冷链物流园区两个园区。",
     {"蓬莱湾水产加工园", "衢山冷链物流园区"}),
    ("县域统筹布局高亭食品产业园、秀山海洋科技产业园和长涂船舶配套产业园三个产业园区。",
     {"高亭食品产业园", "秀山海洋科技产业园", "长涂船舶配套产业园"}),
    ("近期重点布局北岙乡村振兴示范园、泥峙渔旅融合示范园2个示范园。",
     {"北岙乡村振兴示范园", "泥峙渔旅融合示范园"}),
    ("全镇布局东沙湿地公园、岱西森林公园两处公园。",
     {"东沙湿地公园", "岱西森林公园"}),
    ("规划建设双峰山郊野公园、鹿栏晴沙滨海公园两个公园。",
     {"双峰山郊野公园", "鹿栏晴沙滨海公园"}),
    ("沿海布局衢山港综合物流园、岱东临港产业园等4个园区。",
     {"衢山港综合物流园", "岱东临港产业园"}),
    ("全区布局青峙中药材种植园、南峰茶叶产业园两个特色农业园。",
     {"青峙中药材种植园", "南峰茶叶产业园"}),
]


def labels(body: str) -> set[str]:
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.txt"))
    ents = ex.entities.values() if isinstance(ex.entities, dict) else ex.entities
    return {e.label for e in ents}


def test_cases_collected():
    assert len(CASES) == 8


@pytest.mark.parametrize("text,names", CASES, ids=[str(i) for i in range(len(CASES))])
def test_list_members_are_named_without_lead_or_count(text, names):
    got = labels(text)
    assert names <= got, (names - got, got)
    glued = {g for g in got if any(n in g and g != n for n in names) and ("布局" in g or "建设" in g or "个" in g or "处" in g)}
    assert not glued, glued
    counted = text.rstrip("。").split("、")[-1]
    bare = {g for g in got if g not in names and counted.endswith(g) and not any(g in n for n in names)
            and not g.startswith(("两", "三", "2", "4", "等"))}
    assert not bare, bare  # the counted class word ("农业产业园区") is no entity of its own
