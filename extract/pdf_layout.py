"""Printed pages → the plan's own lines: running headers, footers and page numbers dropped, lines
wrapped inside a sentence rejoined, table rows kept as tab-separated rows, list items written as
Markdown bullets nested by their indent (what the reader parses).

Pure functions over `PageLine`s, so they can be tested on invented pages; `loaders` fills them in
from a PDF's text layer (with the geometry it has: the room a line leaves before the right edge of
the text block, which is how a line broken by the printer differs from one the author ended, and
its height on the page, which is where running headers and footers sit, and its indent and any
bullet drawn before it, which is how a list item and its nesting show once the markers are gone).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from plankg.extract import lexicon

CN = lexicon.CN_NUMERAL
ORD = lexicon.CN_ORDINAL

# page-number lines: "3", "- 3 -", "— 3 —", "第 3 页", "第3页 共12页", "3 / 12", "页码 3 / 12", "Page 3 of 12"
PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–－~·\s]*\d{1,4}[-—–－~·\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|(?:页码|页|Page|page|p\.)?\s*[:：]?\s*\d{1,4}\s*(?:/|／|of|共)\s*\d{1,4}\s*页?)$")
EDGE_LINES = 2  # running lines sit among the first / last two lines of a page
RUNNING_SHARE = 0.4  # ... and repeat (digits aside) on many pages: odd and even pages may carry different ones

# a sentence ends here: the next line starts a new paragraph even if this one fills the width
ENDS_SENTENCE = tuple("。；;！!？?：:）)】」』")
# the next line starts a unit of its own: a heading, a numbered item, a label or a table row
STARTS_UNIT = re.compile(
    rf"^(?:第({CN}|\d+)[章节条部篇编]|{ORD}、|[（(](?:{ORD}|\d{{1,2}})[)）]|\d{{1,2}}(?:\.\d{{1,2}})*(?:[、．)）\s]|\.(?!\d))"
    r"|[\u2460-\u2473]|[-*•·●■◆◇○□▪※]|【|表\s*\d|图\s*\d|附表|附件|注[:：]|说明[:：]|[|｜])")
PIPES = ("|", "｜")
# what may not be split from a line's first word: the Latin run itself, then closing marks
UNBREAKABLE = re.compile(r"([A-Za-z0-9.,%‰°/:~_+\-—–]*)(.?)([）)》」』】”’，,。、；;：:！？]*)")
HEADING_MAX = 24  # characters: a numbered line longer than this is an item or article that may wrap
CLAUSE_PUNCT = re.compile(r"[，,。；;：:！？]")
FULL_SLACK = 2.0  # a line that ends within two characters of the edge reached it
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class PageLine:
    """One printed line. ``room``: the free space left at its end before the right edge of the text
    block, in character widths (None: unknown). ``row``: a table row (cells joined by tabs, or set
    apart by wide gaps).
    ``top``: its height on the page (None: unknown). ``indent``: how far its left end sits in from
    the left margin of the body text, in character widths (None: unknown); ``marked``: a drawn
    mark (a list bullet painted as a shape) stands just before it."""

    text: str
    room: float | None = None
    row: bool = False
    top: float | None = None
    indent: float | None = None
    marked: bool = False
    text_indent: float | None = None  # as ``indent``, where its text starts after a bullet glyph or item number


def lines_of(text: str) -> list[PageLine]:
    """A page's plain text (no geometry) → lines; tab-separated lines are table rows."""
    return [PageLine(t.strip(), None, "\t" in t) for t in text.splitlines() if t.strip()]


# ----------------------------------------------------------------------------- running lines
def _shape(line: PageLine) -> tuple[str, int | None]:
    """A running line with its page number blanked (so "第3页" on page 3 matches "第4页" on page 4),
    and where it sits: a header is printed at the same height on every page, a title below it is not."""
    text = re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))
    return text, None if line.top is None else round(line.top / 4)


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER_RE.fullmatch(text.strip()))


def drop_running_lines(pages: list[list[PageLine]]) -> list[list[PageLine]]:
    """Drop page numbers and lines repeated at the top or bottom of most pages (headers, footers).
    Each running line goes once per page (a title under a header that repeats it stays), and a
    line that is all a page holds is kept: it is the page's text, not its furniture."""
    def edges(page: list[PageLine]) -> list[int]:
        ends = range(len(page))
        # a footer may be spread over columns; a ruled table's header repeated on the next page is no footer
        return [i for i in sorted(set(ends[:EDGE_LINES]) | set(ends[-EDGE_LINES:])) if "\t" not in page[i].text]

    counts: dict[tuple, int] = {}
    for page in pages:
        for shape in {_shape(page[i]) for i in edges(page)}:
            counts[shape] = counts.get(shape, 0) + 1
    need = max(2, round(RUNNING_SHARE * len(pages)))
    running = {s for s, n in counts.items() if n >= need}
    out = []
    for page in pages:
        dropped: set[int] = set()
        seen: set[tuple] = set()
        for i in edges(page):
            shape = _shape(page[i])
            if is_page_number(page[i].text) or (shape in running and shape not in seen):
                dropped.add(i)
                seen.add(shape)
        kept = [ln for i, ln in enumerate(page) if i not in dropped]
        out.append(kept if kept else page)
    return out


