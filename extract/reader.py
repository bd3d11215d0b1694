"""Reading stage: a plan file (.txt/.md/.docx/.pdf) → PlanDocument.

Every format is first turned into plain lines (tables as tab-separated rows), then one line
parser recognises chapters, numbered sections, sub-headings, items, tables and the table of
contents. Offsets refer to the decoded text with line endings normalised to "\\n".
"""
from __future__ import annotations

import re
from pathlib import Path

from plankg import errors
from plankg.extract import lexicon
from plankg.extract.document import Passage, PlanDocument, Section, Table
from plankg.extract.loaders import DEFAULT_LIMITS, DEFAULT_MAX_BYTES, SUPPORTED, ReadLimits, decode, load_text
from plankg.extract.units import UNIT_ALTERNATIVES

__all__ = ["DEFAULT_LIMITS", "DEFAULT_MAX_BYTES", "SUPPORTED", "ReadLimits", "decode", "load_text", "parse", "read"]

CN = lexicon.CN_NUMERAL
CHAPTER_RE = re.compile(rf"^(?:(0\d|[1-9]\d?)|第({CN}|\d+)章)[\s　]+(\S.{{0,40}})$")
# a decimal number with a unit after it is a quantity, not a section's number ("- 3.5万亩高标准农田", "1.2 公顷"); units
# of one Chinese character start words of headings too (人口, 年度), except 亩
MEASURE_UNITS = "|".join(re.escape(u) for u in UNIT_ALTERNATIVES if len(u) > 1 or not "\u4e00" <= u <= "\u9fff" or u == "亩")
SECTION_RE = re.compile(rf"^(\d{{1,2}}(?:\.\d{{1,2}}){{1,3}})[\s　]*(?!{MEASURE_UNITS})([^\d.\s].{{0,40}})$")
# a contents entry of a chapter, its number glued to its title or not ("第一章总则", "第二章 现状 ……3")
TOC_CHAPTER_RE = re.compile(rf"^第({CN}|\d+)章[\s　]*(\S.{{0,40}})$")
# no contents entry is a sentence: one that ends like a sentence, or runs on, starts the body
TOC_ENDS = re.compile(r"[。；;！？]$|^.{61,}$")
PART_RE = re.compile(rf"^第({CN}|\d+)节[\s　]*(\S.{{0,40}})$")  # 第一节 总体格局
# 第十条 总体格局　构建……: an article, its optional title, then its text (which may go on for paragraphs)
ARTICLE_RE = re.compile(rf"^第({CN}|\d+)条(?:[\s　]+(?:(?P<title>[^\s　，。；：:、]{{2,12}})[\s　]+)?|(?=\S))(?P<rest>.*)$")
# 一、规划基础 / （一）依据什么编: Chinese ordinals that head sections in plans without 第X章
CN_HEAD_RE = re.compile(rf"^(?:(?P<top>{lexicon.CN_ORDINAL})、|[（(](?P<sub>{lexicon.CN_ORDINAL})[)）])[\s　]*(?P<title>\S.*)$")
ITEM_RE = re.compile(r"^(?:[-*•·●■◆◇○□☐▪]\s*|\d{1,2}[、.．)）]\s*|[（(]\d{1,2}[)）]\s*|[\u2460-\u2473]\s*"
                     rf"|[（(]{lexicon.CN_ORDINAL}[)）]\s*|{lexicon.CN_ORDINAL}、\s*)(?=\S)")
BULLET_RE = re.compile(r"^[-*•·●■◆◇○□☐▪]")
# a number after a bullet: "1)", "2、", "3.", "（4）", "⑤", "Ⅱ " (not "3.5万亩": a decimal)
SECOND_NUMBER_RE = re.compile(r"^(?:\d{1,2}(?:[、)）]|[.．](?!\d))|[（(]\d{1,2}[)）]|[\u2460-\u2473]"
                              r"|[\u2160-\u216b](?:[、.．]|\s))\s*(?=\S)")  # "Ⅱ 某区" (not "Ⅲ类水体")
