"""PDF page bombs (issue 20 §3): a few KB of PDF that would cost the layout analysis minutes and
gigabytes are weighed page by page before any layout and refused (PKG-115) — in process and through
the anonymous audit upload of a real uvicorn on 127.0.0.1 — while a plan printed by Chromium still
reads. The bombs are generated here (tests/pdf_bombs.py): hand-written content streams, zlib-packed."""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import httpx
import pytest

from plankg import errors
from plankg.extract.loaders import ReadLimits, load_text

HERE = Path(__file__).resolve().parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bombs = _load("pdf_bombs", HERE / "pdf_bombs.py")
plan_print = _load("plan_print", HERE / "plan_print.py")

# name → (PDF bytes, the setting its refusal names)
REFUSED = {
    "glyphs-400k": (bombs.glyph_lines(400_000), "PLANKG_MAX_PDF_PAGE_GLYPHS"),
    "glyphs-1m": (bombs.glyph_lines(1_000_000), "PLANKG_MAX_PDF_PAGE_GLYPHS"),
    "form-drawn-500-times": (bombs.form_repeated(2_000, 500), "PLANKG_MAX_PDF_PAGE_GLYPHS"),
    "inflates-60mb": (bombs.inflating(60), "PLANKG_MAX_PDF_PAGE_BYTES"),
    "shapes-100k": (bombs.one_page(b"0 0 1 1 re f\n" * 100_000), "PLANKG_MAX_PDF_PAGE_SHAPES"),
}
# An invented county plan (no corpus text), printed to PDF by Chromium in the browser test.
DAISHAN = """岱山县国土空间总体规划（2021—2035年）
第一章 总则
第一条 为统筹全县海岛国土空间开发保护，编制本规划。
第二条 到2035年，全县耕地保有量不低于1.85万亩，永久基本农田保护面积不低于1.62万亩。
第二章 重点项目
序号\t项目名称\t建设地点\t建设年限
1\t衢山港区疏港公路\t衢山镇\t2023—2027
2\t长涂海塘加固工程\t长涂镇\t2024—2026
3\t秀山湿地修复工程\t秀山乡\t2022—2030
"""


