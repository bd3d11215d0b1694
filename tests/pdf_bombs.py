"""Test helper: small hand-written PDFs that cost a PDF reader far more than their size — a ruled
grid for the table finder, pages of glyphs, a form drawn many times, one page listed many times, a
content stream that inflates a thousandfold. Each is a few KB; the content streams are compressed
with zlib. Not a test module: loaded by tests/test_security_pdf.py and bench/bench_pdf_bombs.py."""
from __future__ import annotations

import zlib
from pathlib import Path

PAGE_W, PAGE_H = 595, 842  # A4 in points


def _stream(body: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(body, 9)
    return (f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
            + packed + b"\nendstream")


def build(objects: list[bytes]) -> bytes:
    """A PDF file from its numbered objects (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def one_page(content: bytes, listed: int = 1, xobjects: dict[str, bytes] | None = None,
             size: tuple[float, float] = (PAGE_W, PAGE_H)) -> bytes:
    """One page of ``size`` points drawing ``content`` (Helvetica as /F1), listed ``listed`` times in
    the page tree; ``xobjects`` maps names to form content streams the page may draw with ``/Name Do``."""
    forms = xobjects or {}
    first_form = 6
    refs = " ".join(f"/{name} {first_form + i} 0 R" for i, name in enumerate(forms))
    kids = " ".join(["3 0 R"] * listed)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {listed} >>".encode(),
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] /Contents 4 0 R "
         f"/Resources << /Font << /F1 5 0 R >> /XObject << {refs} >> >> >>").encode(),
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for body in forms.values():
        objects.append(_stream(body, f"/Type /XObject /Subtype /Form /BBox [0 0 {PAGE_W} {PAGE_H}] "
                                     "/Resources << /Font << /F1 5 0 R >> >> "))
    return build(objects)


def ruled_grid(n: int = 200, listed: int = 1, cell: float = 8.0) -> bytes:
    """An n×n table of ruled cells ``cell`` points wide (wider than the finder's snap tolerance):
    n+1 horizontal and n+1 vertical rules, on a page as large as the grid."""
    side = 40 + n * cell
    ops = ["0.2 w"]
    for i in range(n + 1):
        ops.append(f"20 {20 + i * cell:.1f} m {side - 20:.1f} {20 + i * cell:.1f} l S")
    for i in range(n + 1):
        ops.append(f"{20 + i * cell:.1f} 20 m {20 + i * cell:.1f} {side - 20:.1f} l S")
    return one_page("\n".join(ops).encode(), listed, size=(side, side))


def labelled_grid(n: int = 4, cell: float = 60.0) -> bytes:
    """A small n×n ruled table with a word in every cell ("r2c3"): what a plan's table looks like."""
    side = 40 + n * cell
    ops = ["0.5 w"]
    for i in range(n + 1):
        ops.append(f"20 {20 + i * cell:.1f} m {side - 20:.1f} {20 + i * cell:.1f} l S")
        ops.append(f"{20 + i * cell:.1f} 20 m {20 + i * cell:.1f} {side - 20:.1f} l S")
    for row in range(n):
        for col in range(n):
            x, y = 20 + col * cell + 6, side - 20 - (row + 1) * cell + cell / 2
            ops.append(f"BT /F1 10 Tf {x:.1f} {y:.1f} Td (r{row + 1}c{col + 1}) Tj ET")
    return one_page("\n".join(ops).encode(), size=(side, side))


def glyph_lines(glyphs: int = 400_000, per_line: int = 2_000) -> bytes:
    """``glyphs`` characters of text on one page, in lines of ``per_line`` (1-point type)."""
    lines, rest = divmod(glyphs, per_line)
    line = b"(" + b"Ab" * (per_line // 2) + b") Tj T*\n"
    body = b"BT /F1 1 Tf 1 TL 20 820 Td\n" + line * lines + b"(" + b"A" * rest + b") Tj\nET"
    return one_page(body)


def form_repeated(glyphs_in_form: int = 2_000, times: int = 500) -> bytes:
    """A form holding ``glyphs_in_form`` glyphs, drawn ``times`` times by a page of a few bytes."""
    form = b"BT /F1 1 Tf 20 20 Td (" + b"xy" * (glyphs_in_form // 2) + b") Tj ET"
    page = b"".join(f"q 1 0 0 1 0 {i % 800} cm /Fm0 Do Q\n".encode() for i in range(times))
    return one_page(page, xobjects={"Fm0": form})


def inflating(megabytes: int = 60) -> bytes:
    """A content stream of ``megabytes`` MB of blank space that compresses to a few KB."""
    return one_page(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * (megabytes * 1024 * 1024))


def write_all(folder: Path) -> dict[str, Path]:
    """Every bomb, written into ``folder``: name → path."""
    bombs = {"grid-200": ruled_grid(200), "glyphs-400k": glyph_lines(400_000), "glyphs-1m": glyph_lines(1_000_000),
             "form-1m": form_repeated(2_000, 500), "grid-60-listed-40": ruled_grid(60, listed=40),
             "inflate-60mb": inflating(60), "shapes-100k": one_page(b"0 0 1 1 re f\n" * 100_000)}
    paths = {}
    for name, data in bombs.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    return paths