CN_ORDINAL_RE = re.compile(rf"^[（(]?{lexicon.CN_ORDINAL}[)）、]")
BRACKET_TITLE = re.compile(r"^[【〔\[]([^】〕\]\s]{2,12})[】〕\]][\s　]*(.*)$")
LABEL_RE = re.compile(r"^【(?P<label>[^【】]{1,20})】[\s　]*(?P<value>.*)$")  # 【镇政府驻地】右卫村
RULE_LINE = re.compile(r"^(?:[-*_]\s*){3,}$")  # a Markdown horizontal rule
SENTENCE_PUNCT = re.compile(r"[。；;！？]|[，,].{12,}")
TOC_TITLES = {"目录", "目 录", "目　录", "Contents"}


SPACED_TITLE = re.compile(r"[\u4e00-\u9fff](?:[\s　]+[\u4e00-\u9fff]){1,5}")  # 总　　则: spaced out to fill the line


def _title(text: str) -> str:
    text = text.strip()
    return re.sub(r"[\s　]+", "", text) if SPACED_TITLE.fullmatch(text) else text


def _chapter_number(arabic: str | None, chinese: str | None) -> str:
    return str(int(arabic)) if arabic else str(lexicon.cn_to_int(chinese or "") or 0)


# ----------------------------------------------------------------------------- parsing
def _delimited_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a line typed as a table row (tabs, Markdown pipes), empty ones included; () for a
    Markdown separator row; None for a line without column delimiters."""
    if "\t" in line:
        return tuple(c.strip() for c in line.split("\t"))
    if line.replace("｜", "|").count("|") >= 2 and line.strip().startswith(("|", "｜")):
        # Markdown pipes, or the full-width bars of tables typed in Chinese text
        cells = tuple(c.strip() for c in line.replace("｜", "|").strip().strip("|").split("|"))
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            return ()  # markdown separator row
        return cells
    return None


def _split_cells(line: str) -> tuple[str, ...] | None:
    cells = _delimited_cells(line)
    if cells == ():
        return ()
    return cells if cells is not None and sum(1 for c in cells if c) >= 2 else None


NOTE_LEAD = re.compile(r"^(?:注|说明|备注|附注|资料来源|数据来源|来源)[\d一二三四五六七八九十]*[：:．.、]")


def _cell_line(raw: str, stripped: str) -> str:
    """The line to split into cells: a tabbed row keeps its blank first and last cells (a row typed as a tab,
    合计, a tab, 12 has an empty first cell; 合计 is its second)."""
    return raw.strip(" 　\r") if "\t" in raw else stripped


def group_label_cells(line: str, width: int | None = None) -> tuple[str, ...] | None:
    """A row of a table that only labels the rows below it — "| 一、底线管控 | | | |" (one cell holds text),
    a Word row merged across ("二、结构效率" in every cell) —: its cells; None for any other line. The label
    is short and no sentence; a note under the table ("注：…") is none. A tabbed line with one text must
    have as many cells as the table's header (``width``): a line indented by a tab is no row."""
    cells = _delimited_cells(line)
    if not cells:
        return None
    filled = [c.replace("**", "").strip() for c in cells if c.strip()]
    if not filled or len(set(filled)) != 1 or (len(filled) > 1 and len(cells) < 3):
        return None
    if "\t" in line and len(filled) == 1 and width is not None and len(cells) != width:
        return None
    label = filled[0]
    if not re.search(r"[\u4e00-\u9fffA-Za-z]", label) or NOTE_LEAD.match(label) or not _is_heading_like(label):
        return None
    return cells


# columns typed with spaces: gaps of two or more blanks; one full-width blank only spaces out a word (名　称)
ALIGN_GAP = re.compile(r" {2,}|　{2,}|　 +| +　")
LEADER = re.compile(r"[.…·]{4,}|…{2,}")  # a table of contents' leader dots
NUMBERED_UNIT = re.compile(rf"^第({CN}|\d+)[章节条]")
ALIGNED_CELL_MAX = 30


