"""Enumerations in prose (extract/enumerations.py) and projects with their place, period and
investment in the same sentence or item (extract/project_sentences.py), on phrasings written for
these tests: a made-up 东沙镇 plan in 岱山县."""
from __future__ import annotations

import pytest

from plankg.extract import enumerations, pipeline, reader

TOWN = "东沙镇国土空间总体规划（2021-2035年）\n岱山县东沙镇人民政府\n九、近期重点项目\n"


def extract(body: str):
    return pipeline.extract(reader.parse(TOWN + body + "\n", "plan.txt"))


def label(ex, ref) -> str:
    return ex.entities[ex.canonical(ref).key].label


def located(ex) -> set[tuple[str, str]]:
    return {(label(ex, r.subject), label(ex, r.object)) for r in ex.relations if r.predicate == "pk:locatedIn"}


def periods(ex) -> dict[str, tuple[int, int]]:
    start = {label(ex, a.subject): a.value for a in ex.attributes if a.predicate == "pk:startYear"}
    end = {label(ex, a.subject): a.value for a in ex.attributes if a.predicate == "pk:endYear"}
    return {k: (start[k], end[k]) for k in start if k in end}


ITEMS = [
    ("近期安排三项：一是北岙渔港整治工程；二是东沙老街修缮工程；三是泥峙海塘加固工程。",
     ["北岙渔港整治工程", "东沙老街修缮工程", "泥峙海塘加固工程"]),
    ("主要任务有两项：其一，实施南岙村海塘加固工程，提升防潮能力；其二，推进北岙村污水管网工程。",
     ["南岙村海塘加固工程", "北岙村污水管网工程"]),
    ("重点工程包括北岙渔港整治工程、东沙老街修缮工程和泥峙海塘加固工程三项。",
     ["北岙渔港整治工程", "东沙老街修缮工程", "泥峙海塘加固工程"]),
    ("两区分别是沿海展开的渔港风情片区，以及依山布置的山前居住片区。", ["渔港风情片区", "山前居住片区"]),
    ("一是加快北岙渔港整治工程，二是启动东沙老街修缮工程。", ["北岙渔港整治工程", "东沙老街修缮工程"]),
    ("第一，东沙老街修缮工程；第二，泥峙海塘加固工程。", ["东沙老街修缮工程", "泥峙海塘加固工程"]),
    ("生态廊道依次为东沙河滨水廊道、北山生态廊道和海塘景观廊道。", ["东沙河滨水廊道", "北山生态廊道", "海塘景观廊道"]),
    ("公园体系主要有北岙湿地公园、泥峙森林公园等2个。", ["北岙湿地公园", "泥峙森林公园"]),
]


@pytest.mark.parametrize("text,expected", ITEMS, ids=[str(i) for i in range(len(ITEMS))])
def test_the_items_of_an_enumeration(text, expected):
    passage = reader.parse(TOWN + text + "\n", "plan.txt").passages[-1]
    assert [i.head for i in enumerations.items_of(passage)] == expected


def test_item_cases_collected():
    assert len(ITEMS) >= 8


def test_a_count_that_does_not_match_the_list_gives_no_items():
    passage = reader.parse(TOWN + "重点工程包括北岙渔港整治工程和东沙老街修缮工程三项。\n", "plan.txt").passages[-1]
    assert enumerations.listed_items(passage.text) == []


