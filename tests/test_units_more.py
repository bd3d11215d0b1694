"""Units of indicator targets and monitoring reports beyond area, length and share: 万公顷, 平方米/人,
立方米/万元, 吨标准煤/万元, 万吨标准煤, 吨标准煤, 人/平方公里 (ontology/vocabularies.ttl). Each is read from an
invented plan sentence, a plan table and a report sentence, converted through the unit table, and an
observation in 万公顷 is judged against a target in 万亩 end to end (an invented county, 岚溪县)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.cli import app
from plankg.extract import observations as ob
from plankg.extract import pipeline, reader
from plankg.extract.quantities import extract_quantities
from plankg.extract.units import UNIT_ALTERNATIVES
from plankg.monitor import rule
from plankg.ontology import unit_table
from plankg.ontology.quantities import convert, to_canonical

UNIT = "https://w3id.org/plankg/vocab/unit/"
PATTERN = ob.mention_pattern(())

# label → (concept, factor, canonical concept); the new units, their printed variants and the older
# units the new ones sit next to (checked, not added)
SCHEME = [
    ("万公顷", "hectare-10k", 10000, "hectare"), ("万hm²", "hectare-10k", 10000, "hectare"),
    ("平方米/人", "m2-per-person", 1, "m2-per-person"), ("平方米每人", "m2-per-person", 1, "m2-per-person"),
    ("m²/人", "m2-per-person", 1, "m2-per-person"),
    ("立方米/万元", "m3-per-yuan-10k", 1, "m3-per-yuan-10k"), ("m³/万元", "m3-per-yuan-10k", 1, "m3-per-yuan-10k"),
    ("吨标准煤/万元", "tce-per-yuan-10k", 1, "tce-per-yuan-10k"), ("吨标煤/万元", "tce-per-yuan-10k", 1, "tce-per-yuan-10k"),
    ("万吨标准煤", "tce-10k", 1, "tce-10k"), ("万吨标煤", "tce-10k", 1, "tce-10k"),
    ("吨标准煤", "tce", 0.0001, "tce-10k"), ("吨标煤", "tce", 0.0001, "tce-10k"),
    ("人/平方公里", "person-per-km2", 1, "person-per-km2"), ("人/平方千米", "person-per-km2", 1, "person-per-km2"),
    ("亿立方米", "m3-100m", 10000, "m3-10k"), ("千米", "km", 1, "km"), ("万人", "person-10k", 1, "person-10k"),
    ("人", "person", 0.0001, "person-10k"), ("公里/平方公里", "km-per-km2", 100, "km-per-km2-100"),
    ("公里/百平方公里", "km-per-km2-100", 1, "km-per-km2-100"),
]


@pytest.mark.parametrize("label,concept,factor,canonical", SCHEME)
def test_unit_in_scheme(label: str, concept: str, factor: float, canonical: str) -> None:
    assert unit_table()[label] == (UNIT + concept, pytest.approx(factor), UNIT + canonical)


def test_scheme_cases_collected(collected_cases) -> None:
    assert collected_cases("test_unit_in_scheme") == len(SCHEME) == 21


# (value, from, to) → value in the second unit; None where the dimensions differ
CONVERSIONS = [
    (3.41, "万公顷", "公顷", 34100), (3.41, "万公顷", "万亩", 51.15), (60, "万亩", "万公顷", 4.0),
    (0.5, "万公顷", "平方公里", 50), (968000, "吨标准煤", "万吨标准煤", 96.8), (1.2, "万吨标准煤", "吨标准煤", 12000),
    (14.2, "平方米每人", "平方米/人", 14.2), (231, "人/平方千米", "人/平方公里", 231),
    (0.61, "吨标煤/万元", "吨标准煤/万元", 0.61),
    (0.6, "吨标准煤/万元", "吨标准煤", None), (41.3, "立方米/万元", "万立方米", None), (120, "平方米/人", "平方米", None),
    (231, "人/平方公里", "人", None), (3.41, "万公顷", "万吨标准煤", None),
]


@pytest.mark.parametrize("value,unit,to,expected", CONVERSIONS)
def test_conversion(value: float, unit: str, to: str, expected: float | None) -> None:
    got = convert(value, unit, to)
    assert got == (None if expected is None else pytest.approx(expected, rel=1e-6))


def test_conversion_cases_collected(collected_cases) -> None:
    assert collected_cases("test_conversion") == len(CONVERSIONS) == 14


def test_longer_units_are_tried_first() -> None:
    """"吨标准煤/万元" before "吨标准煤", "万公顷" before "公顷", "人/平方公里" before "人"."""
    rank = {u: i for i, u in enumerate(UNIT_ALTERNATIVES)}
    for long, short in [("吨标准煤/万元", "吨标准煤"), ("万吨标准煤", "吨标准煤"), ("万公顷", "公顷"),
                        ("平方米/人", "平方米"), ("立方米/万元", "万元"), ("人/平方公里", "人")]:
        assert rank[long] < rank[short], (long, short)


# invented plan sentences → (indicator, value, unit, year, bound), the value in its canonical unit
PLAN = [
    ("到2035年，耕地保有量不低于4.26万公顷。", ("耕地保有量", 4.26, "万公顷", 2035, "ge"), (42600, "hectare")),
    ("到2035年，人均城镇建设用地面积控制在115平方米/人以内。",
     ("人均城镇建设用地面积", 115, "平方米/人", 2035, "le"), (115, "m2-per-person")),
    ("到2035年，人均应急避难场所面积不低于2.5平方米每人。",
     ("人均应急避难场所面积", 2.5, "平方米每人", 2035, "ge"), (2.5, "m2-per-person")),
    ("到2035年，万元GDP用水量降低到38立方米/万元。", ("万元GDP用水量", 38, "立方米/万元", 2035, "le"), (38, "m3-per-yuan-10k")),
    ("到2035年，单位GDP能耗下降到0.45吨标准煤/万元。", ("单位GDP能耗", 0.45, "吨标准煤/万元", 2035, "le"),
     (0.45, "tce-per-yuan-10k")),
    ("到2035年，能源消费总量控制在180万吨标准煤以内。", ("能源消费总量", 180, "万吨标准煤", 2035, "le"), (180, "tce-10k")),
    ("到2025年，可再生能源替代量达到36000吨标准煤。", ("可再生能源替代量", 36000, "吨标准煤", 2025, "ge"), (3.6, "tce-10k")),
    ("到2035年，中心城区人口密度不超过9000人/平方公里。",
     ("中心城区人口密度", 9000, "人/平方公里", 2035, "le"), (9000, "person-per-km2")),
]


@pytest.mark.parametrize("sentence,expected,canonical", PLAN)
def test_plan_sentence(sentence: str, expected: tuple, canonical: tuple) -> None:
    [q] = extract_quantities(sentence, 1, [], None, 2035, 2020)
    assert (q.indicator, q.value, q.unit, q.year, q.bound, q.kind) == (*expected, "Target")
    value, unit = to_canonical(q.value, q.unit)
    assert (value, unit) == (pytest.approx(canonical[0]), UNIT + canonical[1])


def test_plan_cases_collected(collected_cases) -> None:
    assert collected_cases("test_plan_sentence") == len(PLAN) == 8


PLAN_TABLE = """岚溪县国土空间总体规划（2021-2035年）
规划基期年为2020年，近期至2025年，规划期限为2021-2035年。
| 指标 | 单位 | 2035年 | 属性 |
|---|---|---|---|
| 永久基本农田保护面积 |  | ≥3.85万公顷 | 约束性 |
| 单位GDP能耗 |  | ≤0.48吨标准煤/万元 | 预期性 |
| 能源消费总量（万吨标准煤） |  | ≤160 | 预期性 |
| 万元GDP用水量 | 立方米/万元 | ≤35 | 约束性 |
| 人均公园绿地面积 | 平方米/人 | ≥15 | 预期性 |
| 人口密度 | 人/平方公里 | 260 | 预期性 |
| 非化石能源利用量 | 吨标准煤 | ≥52000 | 预期性 |
"""
# row → (indicator, value, unit, bound); the unit in the cell, the name's brackets or the unit column
TABLE_ROWS = {
    ("永久基本农田保护面积", 3.85, "万公顷", "ge"), ("单位GDP能耗", 0.48, "吨标准煤/万元", "le"),
    ("能源消费总量", 160, "万吨标准煤", "le"), ("万元GDP用水量", 35, "立方米/万元", "le"),
    ("人均公园绿地面积", 15, "平方米/人", "ge"), ("人口密度", 260, "人/平方公里", "eq"),
    ("非化石能源利用量", 52000, "吨标准煤", "ge"),
}


def test_plan_table_rows() -> None:
    doc = reader.parse(PLAN_TABLE, "plan.md")
    got = {(q.indicator, q.value, q.unit, q.bound) for q in pipeline.extract(doc).quantities
           if doc.passages[q.source].kind == "table-row" and q.year == 2035}
    assert got == TABLE_ROWS and len(TABLE_ROWS) == 7
    assert {u for *_, u, _ in TABLE_ROWS} <= set(unit_table())


# invented report sentences (a 2024 report, base year 2020) → (indicator, year, value, unit), canonical value
REPORT = [
    ("2024年，全县永久基本农田保护面积为3.41万公顷。", ("永久基本农田保护面积", 2024, 3.41, "万公顷"), (34100, "hectare")),
    ("全县人均公园绿地面积达到14.2平方米/人。", ("人均公园绿地面积", 2024, 14.2, "平方米/人"), (14.2, "m2-per-person")),
    ("2023年，全县人均应急避难场所面积为2.1平方米每人。",
     ("人均应急避难场所面积", 2023, 2.1, "平方米每人"), (2.1, "m2-per-person")),
    ("2024年，全县万元GDP用水量为41.3立方米/万元。", ("万元GDP用水量", 2024, 41.3, "立方米/万元"), (41.3, "m3-per-yuan-10k")),
    ("2024年，全县单位GDP能耗下降到0.57吨标准煤/万元。", ("单位GDP能耗", 2024, 0.57, "吨标准煤/万元"),
     (0.57, "tce-per-yuan-10k")),
    ("全县能源消费总量为96.8万吨标准煤。", ("能源消费总量", 2024, 96.8, "万吨标准煤"), (96.8, "tce-10k")),
    ("2024年全县能源消费总量为968,000吨标准煤。", ("能源消费总量", 2024, 968000, "吨标准煤"), (96.8, "tce-10k")),
    ("2024年末全县人口密度为231人/平方公里。", ("人口密度", 2024, 231, "人/平方公里"), (231, "person-per-km2")),
]


@pytest.mark.parametrize("sentence,expected,canonical", REPORT)
def test_report_sentence(sentence: str, expected: tuple, canonical: tuple) -> None:
    [o] = ob.prose_observations(sentence, 5, PATTERN, (), None, 2024, 2020)
    assert (o.indicator, o.year, o.value, o.unit, o.is_base) == (*expected, False)
    value, unit = to_canonical(o.value, o.unit)
    assert (value, unit) == (pytest.approx(canonical[0]), UNIT + canonical[1])


def test_report_cases_collected(collected_cases) -> None:
    assert collected_cases("test_report_sentence") == len(REPORT) == 8


def test_a_change_since_the_base_is_not_the_base() -> None:
    got = ob.prose_observations("2024年，全县耕地保有量为4.05万公顷，较2020年基期的4.12万公顷减少0.07万公顷。",
                                5, PATTERN, (), None, 2024, 2020)
    assert [(o.year, o.value, o.unit, o.is_base) for o in got] == [(2024, 4.05, "万公顷", False),
                                                                   (2020, 4.12, "万公顷", True)]


REPORT_MD = """# 岚溪县国土空间总体规划实施体检报告（2023年度）