def _aligned_cells(line: str) -> tuple[str, ...] | None:
    """Cells of a line whose columns are aligned with spaces, if it looks like a table row: three
    or more short cells, no sentence in it, not a numbered heading and not a contents line."""
    line = line.strip()
    if "  " not in line and "　" not in line:
        return None  # no gap at all: most lines
    if "\t" in line or line.startswith(("|", "｜")) or LEADER.search(line) or re.search(r"[。；;]", line) \
            or NUMBERED_UNIT.match(line):
        return None  # (a Markdown row "|  | 2023 |" has its own delimiters, whatever blanks it holds)
    cells = tuple(_title(c) for c in ALIGN_GAP.split(line))
    if len(cells) < 3 or any(not c or len(c) > ALIGNED_CELL_MAX for c in cells):
        return None
    return cells


def aligned_rows(lines: list[str]) -> dict[int, tuple[str, ...]]:
    """Space-aligned tables: runs of two or more consecutive lines that split into the same number
    of cells (a header and its rows). Line index → cells."""
    rows: dict[int, tuple[str, ...]] = {}
    run: list[tuple[int, tuple[str, ...]]] = []

    def close():
        if len(run) >= 2:
            rows.update(run)
        run.clear()

    for i, line in enumerate(lines):
        cells = _aligned_cells(line)
        if cells is None or (run and len(cells) != len(run[0][1])):
            close()
        if cells is not None:
            run.append((i, cells))
    close()
    return rows


def _is_heading_like(text: str) -> bool:
    text = text.rstrip("？?")  # a question may title a section ("一、规划管什么？": the 公示 Q&A style)
    return len(text) <= 24 and not SENTENCE_PUNCT.search(text)


class _Builder:
    def __init__(self, text: str):
        self.text = text
        self.passages: list[Passage] = []
        self.sections: dict[str, Section] = {"front": Section("front", "", "", 0, None)}
        self.tables: list[Table] = []
        self.current = "front"
        self.chapter = "front"
        self.heading = ""
        self.table: Table | None = None
        self.numbered_chapters = False  # 第X章 / 01 chapters seen: 一、 headings are then below them
        self.part: str | None = None  # the 第X节 of the current chapter, if any
        self.items: list[tuple[int, int]] = []  # (indent, ordinal) of the open list items, outermost first

    def item_parent(self, indent: int) -> int | None:
        """The open item an item indented this far is nested under (Markdown sub-bullets)."""
        while self.items and self.items[-1][0] >= indent:
            self.items.pop()
        return self.items[-1][1] if self.items else None

    def add(self, kind: str, text: str, start: int, end: int, cells: tuple[str, ...] = (), table: int | None = None,
            parent: int | None = None):
        p = Passage(len(self.passages), kind, text, start, end, self.current, cells, table, self.heading, parent)
        if kind != "item":
            self.items.clear()  # text between items ends the list
        self.passages.append(p)
        self.sections[self.current].passages.append(p.ordinal)
        return p

    def enter(self, key: str, number: str, title: str, level: int, parent: str | None):
        if key not in self.sections:  # a repeated heading continues the section it names
            self.sections[key] = Section(key, number, title, level, parent)
        self.current = key
        if level == 1:
            self.chapter = key
            self.part = None
        self.heading = ""


