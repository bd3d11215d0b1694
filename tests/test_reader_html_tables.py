"""HTML tables in a text or Markdown file (as converters from PDF or Word write a table with merged cells) are read
as the reader's tables: one row per <tr>, a merged cell's text in every cell it covers, <br> as a space; an
indicator table written so yields its values; a table of huge spans is refused by the reading limits before it is
laid out. Tables written for these tests."""
from __future__ import annotations

import pytest

from plankg import errors
from plankg.extract import html_tables, pipeline, reader
from plankg.extract.loaders import ReadLimits

TABLE = ('<table><tr><th rowspan="2">指标名称</th><th rowspan="2">单位</th><th colspan="2">目标值</th></tr>'
         '<tr><th>2025年</th><th>2035年</th></tr>'
         '<tr><td>森林覆盖率</td><td>%</td><td>33.5</td><td>36.0</td></tr>'
         '<tr><td>湿地<br>保护率</td><td>%</td><td colspan="2">55</td></tr></table>')


def test_merged_cells_are_repeated_in_every_cell_they_cover():
    assert html_tables.table_rows(TABLE) == [["指标名称", "单位", "目标值", "目标值"],
                                            ["指标名称", "单位", "2025年", "2035年"],
                                            ["森林覆盖率", "%", "33.5", "36.0"],
                                            ["湿地 保护率", "%", "55", "55"]]


def test_a_markdown_file_with_an_html_table(tmp_path):
    path = tmp_path / "岢岚县国土空间总体规划（2021-2035年）.md"
    path.write_text("岢岚县国土空间总体规划（2021-2035年）\n岢岚县人民政府\n\n## 主要指标\n\n"
                    f"表1 规划指标\n\n{TABLE}\n\n其余内容。\n", encoding="utf-8")
    doc = reader.read(path)
    rows = [p.text for p in doc.passages if p.kind == "table-row"]
    assert any("森林覆盖率" in r and "36.0" in r for r in rows), rows
    got = {(q.indicator, q.value, q.year) for q in pipeline.extract(doc).quantities}
    assert ("森林覆盖率", 36.0, 2035) in got, got


def test_text_outside_tables_is_left_alone():
    text = "一、总则\n规划范围为全县。\n"
    assert html_tables.tables_as_rows(text) == text


def test_a_table_of_huge_spans_is_refused(tmp_path):
    cell = '<td rowspan="9999" colspan="9999">' + "很长的单元格文字" * 20 + "</td>"
    path = tmp_path / "bomb.md"
    path.write_text("某县规划\n<table>" + "<tr>" + cell * 50 + "</tr>" * 200 + "</table>\n", encoding="utf-8")
    with pytest.raises((errors.TextTooLong, errors.TooManyPassages)):
        reader.read(path, limits=ReadLimits(max_text_chars=200_000))
