"""Reading observations: report prose (≥ 8 invented phrasings), report tables in other column orders,
Markdown and Word reports, and .csv / .xlsx tables with other header wordings and layouts."""
from __future__ import annotations

from pathlib import Path

import pytest

from plankg.extract import observations as ob
from plankg.extract import reader

PATTERN = ob.mention_pattern(())

# sentence → the (indicator, year, value, unit, is_base) it states; the report covers 2024, base year 2020
PROSE = [
    ("2024年末，全县耕地面积为3120公顷，比上年减少约6公顷。", [("耕地保有量", 2024, 3120, "公顷", False)]),
    ("经核查，全县森林覆盖率达到38.6%，较2020年基期的36.2%提高了2.4个百分点。",
     [("森林覆盖率", 2024, 38.6, "%", False), ("森林覆盖率", 2020, 36.2, "%", True)]),
    ("国土开发强度方面，2023年为4.15%，高于2020年基期的4.02%。",
     [("国土开发强度", 2023, 4.15, "%", False), ("国土开发强度", 2020, 4.02, "%", True)]),
    ("2024年全县城乡建设用地为18.6平方公里，仍在规划上限以内。", [("城乡建设用地规模", 2024, 18.6, "平方公里", False)]),
    ("湿地保护率2024年达到61%，规划基期（2020年）该项指标为55%。",
     [("湿地保护率", 2024, 61, "%", False), ("湿地保护率", 2020, 55, "%", True)]),
    ("全县生态保护红线面积为86.25平方公里，与划定成果一致。", [("生态保护红线面积", 2024, 86.25, "平方公里", False)]),
    ("常住人口城镇化率提高到58.3%，比上年提高0.7个百分点。", [("常住人口城镇化率", 2024, 58.3, "%", False)]),  # a level reached
    ("2023年末全县耕地保有量为44,260公顷。", [("耕地保有量", 2023, 44260, "公顷", False)]),
    ("2024年，全县耕地保有量和永久基本农田保护面积分别为5.62万亩和4.90万亩。",
     [("耕地保有量", 2024, 5.62, "万亩", False), ("永久基本农田保护面积", 2024, 4.90, "万亩", False)]),
    ("距离2025年的近期目标还差1.5个百分点。", []),
    ("规划要求到2035年将国土开发强度压减至3.8%以内。", []),
    ("永久基本农田保护面积比上年减少12公顷，出现约180亩的缺口。", []),
    ("按均衡进度测算，2024年森林覆盖率应达到39.1%左右。", []),
    ("2023年，全县用水总量为1.32亿立方米。", [("用水总量", 2023, 1.32, "亿立方米", False)]),
    # a target restated in its own clause after the year: no observation of a year the report does not cover
    ("到2035年，全县耕地保有量不低于4.2万公顷。", []),
    ("至2030年，湿地保护率为65%。", []),
    ("2024年湿地保护率为61%；到2035年，湿地保护率为70%。", [("湿地保护率", 2024, 61, "%", False)]),
]


@pytest.mark.parametrize("sentence,expected", PROSE)
def test_prose(sentence: str, expected: list) -> None:
    got = ob.prose_observations(sentence, 5, PATTERN, (), None, 2024, 2020)
    assert [(o.indicator, o.year, o.value, o.unit, o.is_base) for o in got] == expected
    assert all(o.source == 5 and o.text == sentence for o in got)


def test_prose_cases_collected(collected_cases) -> None:
    assert collected_cases("test_prose") == len(PROSE) == 17


@pytest.mark.parametrize("printed,expected", [
    ("耕地保有量", "耕地保有量"), ("城乡建设用地", "城乡建设用地规模"), ("全县城镇燃气普及率", "城镇燃气普及率"),
    ("开发强度", "国土开发强度"), ("耕地保有量（公顷）", "耕地保有量"), ("人均公园面积", None),
    ("永久基本农田面积", "永久基本农田保护面积"), ("县域森林覆盖率", "森林覆盖率"),
    ("人均城镇建设用地面积", "人均城镇建设用地"), ("自然保护地", "自然保护地面积")])
def test_indicator_names_resolve(printed: str, expected) -> None:
    assert ob.resolve_indicator(printed) == expected


REPORT_MD = """# 嵊泗县国土空间总体规划实施评估报告（2024年度）

本次评估以2020年为基期。

| 序号 | 单位 | 规划基期值（2020年） | 指标名称 | 2024年监测值 | 规划目标值 | 2023年 |
|---|---|---|---|---|---|---|
| 1 | 公顷 | 1500 | 耕地保有量 | 1490 | 1480 | 1495 |
| 2 | % | 12.5 | 国土开发强度 | 12.9 | 13.5 | 12.8 |
"""


def _report(tmp_path: Path, text: str, name: str) -> ob.ObservationSet:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return ob.read_report(reader.read(f))