# ----------------------------------------------------------------------------- wrapped lines
def _first_word_width(text: str) -> float:
    """Width, in CJK character widths, of what the printer could not split at the start of a line:
    a run of Latin letters, digits and their signs (about half a character each), the character after
    it and the closing marks that may not start a line ("2035年）》")."""
    m = UNBREAKABLE.match(text)
    return 0.6 * len(m.group(1)) + len(m.group(2)) + len(m.group(3))


def _is_numbered_heading(text: str) -> bool:
    """第二章 空间布局 / 一、总体要求 / （三）村庄分类: short, numbered, no clause in it."""
    return bool(STARTS_UNIT.match(text)) and len(text) <= HEADING_MAX and not CLAUSE_PUNCT.search(text)


def _continues(line: PageLine, following: PageLine) -> bool:
    """True when ``following`` is the rest of the sentence ``line`` was broken in."""
    if line.row or following.row:
        return False
    text, rest = line.text.rstrip(), following.text.strip()
    if text.startswith(PIPES):  # a pipe row typed as text, broken inside a cell or just after a bar
        return rest.endswith(PIPES) and (not text.endswith(PIPES) or not rest.startswith(PIPES))
    if following.marked or STARTS_UNIT.match(rest) or BULLET_GLYPH.match(rest) or _is_numbered_heading(text):
        return False
    if line.room is not None and line.room > max(FULL_SLACK, _first_word_width(rest) + 1):
        return False  # the author ended the line: the next line's first word would have fitted
    if text.endswith(ENDS_SENTENCE):
        return False
    return bool(CJK.search(text) and CJK.search(rest))  # Latin text is left as printed


def join_wrapped(a: str, b: str) -> str:
    # Latin words wrap at a space that the page does not keep; CJK text has no spaces to restore
    if re.search(r"[A-Za-z0-9,.;]$", a) and re.match(r"[A-Za-z0-9]", b):
        return f"{a} {b}"
    return a + b


def rejoin(lines: list[PageLine]) -> list[PageLine]:
    """Glue each line broken inside a sentence to the line it continues on."""
    out: list[PageLine] = []
    for ln in lines:
        if out and _continues(out[-1], ln):
            out[-1] = replace(out[-1], text=join_wrapped(out[-1].text.rstrip(), ln.text.lstrip()), room=ln.room)
        else:
            out.append(ln)
    return out


# ----------------------------------------------------------------------------- tables over pages
def drop_repeated_headers(pages: list[list[PageLine]]) -> list[list[PageLine]]:
    """A table that runs onto the next page repeats its header row there: keep the first only."""
    out: list[list[PageLine]] = []
    header: str | None = None  # header row of the table the previous page ended in
    for page in pages:
        kept = list(page)
        if header is not None and kept and kept[0].row and kept[0].text == header:
            kept = kept[1:]
        out.append(kept)
        header = _open_table_header(page, header)
    return out


def _open_table_header(page: list[PageLine], carried: str | None) -> str | None:
    """The header row of the table still open at the end of ``page``, if it ends in one."""
    if not page or not page[-1].row:
        return None
    start = len(page) - 1
    while start > 0 and page[start - 1].row:
        start -= 1
    return carried if start == 0 and carried is not None else page[start].text


# ----------------------------------------------------------------------------- nested list items
# Word's Symbol and Wingdings bullets come out of a text layer as private-use code points
SYMBOL_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06c\uf06e\uf0a8\uf0d2"
# "-" and "*" only with a blank after them: "-3℃" is a value, not an item
BULLET_GLYPH = re.compile(rf"^(?:[-*]\s+|[•·●■◆◇○□▪▫◦‣⁃➢➤►▶✓√※{SYMBOL_BULLETS}]\s*)(?=\S)")
ITEM_NUMBER = re.compile(r"^(?:\d{1,2}[、.．)）]|[（(]\d{1,2}[)）]|[\u2460-\u2473])\s*(?=\S)")
ITEM_INDENT = 2.5  # character widths: deeper than the two-character indent of a paragraph's first line
SAME_DEPTH = 1.0  # character widths: item starts this close sit at one depth
ENDS_SENTENCE_OR_ITEM = re.compile(r"[。；;！!？?]$")
CENTRED = 1.5  # character widths: a line whose left and right margins differ by less is centred


