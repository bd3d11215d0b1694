"""Monitoring reports and statistics tables in more shapes: total rows, rows that label a group of rows,
shares ("占…的12.4%"), tables in the long layout (one row per indicator and year) and increments ("新增…").
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


# ====================================================================== 1. a total row is no indicator
# (header, rows, what is read); the 合计 rows are read by nothing, in a report (Markdown and tabbed text) and a .csv
TOTALS = [
    (["指标名称", "单位", "基期值（2020年）", "2024年"],
     [["林地保有量", "公顷", "8210", "8236"], ["合计", "公顷", "8210", "8236"]],
     {("林地保有量", 2020, 8210, "公顷", True), ("林地保有量", 2024, 8236, "公顷", False)}),
    (["序号", "指标", "2023年", "2024年"],
     [["1", "湿地保护率（%）", "57", "58.5"], ["", "合 计", "57", "58.5"]],
     {("湿地保护率", 2023, 57, "%", False), ("湿地保护率", 2024, 58.5, "%", False)}),
    (["监测指标", "2023年", "2024年", "单位"],
     [["园地面积", "1642", "1631", "公顷"], ["草地面积", "905", "919", "公顷"],
      ["小计（公顷）", "2547", "2550", "公顷"], ["总　计", "2547", "2550", "公顷"]],
     {("园地面积", 2023, 1642, "公顷", False), ("园地面积", 2024, 1631, "公顷", False),
      ("草地面积", 2023, 905, "公顷", False), ("草地面积", 2024, 919, "公顷", False)}),
    (["指标名称", "计量单位", "2024年"],
     [["全县合计", "万亩", "7.93"], ["永久基本农田保护面积", "万亩", "7.93"], ["**总计**", "万亩", "7.93"]],
     {("永久基本农田保护面积", 2024, 7.93, "万亩", False)}),
    # the long layout: a total in the indicator column is none; in the place column it is the file's own region
    (["年份", "地区", "指标", "数值", "单位"],
     [["2024", PLACE, "用水总量", "0.87", "亿立方米"], ["2024", PLACE, "合计", "0.87", "亿立方米"],
      ["2023", "合计", "用水总量", "0.91", "亿立方米"]],
     {("用水总量", 2024, 0.87, "亿立方米", False), ("用水总量", 2023, 0.91, "亿立方米", False)}),
]


@pytest.mark.parametrize("header,rows,expected", TOTALS)
def test_total_row_is_no_indicator(tmp_path: Path, header, rows, expected) -> None:
    for name, text in (("r.md", _markdown(header, rows)), ("r.txt", _tabbed(header, rows))):
        data = _report(tmp_path, text, name)
        assert _seen(data.observations) == expected, name
        assert all(o.area is not None and o.area.name == PLACE for o in data.observations), name
    f = tmp_path / f"{PLACE}监测数据.csv"
    f.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    _, table = ob.read_table_file(f)
    assert _seen(table.observations) == expected


@pytest.mark.parametrize("cell,total", [
    ("合计", True), ("合 计", True), ("合　计", True), ("小计", True), ("总计", True), ("共计：", True),
    ("全县合计", True), ("小计（万亩）", True), ("** 合计 **", True),
    ("合计完成率", False), ("累计新增林地", False), ("耕地保有量", False), ("计划单列", False)])
def test_total_cells(cell: str, total: bool) -> None:
    assert ob.is_total(cell) is total


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


# ====================================================================== 3. a share of X is never a value of X
# sentence → what is read; the report covers 2024, base year 2020
SHARES = [
    # the subject is no ratio: the share is read by nothing, the denominator (国土面积) never
    ("2024年全县林地保有量为8236公顷，占全县国土总面积的41.7%。", [("林地保有量", 2024, 8236, "公顷", False)]),
    ("截至2024年底，永久基本农田保护面积为7.93万亩，占耕地保有量的86.2%。",
     [("永久基本农田保护面积", 2024, 7.93, "万亩", False)]),
    ("生态保护红线面积占岚溪县国土面积的19.6%。", []),
    ("全县城镇开发边界面积31.2平方公里，占比1.58%。", [("城镇开发边界面积", 2024, 31.2, "平方公里", False)]),
    ("全县村庄建设用地占城乡建设用地规模的64%。", []),
    # the subject is a ratio itself: the share is its value
    ("燃气普及率方面，县城管道燃气用户占城镇常住人口的73.4%。", [("燃气普及率", 2024, 73.4, "%", False)]),
    ("水土流失治理度方面，截至2024年已治理水土流失面积占水土流失总面积的64.8%。",
     [("水土流失治理度", 2024, 64.8, "%", False)]),
    # ... unless it has its value before the share: then the share is one of that value
    ("2024年，全县国土开发强度为3.62%，占市级下达控制规模的92%。", [("国土开发强度", 2024, 3.62, "%", False)]),
    ("森林覆盖率达到33.5%，其中公益林占比58%。", [("森林覆盖率", 2024, 33.5, "%", False)]),
    # the phrase in a bracket does not hide the indicator before it
    ("国土开发强度（建设用地总规模占国土总面积的比重）为3.62%。", [("国土开发强度", 2024, 3.62, "%", False)]),
    ("城镇开发边界面积（占国土面积1.58%）为31.2平方公里。", [("城镇开发边界面积", 2024, 31.2, "平方公里", False)]),
    # a ratio named by what it divides stays a name of its own
    ("2024年全县装配式建筑占新建建筑面积比例达到31%。", [("装配式建筑占新建建筑面积比例", 2024, 31, "%", False)]),
    ("2024年全县湿地面积占国土面积比重约为2.9%。", [("湿地面积占国土面积比重", 2024, 2.9, "%", False)]),
    # 占用 and 占补 are no shares
    ("2024年全县耕地保有量为11.8万亩，建设占用耕地26公顷。", [("耕地保有量", 2024, 11.8, "万亩", False)]),
]


@pytest.mark.parametrize("sentence,expected", SHARES)
def test_share_goes_to_a_ratio_subject_only(sentence: str, expected: list) -> None:
    got = [(o.indicator, o.year, o.value, o.unit, o.is_base)
           for o in ob.prose_observations(sentence, 3, PATTERN, (), None, 2024, 2020)]
    assert got == expected
    assert not [o for o in ob.prose_observations(sentence, 3, PATTERN, (), None, 2024, 2020)
                if o.indicator in ("国土面积", "国土总面积", "城镇常住人口", "耕地保有量") and o.unit == "%"]


def test_share_subject_is_judged_by_the_unit_the_reports_table_gives_it(tmp_path: Path) -> None:
    """A ratio by its table's unit (%), not only by its name: "城区绿化覆盖" in % takes the share."""
    text = _markdown(["指标名称", "单位", "2023年"], [["城区绿化覆盖", "%", "38.0"], ["林地保有量", "公顷", "8221"]]) \
        + "\n城区绿化覆盖方面，2024年城区绿地占建成区面积的39.2%。\n\n林地保有量方面，2024年有林地占全县国土面积的40.1%。\n"
    got = {(o.indicator, o.year, o.value, o.unit) for o in _report(tmp_path, text, "r.md").observations if o.year == 2024}
    assert got == {("城区绿化覆盖", 2024, 39.2, "%")}