def _numbered_unit(b: _Builder, line: str, stripped: str, start: int, end: int) -> bool:
    """第X节 / 第X条 / 一、 / （一） headings: enter their section and add the heading (and an
    article's own text as a paragraph). False when the line is none of these."""
    part = PART_RE.match(line)
    if part and _is_heading_like(part.group(2)):
        n = _chapter_number(None, part.group(1))
        b.enter(f"{b.chapter}.{n}", f"第{part.group(1)}节", _title(part.group(2)), 2, b.chapter)
        b.part = f"{b.chapter}.{n}"
        b.add("heading", line, start, end)
        return True
    article = ARTICLE_RE.match(line)
    if article:
        n = _chapter_number(None, article.group(1))
        parent = b.part or b.chapter  # articles are numbered through the whole text
        level = b.sections[parent].level + 1
        title = article.group("title") or ""
        rest = article.group("rest").strip()
        if not title and re.fullmatch(r"[\u4e00-\u9fff]{2,12}", rest):  # "第四条 空间结构": a title alone
            title, rest = rest, ""
        bracketed = BRACKET_TITLE.match(f"{title} {rest}" if title else rest)
        if bracketed:  # "第二条【适用范围】本办法适用于…": the drafting style of many regulations
            title, rest = bracketed.group(1), bracketed.group(2).strip()
        b.enter(f"art{n}", f"第{article.group(1)}条", title, level, parent)
        b.heading = title
        head = line[: len(line) - len(rest)].strip() if rest else line
        b.add("heading", head, start, start + len(head))
        if rest:
            at = stripped.rfind(rest)
            b.add("paragraph", rest, start + at if at >= 0 else start, end)
        return True
    cn = CN_HEAD_RE.match(line)
    if cn and _is_heading_like(cn.group("title")):
        if cn.group("top") and not b.numbered_chapters:
            n = _chapter_number(None, cn.group("top"))
            b.enter(str(n), f"{cn.group('top')}、", cn.group("title").strip(), 1, "front")
        else:
            n = _chapter_number(None, cn.group("top") or cn.group("sub"))
            parent = b.chapter
            b.enter(f"{parent}.{n}", line[: len(line) - len(cn.group("title"))].strip(), cn.group("title").strip(),
                    b.sections[parent].level + 1, parent)
        b.add("heading", line, start, end)
        return True
    return False


def _strip_md(line: str) -> str:
    return re.sub(r"^#{1,6}\s*", "", line).replace("**", "")


