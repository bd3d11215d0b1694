"""Reading limits (issue 8 item 3): decompression and page bombs and illegal characters are refused by the
reader with a stable code, before extraction. Every bomb is generated here, small on disk."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from plankg import errors
from plankg.extract import reader
from plankg.extract.loaders import ReadLimits
from plankg.graph.ingest import ingest_file
from plankg.graph.store import PlanStore

PLAN_HEAD = "某县国土空间总体规划（2021-2035年）\n第一章 总则\n规划范围为县域全域。\n"


def _docx_with_body(path: Path, body_xml: str) -> Path:
    """A real .docx (made by python-docx) whose document body is replaced by body_xml."""
    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                head = text[: text.index("<w:body>") + len("<w:body>")]
                data = (head + body_xml + "</w:body></w:document>").encode("utf-8")
            out.writestr(item, data)
    return path


def _page_bomb_pdf(path: Path, repeats: int) -> Path:
    """A PDF whose page tree lists one page object `repeats` times (a few KB on disk)."""
    kids = " ".join(["3 0 R"] * repeats)
    stream = b"BT /F1 12 Tf 72 720 Td (plan text) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {repeats} >>".encode(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_docx_with_two_million_empty_paragraphs_is_refused_by_its_ratio(tmp_path):
    bomb = _docx_with_body(tmp_path / "bomb.docx", "<w:p/>" * 2_000_000)
    assert bomb.stat().st_size < 200_000  # small on disk, ~12 MB of XML inflated
    with pytest.raises(errors.ExpandsTooFar) as exc:
        reader.read(bomb)
    assert exc.value.code == "PKG-109" and "word/document.xml" in exc.value.message


def test_docx_whitespace_bomb_is_refused_by_member_size(tmp_path):
    bomb = _docx_with_body(tmp_path / "ws.docx", "<w:p><w:r><w:t xml:space=\"preserve\">" + " " * 3_000_000
                           + "</w:t></w:r></w:p>")
    limits = ReadLimits(max_zip_member_bytes=2_000_000, max_zip_ratio=10**9)
    with pytest.raises(errors.ExpandsTooFar) as exc:
        reader.read(bomb, limits=limits)
    assert exc.value.code == "PKG-109"
    assert "MB" in exc.value.message


def test_docx_paragraph_count_is_limited_while_reading(tmp_path):
    # a modest ratio that passes the zip check still stops at the paragraph limit
    bomb = _docx_with_body(tmp_path / "many.docx", "<w:p><w:r><w:t>一段</w:t></w:r></w:p>" * 5000)
    with pytest.raises(errors.TooManyPassages) as exc:
        reader.read(bomb, limits=ReadLimits(max_passages=1000))
    assert exc.value.code == "PKG-112"
    assert len(reader.read(bomb).passages) == 5000  # the same file under the default limits is read


def test_pdf_page_tree_bomb_is_refused_by_page_count(tmp_path):
    bomb = _page_bomb_pdf(tmp_path / "pages.pdf", 10_000)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(errors.TooManyPages) as exc:
        reader.read(bomb)
    assert exc.value.code == "PKG-110" and "10000 pages" in exc.value.message
    small = _page_bomb_pdf(tmp_path / "few.pdf", 3)  # the same construction, few pages: read normally
    assert reader.read(small).text.count("plan text") == 3


def test_pdf_text_budget_stops_extraction(tmp_path):
    bomb = _page_bomb_pdf(tmp_path / "pages.pdf", 500)
    with pytest.raises(errors.TextTooLong) as exc:
        reader.read(bomb, limits=ReadLimits(max_text_chars=1000))
    assert exc.value.code == "PKG-111"


def test_text_length_and_line_count_limits(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text(PLAN_HEAD + "规划期内坚守耕地保护红线。\n" * 300, encoding="utf-8")
    assert len(reader.read(f).passages) > 300
    with pytest.raises(errors.TextTooLong):
        reader.read(f, limits=ReadLimits(max_text_chars=2000))
    with pytest.raises(errors.TooManyPassages) as exc:
        reader.read(f, limits=ReadLimits(max_passages=100))
    assert exc.value.code == "PKG-112"


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x0b", "\ufffe"])
def test_illegal_character_anywhere_in_a_text_file_is_refused(tmp_path, char):
    # after the first 8 KB, where the binary sniffing no longer looks
    f = tmp_path / "plan.txt"
    f.write_text(PLAN_HEAD + "规划期内坚守耕地保护红线。\n" * 1000 + f"第二章 目标{char}与战略\n", encoding="utf-8")
    assert f.stat().st_size > 8192 * 2
    with pytest.raises(errors.IllegalCharacter) as exc:
        reader.read(f)
    assert exc.value.code == "PKG-113" and f"U+{ord(char):04X}" in exc.value.message


def test_form_feed_page_breaks_are_line_breaks(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text(PLAN_HEAD + "第一页末段。\f第二页首段。\n", encoding="utf-8")
    texts = [p.text for p in reader.read(f).passages]
    assert "第一页末段。" in texts and "第二页首段。" in texts


def test_refused_file_leaves_the_store_untouched(tmp_path):
    store = PlanStore(None)
    good = tmp_path / "good.txt"
    good.write_text(PLAN_HEAD + "规划期内坚守耕地保护红线。\n", encoding="utf-8")
    ingest_file(store, good)
    before = store.dump()
    bomb = _docx_with_body(tmp_path / "good.docx", "<w:p/>" * 1_000_000)
    with pytest.raises(errors.ExpandsTooFar):
        ingest_file(store, bomb)
    assert store.dump() == before
    store.close()


def test_bombs_posted_to_a_live_audit_endpoint_are_refused(live_server_factory, tmp_path):
    httpx = pytest.importorskip("httpx")
    srv = live_server_factory(tmp_path / "store")
    bomb = _docx_with_body(tmp_path / "bomb.docx", "<w:p/>" * 2_000_000)
    pages = _page_bomb_pdf(tmp_path / "pages.pdf", 10_000)
    nul = (PLAN_HEAD + "规划期内坚守耕地保护红线。\n" * 1000 + "末段\x00。\n").encode("utf-8")
    cases = [("bomb.docx", bomb.read_bytes(), 413, "PKG-109"), ("pages.pdf", pages.read_bytes(), 413, "PKG-110"),
             ("nul.txt", nul, 400, "PKG-113")]
    for name, data, status, code in cases:
        r = httpx.post(srv.url + "/api/audit", files={"file": (name, data)}, timeout=60)
        assert (r.status_code, r.json()["error"]["code"]) == (status, code), (name, r.text[:300])
    assert httpx.get(srv.url + "/healthz", timeout=10).status_code == 200
