"""HTML tables inside a text or Markdown file → tab-separated rows.

Markdown made from PDFs or Word files by converters keeps a table the pipe syntax cannot hold (merged cells, cells
with line breaks) as HTML: `<table><tr><td rowspan="2">…</td>…</tr></table>`, on one line or many. The reader knows
tables as tab-separated rows, so each such table becomes those rows, a merged cell's text repeated in every cell it
covers (as Word tables are read), with blank lines around it. Text outside the tables is left as it is.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

TABLE_BLOCK = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
MAX_SPAN = 64  # a cell spans at most this many rows or columns (a spreadsheet-sized span is a bomb, not a plan)
CELL_SPACE = re.compile(r"[\s\u3000]+")
Charge = Callable[[int, int], None]  # (characters, rows) laid out: the caller's reading budget


class _TableParser(HTMLParser):
    """Rows of cell texts, each cell with its row and column span; a table inside a cell reads as its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, int, int]]] = []
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
        elif self._depth > 1:
            return
        elif tag == "tr":
            self._close_cell()
            self.rows.append([])
        elif tag in ("td", "th"):
            self._close_cell()
            if not self.rows:
                self.rows.append([])
            values = dict(attrs)
            self._span = (_span(values.get("rowspan")), _span(values.get("colspan")))
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
            if self._depth == 0:
                self._close_cell()
        elif self._depth == 1 and tag in ("td", "th", "tr"):
            self._close_cell()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _close_cell(self) -> None:
        if self._cell is not None:
            text = CELL_SPACE.sub(" ", "".join(self._cell)).strip()
            self.rows[-1].append((text, *self._span))
            self._cell = None


def _span(value: str | None) -> int:
    digits = re.match(r"\s*(\d+)", value or "")
    return max(1, min(int(digits.group(1)), MAX_SPAN)) if digits else 1


def table_rows(html: str, charge: Charge = lambda chars, rows: None) -> list[list[str]]:
    """The cell texts of an HTML table, row by row, a merged cell's text in every cell it covers. ``charge`` is told
    the characters and rows as they are laid out, so a reading budget stops a table of huge spans early."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    parser._close_cell()
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) → text a rowspan above carries down
    for r, cells in enumerate(parser.rows):
        row: list[str] = []
        queue = list(reversed(cells))
        while queue or (r, len(row)) in pending:
            if (r, len(row)) in pending:
                text, rows, cols = pending.pop((r, len(row))), 1, 1
            else:
                text, rows, cols = queue.pop()
                for below in range(r + 1, r + rows):
                    for c in range(len(row), len(row) + cols):
                        pending[(below, c)] = text
            charge((len(text) + 1) * cols, 0)
            row.extend([text] * cols)
        charge(0, 1)
        grid.append(row)
    return [row for row in grid if any(row)]


def tables_as_rows(text: str, charge: Charge = lambda chars, rows: None) -> str:
    """The text with each HTML table replaced by its rows, tab-separated, a blank line before and after."""
    if "<table" not in text.lower():
        return text

    def rows(match: re.Match) -> str:
        lines = ["\t".join(cell.replace("\t", " ") for cell in row) for row in table_rows(match.group(), charge)]
        return "\n\n" + "\n".join(lines) + "\n\n"

    return TABLE_BLOCK.sub(rows, text)
