"""The same plan read from .docx scores as it does from text (issue 10: recall from DOCX within 0.03).
The .docx files are written here with python-docx: one paragraph per line, tab or pipe rows as tables."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from plankg.extract import docx_numbering, reader

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("extract_eval", ROOT / "bench" / "extract_eval.py")
extract_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(extract_eval)

CASES = {name: (files, gold) for name, files, gold in extract_eval.dev_cases(["右卫镇", "朔城区"])}
needs_shared = pytest.mark.skipif(len(CASES) < 2, reason="needs ../shared/corpus/dev and ../shared/eval/gold")


def _cells(line: str) -> list[str] | None:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    if line.strip().startswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return None if all(re.fullmatch(r":?-{2,}:?", c) for c in cells) else cells
    return None


def to_docx(text: str, out: Path) -> Path:
    """Lines → paragraphs (Markdown marks dropped); runs of table rows → one Word table each."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush():
        if rows:
            table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
            for r, cells in enumerate(rows):
                for c, cell in enumerate(cells):
                    table.cell(r, c).text = cell
            rows.clear()

    for line in text.splitlines():
        cells = _cells(line)
        if cells is not None:
            rows.append(cells)
            continue
        if line.strip().startswith("|"):
            continue  # a Markdown separator row
        flush()
        if line.strip() and not re.fullmatch(r"-{3,}", line.strip()):
            document.add_paragraph(re.sub(r"^#+\s*", "", line).replace("**", ""))
    flush()
    document.save(str(out))
    return out




@needs_shared
@pytest.mark.parametrize("name", ["右卫镇", "朔城区"])
def test_docx_recall_within_003_of_text(name, tmp_path):
    files, gold_path = CASES[name]
    text = files[0].read_text(encoding="utf-8")
    as_docx = to_docx(text, tmp_path / (files[0].stem + ".docx"))
    plain, from_docx = extract_eval.score_files(files, gold_path), extract_eval.score_files([as_docx], gold_path)
    for key in ("entity_recall", "relation_recall", "indicator_recall"):
        assert from_docx[key] >= plain[key] - 0.03, (key, plain[key], from_docx[key])
    assert from_docx["indicator_recall"] >= 0.95  # the Word tables came through: most indicators are in tables


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbered_docx(out: Path) -> Path:
    """A regulation whose 第X章 / 第X条 / （X） numbers are Word's automatic numbering, not text: chapters
    in a heading style bound to the list, articles numbered through the whole text (lvlRestart 0)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="77"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="第%2条"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%3）"/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    heading = document.styles["Heading 1"].element.get_or_add_pPr()
    heading.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>'))

    def numbered(text: str, level: int):
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))

    document.add_paragraph("丁县传统村落保护管理办法")
    document.add_paragraph("总则", style="Heading 1")
    numbered("目的 为保护传统村落的整体格局，制定本办法。", 1)
    numbered("原则 传统村落保护应当坚持以下原则：", 1)
    numbered("整体保护，不拆真建假；", 2)
    numbered("活态传承，村民参与。", 2)
    document.add_paragraph("保护措施", style="Heading 1")
    numbered("名录 县人民政府建立传统村落名录。", 1)
    numbered("名录每五年更新一次。", 3)
    document.add_paragraph("附则", style="Heading 1")
    numbered("施行 本办法自公布之日起施行。", 1)
    document.save(str(out))
    return out


def test_word_automatic_numbering_is_read_as_the_numbers_it_shows(tmp_path):
    doc = reader.read(_numbered_docx(tmp_path / "办法.docx"))
    lines = doc.text.splitlines()
    assert lines[1:5] == ["第一章 总则", "第一条 目的 为保护传统村落的整体格局，制定本办法。",
                          "第二条 原则 传统村落保护应当坚持以下原则：", "（一） 整体保护，不拆真建假；"]
    assert "第三条 名录 县人民政府建立传统村落名录。" in lines and "名录每五年更新一次。" in lines  # a bullet adds nothing
    assert lines[-2:] == ["第三章 附则", "第四条 施行 本办法自公布之日起施行。"]  # articles run on over chapters
    secs = doc.sections
    assert [(secs[k].number, secs[k].parent) for k in ("art1", "art2", "art3", "art4")] == [
        ("第一条", "1"), ("第二条", "1"), ("第三条", "2"), ("第四条", "3")]
    assert [p.text for p in doc.passages if p.kind == "item"] == ["整体保护，不拆真建假；", "活态传承，村民参与。"]


@pytest.mark.parametrize("n,fmt,shown", [(3, "chineseCounting", "三"), (12, "chineseCountingThousand", "十二"),
                                         (2, "decimalEnclosedCircle", "②"), (4, "ideographTraditional", "丁"),
                                         (7, "decimalZero", "07"), (28, "lowerLetter", "bb"), (14, "upperRoman", "XIV"),
                                         (5, "decimal", "5")])
def test_word_number_formats(n, fmt, shown):
    assert docx_numbering.format_number(n, fmt) == shown
