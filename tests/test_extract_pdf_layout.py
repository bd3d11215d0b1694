"""PDF clean-up on invented printed pages (no browser, no PDF): running headers and footers in the
usual page-number styles go, sentences broken by the printer are rejoined, numbered items, headings,
labels and table rows stay on lines of their own."""
from __future__ import annotations

import pytest

from plankg.extract import pdf_layout, reader
from plankg.extract.loaders import _spaced_text
from plankg.extract.pdf_layout import PageLine, drop_running_lines, lines_of, page_text, rejoin

HEADER = "甲县乡村振兴空间布局规划（2024-2040年）"


def pages(*texts: str) -> list[list[PageLine]]:
    return [lines_of(t) for t in texts]


@pytest.mark.parametrize("footer", ["第{n}页", "第 {n} 页 共 3 页", "- {n} -", "— {n} —", "{n} / 3", "页码 {n} / 3",
                                    "Page {n} of 3", "{n}"])
def test_header_and_footer_in_each_page_number_style_are_dropped(footer):
    bodies = ["第一章 总体要求\n坚持节约集约用地。", "第二章 空间布局\n构建两轴三片的乡村格局。", "第三章 实施保障\n建立年度评估制度。"]
    printed = pages(*(f"{HEADER}\n{body}\n{footer.format(n=n)}" for n, body in enumerate(bodies, 1)))
    text = page_text(printed)
    assert HEADER not in text and "页" not in text.replace("乡村", "")
    assert text.splitlines() == ["第一章 总体要求", "坚持节约集约用地。", "第二章 空间布局", "构建两轴三片的乡村格局。",
                                 "第三章 实施保障", "建立年度评估制度。"]


def test_page_number_alone_is_dropped_even_on_a_two_page_text():
    text = page_text(pages("丙镇位于河谷东岸。\n镇域面积约88平方公里。\n1", "规划期限为2025年至2035年。\n2"))
    assert text.splitlines() == ["丙镇位于河谷东岸。", "镇域面积约88平方公里。", "规划期限为2025年至2035年。"]


def test_title_under_a_running_header_that_repeats_it_is_kept():
    first = f"{HEADER}\n{HEADER}\n（送审稿）\n一、规划总则\n本规划适用于全县域。"
    rest = [f"{HEADER}\n二、乡村分类\n村庄分为三类。", f"{HEADER}\n三、实施措施\n分期推进。"]
    lines = page_text(pages(first, *rest)).splitlines()
    assert lines[0] == HEADER and lines.count(HEADER) == 1 and lines[1] == "（送审稿）"


def test_a_line_that_is_all_its_page_holds_is_kept():
    same = ["规划说明页", "规划说明页", "规划说明页"]
    assert [len(p) for p in drop_running_lines(pages(*same))] == [1, 1, 1]


def test_sentence_wrapped_inside_a_line_and_over_a_page_break_is_rejoined():
    printed = pages(f"{HEADER}\n第五条 乡村建设用地规模控制在1260公顷以内，新增宅基地优先利用村内\n空闲地和闲置宅基地，严禁占用永久基本农田和生态\n- 1 -",
                    f"{HEADER}\n保护红线。\n第六条 村庄风貌应延续传统街巷肌理。\n- 2 -",
                    f"{HEADER}\n第七条 附则。\n- 3 -")
    lines = page_text(printed).splitlines()
    assert lines[0] == ("第五条 乡村建设用地规模控制在1260公顷以内，新增宅基地优先利用村内空闲地和闲置宅基地，"
                        "严禁占用永久基本农田和生态保护红线。")
    assert lines[1:] == ["第六条 村庄风貌应延续传统街巷肌理。", "第七条 附则。"]


