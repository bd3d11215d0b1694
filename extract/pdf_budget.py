"""PDF pages weighed before layout analysis, so a page bomb is refused in a second.

A PDF of a few KB can hold a content stream that inflates a thousandfold, a million glyphs on one
page, or a form drawn hundreds of times; layout analysis (pdfminer, pdfplumber's table finder) spends
time and memory in proportion to what the page draws, not to the file's size. Here each page's
content is inflated under a byte budget and scanned with a small tokenizer that counts what layout
analysis would build — glyphs shown and shapes painted — with forms counted every time they are drawn.
Nothing is laid out and no object is kept: the scan costs about as much as reading the bytes.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from plankg import errors

MAX_FORM_DEPTH = 8  # forms drawing forms; deeper nesting is refused (cycles would never end)

# one token of a content stream: a name, a number, an operator, a delimiter; strings are handled apart
_BLANK = re.compile(rb"[\x00\t\n\x0c\r ]*")
_TOKEN = re.compile(rb"(?:(%[^\r\n]*)|(\()|(<<|>>)|(<[0-9A-Fa-f\x00\t\n\x0c\r ]*>)|(/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)"
                    rb"|([\[\]{}])|([^\x00\t\n\x0c\r ()<>\[\]{}/%]+))")
_PARENS = re.compile(rb"\\(?:[0-7]{1,3}|.)|[()]", re.S)  # an escape (one byte), or a parenthesis
_INLINE_IMAGE_END = re.compile(rb"[\x00\t\n\x0c\r ]EI(?=[\x00\t\n\x0c\r ]|$)")
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")
SHOW_TEXT = {b"Tj", b"TJ", b"'", b'"'}
PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}  # each paints one shape per subpath
SUBPATH = {b"m", b"re"}


@dataclass(frozen=True)
class PdfLimits:
    page_bytes: int  # inflated content of one page, forms counted each time drawn
    page_glyphs: int
    page_shapes: int  # painted paths (rules, boxes, curves)


@dataclass
class Weight:
    content_bytes: int = 0
    glyphs: int = 0
    shapes: int = 0

    def add(self, other: "Weight", times: int = 1) -> None:
        self.content_bytes += other.content_bytes * times
        self.glyphs += other.glyphs * times
        self.shapes += other.shapes * times


def weigh_page(page, number: int, name: str, limits: PdfLimits) -> Weight:
    """What one pypdf page draws; raises ``errors.PageTooHeavy`` as soon as a limit is passed."""
    scan = _Scan(name, number, limits)
    contents = page.get("/Contents")
    streams = contents.get_object() if contents is not None else []
    if not isinstance(streams, list):
        streams = [streams]
    data = b"\n".join(scan.inflate(s.get_object()) for s in streams)
    return scan.weigh(data, page.get("/Resources"), depth=0)


class _Scan:
    def __init__(self, name: str, number: int, limits: PdfLimits):
        self.name, self.number, self.limits = name, number, limits
        self.total = Weight()
        self.forms: dict[int, Weight] = {}  # a form's weight, by object id: scanned once, counted per draw

    def refuse(self, what: str, setting: str, limit: int) -> errors.PageTooHeavy:
        return errors.PageTooHeavy(f"{self.name}: page {self.number} draws more than {limit:,} {what}, "
                                   f"over the per-page limit {setting}")

    def check(self) -> None:
        t, lim = self.total, self.limits
        if t.content_bytes > lim.page_bytes:
            raise self.refuse("bytes of content once inflated", "PLANKG_MAX_PDF_PAGE_BYTES", lim.page_bytes)
        if t.glyphs > lim.page_glyphs:
            raise self.refuse("glyphs", "PLANKG_MAX_PDF_PAGE_GLYPHS", lim.page_glyphs)
        if t.shapes > lim.page_shapes:
            raise self.refuse("painted shapes", "PLANKG_MAX_PDF_PAGE_SHAPES", lim.page_shapes)

    def inflate(self, stream) -> bytes:
        """A stream's data, inflated no further than the bytes the page has left."""
        room = self.limits.page_bytes - self.total.content_bytes
        filters = stream.get("/Filter")
        filters = [] if filters is None else list(filters) if isinstance(filters, list) else [filters]
        if all(f in ("/FlateDecode", "/Fl") for f in filters) and stream.get("/DecodeParms") is None:
            data = stream._data  # the encoded bytes as stored in the file
            for _ in filters:
                try:
                    inflater = zlib.decompressobj()
                    data = inflater.decompress(data, room + 1)
                except zlib.error as exc:
                    raise errors.UnreadableDocument(f"{self.name}: page {self.number} has a damaged content stream",
                                                    detail=str(exc)) from exc
                if len(data) > room:
                    break
        else:  # other filters are rare in content streams; pypdf caps their output itself
            data = stream.get_data()
        self.total.content_bytes += len(data)
        self.check()
        return data

    def weigh(self, data: bytes, resources, depth: int) -> Weight:
        """Count glyphs and shapes in one content stream; forms it draws are added as drawn."""
        resources = resources.get_object() if resources is not None else {}
        fonts = _get(resources, "/Font")
        xobjects = _get(resources, "/XObject")
        own = Weight()
        wide = False  # the current font uses two-byte codes (Type0): two bytes per glyph
        shown = 0  # bytes of strings since the last operator
        last_name = b""
        subpaths = 0
        pos, end = 0, len(data)
        while True:
            pos = _BLANK.match(data, pos).end()
            if pos >= end:
                break
            m = _TOKEN.match(data, pos)
            if m is None:  # a stray ')' or '>': layout analysis skips it too
                pos += 1
                continue
            pos = m.end()
            comment, paren, _dict, hexstr, name, _delim, word = m.groups()
            if paren:
                pos, size = _literal_end(data, pos)
                shown += size
            elif hexstr:
                shown += len(_NOT_HEX.sub(b"", hexstr)) // 2
            elif name:
                last_name = name[1:]
            elif word:
                if word in SHOW_TEXT:
                    own.glyphs += shown // 2 if wide else shown
                elif word == b"Tf":
                    wide = _subtype(_get(fonts, "/" + last_name.decode("latin-1"))) == "/Type0"
                elif word in SUBPATH:
                    subpaths += 1
                elif word in PAINT:
                    own.shapes += max(1, subpaths)
                    subpaths = 0
                elif word == b"n":
                    subpaths = 0
                elif word == b"Do":
                    self.draw(_get(xobjects, "/" + last_name.decode("latin-1")), resources, depth, own)
                elif word == b"ID":  # inline image data: skip to its end marker
                    stop = _INLINE_IMAGE_END.search(data, pos)
                    pos = stop.end() if stop else end
                if word[:1].isalpha() or word in (b"'", b'"'):
                    shown = 0
            if own.glyphs + self.total.glyphs > self.limits.page_glyphs or \
                    own.shapes + self.total.shapes > self.limits.page_shapes:
                self.total.add(own)
                self.check()
        if depth == 0:
            self.total.add(own)
            self.check()
            return self.total
        return own

    def draw(self, xobject, resources, depth: int, into: Weight) -> None:
        """A form drawn once more: its weight (scanned the first time) added to ``into``."""
        if xobject is None or _get(xobject, "/Subtype") != "/Form":
            return  # images cost layout analysis one box
        if depth >= MAX_FORM_DEPTH:
            raise errors.PageTooHeavy(f"{self.name}: page {self.number} nests forms more than {MAX_FORM_DEPTH} deep")
        key = id(xobject)
        ref = getattr(xobject, "indirect_reference", None)
        if ref is not None:
            key = ref.idnum
        if key not in self.forms:
            data = self.inflate(xobject)
            own_resources = xobject.get("/Resources")
            self.forms[key] = self.weigh(data, own_resources if own_resources is not None else resources, depth + 1)
        else:
            self.total.content_bytes += self.forms[key].content_bytes
        into.glyphs += self.forms[key].glyphs
        into.shapes += self.forms[key].shapes
        self.check()