PROJECTS = [
    ("近期共安排重点项目两项：一是北岙渔港整治工程，在北岙村、南岙村实施，建设期为2022年至2025年；"
     "二是镇区污水处理厂提标扩容工程，位于泥峙村，建设期为2023年至2026年。",
     {("北岙渔港整治工程", "北岙村"), ("北岙渔港整治工程", "南岙村"), ("镇区污水处理厂提标扩容工程", "泥峙村")},
     {"北岙渔港整治工程": (2022, 2025), "镇区污水处理厂提标扩容工程": (2023, 2026)}),
    ("东沙老街修缮工程建设期为2024年至2027年，主要布局在北岙村、南岙村和泥峙村。",
     {("东沙老街修缮工程", "北岙村"), ("东沙老街修缮工程", "南岙村"), ("东沙老街修缮工程", "泥峙村")},
     {"东沙老街修缮工程": (2024, 2027)}),
    ("北山水土保持治理工程实施范围为东沙镇、岱西镇、岱东镇，总投资约3.2亿元。",
     {("北山水土保持治理工程", "东沙镇"), ("北山水土保持治理工程", "岱西镇"), ("北山水土保持治理工程", "岱东镇")}, {}),
    ("近期重点项目四项：三是泥峙海塘加固工程，选址在泥峙村东侧，建设期限2024—2028年；四是北岙村污水管网工程，在北岙村实施。",
     {("泥峙海塘加固工程", "泥峙村"), ("北岙村污水管网工程", "北岙村")}, {"泥峙海塘加固工程": (2024, 2028)}),
    ("规划在南岙村实施南岙海塘生态修复工程，建设周期为2023—2025年。", set(), {}),
    ("东沙河综合治理工程位于岱西镇，估算投资1.5亿元，实施期限为2025年至2030年。",
     {("东沙河综合治理工程", "岱西镇")}, {"东沙河综合治理工程": (2025, 2030)}),
    ("北岙湿地修复工程，在北岙村、泥峙村一带实施，建设期为2022年至2024年。",
     {("北岙湿地修复工程", "北岙村"), ("北岙湿地修复工程", "泥峙村")}, {"北岙湿地修复工程": (2022, 2024)}),
    ("重点项目包括东沙老街修缮工程和北岙渔港整治工程两项，前者在南岙村实施。", set(), {}),
]


@pytest.mark.parametrize("text,places,spans", PROJECTS, ids=[str(i) for i in range(len(PROJECTS))])
def test_a_project_with_its_place_and_period_in_the_same_sentence(text, places, spans):
    ex = extract(text)
    assert places <= located(ex)
    assert spans.items() <= periods(ex).items()
    project_labels = {e.label for e in ex.entities.values() if e.ref.kind == "Project"}
    assert not any(lab.startswith(("一是", "二是", "三是", "四是")) for lab in project_labels)


def test_project_cases_collected():
    assert len(PROJECTS) >= 8


def test_an_investment_in_the_same_sentence_is_a_value_of_the_project():
    ex = extract("北山水土保持治理工程实施范围为东沙镇、岱西镇，总投资约3.2亿元。")
    values = [(q.value, q.unit, label(ex, q.areas[0])) for q in ex.quantities if q.indicator == "项目投资"]
    assert values == [(3.2, "亿元", "北山水土保持治理工程")]


def segments(ex) -> set[tuple[str, str]]:
    return {(label(ex, r.subject), r.object.name) for r in ex.relations if r.predicate == "pk:segment"}


SEGMENTS = [
    ("浙江省岱山县东沙镇灵泉保护工程位于本镇，县级规划将其归入清溪河中游的水生态修复工程。",
     ("浙江省岱山县东沙镇灵泉保护工程", "中游")),
    ("北岙溪清淤疏浚工程位于北岙村，市级规划将该工程列入东沙河下游的综合整治工程。", ("北岙溪清淤疏浚工程", "下游")),
    ("岱西水源涵养工程在岱西镇实施，其归入清溪河上游段的水源涵养工程。", ("岱西水源涵养工程", "上游")),
    ("泥峙水库除险加固工程位于泥峙村，上位规划将其纳入东沙河中下游的水安全保障工程。", ("泥峙水库除险加固工程", "中下游")),
]


@pytest.mark.parametrize("text,expected", SEGMENTS, ids=[str(i) for i in range(len(SEGMENTS))])
def test_the_river_segment_a_project_is_filed_under(text, expected):
    assert expected in segments(extract(text))


def test_segment_cases_collected():
    assert len(SEGMENTS) >= 4


def test_a_segment_without_a_project_before_it_is_nobodys():
    assert not segments(extract("规划将其归入清溪河中游的水生态修复工程。"))