def test_every_bomb_is_a_few_kilobytes():
    sizes = {name: len(data) for name, (data, _) in REFUSED.items()} | {"grid-200": len(bombs.ruled_grid(200))}
    assert len(sizes) == 6
    assert all(size < 64 * 1024 for size in sizes.values()), sizes


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_page_bomb_is_refused_before_layout(name, tmp_path, collected_cases):
    assert collected_cases("test_a_page_bomb_is_refused_before_layout") == len(REFUSED) == 5
    data, setting = REFUSED[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    with pytest.raises(errors.PageTooHeavy) as caught:
        load_text(path)
    assert caught.value.code == "PKG-115" and caught.value.http_status == 413
    assert setting in caught.value.message and "page 1" in caught.value.message


# content-stream constructions the weighing must count as pdfminer lays them out (Helvetica, one byte a glyph)
SYNTAX = {
    "show": b"BT /F1 12 Tf 72 700 Td (Harbour road) Tj ET",
    "kerned-array": b"BT /F1 12 Tf 72 700 Td [(Sea) -250 (wall) 120 (s)] TJ ET",
    "nested-parens": b"BT /F1 12 Tf 72 700 Td (dike (north) bank) Tj ET",
    "escaped-parens": b"BT /F1 12 Tf 72 700 Td (a\\) b\\( c) Tj ET",
    "octal-escapes": b"BT /F1 12 Tf 72 700 Td (\\101\\102\\103d) Tj ET",
    "hex": b"BT /F1 12 Tf 72 700 Td <4C 69 6E 65> Tj ET",
    "quote-operators": b"BT /F1 12 Tf 14 TL 72 700 Td (one) ' 1 0.5 (two) \" ET",
    "comment": b"% (not shown) Tj\nBT /F1 12 Tf 72 700 Td (shown) Tj ET % (x) Tj",
    "inline-image": b"q 8 0 0 8 72 600 cm BI /W 4 /H 1 /BPC 8 /CS /G ID ()Tj( EI Q\n"
                    b"BT /F1 12 Tf 72 700 Td (after) Tj ET",
    "stray-delimiters": b") > BT /F1 12 Tf 72 700 Td (kept) Tj ET",
}
FORM = b"BT /F1 12 Tf 0 0 Td (twice) Tj ET"


@pytest.mark.parametrize("name", sorted(SYNTAX) + ["form-drawn-three-times"])
def test_the_page_weight_counts_what_layout_analysis_builds(name, tmp_path, collected_cases):
    import pdfplumber
    from pypdf import PdfReader

    from plankg.extract import pdf_budget

    assert collected_cases("test_the_page_weight_counts_what_layout_analysis_builds") == len(SYNTAX) + 1 == 11
    if name in SYNTAX:
        data = bombs.one_page(SYNTAX[name])
    else:
        data = bombs.one_page(b"q 1 0 0 1 72 500 cm /Fm0 Do Q q 1 0 0 1 72 400 cm /Fm0 Do Q "
                              b"q 1 0 0 1 72 300 cm /Fm0 Do Q", xobjects={"Fm0": FORM})
    path = tmp_path / "page.pdf"
    path.write_bytes(data)
    with pdfplumber.open(str(path)) as pdf:
        laid_out = len(pdf.pages[0].chars)
    weight = pdf_budget.weigh_page(PdfReader(str(path)).pages[0], 1, "page.pdf", pdf_budget.PdfLimits(10**6, 10**6, 10**6))
    assert laid_out > 0 and weight.glyphs == laid_out, (weight, laid_out)


def test_a_page_listed_again_and_again_counts_each_time(tmp_path):
    """One page of 20,000 glyphs (under the per-page limit) listed 300 times: 6 M glyphs in all,
    over PLANKG_MAX_TEXT_CHARS, refused before the first page is laid out."""
    line = b"(" + b"Qz" * 1_000 + b") Tj T*\n"
    path = tmp_path / "listed.pdf"
    path.write_bytes(bombs.one_page(b"BT /F1 1 Tf 1 TL 20 820 Td\n" + line * 10 + b"ET", listed=300))
    with pytest.raises(errors.TextTooLong) as caught:
        load_text(path)
    assert "glyphs" in caught.value.message


def test_a_page_ruled_denser_than_the_limit_is_read_as_lines(tmp_path):
    path = tmp_path / "table.pdf"
    path.write_bytes(bombs.labelled_grid(4))
    as_table = load_text(path)
    as_lines = load_text(path, limits=ReadLimits(max_pdf_table_crossings=10))
    assert "r2c1\tr2c2\tr2c3\tr2c4" in as_table.splitlines()
    assert "\t" not in as_lines and [ln.split() for ln in as_lines.split("\n") if ln.strip()][1] == \
        ["r2c1", "r2c2", "r2c3", "r2c4"]


def test_glyph_limit_is_a_setting(tmp_path):
    path = tmp_path / "t.pdf"
    path.write_bytes(bombs.glyph_lines(3_000))
    text = load_text(path)
    assert text.count("A") + text.count("b") == 3_000
    with pytest.raises(errors.PageTooHeavy):
        load_text(path, limits=ReadLimits(max_pdf_page_glyphs=2_000))


# ------------------------------------------------------------------ through a real server
LOWER_PLAN = DAISHAN.split("第二章")[0].encode()


@pytest.fixture(scope="module")
def server(live_server_factory, api_sample_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("secpdf") / "store"
    shutil.copytree(api_sample_store, store)
    srv = live_server_factory(store, audit_timeout=40)
    warm = httpx.post(srv.url + "/api/audit", files={"file": ("plan.txt", LOWER_PLAN, "text/plain")}, timeout=120)
    assert warm.status_code == 200, warm.text[:300]  # the audit worker is up: the time limit is the bombs' alone
    return srv


def _audit(url: str, name: str, data: bytes) -> httpx.Response:
    return httpx.post(url + "/api/audit", files={"file": (f"{name}.pdf", data, "application/pdf")}, timeout=120)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_audit_upload_refuses_a_page_bomb(server, name):
    r = _audit(server.url, name, REFUSED[name][0])
    assert r.status_code == 413, r.text[:300]
    assert r.json()["error"]["code"] == "PKG-115"
    assert REFUSED[name][1] in r.json()["error"]["message"]


def test_audit_upload_of_a_dense_grid_ends_within_the_time_limit(server):
    """A 200×200 ruled grid (2.5 KB): the table finder would take minutes, past the 40 s audit time
    limit (503). Read as lines instead, the file is answered for what it is: a page without text."""
    r = _audit(server.url, "grid", bombs.ruled_grid(200))
    assert r.status_code == 400, r.text[:300]
    assert r.json()["error"]["code"] == "PKG-108"


def test_audit_worker_memory_is_limited(live_server_factory, api_sample_store, tmp_path):
    """With the glyph limit raised, a page of 400,000 glyphs needs about a gigabyte: past 700 MiB
    resident the worker is killed (413 PKG-116), and the next audit runs in a fresh worker."""
    store = tmp_path / "store"
    shutil.copytree(api_sample_store, store)
    srv = live_server_factory(store, audit_timeout=120, audit_memory_mb=700, max_pdf_page_glyphs=10_000_000)
    r = _audit(srv.url, "glyphs", bombs.glyph_lines(400_000))
    assert r.status_code == 413, r.text[:300]
    assert r.json()["error"]["code"] == "PKG-116"
    after = httpx.post(srv.url + "/api/audit", files={"file": ("plan.txt", LOWER_PLAN, "text/plain")}, timeout=120)
    assert after.status_code == 200, after.text[:300]


@pytest.mark.browser
def test_a_plan_printed_by_chromium_still_reads_through_the_audit(server, new_page, tmp_path):
    source = tmp_path / "daishan.txt"
    source.write_text(DAISHAN, encoding="utf-8")
    pdf = plan_print.print_pdf(new_page(locale="zh-CN"), source, tmp_path / "daishan.pdf")
    r = _audit(server.url, "daishan", pdf.read_bytes())
    assert r.status_code == 200, r.text[:300]
    assert r.json()["plan_title"].startswith("岱山县国土空间总体规划")
    text = load_text(pdf)
    assert "1\t衢山港区疏港公路\t衢山镇\t2023—2027" in text.splitlines()  # its ruled table is still read as a table
