"""File → plain text, within limits: .txt/.md decoding, .docx and text-layer .pdf.

Every limit guards against input that is small on disk but huge once read (a .docx whose XML
inflates a thousandfold, a PDF whose page tree repeats one page, millions of empty paragraphs).
The limits are parameters with module defaults; the API and CLI pass their settings in.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from plankg import errors
from plankg.extract import docx_numbering, html_tables, pdf_budget, pdf_layout

SUPPORTED = (".txt", ".md", ".docx", ".pdf")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# XML 1.0 forbids these; a literal holding one makes SPARQL XML results malformed
ILLEGAL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
PAGE_BREAK = "\x0c"  # a form feed is how text exports mark pages: read as a line break


@dataclass(frozen=True)
class ReadLimits:
    """How much a file may expand into. The defaults hold a 200-page plan many times over."""

    max_bytes: int = DEFAULT_MAX_BYTES  # the file on disk
    max_text_chars: int = 5_000_000  # extracted text
    max_passages: int = 100_000  # non-empty lines / paragraphs / table rows
    max_pdf_pages: int = 2_000
    max_zip_member_bytes: int = 100 * 1024 * 1024  # one inflated .docx part
    max_zip_ratio: int = 200  # inflated / compressed size of a large part
    max_pdf_page_bytes: int = 8 * 1024 * 1024  # inflated content of one PDF page, forms counted as drawn
    max_pdf_page_glyphs: int = 30_000
    max_pdf_page_shapes: int = 30_000  # painted rules, boxes and curves of one PDF page
    max_pdf_table_crossings: int = 2_000  # above, a page's ruled tables are read as lines


DEFAULT_LIMITS = ReadLimits()
_RATIO_FLOOR = 1024 * 1024  # small parts may compress very well (repeated styles); judge ratio above 1 MB
PDF_FILE_PAGES = 50  # a whole PDF may draw as much as this many pages at their limits (a page listed again counts again)
TABLE_PAGES = 10  # ruled tables are read on pages holding this many pages' worth of crossings at most, then as lines


# ----------------------------------------------------------------------------- text files
def decode(data: bytes, name: str = "document") -> str:
    """Bytes → text: UTF-8 (with or without BOM), else GB18030 (superset of GBK)."""
    if not data.strip():
        raise errors.EmptyDocument(f"{name} is empty")
    if b"\x00" in data[:8192]:
        raise errors.BinaryDocument(f"{name} looks binary (contains NUL bytes)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes almost anything; kept for safety
        raise errors.UndecodableDocument(f"{name} is neither UTF-8 nor GB18030 text")
    if _control_ratio(text) > 0.05:
        raise errors.BinaryDocument(f"{name} looks binary (many control characters)")
    if encoding == "gb18030" and _cjk_ratio(text) < 0.05:
        raise errors.UndecodableDocument(f"{name} is not valid UTF-8 and does not read as GB18030 Chinese text")
    text = text.replace(PAGE_BREAK, "\n")
    refuse_illegal_characters(text, name)
    return text


def refuse_illegal_characters(text: str, name: str) -> None:
    """NUL or another XML-illegal character anywhere in a text file → refused, with its position."""
    m = ILLEGAL_CHARS.search(text)
    if m is not None:
        line = text.count("\n", 0, m.start()) + 1
        raise errors.IllegalCharacter(f"{name} contains the control character U+{ord(m.group()):04X} "
                                      f"(line {line}, character {m.start()})")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / max(1, len(sample))


def _cjk_ratio(text: str) -> float:
    sample = text[:20000]
    return sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") / max(1, len(sample))


# ----------------------------------------------------------------------------- .docx
def check_zip(path: Path, limits: ReadLimits) -> None:
    """Refuse a zip whose parts inflate too far, judged from its directory before anything is inflated."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise errors.UnreadableDocument(f"{path.name} is not a readable .docx file", detail=str(exc)) from exc
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > limits.max_zip_member_bytes:
            raise errors.ExpandsTooFar(f"{path.name}: part {m.filename} inflates to {m.file_size / 1e6:.0f} MB, "
                                       f"over the {limits.max_zip_member_bytes / 1e6:.0f} MB limit")
        if m.file_size > _RATIO_FLOOR and m.file_size > limits.max_zip_ratio * max(1, m.compress_size):
            raise errors.ExpandsTooFar(f"{path.name}: part {m.filename} inflates {m.file_size // max(1, m.compress_size)}"
                                       f"-fold, over the {limits.max_zip_ratio}-fold limit")
    if total > 4 * limits.max_zip_member_bytes:
        raise errors.ExpandsTooFar(f"{path.name} inflates to {total / 1e6:.0f} MB in all")