def _literal_end(data: bytes, pos: int) -> tuple[int, int]:
    """The end of a literal string whose '(' ends at ``pos``, and how many bytes it holds."""
    depth, escaped = 1, 0
    for m in _PARENS.finditer(data, pos):
        token = m.group()
        if token.startswith(b"\\"):
            escaped += len(token) - 1
        elif token == b"(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.end(), m.start() - pos - escaped
    return len(data), len(data) - pos


def _get(container, key: str):
    if container is None:
        return None
    try:
        value = container.get(key)
    except AttributeError:
        return None
    return value.get_object() if value is not None else None


def _subtype(font) -> str | None:
    return _get(font, "/Subtype") if font is not None else None


SNAP = 3.0  # points: rules closer than this are one rule to the table finder (its snap tolerance)


def rule_crossings(edges: list[dict]) -> int:
    """How many cells the table finder could have to build on a page: distinct horizontal rule
    positions times distinct vertical ones. Its cost grows faster than this, so a page with a
    200×200 ruled grid is read as lines instead of taking minutes."""
    rows = _distinct(e["top"] for e in edges if e.get("orientation") == "h")
    columns = _distinct(e["x0"] for e in edges if e.get("orientation") == "v")
    return rows * columns


def _distinct(positions) -> int:
    count, last = 0, None
    for p in sorted(positions):
        if last is None or p - last > SNAP:
            count += 1
        last = p
    return count
