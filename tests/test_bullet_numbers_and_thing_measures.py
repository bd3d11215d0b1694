"""Two constructions of nested Markdown lists:
* a bullet whose item is numbered again ("- 1) 《X》", "- ① 甲河：…", "* （2）乙工程") is one item, its text
  without either marker (a decimal such as "- 3.5万亩…" keeps its number);
* a measure in brackets right after a named thing ("甲湖流域（流域面积812平方公里）", "乙山自然保护区（面积3020公顷）")
  is that thing's measure, named after it: two basins' areas are two indicators, never one stated twice.
Texts written for these tests."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县生态保护修复专项规划（2021-2035年）\n岱山县自然资源和规划局\n"

ITEMS = [
    ("- 依据\n  - 1) 《中华人民共和国湿地保护法》\n", "《中华人民共和国湿地保护法》"),
    ("- 水系\n  - ① 青溪河：发源于北部山地\n", "青溪河：发源于北部山地"),
    ("* 工程\n  * （2）白沙河清淤工程\n", "白沙河清淤工程"),
    ("- 要点\n  - 2、完善防洪体系\n", "完善防洪体系"),
    ("- 3.5万亩高标准农田已建成，耕地质量提升。\n", "3.5万亩高标准农田已建成，耕地质量提升。"),
]


def test_cases_collected():
    assert len(ITEMS) == 5


@pytest.mark.parametrize("text,item", ITEMS, ids=[str(i) for i in range(len(ITEMS))])
def test_a_bullet_numbered_again_is_one_item(text, item):
    doc = reader.parse(HEAD + text, "plan.md")
    assert item in [p.text for p in doc.passages if p.kind == "item"]


def test_a_numbered_bullet_names_a_project_without_its_number():
    ex = pipeline.extract(reader.parse(HEAD + "- 近期重点工程\n  - 1) 白沙河综合治理工程\n  - 2) 青溪河清淤工程\n", "plan.md"))
    projects = {e.label for e in ex.entities.values() if e.ref.kind == "Project"}
    assert {"白沙河综合治理工程", "青溪河清淤工程"} <= projects
    assert not any(label[0].isdigit() for label in projects)


def test_measures_of_named_things_are_named_after_them():
    ex = pipeline.extract(reader.parse(HEAD + "- 水系分属两大流域\n  - 甲湖流域（流域面积812平方公里）\n"
                                              "  - 乙江流域（流域面积365平方公里）\n"
                                              "- 乙山自然保护区（面积3020公顷）位于县境北部。\n", "plan.md"))
    got = {(q.indicator, q.value) for q in ex.quantities if q.unit in ("平方公里", "公顷")}
    assert got == {("甲湖流域面积", 812.0), ("乙江流域面积", 365.0), ("乙山自然保护区面积", 3020.0)}