def _docx_text(path: Path, limits: ReadLimits) -> str:
    import docx  # python-docx; imported here because only .docx input needs it (slow import)
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    check_zip(path, limits)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for damaged files
        raise errors.UnreadableDocument(f"{path.name} is not a readable .docx file", detail=str(exc)) from exc
    lines: list[str] = []
    budget = _Budget(path.name, limits)
    numbering = docx_numbering.Numbering(document.part.numbering_part.element, document.styles.element)
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text, number = Paragraph(block, document).text, numbering.prefix(block)
            budget.take(f"{number} {text}" if number and text.strip() else text, lines)
        elif tag == "tbl":
            lines.append("")
            for row in DocxTable(block, document).rows:
                cells = [c.text.replace("\n", " ").replace("\t", " ").strip() for c in row.cells]
                budget.take("\t".join(cells), lines)
            lines.append("")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- .pdf


def _pdf_text(path: Path, limits: ReadLimits) -> str:
    """Text-layer PDF → plain text: pypdf counts the pages first (cheap, refuses page-tree bombs),
    pdfplumber then reads each page's lines and ruled tables with their positions."""
    from pypdf import PdfReader  # imported here because only .pdf input needs them (slow imports)
    import pdfplumber

    try:
        listed = PdfReader(str(path)).pages
        n_pages = len(listed)
    except Exception as exc:  # pypdf raises many error types for damaged files
        raise errors.UnreadableDocument(f"{path.name} is not a readable PDF", detail=str(exc)) from exc
    if n_pages > limits.max_pdf_pages:
        raise errors.TooManyPages(f"{path.name} has {n_pages} pages, over the {limits.max_pdf_pages}-page limit")
    _weigh_pdf(listed, path.name, limits)
    budget = _Budget(path.name, limits)
    pages: list[list[_Placed]] = []
    try:
        order = [page.indirect_reference.idnum if page.indirect_reference else None for page in listed]
        with pdfplumber.open(str(path)) as pdf:
            # pdfminer reads a page object once even when the page tree lists it again; print it as listed
            by_id = {page.page_obj.pageid: page for page in pdf.pages}
            sequence = [by_id[i] for i in order] if all(i in by_id for i in order) else pdf.pages
            crossings_left = TABLE_PAGES * limits.max_pdf_table_crossings
            for page in sequence:
                crossings = pdf_budget.rule_crossings(page.edges)
                read_tables = crossings <= min(limits.max_pdf_table_crossings, crossings_left)
                crossings_left -= crossings if read_tables else 0
                pages.append(_page_lines(page, read_tables))
                page.close()  # drop the page's layout objects: memory stays that of one page
                budget.take("\n".join(p.line.text for p in pages[-1]), [])
    except errors.PlankgError:
        raise
    except Exception as exc:  # pdfminer raises many error types for damaged files
        raise errors.UnreadableDocument(f"{path.name} is not a readable PDF", detail=str(exc)) from exc
    text = pdf_layout.page_text(_with_room(pages))
    if not text.strip():
        raise errors.UnreadableDocument(f"{path.name} has no text layer (scanned PDF?)")
    return ILLEGAL_CHARS.sub("\n", text.replace(PAGE_BREAK, "\n"))  # text layers carry stray control glyphs: not the author's text


def _weigh_pdf(listed, name: str, limits: ReadLimits) -> None:
    """Weigh every listed page before any layout analysis: refuse a page bomb in about a second."""
    page_limits = pdf_budget.PdfLimits(limits.max_pdf_page_bytes, limits.max_pdf_page_glyphs, limits.max_pdf_page_shapes)
    whole = pdf_budget.Weight()
    try:
        for number, page in enumerate(listed, start=1):
            whole.add(pdf_budget.weigh_page(page, number, name, page_limits))
            if whole.glyphs > limits.max_text_chars:
                raise errors.TextTooLong(f"{name} shows over {limits.max_text_chars:,} glyphs")
            if whole.content_bytes > PDF_FILE_PAGES * limits.max_pdf_page_bytes or \
                    whole.shapes > PDF_FILE_PAGES * limits.max_pdf_page_shapes:
                raise errors.PageTooHeavy(f"{name} draws more in all than {PDF_FILE_PAGES} pages at the per-page limits")
    except errors.PlankgError:
        raise
    except Exception as exc:  # pypdf raises many error types for damaged files
        raise errors.UnreadableDocument(f"{name} is not a readable PDF", detail=str(exc)) from exc