本次体检以2020年为基期。

| 指标名称 | 单位 | 基期值（2020年） | 2023年 |
|---|---|---|---|
| 永久基本农田保护面积 | 万公顷 | 5.30 | 5.26 |
| 单位GDP能耗 |  | 0.60吨标准煤/万元 | 0.58吨标准煤/万元 |
| 万元GDP用水量 | 立方米/万元 | 52 | 48.5 |
"""


def test_report_table_units(tmp_path: Path) -> None:
    f = tmp_path / "report.md"
    f.write_text(REPORT_MD, encoding="utf-8")
    got = {(o.indicator, o.year, o.value, o.unit, o.is_base) for o in ob.read_report(reader.read(f)).observations}
    assert got == {("永久基本农田保护面积", 2020, 5.30, "万公顷", True), ("永久基本农田保护面积", 2023, 5.26, "万公顷", False),
                   ("单位GDP能耗", 2020, 0.60, "吨标准煤/万元", True), ("单位GDP能耗", 2023, 0.58, "吨标准煤/万元", False),
                   ("万元GDP用水量", 2020, 52, "立方米/万元", True), ("万元GDP用水量", 2023, 48.5, "立方米/万元", False)}


def test_statistics_table_units(tmp_path: Path) -> None:
    f = tmp_path / "岚溪县指标统计.csv"
    f.write_text("年份,行政区,指标,数值,单位\n2024,岚溪县,能源消费总量,968000,吨标准煤\n"
                 "2024,岚溪县,人口密度,231,人/平方公里\n2024,岚溪县,人均公园绿地面积,14.2,平方米/人\n"
                 "2024,岚溪县,耕地保有量,4.05万公顷,\n", encoding="utf-8")
    _, data = ob.read_table_file(f)
    assert {(o.indicator, o.year, o.value, o.unit) for o in data.observations} == {
        ("能源消费总量", 2024, 968000, "吨标准煤"), ("人口密度", 2024, 231, "人/平方公里"),
        ("人均公园绿地面积", 2024, 14.2, "平方米/人"), ("耕地保有量", 2024, 4.05, "万公顷")}


# an observation in its unit → the target's unit (monitor/rule.py); None where no factor links them
IN_UNIT = [
    (3.95, "万公顷", "万亩", 59.25), (5.26, "万公顷", "公顷", 52600), (1280000, "吨标准煤", "万吨标准煤", 128),
    (126, "平方米", "平方米/人", 126), (126, "平方米每人", "平方米", 126), (2.1, "平方米每人", "平方米/人", 2.1),
    (0.58, "吨标准煤/万元", "吨标准煤", None), (126, "公顷", "平方米/人", None), (255, "人", "人/平方公里", None),
]


@pytest.mark.parametrize("value,unit,target_unit,expected", IN_UNIT)
def test_observation_in_target_unit(value: float, unit: str, target_unit: str, expected: float | None) -> None:
    got = rule.in_unit(value, unit, target_unit)
    assert got == (None if expected is None else pytest.approx(expected, rel=1e-6))


def test_in_unit_cases_collected(collected_cases) -> None:
    assert collected_cases("test_observation_in_target_unit") == len(IN_UNIT) == 9


# ------------------------------------------------------------------ end to end: `plankg monitor`
PLAN_TXT = """岚溪县国土空间总体规划（2021-2035年）
岚溪县人民政府
第一章 总则
第一条 规划期限
本规划期限为2021年至2035年，基期年为2020年，近期目标年为2025年。
第二章 规划目标
第二条 主要指标
表1 岚溪县国土空间规划指标体系
编号\t指标\t单位\t基期年（2020年）\t2035年\t指标属性
1\t耕地保有量\t万亩\t60.0\t≥58.5\t约束性
2\t永久基本农田保护面积\t公顷\t53000\t≥52000\t约束性
3\t单位GDP能耗\t吨标准煤/万元\t0.60\t≤0.45\t预期性
4\t万元GDP用水量\t立方米/万元\t52\t≤40\t约束性
5\t人均城镇建设用地面积\t平方米/人\t130\t≤120\t预期性
6\t能源消费总量\t万吨标准煤\t110\t≤150\t预期性
7\t人口密度\t人/平方公里\t250\t≤280\t预期性
"""
E2E_REPORT = """# 岚溪县国土空间总体规划实施体检报告（2023年度）

