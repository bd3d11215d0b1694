""""X…，与A、B协同发展 / 分工协作": X cooperates with each of the things listed after 与
(extract/places.py). Phrasings written for these tests (a made-up 岱山县 plan in Zhoushan)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n规划期限为2021年至2035年。\n第五章 交通\n"

CASES = [
    ("在高亭镇规划建设岱山通用机场，与舟山普陀山机场、宁波栎社机场协同发展。",
     ("岱山通用机场", {"舟山普陀山机场", "宁波栎社机场"})),
    ("在衢山镇规划建设衢山通用机场，承担应急救援功能，与舟山普陀山机场分工协作。", ("衢山通用机场", {"舟山普陀山机场"})),
    ("鹿栏晴沙森林公园与舟山植物园、定海森林公园错位发展。", ("鹿栏晴沙森林公园", {"舟山植物园", "定海森林公园"})),
    ("岱西工业园区重点发展船舶配套，与高亭物流园区和东沙临港工业园区联动发展。",
     ("岱西工业园区", {"高亭物流园区", "东沙临港工业园区"})),
    ("东沙古镇与鹭岛湿地公园及秀山滑泥公园协同发展。", ("东沙古镇", {"鹭岛湿地公园", "秀山滑泥公园"})),
    ("鹭屿森林公园重点发展生态旅游，与东沙湿地公园协作。", ("鹭屿森林公园", {"东沙湿地公园"})),
    ("鹭屿通用机场与舟山普陀山机场、岱山通用机场合作。", ("鹭屿通用机场", {"舟山普陀山机场", "岱山通用机场"})),
    ("岱山县海洋科技产业园与舟山海洋产业园互补。", ("岱山县海洋科技产业园", {"舟山海洋产业园"})),
]


def _partners(text: str, subject: str) -> set[str]:
    ex = pipeline.extract(reader.parse(HEAD + text + "\n", "plan.txt"))
    label = lambda ref: ex.entities[ref.key].label if ref.key in ex.entities else ref.name  # noqa: E731
    out = set()
    for r in ex.relations:
        if r.predicate == "pk:cooperatesWith":
            a, b = label(r.subject), label(r.object)
            if subject in (a, b):
                out.add(b if a == subject else a)
    return out


def test_cases_collected():
    assert len(CASES) == 8


@pytest.mark.parametrize("text,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_each_listed_partner_cooperates(text, expected):
    subject, partners = expected
    got = _partners(text, subject)
    assert partners <= got, (partners - got, got)