def parse(text: str, path: Path | str = "document.txt", max_passages: int = DEFAULT_LIMITS.max_passages
          ) -> PlanDocument:
    """Split plain text into sections, passages and tables."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    b = _Builder(text)
    toc_chapters: set[str] = set()
    in_toc = False
    seen_title = False
    offset = 0
    lines = text.split("\n")
    aligned = aligned_rows(lines)
    for index, raw in enumerate(lines):
        start = offset
        offset += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            b.table = None
            continue
        if len(b.passages) >= max_passages:
            raise errors.TooManyPassages(f"{Path(path).name} has over {max_passages:,} passages")
        lead = len(raw) - len(raw.lstrip())
        start += lead
        end = start + len(stripped)
        line = _strip_md(stripped)
        cells = aligned.get(index) or _split_cells(_cell_line(raw, stripped))
        if cells == () or RULE_LINE.match(stripped):
            continue
        if b.table is not None and (cells is None or len(cells) >= 3):
            group = group_label_cells(_cell_line(raw, stripped), len(b.table.header))
            if group is not None:  # a label of the rows below it ("一、底线管控"), no heading: the table goes on
                b.add("table-group", stripped, start, end, group, b.table.index)
                continue
        label = LABEL_RE.match(line) if cells is None else None
        labelled = bool(label and label.group("value"))  # "K：V" from a label line is text, not a heading
        if label:  # "【K】V" is the genre's "K：V"; a bare "【K】" is a heading
            line = f"{label.group('label')}：{label.group('value')}" if label.group("value") else label.group("label")
        if stripped in TOC_TITLES or line in TOC_TITLES:
            in_toc = True
            b.add("toc", line, start, end)
            continue
        chapter = CHAPTER_RE.match(line)
        section = SECTION_RE.match(line) if not chapter else None
        if in_toc:
            entry = chapter or TOC_CHAPTER_RE.match(line)
            if entry:
                key = _chapter_number(entry.group(1), entry.group(2)) if chapter else _chapter_number(None, entry.group(1))
                if key in toc_chapters:
                    in_toc = False  # the body starts where a chapter heading repeats
                else:
                    toc_chapters.add(key)
                    b.add("toc", line, start, end)
                    continue
            elif cells is None and not TOC_ENDS.search(line):
                b.add("toc", line, start, end)
                continue
            else:
                in_toc = False  # a table row or a sentence: the body
        if chapter and cells is None:
            key = _chapter_number(chapter.group(1), chapter.group(2))
            b.enter(key, chapter.group(1) or f"第{chapter.group(2)}章", _title(chapter.group(3)), 1, "front")
            b.numbered_chapters = True
            b.add("heading", line, start, end)
            b.table = None
            continue
        if cells is None and seen_title and _numbered_unit(b, line, stripped, start, end):
            continue
        item_match = ITEM_RE.match(line)
        body = line[item_match.end():] if item_match else line
        if item_match and BULLET_RE.match(line):  # "- 1) X", "- ① X": the bullet's item numbered again
            body = body[len(m.group()):] if (m := SECOND_NUMBER_RE.match(body)) else body
        section = section or (SECTION_RE.match(body) if item_match else None)
        if section and cells is None and _is_heading_like(section.group(2)):
            number = section.group(1)
            parent = number.rsplit(".", 1)[0]
            if "." not in parent:
                parent = str(int(parent))
            level = number.count(".") + 1
            b.enter(number, number, section.group(2).strip(), level, parent if parent in b.sections else b.chapter)
            b.add("heading", line, start, end)
            b.table = None
            continue
        if cells is not None:
            if b.table is None:
                title = ""
                prev = b.passages[-1] if b.passages else None
                if prev is not None and prev.kind in ("heading", "paragraph") and _is_heading_like(prev.text):
                    title = prev.text
                b.table = Table(len(b.tables), title, cells)
                b.tables.append(b.table)
                b.add("table-header", stripped, start, end, cells, b.table.index)
            elif not b.table.rows and (merged := _second_header(b.table.header, cells)) is not None:
                b.table.header = merged  # "规划目标" over "2025年 | 2035年": one header, "规划目标2025年" …
                b.add("table-header", stripped, start, end, cells, b.table.index)
            else:
                p = b.add("table-row", stripped, start, end, cells, b.table.index)
                b.table.rows.append(p.ordinal)
            continue
        b.table = None
        if not seen_title:
            seen_title = True
            b.add("title", line, start, end)
            continue
        if item_match:
            parent = b.item_parent(lead)
            p = b.add("item", body.strip(), start + (len(stripped) - len(body)), end, parent=parent)
            b.items.append((lead, p.ordinal))
            if _is_heading_like(body):
                b.heading = body.strip()
            continue
        if _is_heading_like(line) and not labelled and not CN_ORDINAL_RE.match(line) and not re.fullmatch(r"\d{4}", line):
            b.heading = line
            b.add("heading", line, start, end)
            continue
        b.add("paragraph", line, start, end)
    return PlanDocument(Path(path), text, b.passages, b.sections, b.tables)


HEADER_NUMBER = re.compile(r"^[≥≤<>＞＜约]?\s*-?\d+(?:\.\d+)?\s*%?$")  # a data cell; "2035年" is a header word


def _second_header(header: tuple[str, ...], cells: tuple[str, ...]) -> tuple[str, ...] | None:
    """A header printed on two rows, its merged cells repeated ("指标名称 | 规划目标 | 规划目标" over "指标名称 |
    2025年 | 2035年"): the two read as one ("规划目标2025年"); None when the row holds data or repeats nothing."""
    if len(cells) != len(header) or any(HEADER_NUMBER.match(c.strip()) for c in cells):
        return None
    if not any(a.strip() and a == b for a, b in zip(header, cells)) or all(a == b for a, b in zip(header, cells)):
        return None
    return tuple(a if a == b or not b.strip() else b if not a.strip() else a + b for a, b in zip(header, cells))


def read(path: Path | str, max_bytes: int | None = None, limits: ReadLimits = DEFAULT_LIMITS) -> PlanDocument:
    """Read a plan file into a PlanDocument (raises PlankgError subclasses on bad input).

    ``max_bytes`` overrides ``limits.max_bytes`` (the on-disk size), for callers that set only that."""
    path = Path(path)
    return parse(load_text(path, max_bytes, limits), path, limits.max_passages)
