"""A monitoring report whose title and file name name no place takes its region from its opening passages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.cli import app
from plankg.extract import observations as ob

PLAN = """祁县国土空间总体规划（2021-2035年）
第一章 总则
本规划期限为2021年至2035年，基期年为2020年。
表1 规划指标
编号	指标	单位	基期年（2020年）	2025年	2035年	指标属性
1	森林覆盖率	%	20.0	22	26	预期性
"""
REPORT = """# 国土空间规划实施监测评估报告（2023年度）

本报告由祁县自然资源局编制，评估祁县国土空间总体规划2023年度的实施情况。

2023年，全县森林覆盖率为21.5%。
"""
OPENINGS = [
    (["年度体检报告", "本报告评估祁县2023年度规划实施情况。", "祁县耕地保有量保持稳定。"], "祁县"),
    (["年度体检报告", "祁县、平遥县两地联合开展体检。"], None),                 # two places, once each: no guess
    (["年度体检报告", "平遥县的数据见附表。"], None),                         # named once: no guess
    (["年度体检报告", "太原市统筹，祁县实施；祁县完成了年度任务。"], "祁县"),       # the most named wins
    (["年度体检报告", "全县各项指标总体平稳。"], None),                         # no place at all
]


def test_cases_collected():
    assert len(OPENINGS) == 5


@pytest.mark.parametrize("texts,expected", OPENINGS)
def test_region_from_the_opening(texts, expected):
    found = ob._region_in_text(texts)
    assert (found.name if found else None) == expected


def test_a_report_with_a_generic_title_and_file_name_is_matched_to_its_plan(tmp_path: Path):
    files = tmp_path / "files"
    files.mkdir()
    (files / "祁县国土空间总体规划（2021-2035年）.txt").write_text(PLAN, encoding="utf-8")
    (files / "report-2023.md").write_text(REPORT, encoding="utf-8")
    location = str(tmp_path / "store")
    assert CliRunner().invoke(app, ["ingest", "--store", location, str(files)]).exit_code == 0
    r = CliRunner().invoke(app, ["monitor", "--store", location, "祁县", "--year", "2023"])
    assert r.exit_code == 0, r.output
    (row,) = [x for x in json.loads(r.stdout)["indicators"] if x["indicator"] == "森林覆盖率"]
    # path 20 + 2·3/5 = 21.2 ≤ 21.5 < 22 → 符合进度, read from the report's prose
    assert row["status"] == "符合进度" and row["observed"]["source"] == "report"


def test_a_two_character_name_inside_another_word_is_not_read():
    assert ob._region_in_text(["发展现代县域经济，建设现代县城。", "现代县域经济稳步发展。"]) is None
