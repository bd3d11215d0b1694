"""A village printed with the divisions it lies in ("东沙镇北岙村", "岱山县东沙镇泥峙村") where a place is
expected: the village is named without them and lies in the last of them; "在X以北布局Y" builds Y in X. Phrasings written for these tests
(岱山县 and its towns are real divisions; the villages are made up)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n一、近期项目\n"


def relations(body: str) -> set[tuple[str, str, str]]:
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.txt"))
    label = lambda ref: ex.entities[ex.canonical(ref).key].label  # noqa: E731
    return {(label(r.subject), r.predicate, label(r.object)) for r in ex.relations}


CASES = [
    ("北岙渔港整治工程位于东沙镇北岙村，建设期2024—2026年。",
     {("北岙渔港整治工程", "pk:locatedIn", "北岙村"), ("北岙村", "pk:locatedIn", "东沙镇")}),
    ("东沙镇湿地修复工程在岱山县东沙镇泥峙村实施。",
     {("东沙镇湿地修复工程", "pk:locatedIn", "泥峙村"), ("泥峙村", "pk:locatedIn", "东沙镇")}),
    # "在X以北布局Y": built in X, whatever its bearing from X
    ("在东沙镇北岙村以北布局岱山通用机场，按A2级标准建设。",
     {("岱山通用机场", "pk:locatedIn", "北岙村"), ("北岙村", "pk:locatedIn", "东沙镇")}),
    ("高亭镇水厂扩建工程选址在高亭镇双峰村、岱东镇石马村。",
     {("高亭镇水厂扩建工程", "pk:locatedIn", "双峰村"), ("高亭镇水厂扩建工程", "pk:locatedIn", "石马村"),
      ("石马村", "pk:locatedIn", "岱东镇")}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_a_village_is_named_without_the_divisions_before_it(text, expected):
    found = relations(text)
    assert expected <= found
    assert not any(x.startswith(("东沙镇", "岱山县", "高亭镇", "岱东镇")) and x.endswith("村")
                   for s, _, o in found for x in (s, o))


def test_cases_collected():
    assert len(CASES) == 4


def test_a_division_named_in_what_is_built_is_not_placed():
    found = relations("规划在高亭镇东侧建设岱山通用机场。")
    assert ("岱山通用机场", "pk:locatedIn", "高亭镇") in found
    assert not any(s == "岱山县" and p == "pk:locatedIn" for s, p, _ in found)
