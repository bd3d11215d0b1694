"""Allocation tables of a plan: the first column names the units the values go to (counties, townships), the
header names the indicators, the units sit in the header ("耕地保有量（万亩）") or in a row of their own ("| 单位 |
万亩 | 公顷 |"), the bounds in the header or in the note under the table; a total row and a "—" cell allocate
nothing. Tables written for these tests on a made-up 岱山县 plan."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n规划期限为2021年至2035年。\n\n## 指标分解\n\n"

UNIT_ROW = """表3-1　约束性指标乡镇分解表（2035年）

| 乡镇 | 耕地保有量 | 生态保护红线面积 | 城镇开发边界面积 |
|---|---|---|---|
| 单位 | 万亩 | 公顷 | 公顷 |
| 东沙镇 | 1.250 | 186 | 120.5 |
| 岱西镇 | 2.040 | 412 | — |
| 合计 | 3.290 | 598 | 120.5 |

注：耕地保有量为下限，城镇开发边界面积为上限；“—”表示不单独划定。
"""
UNIT_HEADER = """表3-2　主要指标分解表（2035年）

| 乡（镇） | 永久基本农田保护面积（万亩，不低于） | 林地保有量（公顷） |
|---|---|---|
| 高亭镇 | 0.820 | 2310 |
| 岱东镇 | 1.105 | 1860 |
"""

CASES = [
    (UNIT_ROW, {("耕地保有量", 1.25, "万亩", "ge", "东沙镇"), ("生态保护红线面积", 186.0, "公顷", "eq", "东沙镇"),
                ("城镇开发边界面积", 120.5, "公顷", "le", "东沙镇"), ("耕地保有量", 2.04, "万亩", "ge", "岱西镇"),
                ("生态保护红线面积", 412.0, "公顷", "eq", "岱西镇")}),
    (UNIT_HEADER, {("永久基本农田保护面积", 0.82, "万亩", "ge", "高亭镇"), ("林地保有量", 2310.0, "公顷", "eq", "高亭镇"),
                   ("永久基本农田保护面积", 1.105, "万亩", "ge", "岱东镇"), ("林地保有量", 1860.0, "公顷", "eq", "岱东镇")}),
]


@pytest.mark.parametrize("table,expected", CASES, ids=["unit-row", "unit-in-header"])
def test_one_allocation_per_cell(table, expected):
    ex = pipeline.extract(reader.parse(HEAD + table, "plan.md"))
    got = {(q.indicator, q.value, q.unit, q.bound, q.areas[0].name) for q in ex.quantities
           if q.kind == "Allocation" and q.year == 2035 and len(q.areas) == 1}
    assert got == expected


def test_cases_collected():
    assert len(CASES) == 2