本次体检以2020年为基期，逐项核查规划确定的指标。

| 指标名称 | 单位 | 基期值（2020年） | 2023年 |
|---|---|---|---|
| 永久基本农田保护面积 | 万公顷 | 5.30 | 5.26 |

2023年，全县耕地保有量为3.95万公顷，单位GDP能耗下降到0.58吨标准煤/万元。

全县万元GDP用水量为48.5立方米/万元，人均城镇建设用地面积为126平方米。

2023年全县能源消费总量为1,280,000吨标准煤，人口密度为255人/平方公里。
"""
# worked out by hand from the rule (docs/monitor.md): indicator → (status, O in T's unit, B in T's unit, path)
# 耕地保有量: 3.95万公顷 = 59.25万亩 ≥ 58.5 (read unconverted, 3.95 would miss it); base 60 above: hold.
# 永久基本农田保护面积: 5.26万公顷 = 52600公顷 ≥ 52000; the report's base 5.30万公顷 = 53000公顷.
# 单位GDP能耗: path 0.60 − 0.15·3/15 = 0.57 < 0.58 → 滞后. 万元GDP用水量: path 52 − 12·3/15 = 49.6 ≥ 48.5.
# 人均城镇建设用地面积: 126平方米 read as 126平方米/人, path 130 − 10·3/15 = 128 → 符合进度.
# 能源消费总量: 1,280,000吨标准煤 = 128万吨 ≤ 150, but above the path 110 + 40·3/15 = 118 → 预警.
# 人口密度: 255 ≤ 280 and ≤ the path 250 + 30·3/15 = 256 → 符合进度.
E2E = {
    "耕地保有量": ("达标", 59.25, 60.0, None),
    "永久基本农田保护面积": ("达标", 52600.0, 53000.0, None),
    "单位GDP能耗": ("滞后", 0.58, 0.6, 0.57),
    "万元GDP用水量": ("符合进度", 48.5, 52.0, 49.6),
    "人均城镇建设用地面积": ("符合进度", 126.0, 130.0, 128.0),
    "能源消费总量": ("预警", 128.0, 110.0, 118.0),
    "人口密度": ("符合进度", 255.0, 250.0, 256.0),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("units")
    files = folder / "files"
    files.mkdir()
    (files / "岚溪县国土空间总体规划（2021-2035年）.txt").write_text(PLAN_TXT, encoding="utf-8")
    (files / "岚溪县国土空间总体规划实施体检报告（2023年度）.md").write_text(E2E_REPORT, encoding="utf-8")
    location = str(folder / "store")
    r = CliRunner().invoke(app, ["ingest", "--store", location, str(files)])
    assert r.exit_code == 0, r.output
    return location


def test_monitor_converts_new_units(store: str) -> None:
    r = CliRunner().invoke(app, ["monitor", "--store", store, "岚溪县", "--year", "2023"])
    assert r.exit_code == 0, r.output
    rows = {x["indicator"]: x for x in json.loads(r.stdout)["indicators"] if x["row"] == "plan"}
    got = {k: (x["status"], x["observed_in_target_unit"], x["base_in_target_unit"], x["path"]) for k, x in rows.items()}
    assert got == {k: (s, pytest.approx(o), pytest.approx(b), None if p is None else pytest.approx(p))
                   for k, (s, o, b, p) in E2E.items()}
    assert len(E2E) == 7
    farmland = rows["耕地保有量"]
    assert (farmland["target"]["unit"], farmland["observed"]["unit"], farmland["observed"]["value"]) == ("万亩", "万公顷", 3.95)
    energy = rows["能源消费总量"]
    assert (energy["target"]["unit"], energy["observed"]["unit"]) == ("万吨标准煤", "吨标准煤")