def test_markdown_report_with_other_column_order(tmp_path: Path) -> None:
    data = _report(tmp_path, REPORT_MD, "report.md")
    assert (data.region_name, data.year, data.base_year) == ("嵊泗县", 2024, 2020)
    got = {(o.indicator, o.year, o.value, o.unit, o.is_base) for o in data.observations}
    assert got == {("耕地保有量", 2020, 1500, "公顷", True), ("耕地保有量", 2024, 1490, "公顷", False),
                   ("耕地保有量", 2023, 1495, "公顷", False), ("国土开发强度", 2020, 12.5, "%", True),
                   ("国土开发强度", 2024, 12.9, "%", False), ("国土开发强度", 2023, 12.8, "%", False)}
    assert all(o.area is not None and o.area.code == "330922" for o in data.observations)


def test_word_report(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("嵊泗县国土空间总体规划实施体检报告（2023年度）")
    d.add_paragraph("2023年全县森林覆盖率为41.2%，较2020年基期的40.1%有所提高。")
    t = d.add_table(rows=2, cols=3)
    for i, c in enumerate(("指标", "基期值（2020年）", "2023年")):
        t.rows[0].cells[i].text = c
    for i, c in enumerate(("城乡建设用地规模", "2310公顷", "2350公顷")):
        t.rows[1].cells[i].text = c
    d.save(tmp_path / "r.docx")
    data = ob.read_report(reader.read(tmp_path / "r.docx"))
    got = {(o.indicator, o.year, o.value, o.is_base) for o in data.observations}
    assert {("森林覆盖率", 2023, 41.2, False), ("森林覆盖率", 2020, 40.1, True),
            ("城乡建设用地规模", 2020, 2310, True), ("城乡建设用地规模", 2023, 2350, False)} <= got


@pytest.mark.parametrize("header,row", [
    ("年份,行政区,指标,数值,单位", "2023,嵊泗县,耕地保有量,1495,公顷"),
    ("统计年度,地区,指标名称,指标值,计量单位", "2023,嵊泗县,耕地保有量,1495,公顷"),
    ("单位,数值,指标,行政区,年份", "公顷,1495,耕地保有量,嵊泗县,2023"),
    ("计量单位,指标名称,统计年度,指标值,地区", "公顷,耕地保有量,2023年,1495,嵊泗县"),
    ("地区,年份,指标名称,数值", "嵊泗县,2023,耕地保有量（公顷）,1495"),
    ("数据年份,所属地区,监测指标,监测数值,计量单位", "2023,嵊泗县,耕地保有量,1495,公顷"),
    ("\ufeff统计年份\t行政区划\t指标名称\t数据值\t单位", "2023\t嵊泗县\t耕地保有量\t1495\t公顷"),
    # a nature or type column printed first, the name under a bare 名称
    ("指标属性,年份,地区,名称,数值,单位", "约束性,2023,嵊泗县,耕地保有量,1495,公顷"),
    ("指标类型,统计年度,地区,指标,指标值,计量单位", "底线管控,2023,嵊泗县,耕地保有量,1495,公顷"),
])
def test_csv_headers_in_any_order_and_wording(tmp_path: Path, header: str, row: str) -> None:
    f = tmp_path / "嵊泗县指标.csv"
    f.write_text(header + "\n" + row + "\n", encoding="utf-8")
    doc, data = ob.read_table_file(f)
    [o] = data.observations
    assert (o.indicator, o.year, o.value, o.unit, o.area.code) == ("耕地保有量", 2023, 1495, "公顷", "330922")
    assert doc.passages[o.source].cells == tuple(row.split("\t" if "\t" in row else ","))


def test_csv_in_gbk_is_read(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_bytes("年份,行政区,指标,数值,单位\n2022,嵊泗县,森林覆盖率,40.8,%\n".encode("gbk"))
    assert [(o.indicator, o.value) for o in ob.read_table_file(f)[1].observations] == [("森林覆盖率", 40.8)]


def test_xlsx_wide_layout(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["说明：本表数据为测试用"])  # a notes sheet first
    sheet = book.create_sheet("数据")
    sheet.append(["嵊泗县主要指标监测表"])
    sheet.append(["指标名称", "计量单位", 2022, 2023, "2024年"])
    sheet.append(["国土开发强度", "%", 12.7, 12.8, 12.9])
    sheet.append(["湿地保护率", "%", None, 70, 71.5])
    book.save(tmp_path / "wide.xlsx")
    doc, data = ob.read_table_file(tmp_path / "wide.xlsx")
    assert data.region_name == "嵊泗县"
    got = sorted((o.indicator, o.year, o.value) for o in data.observations)
    assert got == [("国土开发强度", 2022, 12.7), ("国土开发强度", 2023, 12.8), ("国土开发强度", 2024, 12.9),
                   ("湿地保护率", 2023, 70), ("湿地保护率", 2024, 71.5)]


def test_table_without_indicator_column_is_refused(tmp_path: Path) -> None:
    from plankg import errors

    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(errors.NotAPlan):
        ob.read_table_file(f)


def test_damaged_xlsx_is_a_clear_error(tmp_path: Path) -> None:
    from plankg import errors

    f = tmp_path / "x.xlsx"
    f.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(errors.UnreadableDocument):
        ob.read_table_file(f)


@pytest.mark.parametrize("title,is_report", [
    ("某县国土空间总体规划实施监测评估报告（2023年度）", True), ("某市国土空间规划城市体检报告（2024年）", True),
    ("某县国土空间总体规划（2021-2035年）", False), ("某县规划实施评估报告", True)])
def test_report_titles(title: str, is_report: bool) -> None:
    assert ob.is_report_title(title) is is_report


def test_report_title_year_first_and_future_columns(tmp_path: Path) -> None:
    text = ("2024年度嵊泗县国土空间规划实施体检报告\n\n"
            "| 指标 | 区域 | 2024年 | 2025年 | 2035年 |\n|---|---|---|---|---|\n| 湿地保护率（%） | 全县 | 68 | 70 | 75 |\n")
    data = _report(tmp_path, text, "r.md")
    assert data.region_name == "嵊泗县" and data.year == 2024
    [o] = data.observations  # 2025 and 2035 are targets: nothing observed yet
    assert (o.indicator, o.year, o.value, o.unit, o.area.code) == ("湿地保护率", 2024, 68, "%", "330922")


def test_region_named_inside_the_title(tmp_path: Path) -> None:
    data = _report(tmp_path, "关于嵊泗县国土空间规划实施情况的评估报告\n\n2023年全县森林覆盖率为40.5%。\n", "r.txt")
    assert data.region_name == "嵊泗县"
    assert [(o.indicator, o.year, o.value) for o in data.observations] == [("森林覆盖率", 2023, 40.5)]


def test_xlsx_ingests_as_its_own_graph_of_observations(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from plankg.graph.ingest import ingest_file
    from plankg.graph.store import PlanStore

    book = openpyxl.Workbook()
    for row in (["年份", "地区", "指标名称", "指标值", "单位"], [2023, "嵊泗县", "森林覆盖率", 40.5, "%"],
                [2024, "嵊泗县", "森林覆盖率", 41.0, "%"]):
        book.active.append(row)
    book.save(tmp_path / "嵊泗县监测.xlsx")
    with PlanStore() as st:
        report = ingest_file(st, tmp_path / "嵊泗县监测.xlsx")
        rows = st.select("PREFIX qb: <http://purl.org/linked-data/cube#> PREFIX pk: <https://w3id.org/plankg/def#> "
                         "SELECT ?o ?t WHERE { GRAPH ?g { ?o a qb:Observation ; pk:source ?p . ?p pk:text ?t } }")
    assert report.indicator_values == 2 and "/graph/330922-table-" in report.graph and report.plan_id == ""
    assert sorted(str(r["t"]) for r in rows) == ["2023\t嵊泗县\t森林覆盖率\t40.5\t%", "2024\t嵊泗县\t森林覆盖率\t41\t%"]


def test_one_row_per_year(tmp_path: Path) -> None:
    f = tmp_path / "嵊泗县历年指标.csv"
    f.write_text("年份,耕地保有量（万亩）,森林覆盖率（%）\n2020（基期）,2.31,40.1\n2023,2.29,41.0\n", encoding="utf-8")
    got = sorted((o.indicator, o.year, o.value, o.unit, o.is_base) for o in ob.read_table_file(f)[1].observations)
    assert got == [("森林覆盖率", 2020, 40.1, "%", True), ("森林覆盖率", 2023, 41.0, "%", False),
                   ("耕地保有量", 2020, 2.31, "万亩", True), ("耕地保有量", 2023, 2.29, "万亩", False)]
    md = "# 嵊泗县规划实施监测报告（2023年度）\n\n| 年度 | 湿地保护率（%） |\n|---|---|\n| 2022 | 69 |\n| 2023 | 70 |\n"
    data = _report(tmp_path, md, "r.md")
    assert sorted((o.indicator, o.year, o.value) for o in data.observations) == [("湿地保护率", 2022, 69), ("湿地保护率", 2023, 70)]


def test_status_quo_columns_of_later_years_are_observations(tmp_path: Path) -> None:
    """现状值 is the base only at the base year: "2024年现状值" is that year's observation."""
    text = ("# 嵊泗县国土空间总体规划实施评估报告（2024年度）\n\n本报告以2020年为基期年。\n\n"
            "| 指标名称 | 单位 | 2020年现状值 | 2023年现状值 | 2024年现状值 | 规划目标值 | 目标年 |\n"
            "|---|---|---|---|---|---|---|\n| 用水总量 | 亿立方米 | 0.52 | 0.50 | 0.49 | 0.45 | 2035 |\n")
    data = _report(tmp_path, text, "r.md")
    got = {(o.indicator, o.year, o.value, o.is_base) for o in data.observations}
    assert got == {("用水总量", 2020, 0.52, True), ("用水总量", 2023, 0.50, False), ("用水总量", 2024, 0.49, False)}


def test_report_title_without_its_place_takes_the_file_name(tmp_path: Path) -> None:
    text = "2024年度国土空间总体规划实施体检报告\n\n本次体检以2020年为基期。\n\n2024年全县森林覆盖率为38.6%。\n"
    data = _report(tmp_path, text, "嵊泗县体检报告.txt")
    assert data.region_name == "嵊泗县"
    assert [(o.indicator, o.year, o.area.code) for o in data.observations] == [("森林覆盖率", 2024, "330922")]