# ====================================================================== 4. report tables in the long layout
# (header, rows, what is read): read like the wide layout — a year cell with 基期 is the base, a year after the
# report's own or a 目标 row is a target, a blank name cell under a named row continues it, labels and totals are none
LONG = [
    (["指标", "年份", "数值", "单位"],
     [["林地保有量", "2020（基期）", "8190", "公顷"], ["", "2023", "8221", ""], ["", "2024", "8236", ""],
      ["湿地保护率", "2024年", "58.5", "%"], ["湿地保护率", "2035年", "62", "%"]],
     {("林地保有量", 2020, 8190, "公顷", True), ("林地保有量", 2023, 8221, "公顷", False),
      ("林地保有量", 2024, 8236, "公顷", False), ("湿地保护率", 2024, 58.5, "%", False)}),
    (["年度", "指标名称", "监测值", "计量单位", "区域"],
     [["2023", "用水总量", "0.91", "亿立方米", "全县"], ["2024", "用水总量", "0.87", "亿立方米", "全县"],
      ["2030（目标）", "用水总量", "0.95", "亿立方米", "全县"], ["2024", "人均城镇建设用地", "128", "平方米/人", "全县"]],
     {("用水总量", 2023, 0.91, "亿立方米", False), ("用水总量", 2024, 0.87, "亿立方米", False),
      ("人均城镇建设用地", 2024, 128, "平方米/人", False)}),
    (["监测指标", "统计年份", "指标值"],
     ["一、底线管控", ["林地保有量（公顷）", "2023年", "8221"], ["", "2024年", "8236"],
      "二、结构效率", ["", "2024年", "99"], ["合计", "2024年", "8335"], ["", "2023年", "8320"],
      ["道路网密度（公里/平方公里）", "基期（2020年）", "5.4"], ["", "2024年", "6.1"]],
     {("林地保有量", 2023, 8221, "公顷", False), ("林地保有量", 2024, 8236, "公顷", False),
      ("道路网密度", 2020, 5.4, "公里/平方公里", True), ("道路网密度", 2024, 6.1, "公里/平方公里", False)}),
    # one year column and a 值 column, both naming years: the wide layout still
    (["指标名称", "现状值（2020年）", "2024年"],
     [["湿地保护率（%）", "55", "58.5"]],
     {("湿地保护率", 2020, 55, "%", True), ("湿地保护率", 2024, 58.5, "%", False)}),
]


