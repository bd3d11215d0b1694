"""Reading observations against plan targets: units printed in full-width and symbol forms, values
attributed only to the indicator named next to them, and report tables that keep rows of names the
lexicon lacks. Every report, table, plan, place and number here is invented."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.cli import app
from plankg.extract import observations as ob
from plankg.extract import reader
from plankg.extract.quantities import extract_quantities
from plankg.extract.units import known_unit, normalise_unit, printed_forms
from plankg.monitor import rule

PATTERN = ob.mention_pattern(())


def _report(tmp_path: Path, text: str, name: str = "r.md") -> ob.ObservationSet:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return ob.read_report(reader.read(f))


# ====================================================================== 1. printed forms of a unit
# printed → the unit scheme's spelling it reads as
UNIT_FORMS = [
    ("平方米／人", "平方米/人"), ("㎡", "m²"), ("ｍ²", "m²"), ("m²", "m²"), ("公顷／万人", "公顷/万人"),
    ("％", "%"), ("㎡/人", "m²/人"), ("立方米／万元", "立方米/万元"), ("ｋｍ²", "km²"), ("人／平方公里", "人/平方公里"),
]


@pytest.mark.parametrize("printed,unit", UNIT_FORMS)
def test_unit_form_normalises_to_the_scheme(printed: str, unit: str) -> None:
    assert normalise_unit(printed) == known_unit(printed) == unit
    assert normalise_unit(unit) == unit  # the canonical spelling is a fixed point


@pytest.mark.parametrize("printed,unit", UNIT_FORMS)
def test_unit_form_in_plan_prose(printed: str, unit: str) -> None:
    sentence = f"到2035年，云岫县试点片区综合利用强度不超过12.5{printed}。"
    got = [(q.indicator, q.value, q.unit, q.year, q.bound)
           for q in extract_quantities(sentence, 1, [], None, 2035, 2020)]
    assert got == [("云岫县试点片区综合利用强度", 12.5, unit, 2035, "le")]  # not cut short ("平方米") nor lost


@pytest.mark.parametrize("printed,unit", UNIT_FORMS)
def test_unit_form_in_report_prose(printed: str, unit: str) -> None:
    got = ob.prose_observations(f"2024年，全县试点片区综合利用强度为8.75{printed}。", 2, PATTERN, (), None, 2024, 2020)
    assert [(o.indicator, o.year, o.value, o.unit, o.value_text) for o in got] == \
        [("试点片区综合利用强度", 2024, 8.75, unit, f"8.75{printed}")]  # the print stays in the value text


@pytest.mark.parametrize("printed,unit", UNIT_FORMS)
def test_unit_form_in_report_table_and_csv(tmp_path: Path, printed: str, unit: str) -> None:
    report = _report(tmp_path, "# 云岫县国土空间规划实施体检报告（2024年度）\n\n本次体检以2020年为基期。\n\n"
                     "| 指标名称 | 单位 | 基期值（2020年） | 2024年 |\n|---|---|---|---|\n"
                     f"| 森林覆盖率 | {printed} | 7.5 | 8.25{printed} |\n")
    assert {(o.year, o.value, o.unit) for o in report.observations} == {(2020, 7.5, unit), (2024, 8.25, unit)}
    f = tmp_path / "云岫县监测数据.csv"
    f.write_text(f"年份,地区,指标,数值,单位\n2024,云岫县,森林覆盖率,8.25,{printed}\n"
                 f"2023,云岫县,森林覆盖率,8.0{printed},\n", encoding="utf-8")
    _, table = ob.read_table_file(f)
    assert {(o.year, o.value, o.unit) for o in table.observations} == {(2024, 8.25, unit), (2023, 8.0, unit)}


def test_unit_form_cases_collected(collected_cases) -> None:
    assert len(UNIT_FORMS) == 10
    for name in ("test_unit_form_normalises_to_the_scheme", "test_unit_form_in_plan_prose",
                 "test_unit_form_in_report_prose", "test_unit_form_in_report_table_and_csv"):
        assert collected_cases(name) == len(UNIT_FORMS), name


def test_every_printed_form_of_a_scheme_label_folds_back() -> None:
    labels = ["平方米/人", "m²", "km²", "%", "立方米/万元", "公顷/万人", "万m³", "人/km²"]
    for label in labels:
        forms = printed_forms(label)
        assert len(forms) >= 2 and {normalise_unit(f) for f in forms} == {label}, label


# an observation in its printed unit → the target's unit: per-capita area in any print, 公顷/万人 = 平方米/人
PER_CAPITA = [
    (118, "平方米／人", "平方米/人", 118), (118, "㎡", "平方米/人", 118), (118, "m²/人", "平方米/人", 118),
    (9.6, "公顷／万人", "平方米/人", 9.6), (41.5, "％", "%", 41.5), (3.1, "ｋｍ²", "公顷", 310),
    (118, "公顷", "平方米/人", None), (41.5, "％", "万亩", None),
]


@pytest.mark.parametrize("value,unit,target_unit,expected", PER_CAPITA)
def test_printed_forms_convert_to_the_target_unit(value: float, unit: str, target_unit: str, expected) -> None:
    got = rule.in_unit(value, normalise_unit(unit), target_unit)
    assert got == (None if expected is None else pytest.approx(expected))


def test_per_capita_cases_collected(collected_cases) -> None:
    assert collected_cases("test_printed_forms_convert_to_the_target_unit") == len(PER_CAPITA) == 8


# ------------------------------------------------------------------ end to end: plan and report in other prints
UNITS_PLAN = """云岫县国土空间总体规划（2021-2035年）
第一章 总则
本规划期限为2021年至2035年，基期年为2020年。
表1 规划指标
编号\t指标\t单位\t基期年（2020年）\t2035年\t指标属性
1\t人均城镇建设用地面积\t平方米／人\t130\t≤120\t约束性
2\t森林覆盖率\t％\t30.0\t≥36\t预期性
3\t人均应急避难场所面积\tm²/人\t1.5\t≥2.5\t预期性
第二章 目标
到2035年，人均公园绿地面积不低于14㎡/人。
"""
UNITS_REPORT = """# 云岫县国土空间总体规划实施体检报告（2023年度）

