"""Reading stage: a plan file (.txt/.md/.docx/.pdf) → PlanDocument.

Every format is first turned into plain lines (tables as tab-separated rows), then one line
parser recognises chapters, numbered sections, sub-headings, items, tables and the table of
contents. Offsets refer to the decoded text with line endings normalised to "\\n".
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from plankg import errors
from plankg.extract import lexicon
from plankg.extract.document import Passage, PlanDocument, Section, Table

SUPPORTED = (".txt", ".md", ".docx", ".pdf")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

CHAPTER_RE = re.compile(r"^(?:(0\d|[1-9]\d?)|第([一二三四五六七八九十]+)章)[\s　]+(\S.{0,40})$")
SECTION_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})[\s　]*([^\d.\s].{0,40})$")
ITEM_RE = re.compile(r"^(?:[-*•·●■◆◇○□☐▪]\s*|\d{1,2}[、.．)）]\s*|[（(]\d{1,2}[)）]\s*)(?=\S)")
CN_ORDINAL_RE = re.compile(r"^[（(]?[一二三四五六七八九十]{1,3}[)）、]")
SENTENCE_PUNCT = re.compile(r"[。；;！？]|[，,].{12,}")
TOC_TITLES = {"目录", "目 录", "目　录", "Contents"}


def _chapter_number(arabic: str | None, chinese: str | None) -> str:
    return str(int(arabic)) if arabic else str(lexicon.cn_to_int(chinese or "") or 0)


# ----------------------------------------------------------------------------- decoding
def decode(data: bytes, name: str = "document") -> str:
    """Bytes → text: UTF-8 (with or without BOM), else GB18030 (superset of GBK)."""
    if not data.strip():
        raise errors.EmptyDocument(f"{name} is empty")
    head = data[:8192]
    if b"\x00" in head:
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
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / max(1, len(sample))


def _cjk_ratio(text: str) -> float:
    sample = text[:20000]
    return sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") / max(1, len(sample))


def _docx_text(path: Path) -> str:
    import docx  # python-docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for damaged files
        raise errors.UnreadableDocument(f"{path.name} is not a readable .docx file", detail=str(exc)) from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            lines.append("")
            for row in DocxTable(block, document).rows:
                cells = [c.text.replace("\n", " ").replace("\t", " ").strip() for c in row.cells]
                lines.append("\t".join(cells))
            lines.append("")
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many error types for damaged files
        raise errors.UnreadableDocument(f"{path.name} is not a readable PDF", detail=str(exc)) from exc
    text = "\n".join(pages)
    if not text.strip():
        raise errors.UnreadableDocument(f"{path.name} has no text layer (scanned PDF?)")
    return text


def load_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a supported file and return its plain text, or raise a PlankgError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise errors.UnsupportedFormat(f"{path.name}: unsupported file type {suffix or '(none)'}")
    if not path.is_file():
        raise errors.FileMissing(f"{path} does not exist or is not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise errors.DocumentTooLarge(f"{path.name} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    if size == 0:
        raise errors.EmptyDocument(f"{path.name} is empty")
    if suffix == ".docx":
        text = _docx_text(path)
    elif suffix == ".pdf":
        text = _pdf_text(path)
    else:
        text = decode(path.read_bytes(), path.name)
    if not text.strip():
        raise errors.EmptyDocument(f"{path.name} contains no text")
    return text


# ----------------------------------------------------------------------------- parsing
def _split_cells(line: str) -> tuple[str, ...] | None:
    if "\t" in line:
        cells = tuple(c.strip() for c in line.split("\t"))
    elif line.count("|") >= 2 and line.strip().startswith("|"):
        cells = tuple(c.strip() for c in line.strip().strip("|").split("|"))
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            return ()  # markdown separator row
    else:
        return None
    cells = tuple(c for c in cells)
    return cells if sum(1 for c in cells if c) >= 2 else None


def _is_heading_like(text: str) -> bool:
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

    def add(self, kind: str, text: str, start: int, end: int, cells: tuple[str, ...] = (), table: int | None = None):
        p = Passage(len(self.passages), kind, text, start, end, self.current, cells, table, self.heading)
        self.passages.append(p)
        self.sections[self.current].passages.append(p.ordinal)
        return p

    def enter(self, key: str, number: str, title: str, level: int, parent: str | None):
        if key not in self.sections:  # a repeated heading continues the section it names
            self.sections[key] = Section(key, number, title, level, parent)
        self.current = key
        if level == 1:
            self.chapter = key
        self.heading = ""


def _strip_md(line: str) -> str:
    return re.sub(r"^#{1,6}\s*", "", line).replace("**", "")


def parse(text: str, path: Path | str = "document.txt") -> PlanDocument:
    """Split plain text into sections, passages and tables."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    b = _Builder(text)
    toc_chapters: set[str] = set()
    in_toc = False
    seen_title = False
    offset = 0
    for raw in text.split("\n"):
        start = offset
        offset += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            b.table = None
            continue
        lead = len(raw) - len(raw.lstrip())
        start += lead
        end = start + len(stripped)
        line = _strip_md(stripped)
        cells = _split_cells(stripped)
        if cells == ():
            continue
        if stripped in TOC_TITLES or line in TOC_TITLES:
            in_toc = True
            b.add("toc", line, start, end)
            continue
        chapter = CHAPTER_RE.match(line)
        section = SECTION_RE.match(line) if not chapter else None
        if in_toc:
            if chapter:
                key = _chapter_number(chapter.group(1), chapter.group(2))
                if key in toc_chapters:
                    in_toc = False  # the body starts where a chapter heading repeats
                else:
                    toc_chapters.add(key)
                    b.add("toc", line, start, end)
                    continue
            elif cells is None:
                b.add("toc", line, start, end)
                continue
            else:
                in_toc = False
        if chapter and cells is None:
            key = _chapter_number(chapter.group(1), chapter.group(2))
            b.enter(key, chapter.group(1) or f"第{chapter.group(2)}章", chapter.group(3).strip(), 1, "front")
            b.add("heading", line, start, end)
            b.table = None
            continue
        item_match = ITEM_RE.match(line)
        body = line[item_match.end():] if item_match else line
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
            b.add("item", body.strip(), start + (len(stripped) - len(body)), end)
            if _is_heading_like(body):
                b.heading = body.strip()
            continue
        if _is_heading_like(line) and not CN_ORDINAL_RE.match(line) and not re.fullmatch(r"\d{4}", line):
            b.heading = line
            b.add("heading", line, start, end)
            continue
        b.add("paragraph", line, start, end)
    return PlanDocument(Path(path), text, b.passages, b.sections, b.tables)


def read(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> PlanDocument:
    """Read a plan file into a PlanDocument (raises PlankgError subclasses on bad input)."""
    path = Path(path)
    return parse(load_text(path, max_bytes), path)