@pytest.mark.parametrize("header,rows,expected", LONG)
def test_report_table_in_the_long_layout(tmp_path: Path, header, rows, expected) -> None:
    width = len(header)  # a label row: its text in the first cell, the others empty
    marked = [f"| {r} |" + " |" * (width - 1) if isinstance(r, str) else r for r in rows]
    tabbed = [r + "\t" * (width - 1) if isinstance(r, str) else r for r in rows]
    for name, text in (("r.md", _markdown(header, marked)), ("r.txt", _tabbed(header, tabbed))):
        data = _report(tmp_path, text, name)
        assert _seen(data.observations) == expected, name


def test_long_layout_in_a_word_report(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph(HEAD)
    d.add_paragraph("本次体检以2020年为基期。")
    header, rows, expected = LONG[0]
    t = d.add_table(rows=len(rows) + 2, cols=len(header))
    for j, cell in enumerate(header):
        t.rows[0].cells[j].text = cell
    merged = t.rows[1].cells[0].merge(t.rows[1].cells[len(header) - 1])  # a label merged across the row
    merged.text = "一、底线管控"
    for i, row in enumerate(rows, start=2):
        for j, cell in enumerate(row):
            t.rows[i].cells[j].text = cell
    d.save(tmp_path / "r.docx")
    doc = reader.read(tmp_path / "r.docx")
    assert len(doc.tables) == 1 and [p.text.split("\t")[0] for p in doc.passages if p.kind == "table-group"] == ["一、底线管控"]
    assert _seen(ob.read_report(doc).observations) == expected


def test_long_statistics_table_dates_rows_like_a_report(tmp_path: Path) -> None:
    """In a .csv the base row is flagged as in a report, and a merged name cell goes on down the years."""
    f = tmp_path / f"{PLACE}历年监测.csv"
    f.write_text("指标,年份,数值,单位\n林地保有量,2020（基期）,8190,公顷\n,2023,8221,\n,2024,8236,\n一、结构效率,,,\n,2024,99,\n",
                 encoding="utf-8")
    _, table = ob.read_table_file(f)
    assert _seen(table.observations) == {("林地保有量", 2020, 8190, "公顷", True), ("林地保有量", 2023, 8221, "公顷", False),
                                         ("林地保有量", 2024, 8236, "公顷", False)}


# ====================================================================== 5. increments are no observations
# sentence → what is read: a level, never the 新增 amount beside it (the model has no place for a year's increment:
# an observation is a level in a year, judged against the level a target sets)
INCREMENTS = [
    ("2024年全县新增城镇建设用地38公顷。", []),
    ("全年新增林地面积0.6万亩，林地保有量达到8236公顷。", [("林地保有量", 2024, 8236, "公顷", False)]),
    ("当年新增生态修复面积420公顷。", []),
    ("2024年岚溪县城乡建设用地为2550公顷，其中当年新增17公顷。", [("城乡建设用地规模", 2024, 2550, "公顷", False)]),
    ("2021年以来累计新增耕地305公顷。", []),
]


@pytest.mark.parametrize("sentence,expected", INCREMENTS)
def test_increment_is_not_an_observation(sentence: str, expected: list) -> None:
    got = [(o.indicator, o.year, o.value, o.unit, o.is_base)
           for o in ob.prose_observations(sentence, 2, PATTERN, (), None, 2024, 2020)]
    assert got == expected


def test_cases_collected(collected_cases) -> None:
    counts = {"test_total_row_is_no_indicator": (TOTALS, 5), "test_group_label_row_keeps_the_table_whole": (GROUPS, 4),
              "test_group_label_lines": (GROUP_LINES, 13), "test_share_goes_to_a_ratio_subject_only": (SHARES, 14),
              "test_report_table_in_the_long_layout": (LONG, 4), "test_increment_is_not_an_observation": (INCREMENTS, 5)}
    for name, (cases, n) in counts.items():
        assert collected_cases(name) == len(cases) == n, name
    assert collected_cases("test_total_cells") == 13
