"""Projects listed one per clause after a sentence that announces them ("…重点项目N项，具体为：A…；B…；
以及C…"), each named as printed (a 、 or 与 inside the name stays), placed where its clause says; and a
list whose noun is a project class but whose items are activities ("发展A、B等旅游项目") gives no project.
Phrasings written for these tests on a made-up 东沙镇 plan; no sentence comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import enumerations, pipeline, reader

TOWN = "东沙镇国土空间总体规划（2021-2035年）\n岱山县东沙镇人民政府\n一、规划基础\n"

ANNOUNCED = ("近期共排定重点工程三项，合计投资约5亿元，具体为：北岙护岸加固、泥峙河道清淤工程在北岙村、泥峙村实施，"
             "建设期2024—2026年；镇区供水与雨污管网改造工程位于南峰村，建设期2023—2025年；"
             "以及东沙渔港避风塘整治工程，覆盖北岙村、南峰村。")


def extraction(body: str):
    return pipeline.extract(reader.parse(TOWN + body + "\n", "plan.txt"))


def labels_of(ex, kind: str) -> set[str]:
    return {e.label for e in ex.entities.values() if e.ref.kind == kind}


def located(ex) -> set[tuple[str, str]]:
    def label(ref) -> str:
        return ex.entities[ex.canonical(ref).key].label
    return {(label(r.subject), label(r.object)) for r in ex.relations if r.predicate == "pk:locatedIn"}


HEADS = [
    (ANNOUNCED, ["北岙护岸加固、泥峙河道清淤工程", "镇区供水与雨污管网改造工程", "东沙渔港避风塘整治工程"]),
    ("规划期内实施生态修复项目两个，分别为：西岭矿坑复绿工程安排在甲村；南湾湿地修复工程位于乙村。",
     ["西岭矿坑复绿工程", "南湾湿地修复工程"]),
    ("重点项目如下：环湖绿道工程，建设期2025—2027年；滨海公园提升工程，总投资2亿元；",
     ["环湖绿道工程", "滨海公园提升工程"]),
]
NOT_LISTS = [
    # a clause that names no project by its class word: the list is not read at all
    "近期安排重点项目两项，具体为：完善镇区路网，建设期2024—2025年；东沙渔港整治工程位于北岙村。",
    # one clause only
    "重点项目为：东沙渔港整治工程位于北岙村。",
    # no colon after the announcement
    "近期安排重点项目两项，东沙渔港整治工程位于北岙村；南湾湿地修复工程位于南峰村。",
]


@pytest.mark.parametrize("text,heads", HEADS, ids=[str(i) for i in range(len(HEADS))])
def test_each_clause_names_its_project_as_printed(text, heads):
    assert [item.head for item in enumerations.announced_items(text)] == heads


@pytest.mark.parametrize("text", NOT_LISTS, ids=[str(i) for i in range(len(NOT_LISTS))])
def test_clauses_that_are_no_project_list(text):
    assert enumerations.announced_items(text) == []


def test_cases_collected():
    assert (len(HEADS), len(NOT_LISTS)) == (3, 3)


def test_ordinal_items_are_read_once():
    text = "近期安排重点项目两项：一是东沙渔港整治工程，位于北岙村；二是南湾湿地修复工程，位于南峰村。"
    heads = [i.head for i in enumerations.items_of(reader.parse(TOWN + text + "\n", "p.txt").passages[-1])]
    assert heads == ["东沙渔港整治工程", "南湾湿地修复工程"]


def test_announced_projects_in_the_graph_with_their_places():
    ex = extraction(ANNOUNCED)
    projects = labels_of(ex, "Project")
    assert {"北岙护岸加固、泥峙河道清淤工程", "镇区供水与雨污管网改造工程", "东沙渔港避风塘整治工程"} <= projects
    # the tail after the 、 or 与 is no project of its own
    assert not projects & {"泥峙河道清淤工程", "雨污管网改造工程"}
    assert {("北岙护岸加固、泥峙河道清淤工程", "北岙村"), ("北岙护岸加固、泥峙河道清淤工程", "泥峙村"),
            ("镇区供水与雨污管网改造工程", "南峰村"), ("东沙渔港避风塘整治工程", "南峰村")} <= located(ex)


@pytest.mark.parametrize("text", [
    # each item has a proper part (a place, a named feature), which alone would make it a project
    "在保护磨心山的前提下，可适度发展磨心山徒步、北岙村渔家民宿等低强度旅游项目。",
    "鼓励在北岙村发展屋顶光伏、南峰村分散式风电等新能源项目。",
], ids=["tourism", "energy"])
def test_activities_a_project_class_gathers_are_no_projects(text):
    assert labels_of(extraction(text), "Project") == set()


def test_named_projects_before_the_class_noun_stay():
    projects = labels_of(extraction("加快推进北岙村渔港整治工程、南峰村湿地修复工程等重点项目。"), "Project")
    assert {"北岙村渔港整治工程", "南峰村湿地修复工程"} <= projects