@dataclass(frozen=True)
class _Placed:
    line: pdf_layout.PageLine
    x1: float  # right end of the line on the page
    size: float  # font size of its last character
    x0: float = 0.0  # left end of the line on the page
    text_x0: float = 0.0  # where its text starts after a bullet glyph or item number


def _page_lines(page, read_tables: bool = True) -> list[_Placed]:
    """One page's text lines and table rows, top to bottom. Ruled tables are read cell by cell;
    the text outside them line by line (a tolerance of half a line keeps mixed fonts on one line).
    Without ``read_tables`` (a page ruled more densely than any table) the page is read as lines."""
    tables = page.find_tables() if read_tables else []
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        return not any(x0 <= obj.get("x0", -1) <= x1 and top <= obj.get("top", -1) <= bottom
                       for x0, top, x1, bottom in boxes)

    body = page.filter(outside) if boxes else page
    marks = _bullet_marks(body)
    placed: list[tuple[float, _Placed]] = []
    for ln in body.extract_text_lines(y_tolerance=5, strip=True, return_chars=True):
        glyphs = [c for c in ln["chars"] if c["text"].strip()]
        if glyphs:
            size = float(glyphs[-1].get("size") or 10.0)
            text, columns = _spaced_text(ln["chars"], size)
            line = pdf_layout.PageLine(text, top=ln["top"], row=columns >= 2,
                                       marked=_marked(ln, marks, size))
            placed.append((ln["top"], _Placed(line, ln["x1"], size, ln["x0"], _text_start(glyphs, text))))
    for table in tables:
        for i, row in enumerate(table.extract()):
            cells = [_cell_text(c) for c in row]
            if any(cells):  # a row with one filled cell (a group heading in the table) is kept, as from .docx
                placed.append((table.bbox[1] + i * 1e-3, _Placed(pdf_layout.PageLine("\t".join(cells), row=True), 0, 0)))
    return [p for _, p in sorted(placed, key=lambda t: t[0])]


BULLET_SIZE = 0.6  # font sizes: a drawn shape no wider or taller than this may be a list bullet
BULLET_REACH = 2.5  # font sizes: ... when it ends this close before a line's first glyph


def _text_start(glyphs: list[dict], text: str) -> float:
    """Where a line's text starts after the bullet glyph or item number it opens with."""
    skip = len("".join(pdf_layout.item_marker(text).split()))
    return glyphs[skip]["x0"] if skip < len(glyphs) else glyphs[0]["x0"]


def _bullet_marks(page) -> list[tuple[float, float, float, float]]:
    """Small painted shapes (discs, squares) a browser or word processor draws as list bullets, as
    (middle height, x0, x1, size) sorted by height, so each line looks only at the marks beside it."""
    marks = [((o["top"] + o["bottom"]) / 2, o["x0"], o["x1"], max(o["x1"] - o["x0"], o["bottom"] - o["top"]))
             for o in (*page.curves, *page.rects)
             if 0 < o["x1"] - o["x0"] <= 8 and 0 < o["bottom"] - o["top"] <= 8]
    return sorted(marks)


def _marked(line: dict, marks: list[tuple[float, float, float, float]], size: float) -> bool:
    """A bullet-sized mark sits just left of the line, at its height."""
    start = bisect.bisect_left(marks, (line["top"] - 1,))
    stop = bisect.bisect_right(marks, (line["bottom"] + 1, float("inf")))
    return any(extent <= BULLET_SIZE * size and line["x0"] - BULLET_REACH * size <= x1 <= line["x0"]
               for _, _, x1, extent in marks[start:stop])


WORD_GAP = 3.0  # points: a narrower gap between two glyphs is kerning, a wider one a blank
COLUMN_GAP = 1.2  # font sizes: a wider gap separates the columns of a table drawn without rules
WIDE_BLANK = 0.7  # font sizes: a gap this wide is a full-width blank (第一条　目的　为…)


