"""A project's name may join two works with 与/和/及 ("A古城保护与B提升工程"): the part before the joint
ends in a verb, so it belongs to the name and the name is not cut there (extract/names.py). A clause
with a verb of its own before the joint ("对X进行…和…工程") stays outside. Phrasings written for these
tests (a made-up 岱山县 plan)."""
from __future__ import annotations

import pytest

from plankg.extract import names

JOINED = [
    ("四是岱山古城保护与文化旅游提升工程，实施范围为东沙镇。", "岱山古城保护与文化旅游提升工程"),
    ("推进东沙河保护与修复工程。", "东沙河保护与修复工程"),
    ("一是东沙古渔村保护和民宿提升工程，建设期为2023年至2026年。", "东沙古渔村保护和民宿提升工程"),
    ("加快岱西盐场遗址保护及展示利用工程建设。", "岱西盐场遗址保护及展示利用工程"),
    ("实施高亭河道疏浚与生态修复工程。", "高亭河道疏浚与生态修复工程"),
    ("启动鹭岛海塘加固与景观提升工程。", "鹭岛海塘加固与景观提升工程"),
    ("二是衢山矿山复绿与土地整治工程，实施地点为衢山镇。", "衢山矿山复绿与土地整治工程"),
    ("开展秀山湿地保育和科普教育工程。", "秀山湿地保育和科普教育工程"),
]

NOT_JOINED = [
    ("对高亭水库进行除险加固和生态修复工程。", "高亭水库进行除险加固和生态修复工程"),
    ("实施北岙村和泥峙村联村道路工程。", "实施北岙村和泥峙村联村道路工程"),
]


def test_cases_collected():
    assert len(JOINED) == 8


@pytest.mark.parametrize("text,name", JOINED, ids=[str(i) for i in range(len(JOINED))])
def test_two_works_joined_in_one_project_name_stay_whole(text, name):
    got = {s.text for s in names.suffix_names(text) if s.kind == "Project"}
    assert name in got, got


@pytest.mark.parametrize("text,wrong", NOT_JOINED, ids=[str(i) for i in range(len(NOT_JOINED))])
def test_a_clause_with_its_own_verb_is_not_taken_in(text, wrong):
    assert wrong not in {s.text for s in names.suffix_names(text)}


def test_the_place_inside_the_name_is_still_found():
    spans = {(s.text, s.kind) for s in names.suffix_names("推进岱山古城保护与文化旅游提升工程。")}
    assert ("岱山古城", "HeritageSite") in spans


# a department joins two portfolios with 和 ("规划和自然资源局"); two bodies joined by 和 stay two
DEPARTMENTS = [
    ("由岱山县规划和自然资源局负责组织实施。", "岱山县规划和自然资源局"),
    ("书面意见寄送至岱山县规划和自然资源局。", "岱山县规划和自然资源局"),
    ("岱山县住房和城乡建设局负责编制详细规划。", "岱山县住房和城乡建设局"),
    ("县文化和旅游局牵头开展遗产调查。", "县文化和旅游局"),
    ("鹭屿市发展和改革局负责统筹。", "鹭屿市发展和改革局"),
    ("岱山县商务和市场监督管理局配合实施。", "岱山县商务和市场监督管理局"),
    ("县卫生健康和体育局统筹布局卫生设施。", "县卫生健康和体育局"),
    ("岱山县交通运输和港航管理局负责航道规划。", "岱山县交通运输和港航管理局"),
]


def test_department_cases_collected():
    assert len(DEPARTMENTS) == 8


@pytest.mark.parametrize("text,name", DEPARTMENTS, ids=[str(i) for i in range(len(DEPARTMENTS))])
def test_a_department_of_two_portfolios_is_one_name(text, name):
    assert name in {s.text for s in names.suffix_names(text) if s.kind == "Organization"}


@pytest.mark.parametrize("text,parts", [
    ("由县人民政府和岱山县自然资源局负责。", {"县人民政府", "岱山县自然资源局"}),
    ("市委和市政府联合印发。", {"市政府"}),
])
def test_two_bodies_joined_by_he_stay_two(text, parts):
    got = {s.text for s in names.suffix_names(text) if s.kind == "Organization"}
    assert parts <= got and not any("和" in g for g in got), got
