"""Plans that print bare target values (no 控制要求 column), Word reports and .xlsx tables: the bound a bare
value binds with, indicator names the lexicon lacks stated in report prose, and the yearly check end to end
on an invented county (a plan in tests/data/monitor_bare; the report and the workbook are written here)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.cli import app
from plankg.extract import observations as ob
from plankg.monitor import rule

DATA = Path(__file__).parent / "data" / "monitor_bare"
PATTERN = ob.mention_pattern(())

# names the indicator lexicon does not hold, stated in report prose → (indicator, year, value, unit)
UNKNOWN = [
    ("2024年，全县人均公园绿地面积为12.3平方米。", [("人均公园绿地面积", 2024, 12.3, "平方米")]),
    ("城镇生活垃圾无害化处理率达到97.5%，与上年持平。", [("城镇生活垃圾无害化处理率", 2024, 97.5, "%")]),
    ("截至2023年底，中心城区道路网密度达到6.8公里/平方公里。", [("道路网密度", 2023, 6.8, "公里/平方公里")]),
    ("县域污水集中收集率为81%。", [("污水集中收集率", 2024, 81, "%")]),
    ("全县海岛自然岸线保有率保持在78.4%。", [("海岛自然岸线保有率", 2024, 78.4, "%")]),
    ("2023年末，全县农村卫生厕所普及率约为93%。", [("农村卫生厕所普及率", 2023, 93, "%")]),
    ("2024年，全县林地保有量为34000公顷，全部完成上图入库。", [("林地保有量", 2024, 34000, "公顷")]),
    ("全县绿色建筑占新建建筑比例已达到70%。", [("绿色建筑占新建建筑比例", 2024, 70, "%")]),
    ("2024年全县单位GDP建设用地使用面积为38.5公顷。", [("单位GDP建设用地使用面积", 2024, 38.5, "公顷")]),
    ("规划要求到2035年绿色建筑占新建建筑比例达到90%。", []),  # a target, not an observation
]


@pytest.mark.parametrize("sentence,expected", UNKNOWN)
def test_unknown_indicator_names_in_prose(sentence: str, expected: list) -> None:
    got = ob.prose_observations(sentence, 3, PATTERN, (), None, 2024, 2020)
    assert [(o.indicator, o.year, o.value, o.unit) for o in got] == expected


def test_unknown_cases_collected(collected_cases) -> None:
    assert collected_cases("test_unknown_indicator_names_in_prose") == len(UNKNOWN) == 10


# (printed bound, bounds stated elsewhere, convention, base, target) → (bound, why)
BOUNDS = [
    (("ge", [], "le", None, 5.0), ("ge", "stated")),
    (("le", ["ge"], None, None, 5.0), ("le", "stated")),
    (("eq", ["eq", "le"], "ge", None, 5.0), ("le", "stated for the indicator elsewhere")),
    (("eq", [], "le", 4.0, 5.0), ("le", "indicator convention")),
    (("eq", [], None, 6.0, 5.0), ("le", "base above target")),
    (("eq", [], None, 4.0, 5.0), ("ge", "default floor")),
    (("eq", [], None, None, 5.0), ("ge", "default floor")),
    (("about", [], None, 5.0, 5.0), ("ge", "default floor")),
]


@pytest.mark.parametrize("args,expected", BOUNDS)
def test_bound_of_a_bare_value(args, expected) -> None:
    assert rule.bound_for(*args) == expected


def test_bound_cases_collected(collected_cases) -> None:
    assert collected_cases("test_bound_of_a_bare_value") == len(BOUNDS) == 8


# worked out by hand from the rule (docs/monitor.md), the plan's bare values and the files written below
EXPECTED = {
    2023: {"耕地保有量": "达标", "森林覆盖率": "符合进度", "城乡建设用地规模": "预警", "用水总量": "滞后",
           "污水集中收集率": "符合进度", "人均城镇建设用地面积": "符合进度"},
    2024: {"耕地保有量": "未达标", "森林覆盖率": "达标", "城乡建设用地规模": "突破", "用水总量": "达标",
           "污水集中收集率": "无数据", "人均城镇建设用地面积": "无数据"},
}
BOUNDS_READ = {"耕地保有量": "≥", "森林覆盖率": "≥", "城乡建设用地规模": "≤", "用水总量": "≤",
               "污水集中收集率": "≥", "人均城镇建设用地面积": "≤"}


def _word_report(path: Path) -> None:
    from docx import Document

    d = Document()
    d.add_heading("嵊泗县国土空间规划年度体检报告（2023年）", 0)
    d.add_paragraph("本次体检以2020年为基期年，逐项核查规划确定的指标。")
    rows = [("序号", "指标名称", "2023年监测值", "计量单位", "目标值（2035年）", "基期值"),
            ("1", "耕地保有量", "1.77", "万亩", "1180公顷", "1200公顷"),
            ("2", "城乡建设用地规模", "2080", "公顷", "22.0", "2000"),
            ("3", "用水总量", "0.49", "亿立方米", "0.45", "0.50"),
            ("4", "森林覆盖率", "39.5", "%", "45", "38.0")]
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    d.add_paragraph("2023年，全县污水集中收集率达到76.0%，人均城镇建设用地面积为126平方米。")
    d.save(path)


def _workbook(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["地区", "指标名称", "计量单位", "统计年度", "指标值"])
    for row in [("嵊泗县", "耕地保有量", "公顷", 2023, 1181), ("嵊泗县", "耕地保有量", "公顷", 2024, 1175),
                ("嵊泗县", "森林覆盖率", "%", 2023, 38.9), ("嵊泗县", "森林覆盖率", "%", 2024, 40.2),
                ("嵊泗县", "城乡建设用地规模", "公顷", 2024, 2150), ("嵊泗县", "用水总量", "亿立方米", 2024, 0.47)]:
        ws.append(list(row))
    wb.save(path)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("bare")
    files = folder / "files"
    shutil.copytree(DATA, files)
    _word_report(files / "嵊泗县国土空间规划年度体检报告（2023年）.docx")
    _workbook(files / "嵊泗县指标统计.xlsx")
    location = str(folder / "store")
    r = CliRunner().invoke(app, ["ingest", "--store", location, str(files)])
    assert r.exit_code == 0, r.output
    return location


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_statuses_of_bare_targets(store: str, year: int) -> None:
    r = CliRunner().invoke(app, ["monitor", "--store", store, "嵊泗县", "--year", str(year)])
    assert r.exit_code == (1 if {"未达标", "突破"} & set(EXPECTED[year].values()) else 0), r.output
    rows = [x for x in json.loads(r.stdout)["indicators"] if x["row"] == "plan"]
    assert {x["indicator"]: x["status"] for x in rows} == EXPECTED[year]
    assert {x["indicator"]: x["target"]["bound"] for x in rows} == BOUNDS_READ
    assert all(x["target"]["bound_from"] != "stated" for x in rows)  # the plan prints no bound


def test_word_report_and_workbook_disagreeing_are_flagged(store: str) -> None:
    r = CliRunner().invoke(app, ["monitor", "--store", store, "嵊泗县", "--year", "2023"])
    rows = {x["indicator"]: x for x in json.loads(r.stdout)["indicators"]}
    forest = rows["森林覆盖率"]
    assert forest["conflict"] is True and forest["observed"]["source"] == "report"
    assert sorted(o["value"] for o in forest["observations"]) == [38.9, 39.5]
    farmland = rows["耕地保有量"]  # 1.77万亩 and 1181公顷 agree within the report's printed precision
    assert farmland["conflict"] is False and farmland["observed"]["unit"] == "万亩"


def test_inferred_bound_is_marked_in_the_table(store: str) -> None:
    r = CliRunner().invoke(app, ["monitor", "--store", store, "嵊泗县", "--year", "2023", "--format", "md"])
    forest = next(line for line in r.stdout.splitlines() if line.startswith("| 森林覆盖率 |"))
    assert "≥40%（2025年）〔方向推定：指标惯例〕" in forest


@pytest.mark.parametrize("spec", ["330922-master", "嵊泗县", "嵊泗县国土空间总体规划（2021-2035年）",
                                  "嵊泗县国土空间总体规划（2021-2035年）（征求意见稿）"])
def test_plan_named_by_id_region_or_title_with_its_status(store: str, spec: str) -> None:
    r = CliRunner().invoke(app, ["monitor", "--store", store, spec, "--year", "2023"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["plan"]["id"] == "330922-master"


FICTIONAL_PLAN = """青岚县国土空间总体规划（2021-2035年）
第一章 总则
本规划期限为2021年至2035年，基期年为2020年。
表1 规划指标
编号	指标	单位	基期年（2020年）	2025年	2035年	指标属性
1	森林覆盖率	%	30.0	32	36	预期性
2	用水总量	亿立方米	1.10	1.0	0.9	约束性
"""


def test_a_place_the_gazetteer_lacks(tmp_path: Path) -> None:
    """Plan, report and table of a county no gazetteer holds are matched by the place their titles start with."""
    files = tmp_path / "files"
    files.mkdir()
    (files / "青岚县国土空间总体规划（2021-2035年）.txt").write_text(FICTIONAL_PLAN, encoding="utf-8")
    (files / "r.md").write_text("# 青岚县国土空间总体规划实施体检报告（2023年度）\n\n本次体检以2020年为基期。\n\n"
                                "2023年，全县用水总量为1.02亿立方米。\n", encoding="utf-8")
    (files / "t.csv").write_text("统计年度,地区,指标名称,指标值,计量单位\n2023,青岚县,森林覆盖率,30.5,%\n", encoding="utf-8")
    location = str(tmp_path / "store")
    assert CliRunner().invoke(app, ["ingest", "--store", location, str(files)]).exit_code == 0
    r = CliRunner().invoke(app, ["monitor", "--store", location, "青岚县", "--year", "2023"])
    assert r.exit_code == 0, r.output
    rows = {x["indicator"]: x for x in json.loads(r.stdout)["indicators"]}
    # forest: path 30 + 2·3/5 = 31.2 > 30.5 → 滞后; water: path 1.1 − 0.1·3/5 = 1.04 ≥ 1.02 → 符合进度
    assert {k: v["status"] for k, v in rows.items()} == {"森林覆盖率": "滞后", "用水总量": "符合进度"}
    assert rows["森林覆盖率"]["observed"]["source"] == "table" and rows["用水总量"]["observed"]["source"] == "report"
    # the same report and table again change nothing (their graphs carry a content stamp like plan versions)
    again = CliRunner().invoke(app, ["ingest", "--json", "--store", location, str(files / "r.md"), str(files / "t.csv")])
    assert [json.loads(line)["outcome"] for line in again.stdout.splitlines()] == ["unchanged", "unchanged"]
