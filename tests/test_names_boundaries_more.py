"""More name boundaries, as rules for Chinese constructions (extract/name_bounds.py, extract/names.py,
extract/tables.py):

1. a determiner (以下, 以上, 如下, 下列, 上述, 前述) never starts a name, whole or cut in half ("以|下…工程");

Each case asserts exactly which names of the kind in question the text yields, and which junk it does not.
The plan is a made-up plan of 岱山县 with invented towns, villages, rivers and roads; no phrasing comes from a
corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import name_bounds, names, pipeline, reader

HEAD = "# 岱山县国土空间总体规划（2021-2035年）（公示稿）\n\n本次公示以问答形式介绍规划内容。\n\n## 一、概况\n\n"


def extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body + "\n", "plan.md"))


def labels(body: str) -> dict[str, str]:
    """label → kind of every entity (and every alternative label) the plan yields."""
    ex = extract(body)
    found = {e.label: e.ref.kind for e in ex.entities.values()}
    found.update({alt: e.ref.kind for e in ex.entities.values() for alt in e.alt_labels})
    return found


def of_kind(found: dict[str, str], kind: str) -> set[str]:
    return {label for label, k in found.items() if k == kind}


# 1. determiners: (text, kind, exactly these names, junk)
DETERMINERS = [
    ("近期推进以下水系连通工程：梓溪河清淤工程、桐坞水库扩容工程。", "Project", {"梓溪河清淤工程", "桐坞水库扩容工程"},
     {"下水系连通工程", "近期推进以下水系连通工程"}),
    ("上述梓溪河综合治理工程纳入近期实施。", "Project", {"梓溪河综合治理工程"}, {"上述梓溪河", "述梓溪河综合治理工程"}),
    ("下列村庄按集聚提升类引导：桐坞村、对岭村。", "Village", {"桐坞村", "对岭村"},
     {"下列村庄按集聚提升类引导", "列村庄"}),
    ("规划提出如下重点工程：梓溪河堤防加固工程、桐坞水库扩容工程。", "Project", {"梓溪河堤防加固工程", "桐坞水库扩容工程"},
     {"如下重点工程", "提出如下重点工程"}),
    ("前述梓溪物流园区应配套建设污水处理设施。", "IndustrialPark", {"梓溪物流园区"}, {"前述梓溪物流园区"}),
    ("以上梓溪大道改造工程列入近期计划。", "Project", {"梓溪大道改造工程"}, {"上梓溪大道改造工程", "以上梓溪大道改造工程"}),
    ("按以下次序实施梓溪湿地公园建设：先清淤，后绿化。", "ProtectedArea", {"梓溪湿地公园"}, {"下次序实施梓溪湿地公园"}),
]


def test_determiner_cases_collected():
    assert len(DETERMINERS) == 7


@pytest.mark.parametrize("body,kind,right,junk", DETERMINERS, ids=[str(i) for i in range(len(DETERMINERS))])
def test_a_determiner_never_starts_a_name(body, kind, right, junk):
    found = labels(body)
    assert of_kind(found, kind) == right, found
    assert not junk & set(found), found
    assert not [x for x in found if x.startswith(name_bounds.DETERMINERS)], found


# (a name's first word, what is left of it)
LEAD_PREPOSITIONS = [
    ("以下水系连通工程", "水系连通工程"),  # a determiner goes whole
    ("上述梓溪物流园区", "梓溪物流园区"),
    ("以梓溪大道", "梓溪大道"),
    ("以东岙村", "东岙村"),  # 以 with a compass point: the name starts on the point
    ("对口山水库", "对口山水库"),  # 对口 is a word
]


@pytest.mark.parametrize("name,kept", LEAD_PREPOSITIONS, ids=[str(i) for i in range(len(LEAD_PREPOSITIONS))])
def test_without_lead_preposition(name, kept):
    assert names.without_lead_preposition(name) == kept
