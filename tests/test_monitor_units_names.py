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
     [["低效工业用地再开发面积", "35.6公顷"], ["口袋公园个数", "3个"], ["地下空间开发面积（万平方米）", "12.4"]],
     {("低效工业用地再开发面积", "低效工业用地再开发面积", 2024, 35.6, "公顷", False),
      ("口袋公园个数", "口袋公园个数", 2024, 3, "个", False),
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


# ====================================================================== 2. a value belongs to the name next to it
# sentence → (the observations it states, the wrong attribution the reader made before: a value after a name it
# does not recognise went to the last name it did); the report covers 2024, base year 2020
ADJACENT = [
    ("2024年全县森林覆盖率为38.6%，绿道里程达到120公里。",
     [("森林覆盖率", 2024, 38.6, "%", False)], ("森林覆盖率", 120)),
    ("全县耕地保有量为5.62万亩，新建高标准农田1.2万亩。",
     [("耕地保有量", 2024, 5.62, "万亩", False)], ("耕地保有量", 1.2)),
    ("湿地保护率达到61%，省级重要湿地名录面积860公顷。",
     [("湿地保护率", 2024, 61, "%", False)], ("湿地保护率", 860)),
    ("2023年，全县城乡建设用地为2310公顷，城镇低效用地再开发完成45公顷。",
     [("城乡建设用地规模", 2023, 2310, "公顷", False)], ("城乡建设用地规模", 45)),
    ("国土开发强度为4.15%，乡村闲置建设用地盘活利用12.8%。",
     [("国土开发强度", 2024, 4.15, "%", False)], ("国土开发强度", 12.8)),
    ("用水总量为1.32亿立方米，再生水利用规模0.18亿立方米。",
     [("用水总量", 2024, 1.32, "亿立方米", False)], ("用水总量", 0.18)),
    ("森林覆盖率为41.2%，城区林荫路推广率93%，较2020年基期的88%继续提高。",
     [("森林覆盖率", 2024, 41.2, "%", False)], ("森林覆盖率", 88)),
    ("2024年，生态保护红线面积为86.25平方公里，海洋牧场示范区86平方公里。",
     [("生态保护红线面积", 2024, 86.25, "平方公里", False)], ("生态保护红线面积", 86)),
    # names next to their values stay attributed: after another clause, in a bracket, by an anaphor, in a list
    ("绿道建设稳步推进，2023年末全县森林覆盖率（含灌木林）为38.6%，较2020年基期的36.2%有所提高。",
     [("森林覆盖率", 2023, 38.6, "%", False), ("森林覆盖率", 2020, 36.2, "%", True)], None),
    ("国土开发强度方面，2023年为4.15%，比上年回升0.02个百分点，也高于2020年基期的4.02%。",
     [("国土开发强度", 2023, 4.15, "%", False), ("国土开发强度", 2020, 4.02, "%", True)], None),
    ("湿地保护率2024年达到61%，规划基期（2020年）该项指标为55%。",
     [("湿地保护率", 2024, 61, "%", False), ("湿地保护率", 2020, 55, "%", True)], None),
    ("2024年，全县耕地保有量和永久基本农田保护面积分别为5.62万亩和4.90万亩。",
     [("耕地保有量", 2024, 5.62, "万亩", False), ("永久基本农田保护面积", 2024, 4.90, "万亩", False)], None),
]


@pytest.mark.parametrize("sentence,expected,wrong", ADJACENT)
def test_value_goes_to_the_adjacent_name_only(sentence: str, expected: list, wrong) -> None:
    got = [(o.indicator, o.year, o.value, o.unit, o.is_base)
           for o in ob.prose_observations(sentence, 4, PATTERN, (), None, 2024, 2020)]
    assert got == expected
    if wrong is not None:
        assert wrong not in {(i, v) for i, _, v, _, _ in got}


def test_adjacent_cases_collected(collected_cases) -> None:
    assert collected_cases("test_value_goes_to_the_adjacent_name_only") == len(ADJACENT) == 12
    assert sum(1 for *_, wrong in ADJACENT if wrong) == 8


def test_a_name_the_reports_table_keeps_is_recognised_in_its_prose(tmp_path: Path) -> None:
    header, rows, _ = TABLES[0]  # 森林覆盖率 and 绿道长度 (a name the lexicon lacks)
    text = _markdown(header, rows) + "\n2024年全县森林覆盖率为31.5%，绿道长度达到57公里。\n"
    prose = {(o.indicator, o.value, o.unit) for o in _report(tmp_path, text).observations if o.text.startswith("2024年全县")}
    assert prose == {("森林覆盖率", 31.5, "%"), ("绿道长度", 57, "公里")}


# the report's table gives each indicator its unit; a prose value of another dimension is not that indicator's
UNIT_TABLE = """# 云岫县国土空间总体规划实施体检报告（2024年度）

| 指标名称 | 单位 | 2023年 |
|---|---|---|
| 耕地保有量 | 万亩 | 5.63 |
| 森林覆盖率 | % | 38.1 |
| 用水总量 | 亿立方米 | 1.30 |
| 人均城镇建设用地 | 平方米/人 | 121 |
| 城乡建设用地规模 | 平方公里 | 23.1 |

"""
UNIT_CASES = [
    ("2024年全县耕地保有量为3745公顷。", ("耕地保有量", 3745, "公顷")),  # 公顷 against 万亩: commensurable
    ("2024年全县耕地保有量达到100.2%。", None),  # % against 万亩: not
    ("2024年全县森林覆盖率为38.6%。", ("森林覆盖率", 38.6, "%")),
    ("2024年全县森林覆盖率为1.2万亩。", None),
    ("2024年全县用水总量为13200万立方米。", ("用水总量", 13200, "万立方米")),
    ("2024年全县用水总量为96%。", None),
    ("2024年全县人均城镇建设用地为118平方米。", ("人均城镇建设用地", 118, "平方米")),  # per capita, without /人
    ("2024年全县人均城镇建设用地为118公顷。", None),
    ("2024年全县城乡建设用地为2310公顷。", ("城乡建设用地规模", 2310, "公顷")),
    ("2024年全县城乡建设用地规模为4.15%。", None),
]


@pytest.mark.parametrize("sentence,expected", UNIT_CASES)
def test_prose_value_in_another_dimension_is_not_attached(tmp_path: Path, sentence: str, expected) -> None:
    data = _report(tmp_path, UNIT_TABLE + sentence + "\n")
    got = [(o.indicator, o.value, o.unit) for o in data.observations if o.year == 2024]
    assert got == ([expected] if expected else [])
    assert len([o for o in data.observations if o.year == 2023]) == 5  # the table's rows stay


def test_unit_cases_collected(collected_cases) -> None:
    assert collected_cases("test_prose_value_in_another_dimension_is_not_attached") == len(UNIT_CASES) == 10


def test_a_value_in_another_dimension_does_not_hide_the_tables(tmp_path: Path) -> None:
    """A report value in % stated after 耕地保有量 (a target in 万亩) is no observation of it: the statistics
    table's value in 公顷 is judged, not 无数据."""
    files = tmp_path / "files"
    files.mkdir()
    (files / "云岫县国土空间总体规划（2021-2035年）.txt").write_text(
        "云岫县国土空间总体规划（2021-2035年）\n第一章 总则\n本规划期限为2021年至2035年，基期年为2020年。\n"
        "表1 规划指标\n编号\t指标\t单位\t基期年（2020年）\t2035年\t指标属性\n1\t耕地保有量\t万亩\t5.70\t≥5.60\t约束性\n",
        encoding="utf-8")
    (files / "report.md").write_text("# 云岫县国土空间总体规划实施体检报告（2024年度）\n\n"
                                     "2024年，全县耕地保有量达到100.6%。\n", encoding="utf-8")
    (files / "云岫县监测数据.csv").write_text("年份,地区,指标,数值,单位\n2024,云岫县,耕地保有量,3760,公顷\n", encoding="utf-8")
    location = str(tmp_path / "store")
    assert CliRunner().invoke(app, ["ingest", "--store", location, str(files)]).exit_code == 0
    r = CliRunner().invoke(app, ["monitor", "--store", location, "云岫县", "--year", "2024"])
    [row] = [x for x in json.loads(r.stdout)["indicators"] if x["row"] == "plan"]
    # 3760公顷 = 5.64万亩 ≥ 5.60 → 达标; the 100.6% is neither the observation nor a conflict
    assert (row["observed"]["source"], row["observed"]["unit"], row["status"], row["conflict"]) == \
        ("table", "公顷", "达标", False)
    assert row["observed_in_target_unit"] == pytest.approx(5.64)