def test_numbered_items_headings_and_labels_are_not_joined():
    body = ("规划确定以下重点任务\n（一）推进河谷农田整治\n（二）修复北部矿山迹地\n1. 开展坡耕地治理\n2) 建设生态护岸\n"
            "① 实施水系连通\n一、总体格局\n第二节 乡村布局\n第十二条 村庄分类\n3.2 产业用地\n【规划人口】1.2万人\n◆ 文旅融合发展\n"
            "表3 近期建设项目\n注：数据为规划预测值")
    lines = [ln.text for ln in rejoin(lines_of(body))]
    assert lines == body.splitlines()


def test_lines_ending_a_sentence_or_a_clause_with_a_colon_are_not_joined():
    body = "到2035年，耕地保有量不低于4.2万亩。\n林地保有量不减少；\n规划目标如下：\n守住生态底线！\n为什么要编制规划？\n（暂定）\n乡村振兴示范带"
    assert [ln.text for ln in rejoin(lines_of(body))] == body.splitlines()


def test_latin_text_is_left_as_printed_and_numbers_broken_at_a_line_end_are_rejoined():
    assert [ln.text for ln in rejoin(lines_of("Spatial Plan of Jia County\n2024-2040"))] == \
        ["Spatial Plan of Jia County", "2024-2040"]
    joined = rejoin(lines_of("落实《乙市国土空间总体规划（2021-\n2035年）》确定的各项指标，将全县划分为\n三个片区。"))
    assert [ln.text for ln in joined] == ["落实《乙市国土空间总体规划（2021-2035年）》确定的各项指标，将全县划分为三个片区。"]


def test_room_left_at_the_line_end_tells_an_authors_break_from_a_printers():
    short = [PageLine("规划范围涉及四个行政村", room=9.0), PageLine("二十里堡村位于河谷中部。", room=15.0)]
    assert len(rejoin(short)) == 2  # the next line's first character would have fitted: the author ended it
    full = [PageLine("规划范围涉及四个行政村", room=0.4), PageLine("二十里堡村位于河谷中部。", room=15.0)]
    assert [ln.text for ln in rejoin(full)] == ["规划范围涉及四个行政村二十里堡村位于河谷中部。"]
    number = [PageLine("湿地保护率不低于60%；", room=0.3), PageLine("新增治理面积2000平方千米", room=3.0),
              PageLine("2021—2035年累计完成。", room=20.0)]
    assert len(rejoin(number)) == 2  # "2021—2035年" needs about seven characters: it did not fit in three


def test_table_rows_stay_rows_and_a_header_repeated_on_the_next_page_is_dropped():
    head = "序号\t指标\t单位\t2035年"
    printed = pages(f"{HEADER}\n表2 主要指标\n{head}\n1\t耕地保有量\t万亩\t≥4.2\n2\t林地保有量\t公顷\t≥900\n3",
                    f"{HEADER}\n{head}\n3\t村庄建设用地\t公顷\t≤1260\n说明：约束性指标不得突破。\n4",
                    f"{HEADER}\n五、附则\n5")
    lines = page_text(printed).splitlines()
    assert lines == ["表2 主要指标", "", head, "1\t耕地保有量\t万亩\t≥4.2", "2\t林地保有量\t公顷\t≥900",
                     "3\t村庄建设用地\t公顷\t≤1260", "", "说明：约束性指标不得突破。", "五、附则"]
    doc = reader.parse("\n".join(["甲县乡村振兴空间布局规划", *lines]))
    assert len(doc.tables) == 1 and len(doc.tables[0].rows) == 3


def test_a_pipe_row_typed_as_text_and_broken_by_the_printer_is_one_row_again():
    body = ("| 序号 | 项目 | 地点 | 投资（万元） |\n| 1 | 河道生态护岸建设工程 | 东沟村、西沟村、\n南沟村 | 3200 |\n"
            "| 2 | 古堡修缮工程 | 北堡村 |\n1800 |\n项目投资为估算值。")
    lines = [ln.text for ln in rejoin(lines_of(body))]
    assert lines == ["| 序号 | 项目 | 地点 | 投资（万元） |", "| 1 | 河道生态护岸建设工程 | 东沟村、西沟村、南沟村 | 3200 |",
                     "| 2 | 古堡修缮工程 | 北堡村 |1800 |", "项目投资为估算值。"]


