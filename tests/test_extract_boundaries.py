"""Name boundaries (extract/names.py junk_labels, extract/boundaries.py): a label with a function
word, verb or ordinal glued on the front, a count or period glued on the end, or the tail of a
、-joined name is not a name. Labels and sentences written for these tests (岱山县, 东沙镇)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader
from plankg.extract.names import junk_labels

JUNK = [
    ("以高亭镇", "高亭镇"),
    ("规划以高亭镇", "高亭镇"),
    ("发挥甬舟铁路", "甬舟铁路"),
    ("提升东沙河", "东沙河"),
    ("一是东沙河（岱西段）综合治理工程", "东沙河（岱西段）综合治理工程"),
    ("北岙村三个村", "北岙村"),
    ("其归入东沙河", "东沙河"),
    ("关于东沙能源基地", "东沙能源基地"),
    ("下辖9个行政村", "行政村"),
    ("三是北岙现代物流园", "北岙现代物流园"),
]


@pytest.mark.parametrize("junk,base", JUNK, ids=[j for j, _ in JUNK])
def test_a_label_with_something_glued_on_is_junk(junk, base):
    assert junk_labels([base, junk]) == [junk]


def test_junk_cases_collected():
    assert len(JUNK) >= 8


NOT_JUNK = [
    ["东沙镇", "北岙湿地修复与渔港整治工程", "渔港整治工程"],  # a coordinated name, not a word glued on
    ["东沙河—北岙河滨水生态廊道", "北岙河滨水生态廊道"],
    ["镇区污水处理厂提标扩容工程", "扩容工程"],
    ["西岙村", "岙村"],
    ["一心两廊三片", "三片"],  # a slogan of parts
    ["岱山县国土空间总体规划（2021-2035年）", "岱山县"],
    ["浙江省舟山市泥峙泉保护工程（二期）", "泥峙泉保护工程（二期）"],
    ["高亭镇", "东沙镇", "岱西镇"],
    ["东沙物流园、北岙物流园", "北岙物流园"],  # two names listed, not one name cut
]


@pytest.mark.parametrize("labels", NOT_JUNK, ids=[str(i) for i in range(len(NOT_JUNK))])
def test_names_that_only_contain_another_name_are_kept(labels):
    assert junk_labels(labels) == []


def test_not_junk_cases_collected():
    assert len(NOT_JUNK) >= 8


def test_a_period_and_the_tail_of_a_joined_name():
    assert junk_labels(["建设期限2024—2028年", "北岙修山护林、提升渔港整治工程", "提升渔港整治工程"]) == [
        "建设期限2024—2028年", "提升渔港整治工程"]


def test_the_pipeline_leaves_no_junk_and_keeps_the_facts():
    text = ("东沙镇国土空间总体规划（2021-2035年）\n岱山县东沙镇人民政府\n一、规划基础\n"
            "东沙镇下辖9个行政村，镇政府驻北岙村。规划以东沙镇为中心，发挥甬舟铁路的带动作用。\n"
            "近期共安排重点项目两项：一是北岙渔港整治工程，在北岙村实施；二是泥峙海塘加固工程，位于泥峙村。\n")
    ex = pipeline.extract(reader.parse(text, "plan.txt"))
    labels = [lab for e in ex.entities.values() for lab in (e.label, *e.alt_labels)]
    assert junk_labels(labels) == []
    located = {(ex.entities[ex.canonical(r.subject).key].label, ex.entities[ex.canonical(r.object).key].label)
               for r in ex.relations if r.predicate == "pk:locatedIn"}
    assert {("北岙渔港整治工程", "北岙村"), ("泥峙海塘加固工程", "泥峙村")} <= located


CLAUSE_FRONT = [
    ("北岙村和泥峙村连片发展，二者共同构成东沙农业园。", "东沙农业园"),
    ("东沙一号水库和青峰水库，两者一起组成区域供水基地。", "区域供水基地"),
    ("规划期内共同建设岱东生态保护区。", "岱东生态保护区"),
]


@pytest.mark.parametrize("text,name", CLAUSE_FRONT, ids=[n for _, n in CLAUSE_FRONT])
def test_a_name_does_not_start_with_the_clause_before_it(text, name):
    from plankg.extract.names import suffix_names
    spans = [s.text for s in suffix_names(text)]
    assert name in spans and not any(s.endswith(name) and s != name for s in spans)


def divisions(head: str, body: str) -> set[str]:
    ex = pipeline.extract(reader.parse(head + body + "\n", "plan.txt"))
    return {e.label for e in ex.entities.values() if e.ref.kind == "AdministrativeDivision"}


TOWN = "东沙镇国土空间总体规划（2021-2035年）\n岱山县东沙镇人民政府\n一、规划基础\n"
PINGYAO = "平遥县国土空间总体规划（2021-2035年）\n平遥县人民政府\n第一章 总则\n"
SHORT_FORMS = [
    # a county's short form inside other words, or right after a word with a conjunction in front: no mention
    (PINGYAO, "滨水生态廊道和顺着东沙河展开的河谷廊道共同构成生态骨架。", "和顺县", False),
    (TOWN, "东沙河源头建设水源涵养林。", "河源市", False),
    (PINGYAO, "规划期内加强与和顺的旅游合作。", "和顺县", True),  # after a preposition, a word of its own
    (PINGYAO, "县域东邻祁县，北接介休。", "介休市", True),
]


@pytest.mark.parametrize("head,text,division,found", SHORT_FORMS, ids=[str(i) for i in range(len(SHORT_FORMS))])
def test_a_short_form_is_a_mention_only_as_a_word_of_its_own(head, text, division, found):
    assert (division in divisions(head, text)) is found


COORDINATED = [("北岙村和泥峙村", True), ("灵泉和东沙河", True), ("东沙一号水库与青峰水库", True),
               ("滨水生态廊道和顺清溪河", True),
               ("东沙村和西沙村联村道路工程", False), ("水污染防治和水生态修复工程", False),
               ("东沙河", False), ("滨海生态涵养区与休闲度假胜地", False)]


@pytest.mark.parametrize("name,two", COORDINATED, ids=[n for n, _ in COORDINATED])
def test_two_names_joined_by_and_are_not_one_name(name, two):
    from plankg.extract.names import coordinated
    assert coordinated(name, "Positioning" if name.endswith("胜地") else None) is two


def test_the_pipeline_makes_no_entity_of_two_joined_names():
    ex = pipeline.extract(reader.parse(TOWN + "“一源”是以灵泉和青龙潭为主体的泉源保护核，北岙村和泥峙村为集聚提升类村庄。\n",
                                       "plan.txt"))
    labels = {e.label for e in ex.entities.values()}
    assert {"北岙村", "泥峙村"} <= labels
    assert not {"灵泉和青龙潭", "北岙村和泥峙村"} & labels
