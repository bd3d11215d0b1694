"""Project precision and indicator names on phrasings written for these tests: phrases that point back
at a list or name a kind of project are no projects; a phase or reach in brackets stays in a project's
name; a span word (累计) stays with the years, not with the indicator. Made-up plan for 岱山县; no
sentence comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"


def extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body, "plan.txt"))


def projects(ex) -> set[str]:
    return {e.label for e in ex.entities.values() if e.ref.kind == "Project"}


NOT_PROJECTS = [
    "新建涉河项目须开展防洪影响论证。",
    "涉水工程应依法办理审批手续。",
    "将上位规划重点工程一览表所列青龙河流域工程全部纳入本规划。",
    "上述工程由县水利局牵头实施。",
    "以上项目应在2030年前完成。",
    "下列工程优先安排用地指标：",
    "附表所列高亭镇工程按年度计划推进。",
    "表中青龙河流域项目的投资为估算数。",
    "各项工程须落实生态保护要求。",
]


@pytest.mark.parametrize("text", NOT_PROJECTS, ids=[str(i) for i in range(len(NOT_PROJECTS))])
def test_collective_and_kind_phrases_are_no_projects(text):
    assert projects(extract(text + "\n")) == set()


PHASED = [
    ("将岱山县衢山镇北峰水库除险加固工程（二期）作为重点。", "岱山县衢山镇北峰水库除险加固工程（二期）"),
    ("推进青龙河（高亭段）综合治理工程，恢复自然岸线。", "青龙河（高亭段）综合治理工程"),
    ("实施东沙镇海塘加固工程（一期），提升防潮能力。", "东沙镇海塘加固工程（一期）"),
    ("加快凤鸣水库扩容工程（三期）建设。", "凤鸣水库扩容工程（三期）"),
    ("启动白沙河生态修复项目（近期），改善水质。", "白沙河生态修复项目（近期）"),
    ("完成岱西镇石门河堤防工程（续建）。", "岱西镇石门河堤防工程（续建）"),
    ("开展高亭镇渔港整治工程（一期）前期工作。", "高亭镇渔港整治工程（一期）"),
    ("实施柳林河（东沙段）清淤工程。", "柳林河（东沙段）清淤工程"),
]


@pytest.mark.parametrize("text,name", PHASED, ids=[p[1] for p in PHASED])
def test_a_bracketed_phase_stays_in_the_project_name(text, name):
    ex = extract(text + "\n")
    found = projects(ex)
    assert name in found or any(name in e.alt_labels for e in ex.entities.values() if e.ref.kind == "Project")
    cut = name.rsplit("（", 1)[0]
    assert cut not in found or cut.endswith(("河", "段"))  # no project without its phase


INDICATORS = [
    ("2021—2035年累计新增水土流失治理面积不少于80平方千米。", "新增水土流失治理面积"),
    ("规划期内累计新增造林面积不低于3万亩。", "新增造林面积"),
    ("2025年前累计完成历史遗留矿山修复面积不少于500公顷。", "完成历史遗留矿山修复面积"),
    ("到2035年，合计新增湿地面积不少于200公顷。", "新增湿地面积"),
    ("2021—2030年共计新增高标准农田面积不少于5万亩。", "新增高标准农田面积"),
    ("近期累计治理水土流失面积达到60平方千米。", "治理水土流失面积"),
    ("到2030年累计新增城镇绿地面积不少于120公顷。", "新增城镇绿地面积"),
    ("规划期间累计新增耕地面积不少于1500亩。", "新增耕地面积"),
]


@pytest.mark.parametrize("text,name", INDICATORS, ids=[i[1] for i in INDICATORS])
def test_span_words_leave_the_indicator_name(text, name):
    ex = extract(text + "\n")
    assert name in {q.indicator for q in ex.quantities}


def test_phrasing_counts():
    for family in (NOT_PROJECTS, PHASED, INDICATORS):
        assert len(family) >= 8
