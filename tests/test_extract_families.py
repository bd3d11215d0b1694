"""Rule families on phrasings written for these tests (issue 10 item 1): seats, roles, positionings,
structure parts, aliases, places inside names, counted lists and project precision. The plan is a
made-up plan for 岱山县 (its townships are real gazetteer entries); no sentence comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"


def extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body, "plan.txt"))


def label(ex, ref) -> str:
    return ex.entities[ex.canonical(ref).key].label


def relations(ex, predicate: str) -> set[tuple[str, str]]:
    return {(label(ex, r.subject), label(ex, r.object)) for r in ex.relations if r.predicate == predicate}


def roles(ex) -> set[tuple[str, str]]:
    """(member, role) from counted lists and from roles given one by one."""
    listed = {(label(ex, m), g.role) for g in ex.groups if g.role for m in g.members}
    return listed | {(label(ex, a.member), a.role) for a in ex.roles}


# ---------------------------------------------------------------- seats
SEATS = [
    ("县城为高亭镇。", "高亭镇"),
    ("以东沙镇为县城，集中布局县级公共服务设施。", "东沙镇"),
    ("县政府驻地位于岱西镇。", "岱西镇"),
    ("【县政府驻地】长涂镇", "长涂镇"),
    ("县政府驻地：衢山镇", "衢山镇"),
    ("县城所在地为秀山乡。", "秀山乡"),
    ("岱东镇为县城所在地，承担综合服务职能。", "岱东镇"),
    ("规划县政府驻地设在高亭镇，其余乡镇为一般镇。", "高亭镇"),
]


@pytest.mark.parametrize("sentence,seat", SEATS, ids=[s[1] + str(i) for i, s in enumerate(SEATS)])
def test_seat_constructions(sentence, seat):
    ex = extract(sentence + "\n")
    assert ("岱山县", seat) in relations(ex, "pk:hasSeat")
    assert any(m == seat for m, _ in roles(ex))


# ---------------------------------------------------------------- roles
ROLES = [
    ("高亭镇、东沙镇列为重点镇。", {("高亭镇", "重点镇"), ("东沙镇", "重点镇")}),
    ("规划将岱西镇和长涂镇确定为重点镇。", {("岱西镇", "重点镇"), ("长涂镇", "重点镇")}),
    ("秀山乡为一般乡，重点完善基本公共服务。", {("秀山乡", "一般乡")}),
    ("县域城镇等级：重点镇", {("岱山县", "重点镇")}),
    ("| 等级 | 名称 | 职能 |\n|---|---|---|\n| 重点镇 | 衢山镇、岱东镇 | 港口物流 |\n| 一般乡 | 秀山乡 | 海岛旅游 |",
     {("衢山镇", "重点镇"), ("岱东镇", "重点镇"), ("秀山乡", "一般乡")}),
    ("示范类（3个）：北峰村、南岙村、东湾村", {("北峰村", "示范类"), ("南岙村", "示范类"), ("东湾村", "示范类")}),
    ("规划建设鹿栏晴沙旅游园，该园是全县布局的五个旅游产业园之一。", {("鹿栏晴沙旅游园", "旅游产业园")}),
    ("层级\t名称\n中心镇\t高亭镇\n一般镇\t东沙镇、岱西镇", {("高亭镇", "中心镇"), ("东沙镇", "一般镇")}),
]


@pytest.mark.parametrize("text,expected", ROLES, ids=[str(i) for i in range(len(ROLES))])
def test_role_constructions(text, expected):
    assert expected <= roles(extract(text + "\n"))


# ---------------------------------------------------------------- positionings
POSITIONINGS = [
    ("岱山县的发展定位为：\n（一）东海海洋经济示范区；\n（二）国际海岛旅游目的地；", {"东海海洋经济示范区", "国际海岛旅游目的地"}),
    ("【定位一】舟山群岛港航物流基地", {"舟山群岛港航物流基地"}),
    ("定位二：浙东海岛生态文明样板", {"浙东海岛生态文明样板"}),
    ("总体定位为海上花园城市、石化产业基地和渔业强县。", {"海上花园城市", "石化产业基地", "渔业强县"}),
    ("发展定位：长三角海岛休闲度假胜地", {"长三角海岛休闲度假胜地"}),
    ("城市定位是东海渔都。", {"东海渔都"}),
    ("岱山县定位为国际绿色石化基地、东海渔业示范区。", {"国际绿色石化基地", "东海渔业示范区"}),
    ("规划确定发展定位为：\n1. 海洋清洁能源基地；\n2. 海岛共同富裕示范县。", {"海洋清洁能源基地", "海岛共同富裕示范县"}),
    ("规划确定岱山县的发展定位为：东海绿色石化基地、海岛花园县。", {"东海绿色石化基地", "海岛花园县"}),
    ("岱山县总体定位是：国际油气储运中心和海上风电示范区。", {"国际油气储运中心", "海上风电示范区"}),
]


@pytest.mark.parametrize("text,expected", POSITIONINGS, ids=[str(i) for i in range(len(POSITIONINGS))])
def test_positioning_constructions(text, expected):
    got = {o for s, o in relations(extract(text + "\n"), "pk:hasPositioning") if s == "岱山县"}
    assert expected <= got


# ---------------------------------------------------------------- structure parts
STRUCTURES = [
    ("构建“一心两带三区”的总体格局。“一心”为高亭综合服务中心；“两带”为沿海生态带和环岛景观带；“三区”为北部港航区、"
     "中部宜居区和南部旅游区。", "一心两带三区", {"高亭综合服务中心", "沿海生态带", "环岛景观带", "北部港航区"}),
    ("【一轴两翼】\n一轴：环岛滨海发展轴，串联主要镇区；\n两翼：东部旅游翼、西部产业翼。", "一轴两翼",
     {"环岛滨海发展轴", "东部旅游翼", "西部产业翼"}),
    ("形成“一核三片”的空间结构，“一核”即高亭城区核心，“三片”即东沙片区、岱西片区和衢山片区。", "一核三片",
     {"高亭城区核心", "东沙片区", "岱西片区", "衢山片区"}),
]


@pytest.mark.parametrize("text,slogan,parts", STRUCTURES, ids=[s[1] for s in STRUCTURES])
def test_structure_parts(text, slogan, parts):
    ex = extract(text + "\n")
    members = {label(ex, m) for g in ex.groups for m in g.members}
    assert parts <= members
    has_part = relations(ex, "pk:hasPart")
    part_groups = {o for s, o in has_part if s == slogan}
    assert len(part_groups) >= 2


# ---------------------------------------------------------------- aliases
ALIASES = [
    ("岱山县古称蓬莱。", "岱山县", "蓬莱"),
    ("磨心山水库（又称磨心湖）位于高亭镇。", "磨心山水库", "磨心湖"),
    ("摩星山又名磨心山，是全县最高峰。", "摩星山", "磨心山"),
    ("保护慈云寺（俗称大王寺）及其周边环境。", "慈云寺", "大王寺"),
    ("东沙古镇原名东沙角，保存有大量清末民居。", "东沙古镇", "东沙角"),
    ("整治双峰山水库（双峰水库）周边环境。", "双峰山水库", "双峰水库"),
    ("沙洋塔（东沙石塔）为县级文物保护单位。", "沙洋塔", "东沙石塔"),
    ("鹿栏晴沙公园简称鹿栏公园，是海滨公园。", "鹿栏晴沙公园", "鹿栏公园"),
]


@pytest.mark.parametrize("text,name,alias", ALIASES, ids=[a[2] for a in ALIASES])
def test_alias_constructions(text, name, alias):
    ex = extract(text + "\n")
    ent = next(e for e in ex.entities.values() if e.label == name)
    assert alias in ent.alt_labels


def test_a_bracket_that_is_not_an_alias_stays_out():
    ex = extract("建设高亭中心渔港（二期）和东沙公园（含停车场）。\n")
    assert all("停车场" not in e.alt_labels for e in ex.entities.values())


# ---------------------------------------------------------------- places inside names, located
PLACES = [
    ("实施磨心山水库扩容工程。", "磨心山水库扩容工程", "磨心山水库"),
    ("推进浙江省舟山市岱山县双峰山水库除险加固工程。", "浙江省舟山市岱山县双峰山水库除险加固工程", "双峰山水库"),
    ("开展摩星山修山复绿工程。", "摩星山修山复绿工程", "摩星山"),
    ("实施东沙古城城墙修缮工程。", "东沙古城城墙修缮工程", "东沙古城"),
]


@pytest.mark.parametrize("text,project,inner", PLACES, ids=[p[2] for p in PLACES])
def test_places_inside_project_names(text, project, inner):
    ex = extract(text + "\n")
    assert (project, inner) in relations(ex, "pk:relatedTo")
    assert ex.entities[next(k for k, e in ex.entities.items() if e.label == project)].ref.kind == "Project"


LOCATED = [
    ("岱山机场选址于东沙镇。", "岱山机场", "东沙镇"),
    ("鹿栏晴沙公园位于秀山乡境内。", "鹿栏晴沙公园", "秀山乡"),
    ("北峰古遗址位于北峰村，保存完好。", "北峰古遗址", "北峰村"),
    ("双峰山水库地处高亭镇。", "双峰山水库", "高亭镇"),
]


@pytest.mark.parametrize("text,thing,place", LOCATED, ids=[p[0] for p in LOCATED])
def test_located_constructions(text, thing, place):
    assert (thing, place) in relations(extract(text + "\n"), "pk:locatedIn")


# ---------------------------------------------------------------- project precision
GENERIC = ["生态修复工程", "水系连通工程", "市重大项目", "确保重点项目", "新增工业项目", "上述工程", "调水工程", "植被恢复工程"]
NAMED = ["磨心山水库扩容工程", "高亭镇污水处理厂提标工程", "岱西镇滨海绿道建设工程", "S203省道改建工程"]


def test_generic_project_words_are_not_projects_named_ones_are():
    text = "".join(f"全力推进{g}，" for g in GENERIC) + "重点实施" + "、".join(NAMED) + "。\n"
    ex = extract(text)
    projects = {e.label for e in ex.entities.values() if e.ref.kind == "Project"}
    assert projects.isdisjoint(GENERIC), projects & set(GENERIC)
    assert set(NAMED) <= projects, set(NAMED) - projects


def test_a_project_table_row_is_a_project_even_with_a_generic_name():
    ex = extract("表1 近期重点项目\n序号\t项目名称\t实施地点\n1\t高标准农田建设工程\t东沙镇\n")
    ent = next(e for e in ex.entities.values() if e.label == "高标准农田建设工程")
    assert ent.ref.kind == "Project"
    assert ("高标准农田建设工程", "东沙镇") in relations(ex, "pk:locatedIn")


def test_phrasing_counts():
    assert len(SEATS) >= 8 and len(ROLES) >= 8 and len(POSITIONINGS) >= 8 and len(ALIASES) >= 8
    assert len(PLACES) + len(LOCATED) >= 8 and len(GENERIC) + len(NAMED) >= 8


# ---------------------------------------------------------------- memberships, statuses, cooperation, organizer
MEMBERSHIPS = [
    ("全县划定生态保护红线不少于120平方公里，主要包括摩星山自然保护区、双峰山森林公园。", "摩星山自然保护区", "生态保护红线"),
    ("划定生态保护红线80平方公里，将鹿栏晴沙公园以及东沙湿地公园纳入红线。", "东沙湿地公园", "生态保护红线"),
    ("全县生态保护红线涵盖磨心山森林公园和衢山岛保护区。", "磨心山森林公园", "生态保护红线"),
]


@pytest.mark.parametrize("text,member,whole", MEMBERSHIPS, ids=[m[1] for m in MEMBERSHIPS])
def test_membership_constructions(text, member, whole):
    assert (member, whole) in relations(extract(text + "\n"), "pk:partOf")


STATUSES = [
    ("保护全国重点文物保护单位慈云寺的历史环境。", "慈云寺", "全国重点文物保护单位"),
    ("修缮省级文物保护单位沙洋塔。", "沙洋塔", "省级文物保护单位"),
    ("整体保护国家级传统村落东沙古镇和北峰村。", "东沙古镇", "国家级传统村落"),
]


@pytest.mark.parametrize("text,name,status", STATUSES, ids=[s[1] for s in STATUSES])
def test_status_prefix_constructions(text, name, status):
    assert (name, status) in roles(extract(text + "\n"))


OTHERS = [  # text, predicate, subject, object
    ("在东沙镇规划建设岱山通用机场，与舟山普陀山机场协同发展。", "pk:cooperatesWith", "岱山通用机场", "舟山普陀山机场"),
    ("磨心山水库是双峰河的重要水源，应严格保护。", "pk:relatedTo", "磨心山水库", "双峰河"),
    ("双峰山水库位于高亭城区北侧的双峰河干流上。", "pk:locatedIn", "双峰山水库", "双峰河"),
    ("长河由南向北纵穿全县，是主要的灌溉水源。", "pk:passesThrough", "长河", "岱山县"),
]


@pytest.mark.parametrize("text,predicate,subject,obj", OTHERS, ids=[o[2] for o in OTHERS])
def test_neighbourhood_constructions(text, predicate, subject, obj):
    assert (subject, obj) in relations(extract(text + "\n"), predicate)


@pytest.mark.parametrize("sentence,organizer", [
    ("为统筹全县国土空间，岱山县人民政府组织编制了《岱山县国土空间总体规划（2021-2035年）》。", "岱山县人民政府"),
    ("岱山县自然资源和规划局牵头编制《岱山县国土空间总体规划（2021-2035年）》。", "岱山县自然资源和规划局"),
])
def test_the_body_that_had_the_plan_drawn_up(sentence, organizer):
    ex = extract(sentence + "\n")
    assert ex.meta.organizer == organizer
    assert any(e.label == organizer and e.ref.kind == "Organization" for e in ex.entities.values())
