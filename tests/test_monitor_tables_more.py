"""Monitoring reports and statistics tables in more shapes: rows that label a group of rows.
Each case table says exactly what is read — (indicator, year, value, unit, is base) — and what is not.
Every report, table, place and number here is invented."""
from __future__ import annotations

from pathlib import Path

import pytest

from plankg.extract import observations as ob
from plankg.extract import reader

PATTERN = ob.mention_pattern(())
PLACE = "岚溪县"  # no division of the gazetteer: the title's place stands for the region
HEAD = f"{PLACE}国土空间总体规划实施体检报告（2024年度）"


def _report(tmp_path: Path, text: str, name: str) -> ob.ObservationSet:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return ob.read_report(reader.read(f))


def _markdown(header: list[str], rows: list[list[str] | str]) -> str:
    """A Markdown report; a row given as a string is printed as it stands (a label row)."""
    lines = [f"# {HEAD}", "", "本次体检以2020年为基期。", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + [r if isinstance(r, str) else "| " + " | ".join(r) + " |" for r in rows]) + "\n"


def _tabbed(header: list[str], rows: list[list[str] | str]) -> str:
    lines = [HEAD, "", "本次体检以2020年为基期。", "", f"表1 {PLACE}主要指标体检情况", "\t".join(header)]
    return "\n".join(lines + [r if isinstance(r, str) else "\t".join(r) for r in rows]) + "\n"


def _seen(observations) -> set[tuple]:
    return {(o.indicator, o.year, o.value, o.unit, o.is_base) for o in observations}


# ====================================================================== 2. a row that labels a group of rows
# (report lines between the header and the rows, what is read): the label rows neither cut the table nor
# become an indicator, in a Markdown or tabbed-text report
GROUPS = [
    ("md", ["指标名称", "单位", "基期值（2020年）", "2024年"],
     ["| 一、底线管控 | | | |", ["林地保有量", "公顷", "8210", "8236"], ["湿地保护率", "%", "55", "58.5"],
      "| 二、结构效率 | | | |", ["人均城镇建设用地", "平方米/人", "131", "128"]],
     {("林地保有量", 2020, 8210, "公顷", True), ("林地保有量", 2024, 8236, "公顷", False),
      ("湿地保护率", 2020, 55, "%", True), ("湿地保护率", 2024, 58.5, "%", False),
      ("人均城镇建设用地", 2020, 131, "平方米/人", True), ("人均城镇建设用地", 2024, 128, "平方米/人", False)}),
    ("md", ["序号", "指标", "2023年", "2024年"],
     ["| **（一）生态保护** | | | |", ["1", "森林蓄积量（万立方米）", "66.2", "67.0"],
      "| | （二）空间品质 | | |", ["2", "公园绿地服务半径覆盖率（%）", "71", "76"]],
     {("森林蓄积量", 2023, 66.2, "万立方米", False), ("森林蓄积量", 2024, 67.0, "万立方米", False),
      ("公园绿地服务半径覆盖率", 2023, 71, "%", False), ("公园绿地服务半径覆盖率", 2024, 76, "%", False)}),
    ("md", ["指标", "2024年", "单位"],
     ["| 甲类：资源利用 |", ["用水总量", "0.87", "亿立方米"], "｜乙类：设施配置｜｜｜", ["道路网密度", "6.1", "公里/平方公里"]],
     {("用水总量", 2024, 0.87, "亿立方米", False), ("道路网密度", 2024, 6.1, "公里/平方公里", False)}),
    ("txt", ["指标名称", "单位", "2023年", "2024年"],
     ["一、底线管控\t\t\t", ["林地保有量", "公顷", "8221", "8236"],
      "二、结构效率\t二、结构效率\t二、结构效率\t二、结构效率", ["城镇开发边界面积", "平方公里", "31.2", "31.2"]],
     {("林地保有量", 2023, 8221, "公顷", False), ("林地保有量", 2024, 8236, "公顷", False),
      ("城镇开发边界面积", 2023, 31.2, "平方公里", False), ("城镇开发边界面积", 2024, 31.2, "平方公里", False)}),
]


@pytest.mark.parametrize("form,header,rows,expected", GROUPS)
def test_group_label_row_keeps_the_table_whole(tmp_path: Path, form: str, header, rows, expected) -> None:
    text = _markdown(header, rows) if form == "md" else _tabbed(header, rows)
    f = tmp_path / f"r.{form}"
    f.write_text(text, encoding="utf-8")
    doc = reader.read(f)
    [table] = doc.tables  # one table, its header the one printed
    assert table.header == tuple(header)
    labels = [p for p in doc.passages if p.kind == "table-group"]
    assert len(labels) == sum(1 for r in rows if isinstance(r, str)) and all(p.table == 0 for p in labels)
    assert [doc.passages[o].cells[header.index(header[-1])] for o in table.rows] == [r[-1] for r in rows if not isinstance(r, str)]
    labels_printed = {p.cells[0] or p.cells[1] for p in labels}
    assert not [p for p in doc.passages if p.kind == "heading" and any(x in p.text for x in labels_printed)]  # nor a heading
    assert _seen(ob.read_report(doc).observations) == expected


# a line in an open table → is it a row labelling the rows below it?
GROUP_LINES = [
    ("| 一、底线管控 | | | |", True), ("| | 二、结构效率 | | |", True), ("| **三、民生保障** | | |", True),
    ("| 甲类 |", True), ("四、品质提升\t\t\t", True), ("五、实施保障\t五、实施保障\t五、实施保障", True),
    ("| 注：数据取自年度变更调查 | | |", False),  # a note under the table
    ("| 数据来源：县统计年鉴 | | |", False),
    ("| 森林覆盖率 | % | 30 | 31 |", False),  # a data row
    ("| 12.5 | | |", False),  # a number is no label
    ("| 根据年度变更调查成果，全县林地保有量继续增加，湿地保护率稳中有升。 | | |", False),  # a sentence
    ("六、小结\t六、小结", False),  # two cells alike: a row of a two-column table
    ("一、底线管控", False),  # no table delimiters
]


@pytest.mark.parametrize("line,is_label", GROUP_LINES)
def test_group_label_lines(line: str, is_label: bool) -> None:
    assert (reader.group_label_cells(line) is not None) is is_label


def test_cases_collected(collected_cases) -> None:
    counts = {"test_group_label_row_keeps_the_table_whole": (GROUPS, 4), "test_group_label_lines": (GROUP_LINES, 13)}
    for name, (cases, n) in counts.items():
        assert collected_cases(name) == len(cases) == n, name
