"""What a division governs (extract/jurisdiction.py), on phrasings written for these tests: every
listed township is an AdministrativeDivision within the parent with township level, also when the
gazetteer lacks it (新港镇, 北峰乡 and 海滨街道 are invented; 高亭镇 etc. are real entries of 岱山县)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"


def extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body, "plan.txt"))


def divisions(ex) -> dict[str, tuple[str | None, str | None]]:
    """label → (level, parent code) of every AdministrativeDivision."""
    return {e.label: (e.level, e.parent_code) for e in ex.entities.values() if e.ref.kind == "AdministrativeDivision"}


COUNTY = "330921"
CASES = [
    ("岱山县辖高亭镇、东沙镇、新港镇3个镇，以及秀山乡、北峰乡2个乡。", {"新港镇", "北峰乡", "高亭镇", "秀山乡"}),
    ("全县辖城关街道、海滨街道2个街道，高亭镇、新港镇2个镇，以及北峰乡1个乡。", {"城关街道", "海滨街道", "新港镇", "北峰乡"}),
    ("岱山县下辖新港镇、东沙镇等2个镇。", {"新港镇", "东沙镇"}),
    ("县域现辖海滨街道1个街道，高亭镇、岱西镇、新港镇3个镇。", {"海滨街道", "新港镇", "岱西镇"}),
    ("岱山县共辖6个镇、1个乡，即高亭镇、东沙镇……", set()),  # no names before the counts: nothing to list
    ("全县辖高亭镇、新港镇、岱东镇3个镇；另辖北峰乡1个乡。", {"新港镇", "北峰乡", "岱东镇"}),
    ("岱山县辖有新港镇、长涂镇2个镇和北峰乡1个乡。", {"新港镇", "长涂镇", "北峰乡"}),
    ("截至2023年底，岱山县辖新港镇、衢山镇2个镇，以及北峰乡、秀山乡2个乡。", {"新港镇", "衢山镇", "北峰乡", "秀山乡"}),
]


@pytest.mark.parametrize("text,listed", CASES, ids=[str(i) for i in range(len(CASES))])
def test_listed_townships_are_divisions_within_the_parent(text, listed):
    found = divisions(extract(text + "\n"))
    for name in listed:
        level, parent = found[name]
        assert level == "township"
        assert parent == COUNTY


def test_a_division_the_gazetteer_lacks_is_linked_to_its_parent():
    ex = extract("岱山县辖高亭镇、新港镇2个镇，以及北峰乡1个乡。\n")
    within = {(ex.entities[r.subject.key].label, ex.entities[ex.canonical(r.object).key].label)
              for r in ex.relations if r.predicate == "pk:withinDivision"}
    assert {("新港镇", "岱山县"), ("北峰乡", "岱山县")} <= within


def test_villages_of_a_township_are_villages_in_it():
    ex = extract("高亭镇辖北湾村、南岙村、东岙村等3个行政村。\n")
    villages = {ex.entities[r.subject.key].label for r in ex.relations
                if r.predicate == "pk:locatedIn" and ex.entities[ex.canonical(r.object).key].label == "高亭镇"}
    assert {"北湾村", "南岙村", "东岙村"} <= villages


def test_phrasing_count():
    assert len(CASES) >= 8
