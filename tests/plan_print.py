"""Test helper: print a plan file (.txt / .md) to PDF in headless Chromium, the way a planning bureau
publishes one — A4, a running header with the plan title, "页码 N / M" in the footer, margins narrow
enough that long lines wrap inside sentences. Not a test module: loaded by the PDF tests."""
from __future__ import annotations

import html
import re
from pathlib import Path

from markdown_it import MarkdownIt

STYLE = """<style>
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", sans-serif; font-size: 11pt; }
p { margin: 0 0 4pt 0; text-indent: 2em; }
table { border-collapse: collapse; margin: 6pt 0; font-size: 9.5pt; }
td, th { border: 1px solid #444; padding: 2pt 4pt; }
h1 { font-size: 16pt; text-align: center; } h2 { font-size: 14pt; } h3 { font-size: 12pt; }
</style>"""


def _cells(line: str) -> list[str] | None:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    return None


def txt_to_html(text: str) -> str:
    """Plain text → one <p> per line; runs of tab-separated rows → one <table> each."""
    out: list[str] = []
    rows: list[list[str]] = []

    def flush():
        if rows:
            body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
            out.append(f"<table>{body}</table>")
            rows.clear()

    for line in text.splitlines():
        cells = _cells(line)
        if cells is not None:
            rows.append(cells)
            continue
        flush()
        if line.strip():
            out.append(f"<p>{html.escape(line.strip())}</p>")
    flush()
    return "\n".join(out)


def md_to_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


# columns set apart by white space alone, each row on one line (a landscape annex-table layout)
UNRULED = "<style>table { font-size: 7pt; } td, th { border: none; padding: 1pt 12pt 1pt 0; white-space: nowrap; }</style>"


def plan_html(path: Path, ruled: bool = True) -> str:
    text = path.read_text(encoding="utf-8")
    body = md_to_html(text) if path.suffix.lower() == ".md" else txt_to_html(text)
    style = STYLE + ("" if ruled else UNRULED)
    return f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>{style}</head><body>{body}</body></html>"


def plan_title(path: Path) -> str:
    first = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return re.sub(r"^#+\s*", "", first).strip()


HEADER = ("<div style='font-size:8pt; width:100%; text-align:center; color:#333; "
          "border-bottom:0.5pt solid #999; margin:0 15mm'>{title}</div>")
FOOTER = ("<div style='font-size:8pt; width:100%; text-align:center;'>"
          "页码 <span class='pageNumber'></span> / <span class='totalPages'></span></div>")


def print_pdf(page, path: Path, out: Path, ruled: bool = True) -> Path:
    """Render the plan in an open Playwright page and print it to ``out``; ``ruled``: tables with
    cell borders on portrait pages (False: landscape pages, one-line rows, no borders)."""
    page.set_content(plan_html(path, ruled), wait_until="load")
    page.pdf(path=str(out), format="A4", landscape=not ruled, display_header_footer=True,
             header_template=HEADER.format(title=html.escape(plan_title(path))), footer_template=FOOTER,
             margin={"top": "22mm", "bottom": "20mm", "left": "18mm", "right": "18mm"}, print_background=False)
    return out
