"""Three readings of a plan's own words:
* a heading's number set apart by a space ("七 近期建设项目", "05 重点项目") numbers the heading and counts no
  group, while "五大发展战略" and "3 个重点镇" count;
* a project named after a township by its short form ("东沙渔港改造工程") is a project once the plan has named that
  township in full; a word that is also a township's short form (桃花, of 桃花镇 in the same city) names none by
  itself;
* a river word inside a township's name ("漳河" of 漳河店镇, or of its short form 漳河店) names no river there.
Phrasings written for these tests (made-up plans of 岱山县 and 成安县)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n"


def _extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body + "\n", "plan.md"))


NUMBERED_HEADINGS = [
    "## 七 近期建设项目\n\n- 东沙渔港改造工程\n- 高亭中心渔港扩建工程",
    "# 05 重点项目\n\n1. 岱东海塘加固工程\n2. 秀山大桥工程",
    "## 3 规划目标\n\n到2035年建成海上花园城。",
]
COUNTED_HEADINGS = [
    ("## 五大发展战略\n\n生态立县、产业强县、文旅兴县、交通畅县、人才兴县。", 5),
    ("## 3 个重点镇\n\n东沙镇、岱东镇、秀山乡。", 3),
]


def test_cases_collected():
    assert (len(NUMBERED_HEADINGS), len(COUNTED_HEADINGS)) == (3, 2)


@pytest.mark.parametrize("body", NUMBERED_HEADINGS, ids=[str(i) for i in range(len(NUMBERED_HEADINGS))])
def test_a_spaced_heading_number_counts_no_group(body):
    assert [(g.label, g.declared_count) for g in _extract(body).groups] == []


@pytest.mark.parametrize("body,count", COUNTED_HEADINGS, ids=[str(i) for i in range(len(COUNTED_HEADINGS))])
def test_a_counted_heading_is_still_a_group(body, count):
    groups = _extract(body).groups
    assert [(g.declared_count, len(g.members)) for g in groups] == [(count, count)]


def _kinds(body: str) -> dict[str, str]:
    return {e.label: e.ref.kind for e in _extract(body).entities.values()}


def test_a_project_named_after_a_township_the_plan_names():
    kinds = _kinds("东沙镇为重点镇。实施东沙渔港改造工程和岱东海塘加固工程。")
    assert kinds["东沙渔港改造工程"] == "Project"
    assert kinds["岱东海塘加固工程"] != "Project"  # 岱东镇 is named nowhere in full: no evidence the short form is it


def test_a_word_that_is_also_a_short_form_names_no_project():
    assert _kinds("实施桃花步道提升工程。")["桃花步道提升工程"] != "Project"
    assert _kinds("桃花镇为一般镇。实施桃花步道提升工程。")["桃花步道提升工程"] == "Project"


# ---------------------------------------------------------------- a river's class word inside a township's name
CHENGAN = "成安县国土空间总体规划（2021-2035年）\n成安县人民政府\n"


def _rivers(body: str) -> set[str]:
    ex = pipeline.extract(reader.parse(CHENGAN + body + "\n", "plan.md"))
    return {e.label for e in ex.entities.values() if e.ref.kind == "River"}


def test_a_river_word_inside_a_township_name_is_no_river():
    # 漳河店镇 and its short form 漳河店: 漳河 is part of the township's name here
    assert not _rivers("漳河店镇发展特色农业。")
    assert not _rivers("在年度计划中优先保障漳河店农产品物流园建设用地。")


def test_the_same_river_named_on_its_own_is_a_river():
    assert "漳河" in _rivers("漳河自西向东流经县域南部，漳河店镇发展特色农业。")