def _spaced_text(chars: list[dict], size: float) -> tuple[str, int]:
    """A line's text from its glyphs: blanks typed in it kept as typed; where the page leaves an
    empty gap, a blank (full-width if it is as wide as a character), or four for a column gap (the
    reader's space-aligned table rows). Also returns how many column gaps (empty ones, or typed runs
    of two or more blanks) there are."""
    out: list[str] = []
    columns = 0
    prev: dict | None = None
    typed = ""  # blanks typed since the last glyph
    for ch in chars:
        if not ch["text"].strip():
            typed += ch["text"]
            continue
        if prev is not None:
            gap = ch["x0"] - prev["x1"]
            if typed:
                out.append(typed)
                columns += len(typed) >= 2 and (typed.count("　") >= 2 or typed.count(" ") >= 2)
            elif gap > COLUMN_GAP * size:
                out.append("    ")
                columns += 1
            elif gap > WIDE_BLANK * size:
                out.append("　")
            elif gap > WORD_GAP:
                out.append(" ")
        out.append(ch["text"])
        prev, typed = ch, ""
    return "".join(out), columns


def _cell_text(cell: str | None) -> str:
    parts = [p.strip() for p in (cell or "").replace("\t", " ").split("\n") if p.strip()]
    text = ""
    for part in parts:
        text = pdf_layout.join_wrapped(text, part) if text else part
    return text


def _with_room(pages: list[list[_Placed]]) -> list[list[pdf_layout.PageLine]]:
    """Give every text line the room left before the right edge of the text block (the widest line),
    in character widths, from which the clean-up tells a printer's line break from an author's, and
    its indent from the left margin of the body text, from which it tells list items and their nesting."""
    text_lines = [p for page in pages for p in page if not p.line.row]
    edge = max((p.x1 for p in text_lines), default=0.0)
    margin = _left_margin(text_lines)
    return [[p.line if p.line.row else replace(p.line, room=max(0.0, edge - p.x1) / max(p.size, 1.0),
                                               indent=max(0.0, p.x0 - margin) / max(p.size, 1.0),
                                               text_indent=max(0.0, p.text_x0 - margin) / max(p.size, 1.0))
             for p in page] for page in pages]


def _left_margin(lines: list[_Placed]) -> float:
    """The body text's left margin: where the leftmost line set at least at the body's type size
    starts (running lines, footnotes and margin notes are set smaller)."""
    sizes = [round(p.size) for p in lines]
    if not sizes:
        return 0.0
    body = max(set(sizes), key=sizes.count)
    return min(p.x0 for p in lines if p.size >= 0.9 * body)


class _Budget:
    """Counts extracted characters and blocks as they are read, so a bomb stops early."""

    def __init__(self, name: str, limits: ReadLimits):
        self.name, self.limits, self.chars, self.blocks = name, limits, 0, 0

    def take(self, text: str, into: list[str]) -> None:
        self.charge(len(text), 1)
        into.append(text)

    def charge(self, chars: int, blocks: int) -> None:
        """Count text laid out (a table's merged cells repeated, say) before it is built."""
        self.chars += chars
        self.blocks += blocks
        if self.chars > self.limits.max_text_chars:
            raise errors.TextTooLong(f"{self.name} yields over {self.limits.max_text_chars:,} characters of text")
        if self.blocks > self.limits.max_passages:
            raise errors.TooManyPassages(f"{self.name} has over {self.limits.max_passages:,} paragraphs")


# ----------------------------------------------------------------------------- any file
def load_text(path: Path, max_bytes: int | None = None, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    """Read a supported file and return its plain text, or raise a PlankgError."""
    path = Path(path)
    if max_bytes is not None:
        limits = ReadLimits(**{**limits.__dict__, "max_bytes": max_bytes})
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise errors.UnsupportedFormat(f"{path.name}: unsupported file type {suffix or '(none)'}")
    if not path.is_file():
        raise errors.FileMissing(f"{path} does not exist or is not a file")
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise errors.DocumentTooLarge(f"{path.name} is {size / 1e6:.1f} MB, over the "
                                      f"{limits.max_bytes / 1e6:.0f} MB limit")
    if size == 0:
        raise errors.EmptyDocument(f"{path.name} is empty")
    if suffix == ".docx":
        text = ILLEGAL_CHARS.sub(" ", _docx_text(path, limits))
    elif suffix == ".pdf":
        text = _pdf_text(path, limits)
    else:  # a text or Markdown file; HTML tables in it (as converters write merged cells) become rows
        text = decode(path.read_bytes(), path.name)
        text = html_tables.tables_as_rows(text, _Budget(path.name, limits).charge)
    if len(text) > limits.max_text_chars:
        raise errors.TextTooLong(f"{path.name} holds {len(text):,} characters, over the "
                                 f"{limits.max_text_chars:,} limit")
    if not text.strip():
        raise errors.EmptyDocument(f"{path.name} contains no text")
    return text