def item_marker(text: str) -> str:
    """The bullet glyph or item number a line starts with ("" when none), blanks after it included."""
    m = BULLET_GLYPH.match(text) or ITEM_NUMBER.match(text)
    return m.group() if m else ""


def _text_depth(line: PageLine) -> float:
    return line.text_indent if line.text_indent is not None else (line.indent or 0.0)


def _numbered_in_list(line: PageLine) -> bool:
    """Where bullets are drawn, a numbered line whose text is set in like an item's is an item of a
    numbered list (its number is printed as text, not drawn)."""
    return not line.row and bool(ITEM_NUMBER.match(line.text)) and _text_depth(line) > ITEM_INDENT


def _centred(line: PageLine) -> bool:
    return (line.indent is not None and line.room is not None and line.indent > ITEM_INDENT
            and abs(line.indent - line.room) < CENTRED)


def _item_lines(lines: list[PageLine]) -> list[int]:
    """Which lines start a list item. A drawn bullet or a bullet glyph marks one; where the document
    draws none, an indented block does: a run of two or more lines set in deeper than a paragraph's
    first line (a lone indented line is a quotation or a stray, not a list)."""
    glyphs = [i for i, ln in enumerate(lines) if not ln.row and BULLET_GLYPH.match(ln.text)]
    if any(ln.marked for ln in lines):
        return sorted({i for i, ln in enumerate(lines) if (ln.marked and not ln.row) or _numbered_in_list(ln)}
                      | set(glyphs))
    deep = [not ln.row and ln.indent is not None and ln.indent > ITEM_INDENT and not _centred(ln) for ln in lines]
    blocks: list[int] = []
    run: list[int] = []
    for i, is_deep in enumerate([*deep, False]):
        if is_deep:
            run.append(i)
            continue
        blocks += run if len(run) >= 2 else []
        run = []
    return sorted(set(blocks) | set(glyphs))


def _depths(indents: list[float]) -> list[float]:
    """The distinct depths items start at, shallowest first (starts within SAME_DEPTH are one depth)."""
    depths: list[float] = []
    for x in sorted(indents):
        if not depths or x - depths[-1] >= SAME_DEPTH:
            depths.append(x)
    return depths


def _join_hanging(lines: list[PageLine]) -> list[PageLine]:
    """Where bullets are drawn, a line without one that starts where the item above it starts (the
    hanging indent of a list item) is the rest of that item, even where the printer left room."""
    out: list[PageLine] = []
    item_indent: float | None = None  # where the text of the item above starts
    for ln in lines:
        starts = (ln.marked and not ln.row) or _numbered_in_list(ln)
        if starts or ln.row or ln.indent is None:
            item_indent = _text_depth(ln) if starts else None
        elif item_indent is not None and ln.indent > ITEM_INDENT and abs(ln.indent - item_indent) < SAME_DEPTH / 2 \
                and not ENDS_SENTENCE_OR_ITEM.search(out[-1].text) and not STARTS_UNIT.match(ln.text):
            out[-1] = replace(out[-1], text=join_wrapped(out[-1].text.rstrip(), ln.text.lstrip()), room=ln.room)
            continue
        else:
            item_indent = None
        out.append(ln)
    return out


def nest_items(lines: list[PageLine]) -> list[PageLine]:
    """List items printed without their Markdown: each item line becomes "- text", set in by two
    blanks per level of nesting (its depth among the depths items start at), which is how the reader
    nests items. Lines that start no item are left as they are."""
    if any(ln.marked for ln in lines):
        lines = _join_hanging(lines)
    items = _item_lines(lines)
    if not items:
        return lines
    drawn = any(ln.marked for ln in lines)  # drawn bullets: depth is where an item's text starts

    def depth(ln: PageLine) -> float:
        return _text_depth(ln) if drawn else (ln.indent or 0.0)

    depths = _depths([depth(lines[i]) for i in items])
    out = list(lines)
    for i in items:
        level = max(k for k, d in enumerate(depths) if d <= depth(lines[i]) + SAME_DEPTH / 2)
        text = lines[i].text
        marker = "" if ITEM_NUMBER.match(text) else "- "  # a numbered item keeps its number as its marker
        out[i] = replace(lines[i], text="  " * level + marker + BULLET_GLYPH.sub("", text, count=1))
    return out


def page_text(pages: list[list[PageLine]]) -> str:
    """Clean pages → the plan's text: one line per paragraph or row, a blank line around each table."""
    lines = nest_items(rejoin([ln for page in drop_repeated_headers(drop_running_lines(pages)) for ln in page]))
    out: list[str] = []
    for i, ln in enumerate(lines):
        if ln.row and (i == 0 or not lines[i - 1].row):
            out.append("")
        out.append(ln.text)
        if ln.row and (i + 1 == len(lines) or not lines[i + 1].row):
            out.append("")
    return "\n".join(out)
