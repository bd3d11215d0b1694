"""A table that lists things with their places in its first column ("县（市、区） | 工程名称 | … | 规模（公顷）")
is a list of things, not an allocation of indicators to places: each row's thing lies in its place, and a
size column gives that thing's size. Tables written for these tests (a made-up plan of 岱山县's city)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "舟山市海岸带保护修复专项规划（2021-2035年）\n舟山市自然资源和规划局\n"
TABLES = [
    ("表5-1 海岸带修复重点工程表\n\n| 县（市、区） | 工程名称 | 修复类型 | 规模（公顷） | 实施期限 |\n|---|---|---|---|---|\n"
     "| 岱山县 | 岱西海塘生态化改造工程 | 海岸防护 | 140 | 2022—2025年 |\n"
     "| 嵊泗县 | 泗礁岛岸线整治修复工程 | 岸线修复 | 85 | 2023—2026年 |\n"),
    ("表5-1 海岸带修复重点工程表\n\n| 区县 | 项目名称 | 面积（公顷） |\n|---|---|---|\n"
     "| 岱山县 | 岱西海塘生态化改造工程 | 140 |\n| 嵊泗县 | 泗礁岛岸线整治修复工程 | 85 |\n"),
]


def test_cases_collected():
    assert len(TABLES) == 2


@pytest.mark.parametrize("table", TABLES, ids=["county-brackets", "district-county"])
def test_a_place_first_table_lists_things_in_their_places(table):
    ex = pipeline.extract(reader.parse(HEAD + table, "plan.md"))
    located = {(r.subject.name, r.object.name) for r in ex.relations if r.predicate == "pk:locatedIn"}
    assert {("岱西海塘生态化改造工程", "岱山县"), ("泗礁岛岸线整治修复工程", "嵊泗县")} <= located
    sizes = {(q.areas[0].name, q.value, q.unit) for q in ex.quantities if q.areas and q.unit == "公顷"}
    assert sizes == {("岱西海塘生态化改造工程", 140.0, "公顷"), ("泗礁岛岸线整治修复工程", 85.0, "公顷")}
    # no indicator allocated to a county
    assert not [q for q in ex.quantities if q.areas and q.areas[0].kind == "AdministrativeDivision"]
