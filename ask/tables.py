"""Reading plan tables: which column a question names, the name column of a table, numbers in cells.

A column is named by its header without the unit note ("投资估算（万元）" is named by 投资估算 and
counts in 万元). Generic over any plan: no header words are listed here except the id columns.
"""
from __future__ import annotations

import json
import re

from plankg.ask.model import Passage, Table
from plankg.ask.text import norm, tail

_UNIT_NOTE = re.compile(r"[（(]([^）)]{1,10})[）)]$")
ID_COLUMNS = ("序号", "编号", "序")
_NUMBER = re.compile(r"^[≥≤＞＜><约~～]*\s*(-?\d+(?:\.\d+)?)\s*$")


def header_core(cell: str) -> str:
    """"投资估算（万元）" → "投资估算"."""
    return _UNIT_NOTE.sub("", norm(cell))


def header_unit(cell: str) -> str:
    """"投资估算（万元）" → "万元"; "" when the header states no unit."""
    m = _UNIT_NOTE.search(norm(cell))
    return m.group(1) if m else ""


def is_id_column(cell: str) -> bool:
    return header_core(cell) in ID_COLUMNS


def name_column(header: list[str]) -> int:
    """The column holding the row's name: a header with 名称 in it, else the first non-id column."""
    for i, cell in enumerate(header):
        if "名称" in cell or header_core(cell) in ("名称", "项目", "名单"):
            return i
    return next((i for i, cell in enumerate(header) if not is_id_column(cell)), 0)


def column_named(text: str, header: list[str]) -> int | None:
    """The column whose header (without its unit note) the question states, longest first; never the
    id or name column."""
    skip = name_column(header)
    best, best_len = None, 1
    for i, cell in enumerate(header):
        core = header_core(cell)
        if i == skip or is_id_column(cell) or len(core) <= best_len:
            continue
        if core in text or _year_asked(core, text):
            best, best_len = i, len(core)
    return best


def _year_asked(core: str, text: str) -> bool:
    """"完工年份" asked as "哪一年完工" / "何时完工": a year column named by its verb and a question for a year."""
    m = re.match(r"^([\u4e00-\u9fff]{2})(?:年份|年|时间)$", core)
    return bool(m) and m.group(1) in text and re.search(r"哪一?年|何年|哪个年份|什么时[候间]|何时", text) is not None


def cell_number(cell: str) -> float | None:
    """A cell's number ("56200", "≥63520", "2.40"), or None when the cell is not one number."""
    m = _NUMBER.match(norm(cell).replace(",", "").replace("，", ""))
    return float(m.group(1)) if m else None


def group_tables(rows: list[dict], plan_title) -> list[Table]:
    """Tables from table-row query rows (g, row, cells, kind, ord, section): each table-header row with the
    rows of as many cells that follow it in its graph."""
    out: list[Table] = []
    for r in sorted(rows, key=lambda r: (r["g"], int(r.get("ord") or 0))):
        try:
            cells = [str(c) for c in json.loads(str(r["cells"]))]
        except (ValueError, TypeError):
            continue
        p = Passage(r["row"], "\t".join(cells), r["g"], str(r.get("section") or ""), plan_title(r["g"]),
                    tail(r.get("kind")) or "", cells, int(r.get("ord") or 0))
        if p.kind == "table-header" or not out or out[-1].graph != p.graph:
            out.append(Table(p.graph, p.section, cells, [], p))
        elif len(cells) == len(out[-1].header):
            out[-1].rows.append(p)
    return [t for t in out if t.rows]
