"""Reader (issue 10 item 3): sections from the genre's numbering — 第X章/第X节/第X条 (an article going on
for paragraphs), 一、/（一） headings, ①/（一）/1. items, Markdown headings and tables, 【K】V labels.
Texts written for these tests."""
from __future__ import annotations

from plankg.extract import pipeline, reader

ARTICLES = """某县国土空间总体规划（2021-2035年）
# 第一章 总则
**第一条** 规划目的　为统筹全县国土空间保护和开发，制定本规划。
**第二条**　规划依据　依据有关法律法规编制。
本规划同时落实上位规划的要求。
## 第一节 总体格局
第三条 构建“一心两带”的总体格局。
第四条 空间结构
县域形成“一心两带”的空间结构。
第二章 目标
第五条 目标 到2035年，基本建成美丽县城。
"""


def test_articles_chapters_and_parts_become_sections():
    doc = reader.parse(ARTICLES, "plan.md")
    secs = doc.sections
    assert secs["1"].title == "总则" and secs["1"].level == 1
    assert secs["art1"].title == "规划目的" and secs["art1"].parent == "1"
    assert secs["1.1"].title == "总体格局" and secs["1.1"].level == 2
    assert secs["art3"].parent == "1.1" and secs["art3"].level == 3  # an article inside a 节
    assert secs["art5"].parent == "2"  # a new chapter ends the 节
    assert secs["art3"].title == ""  # no title: the article's text follows its number directly


def test_an_article_spans_the_paragraphs_after_it():
    doc = reader.parse(ARTICLES, "plan.md")
    art2 = [p.text for p in doc.passages if p.section == "art2"]
    assert art2 == ["第二条　规划依据", "依据有关法律法规编制。", "本规划同时落实上位规划的要求。"]
    art4 = [p for p in doc.passages if p.section == "art4"]
    assert [p.kind for p in art4] == ["heading", "paragraph"]
    first = next(p for p in doc.passages if p.section == "art1" and p.kind == "paragraph")
    assert first.text.startswith("为统筹") and doc.text[first.start:first.end] == first.text


ORDINALS = """某镇国土空间总体规划（2021-2035年）
一、规划基础
（一）规划范围
【镇域面积】约120平方公里
【镇政府驻地】东村
（二）现状
① 人口持续减少；
② 基础设施老化。
二、目标与策略
（一）发展目标
1. 建成宜居宜业的美丽城镇；
2. 守住耕地保护红线。
"""


def test_chinese_ordinals_head_sections_when_there_are_no_chapters():
    doc = reader.parse(ORDINALS, "plan.txt")
    assert [(s.key, s.title, s.level) for s in doc.sections.values() if s.key != "front"] == [
        ("1", "规划基础", 1), ("1.1", "规划范围", 2), ("1.2", "现状", 2), ("2", "目标与策略", 1), ("2.1", "发展目标", 2)]


def test_items_and_label_lines():
    doc = reader.parse(ORDINALS, "plan.txt")
    items = [p.text for p in doc.passages if p.kind == "item"]
    assert items == ["人口持续减少；", "基础设施老化。", "建成宜居宜业的美丽城镇；", "守住耕地保护红线。"]
    labels = [(p.kind, p.text) for p in doc.passages if "：" in p.text]
    assert ("paragraph", "镇域面积：约120平方公里") in labels and ("paragraph", "镇政府驻地：东村") in labels


def test_ordinals_under_numbered_chapters_are_subsections():
    doc = reader.parse("某县规划（2021-2035年）\n第一章 总则\n一、规划范围\n规划范围为县域。\n", "plan.txt")
    assert [(s.key, s.level, s.parent) for s in doc.sections.values() if s.key != "front"] == [
        ("1", 1, "front"), ("1.1", 2, "1")]


def test_tables_in_three_notations_and_rules_skipped():
    text = ("某县规划（2021-2035年）\n第一章 总则\n---\n| 名称 | 地点 |\n|---|---|\n| 东湖公园 | 东村 |\n\n"
            "｜名称｜地点｜\n｜西山公园｜西村｜\n\n名称\t地点\n南河公园\t南村\n")
    doc = reader.parse(text, "plan.md")
    assert len(doc.tables) == 3
    assert [doc.passages[t.rows[0]].cells for t in doc.tables] == [
        ("东湖公园", "东村"), ("西山公园", "西村"), ("南河公园", "南村")]
    assert all(p.text != "---" for p in doc.passages)


SPACED_TABLE = """某乡国土空间规划（2024-2035年）
第三章 规划指标
表2 主要指标
序号   指标名称            单位    2035年目标   属性
1      耕地保有量          亩      ≥52000       约束性
2      林地保有量          公顷    ≥1830        约束性
3      乡村建设用地规模    公顷    ≤412         约束性
表中数值均为规划目标年数值。
名　称　　　地　点　　　规　模
北岭茶园　　上坪村　　　80亩
"""


def test_tables_aligned_with_spaces_are_read_as_rows():
    doc = reader.parse(SPACED_TABLE, "plan.txt")
    assert len(doc.tables) == 2
    first, second = doc.tables
    assert first.title == "表2 主要指标" and first.header == ("序号", "指标名称", "单位", "2035年目标", "属性")
    assert [doc.passages[r].cells for r in first.rows][2] == ("3", "乡村建设用地规模", "公顷", "≤412", "约束性")
    assert second.header == ("名称", "地点", "规模")  # one full-width blank spaces a word out; it is no column gap
    assert [doc.passages[r].cells for r in second.rows] == [("北岭茶园", "上坪村", "80亩")]
    note = next(p for p in doc.passages if p.text.startswith("表中数值"))
    assert note.kind == "paragraph" and note.table is None


def test_article_lines_spaced_with_full_width_blanks_and_contents_lines_are_not_tables():
    text = ("某区详细规划管理规定\n目录\n第一章　总则　…………　1\n第二章　地块控制　…………　3\n第一章　总　　则\n"
            "第一条　目的　为规范地块开发，制定本规定。\n第二条　范围　本规定适用于片区范围。\n"
            "第三条　用语　地块　指独立的用地单元\n第四条　施行　自发布之日起　施行\n")
    doc = reader.parse(text, "plan.txt")
    assert doc.tables == []
    assert [s.number for s in doc.sections.values() if s.key != "front"] == ["第一章", "第一条", "第二条", "第三条", "第四条"]
    assert doc.sections["1"].title == "总则"


def test_indicators_come_out_of_a_space_aligned_table():
    from_table = [(q.indicator, q.value, q.unit, q.bound, q.year) for q in pipeline.extract(reader.parse(SPACED_TABLE)).quantities
                  if q.kind == "Target"]
    assert from_table == [("耕地保有量", 52000.0, "亩", "ge", 2035), ("林地保有量", 1830.0, "公顷", "ge", 2035),
                          ("乡村建设用地规模", 412.0, "公顷", "le", 2035)]


def test_article_titles_in_square_brackets():
    text = ("某区绿道管理办法\n第一章 总则\n第一条【目的】为加强绿道管理，制定本办法。\n第二条 〔适用范围〕 本办法适用于本区绿道。\n"
            "第三条 绿道分为区域绿道和社区绿道。\n")
    doc = reader.parse(text)
    assert [(doc.sections[k].title) for k in ("art1", "art2", "art3")] == ["目的", "适用范围", ""]
    art1 = [p.text for p in doc.passages if p.section == "art1" and p.kind == "paragraph"]
    assert art1 == ["为加强绿道管理，制定本办法。"]