本次体检以2020年为基期。

2023年，全县人均城镇建设用地面积为127.0公顷／万人。

2023年全县森林覆盖率为31.8％。

2023年全县人均应急避难场所面积为1.9㎡。

2023年全县人均公园绿地面积为12.2ｍ²/人。
"""


def test_monitor_reads_every_print_as_its_unit(tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    (files / "云岫县国土空间总体规划（2021-2035年）.txt").write_text(UNITS_PLAN, encoding="utf-8")
    (files / "云岫县国土空间总体规划实施体检报告（2023年度）.md").write_text(UNITS_REPORT, encoding="utf-8")
    location = str(tmp_path / "store")
    r = CliRunner().invoke(app, ["ingest", "--store", location, str(files)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["monitor", "--store", location, "云岫县", "--year", "2023"])
    assert r.exit_code == 1, r.output  # one target missed (the park area)
    rows = {x["indicator"]: x for x in json.loads(r.stdout)["indicators"] if x["row"] == "plan"}
    # 127.0公顷/万人 = 127平方米/人 (a hectare per 10,000 persons is a square metre per person): path 130 − 10·3/15 = 128 ≥ 127 → 符合进度; forest path 30 + 6·3/15 = 31.2 ≤ 31.8;
    # shelter 1.9㎡ per person, path 1.5 + 1·3/15 = 1.7 ≤ 1.9; park 12.2 < 14 with no base stated (hold) → 未达标
    got = {k: (x["target"]["unit"], x["observed"]["unit"] if x["observed"] else None, x["observed_in_target_unit"],
               x["status"]) for k, x in rows.items()}
    assert got == {"人均城镇建设用地面积": ("平方米/人", "公顷/万人", pytest.approx(127), "符合进度"),
                   "森林覆盖率": ("%", "%", pytest.approx(31.8), "符合进度"),
                   "人均应急避难场所面积": ("m²/人", "m²", pytest.approx(1.9), "符合进度"),
                   "人均公园绿地面积": ("m²/人", "m²/人", pytest.approx(12.2), "未达标")}


# ====================================================================== 3. report tables keep rows of unknown names
# (header, rows, the observations expected: indicator, printed, year, value, unit, is_base); names the lexicon
# lacks are kept as printed (brackets dropped), exactly as a .csv / .xlsx statistics table keeps them
TABLES = [
    (["指标名称", "单位", "基期值（2020年）", "2024年"],
     [["森林覆盖率", "%", "30.0", "31.5"], ["绿道长度", "公里", "42", "57"]],
     {("森林覆盖率", "森林覆盖率", 2020, 30.0, "%", True), ("森林覆盖率", "森林覆盖率", 2024, 31.5, "%", False),
      ("绿道长度", "绿道长度", 2020, 42, "公里", True), ("绿道长度", "绿道长度", 2024, 57, "公里", False)}),
    (["序号", "指标", "2023年", "2024年"],
     [["1", "城区公共充电桩覆盖率（%）", "61", "66"], ["2", "耕地面积（公顷）", "3120", "3116"]],
     {("城区公共充电桩覆盖率", "城区公共充电桩覆盖率（%）", 2023, 61, "%", False),
      ("城区公共充电桩覆盖率", "城区公共充电桩覆盖率（%）", 2024, 66, "%", False),
      ("耕地保有量", "耕地面积（公顷）", 2023, 3120, "公顷", False), ("耕地保有量", "耕地面积（公顷）", 2024, 3116, "公顷", False)}),
    (["单位", "监测指标", "2024年"],
     [["平方米/人", "社区养老服务设施人均面积", "0.21"], ["万立方米", "再生水利用量", "880"]],
     {("社区养老服务设施人均面积", "社区养老服务设施人均面积", 2024, 0.21, "平方米/人", False),
      ("再生水利用量", "再生水利用量", 2024, 880, "万立方米", False)}),
    (["指标名称", "2022年", "2024年"],
     [["历史建筑挂牌保护率", "88%", "96%"], ["湿地保护率", "55%", "58%"]],
     {("历史建筑挂牌保护率", "历史建筑挂牌保护率", 2022, 88, "%", False),
      ("历史建筑挂牌保护率", "历史建筑挂牌保护率", 2024, 96, "%", False),
      ("湿地保护率", "湿地保护率", 2022, 55, "%", False), ("湿地保护率", "湿地保护率", 2024, 58, "%", False)}),
    (["指标", "现状值（2020年）", "2024年", "单位"],
     [["农村生活污水治理率", "40", "62", "%"]],
     {("农村生活污水治理率", "农村生活污水治理率", 2020, 40, "%", True),
      ("农村生活污水治理率", "农村生活污水治理率", 2024, 62, "%", False)}),
    (["指标名称", "2024年"],
     [["低效工业用地再开发面积", "35.6公顷"], ["新增公园个数", "3个"], ["地下空间开发面积（万平方米）", "12.4"]],
     {("低效工业用地再开发面积", "低效工业用地再开发面积", 2024, 35.6, "公顷", False),
      ("新增公园个数", "新增公园个数", 2024, 3, "个", False),
      ("地下空间开发面积", "地下空间开发面积（万平方米）", 2024, 12.4, "", False)}),
    (["指标名称", "单位", "2023年", "2024年"],
     [["城乡建设用地", "公顷", "2310", "2325"], ["万元GDP地耗", "平方米/万元", "", "18.2"]],
     {("城乡建设用地规模", "城乡建设用地", 2023, 2310, "公顷", False), ("城乡建设用地规模", "城乡建设用地", 2024, 2325, "公顷", False),
      ("万元GDP地耗", "万元GDP地耗", 2024, 18.2, "", False)}),
    (["指标名称", "基期值（2020年）", "2024年"],
     [["乡村振兴示范村占比", "8%", "15%"], ["社区步行15分钟覆盖率", "—", "82%"], ["蓝绿空间占比", "33%", "35%"]],
     {("乡村振兴示范村占比", "乡村振兴示范村占比", 2020, 8, "%", True),
      ("乡村振兴示范村占比", "乡村振兴示范村占比", 2024, 15, "%", False),
      ("社区步行15分钟覆盖率", "社区步行15分钟覆盖率", 2024, 82, "%", False),
      ("蓝绿空间占比", "蓝绿空间占比", 2020, 33, "%", True), ("蓝绿空间占比", "蓝绿空间占比", 2024, 35, "%", False)}),
]
REPORT_HEAD = "云岫县国土空间总体规划实施体检报告（2024年度）"


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = [f"# {REPORT_HEAD}", "", "本次体检以2020年为基期。", "", "| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows]) + "\n"


def _text(header: list[str], rows: list[list[str]]) -> str:
    lines = [REPORT_HEAD, "", "本次体检以2020年为基期。", "", "表1 云岫县主要指标体检情况", "\t".join(header)]
    return "\n".join(lines + ["\t".join(r) for r in rows]) + "\n"


def _seen(observations) -> set[tuple]:
    return {(o.indicator, o.printed, o.year, o.value, o.unit, o.is_base) for o in observations}


@pytest.mark.parametrize("header,rows,expected", TABLES)
def test_report_table_keeps_unknown_names_like_a_csv(tmp_path: Path, header, rows, expected) -> None:
    for name, text in (("r.md", _markdown(header, rows)), ("r.txt", _text(header, rows))):
        got = _seen(_report(tmp_path, text, name).observations)
        assert got == expected, name
    # the same rows in a statistics table: the same observations (a .csv reads no 基期 flag from a year column)
    f = tmp_path / "云岫县监测.csv"
    f.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    _, table = ob.read_table_file(f)
    assert {(i, p, y, v, u) for i, p, y, v, u, _ in _seen(table.observations)} == \
        {(i, p, y, v, u) for i, p, y, v, u, _ in expected}


def test_report_table_cases_collected(collected_cases) -> None:
    assert collected_cases("test_report_table_keeps_unknown_names_like_a_csv") == len(TABLES) == 8


def test_word_report_table_keeps_unknown_names(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph(REPORT_HEAD)
    header, rows, expected = TABLES[0]
    t = d.add_table(rows=len(rows) + 1, cols=len(header))
    for i, row in enumerate([header, *rows]):
        for j, cell in enumerate(row):
            t.rows[i].cells[j].text = cell
    d.save(tmp_path / "r.docx")
    assert _seen(ob.read_report(reader.read(tmp_path / "r.docx")).observations) == expected


def test_unknown_report_row_is_stored_and_judged_against_the_plan(tmp_path: Path) -> None:
    """The kept row is an observation of the plan's indicator of the same name (the lexicon lacks it)."""
    files = tmp_path / "files"
    files.mkdir()
    (files / "云岫县国土空间总体规划（2021-2035年）.txt").write_text(
        "云岫县国土空间总体规划（2021-2035年）\n第一章 总则\n本规划期限为2021年至2035年，基期年为2020年。\n"
        "表1 规划指标\n编号\t指标\t单位\t基期年（2020年）\t2035年\t指标属性\n1\t绿道长度\t公里\t42\t≥90\t预期性\n",
        encoding="utf-8")
    header, rows, _ = TABLES[0]
    (files / "report.md").write_text(_markdown(header, rows), encoding="utf-8")
    location = str(tmp_path / "store")
    assert CliRunner().invoke(app, ["ingest", "--store", location, str(files)]).exit_code == 0
    r = CliRunner().invoke(app, ["monitor", "--store", location, "云岫县", "--year", "2024"])
    [row] = [x for x in json.loads(r.stdout)["indicators"] if x["indicator"] == "绿道长度"]
    # path 42 + 48·4/15 = 54.8 ≤ 57 → 符合进度, the base from the report's own 基期 column
    assert (row["observed"]["value"], row["observed"]["source"], row["base"]["value"], row["status"]) == \
        (57, "report", 42, "符合进度")