def test_cleaned_pages_parse_into_the_articles_they_number():
    printed = pages(f"{HEADER}\n{HEADER}\n第一章 总则\n第一条 目的 为规范乡村建设，依据有关法律法规，结合\n本县实际，制定本规划。\n第 1 页",
                    f"{HEADER}\n第二条 适用范围 本规划适用于全县乡村地区。\n第二章 布局\n第三条 分类 村庄分为集聚提升\n类、特色保护类和搬迁撤并类。\n第 2 页",
                    f"{HEADER}\n第四条 附则 本规划自发布之日起施行。\n第 3 页")
    doc = reader.parse(page_text(printed))
    assert doc.sections["art1"].parent == "1" and doc.sections["art3"].parent == "2"
    art1 = [p.text for p in doc.passages if p.section == "art1" and p.kind == "paragraph"]
    assert art1 == ["为规范乡村建设，依据有关法律法规，结合本县实际，制定本规划。"]
    assert pdf_layout.is_page_number("第 3 页") and not pdf_layout.is_page_number("第三条")


def test_a_footer_spread_over_three_columns_is_dropped():
    footer = "甲县自然资源局    {n}    二〇二四年五月"
    printed = [[PageLine("第一章 总则"), PageLine("本规划适用于全县。"), PageLine(footer.format(n=1), row=True)],
               [PageLine("第二章 布局"), PageLine("形成一轴两片格局。"), PageLine(footer.format(n=2), row=True)]]
    assert page_text(printed).splitlines() == ["第一章 总则", "本规划适用于全县。", "第二章 布局", "形成一轴两片格局。"]


def test_odd_and_even_pages_with_different_running_headers():
    odd, even = "戊市城区控制性详细规划", "规划文本"
    bodies = ["第一章 总则", "第一条 本规划适用于城区。", "第二章 用地", "第二条 用地分为六类。", "第三章 附则", "第三条 自批准之日起施行。"]
    printed = pages(*(f"{odd if n % 2 else even}\n{body}\n— {n} —" for n, body in enumerate(bodies, 1)))
    assert page_text(printed).splitlines() == bodies


def test_a_ruled_table_header_at_the_top_of_the_first_page_is_kept():
    head = "地块编号\t用地性质\t容积率"
    printed = pages(f"{head}\nA-01\t居住用地\t1.8\n1", f"{head}\nA-02\t商业用地\t2.5\n2", f"{head}\nA-03\t绿地\t0.1\n3")
    assert page_text(printed).splitlines() == ["", head, "A-01\t居住用地\t1.8", "A-02\t商业用地\t2.5", "A-03\t绿地\t0.1"]


def _glyphs(spec: list[tuple[str, float]], size: float = 10.0) -> list[dict]:
    """(text, x0) → pdfplumber-like character dicts, each glyph one font size wide (half for Latin)."""
    return [{"text": t, "x0": x, "x1": x + (size if ord(t[0]) > 0x2000 else size / 2)} for t, x in spec]


def test_gaps_between_glyphs_become_blanks_full_width_blanks_and_column_gaps():
    article = _glyphs([("第", 0), ("一", 10), ("条", 20), ("目", 34), ("的", 44), ("为", 62), ("此", 72)])
    assert _spaced_text(article, 10.0) == ("第一条 目的　为此", 0)  # 4 pt: a blank; 8 pt: a full-width blank
    row = _glyphs([("1", 0), ("耕", 30), ("地", 40), ("亩", 80), ("约", 120), ("束", 130)])
    assert _spaced_text(row, 10.0) == ("1    耕地    亩    约束", 3)
    typed = _glyphs([("名", 0), ("称", 10), (" ", 20), (" ", 25), ("地", 30), ("点", 40)])
    assert _spaced_text(typed, 10.0) == ("名称  地点", 1)  # blanks typed in the text are kept as typed
