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
