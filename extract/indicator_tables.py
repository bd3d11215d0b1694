"""Indicator tables: one value per row and value column, whatever the layout.

The genre prints the same facts in many layouts. This module reads each piece from wherever it is:
* value columns: 目标值 / 规划值 / 指标值, or year columns (2025年, 2035年（目标）), or base columns
  (基期年, 现状值, the plan's base year) — base values are kept as measurements of the base year, not targets;
* unit: in the cell ("63520公顷"), a 单位 column, the indicator cell's brackets ("耕地保有量（万亩）")
  or the value column's header brackets ("2035年（公顷）");
* bound: in the cell ("≥63520", "96以上"), a 控制要求 column (≥ / 不低于 / 下限), the header brackets
  ("（万亩，不低于）"), or a note under the table ("第1、2项为下限…第4项为上限");
* nature: a 属性 column (约束性 / 预期性), else the table's title ("约束性指标表");
* year: a value column's header ("2035年"), else a target-year column (目标年 / 年份 / 规划年) in any
  position — its cells are the rows' years, never values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.extract.document import PlanDocument, Table
from plankg.extract.model import Extraction, Quantity
from plankg.extract.units import bound_of, known_unit

NAME_COLS = ("指标名称", "指标项", "名称", "指标")
# headers that begin like a name column but hold something else: "指标属性", "指标类型", "指标值", "指标单位"
NOT_NAME = ("属性", "性质", "类型", "类别", "分类", "值", "单位")
UNIT_COLS = ("单位",)
BOUND_COLS = ("控制要求", "管控要求", "约束要求", "控制方式", "上下限", "要求", "约束方向", "控制方向", "限值类型")
YEAR_COLS = re.compile(r"^(?:目标|规划|达标|完成)?(?:年份|年度|年限|年)(?:[（(].*[)）])?$|^目标年")
NATURE_COLS = ("指标属性", "属性", "性质")
VALUE_COLS = ("目标值", "规划值", "指标值", "规划目标", "数值", "目标")
BASE_COLS = ("基期", "现状")
YEAR_HEAD = re.compile(r"(\d{4})\s*年?")
NATURE_WORDS = {"约束性": "binding", "预期性": "guidance"}
EMPTY = re.compile(r"^[\s—\-–/／*、]*$")
CELL = re.compile(r"^(?P<pre>≥|≤|＞|＜|>|<|=|＝|不低于|不少于|不超过|不高于|不大于|不小于|约)?\s*"
                  r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s（）()]*?)\s*(?P<post>以上|以下|以内|左右)?$")
BRACKETS = re.compile(r"[（(]([^（）()]+)[)）]")
NOTE_BOUND = re.compile(r"第(?P<nums>\d+(?:\s*[、，,和及至到-]\s*\d+)*)\s*项(?:指标)?(?:均)?(?:为|是|属于)(?P<kind>下限|上限)")
NOTE_START = re.compile(r"^(?:说明|注|备注)")
# a note naming the rows: "注：A、B的规划值为下限值；C为上限值；D为预期值" (a clause per bound)
NOTE_NAMED = re.compile(r"(?P<names>[^；;。：:]+?)(?:的)?(?:规划值|目标值|指标值|规划目标)?(?:均|都)?(?:为|是|属于|按)"
                        r"(?P<kind>下限|上限|预期|期望)值?")
NOTE_KINDS = {"下限": "ge", "上限": "le", "预期": "eq", "期望": "eq"}


@dataclass(frozen=True)
class Column:
    index: int
    year: int | None
    base: bool  # a base-year (现状) column: measurements, bound "eq"
    unit: str | None  # from the header's brackets
    bound: str | None  # from the header's brackets
    dated: bool = False  # the header names the year ("2035年"): a year column of the row does not override it


def is_indicator_table(header: tuple[str, ...]) -> bool:
    return _name_col(header) is not None and bool(_value_columns(header, None, None, None))


def _name_col(header: tuple[str, ...]) -> int | None:
    """The column naming the indicator: "指标名称" / "指标项" anywhere in the row; a bare "名称" when another
    column speaks of indicators ("指标属性", "属性": a list of places or projects also has a 名称 column);
    else a header that starts with "指标" and is none of the nature, type, value or unit columns."""
    of_indicators = any("指标" in h for h in header) or _col(header, NATURE_COLS) is not None
    for word in NAME_COLS:
        for i, h in enumerate(header):
            if not h.startswith(word) or (word == "名称" and not of_indicators):
                continue
            if word != "指标" or not names_something_else(h):
                return i
    return None


def names_something_else(header: str) -> bool:
    """A header that starts like an indicator-name column but holds its nature, type, value or unit
    ("指标属性", "指标类型", "指标值"); the observation tables' reader asks the same."""
    return header.strip().startswith("指标") and any(w in header for w in NOT_NAME)


def _col(header: tuple[str, ...], words: tuple[str, ...]) -> int | None:
    return next((i for i, h in enumerate(header) if any(w in h for w in words)), None)


def _year_col(header: tuple[str, ...]) -> int | None:
    """A column of target years ("目标年", "年份"): not a value column, and no year of its own."""
    return next((i for i, h in enumerate(header) if YEAR_COLS.match(h.strip()) and not YEAR_HEAD.search(h)), None)


def _header_extras(text: str) -> tuple[str | None, str | None]:
    """'耕地保有量（万亩，不低于）' / '2035年（公顷）' → (unit, bound) found in the brackets."""
    unit = bound = None
    for inner in BRACKETS.findall(text):
        for part in re.split(r"[，,、]", inner):
            part = part.strip()
            if known_unit(part):
                unit = known_unit(part)
            elif bound_of(part):
                bound = bound_of(part)
    return unit, bound


def _value_columns(header: tuple[str, ...], base_year: int | None, near_year: int | None,
                   default_year: int | None) -> list[Column]:
    name_i = _name_col(header)
    skip = {name_i, _col(header, UNIT_COLS), _col(header, BOUND_COLS), _col(header, NATURE_COLS), _col(header, ("序号",)),
            _year_col(header)}
    out = []
    for i, h in enumerate(header):
        if i in skip:
            continue
        unit, bound = _header_extras(h)
        m = YEAR_HEAD.search(h)
        is_base = any(w in h for w in BASE_COLS)
        if m and 1990 <= int(m.group(1)) <= 2100:
            year = int(m.group(1))
            out.append(Column(i, year, is_base or (year == base_year and "目标" not in h), unit, bound, dated=True))
        elif is_base:
            out.append(Column(i, base_year, True, unit, bound))
        elif "近期" in h:
            out.append(Column(i, near_year, False, unit, bound))
        elif any(w in h for w in VALUE_COLS) or "远期" in h:
            out.append(Column(i, default_year, False, unit, bound))
    return out


def note_bounds(doc: PlanDocument, table: Table) -> dict[int | str, str]:
    """'说明：第1、2、3、7项为下限…；第4、5、6项为上限' under a table → {row number: bound}; a note that
    names the indicators ('A、B的规划值为下限值') → {indicator name: bound}."""
    out: dict[int | str, str] = {}
    if not table.rows:
        return out
    last = doc.passages[table.rows[-1]]
    for p in doc.passages[last.ordinal + 1: last.ordinal + 4]:
        if p.section != last.section or p.kind in ("heading", "table-header"):
            break
        if not NOTE_START.match(p.text):
            continue
        for m in NOTE_BOUND.finditer(p.text):
            for n in _numbers(m.group("nums")):
                out[n] = "ge" if m.group("kind") == "下限" else "le"
        for m in NOTE_NAMED.finditer(NOTE_START.sub("", p.text).lstrip("：: ")):
            for name in re.split(r"[、，,和及与]", m.group("names")):
                if name.strip() and not NOTE_BOUND.search(m.group(0)):
                    out.setdefault(name.strip(), NOTE_KINDS[m.group("kind")])
    return out


def _numbers(text: str) -> list[int]:
    out: list[int] = []
    for a, b in re.findall(r"(\d+)\s*(?:[至到-]\s*(\d+))?", text):
        out.extend(range(int(a), int(b) + 1) if b else [int(a)])
    return out


def _name_and_unit(cell: str) -> tuple[str, str | None]:
    """'耕地保有量（万亩）' → ('耕地保有量', '万亩'); other brackets stay in the name."""
    unit = None
    for inner in BRACKETS.findall(cell):
        if known_unit(inner):
            unit = known_unit(inner)
            cell = cell.replace(f"（{inner}）", "").replace(f"({inner})", "")
    return cell.strip(), unit


def indicator_table(doc: PlanDocument, table: Table, ex: Extraction, default_year: int | None) -> None:
    header = table.header
    meta = ex.meta
    name_i = _name_col(header)
    unit_i, bound_i, nature_i = _col(header, UNIT_COLS), _col(header, BOUND_COLS), _col(header, NATURE_COLS)
    number_i = _col(header, ("序号",))
    year_i = _year_col(header)
    table_nature = next((v for w, v in NATURE_WORDS.items() if w in table.title), None)
    _, name_head_bound = _header_extras(header[name_i])
    name_head_unit = _header_extras(header[name_i])[0]
    columns = _value_columns(header, meta.base_year, meta.near_term_year, default_year)
    notes = note_bounds(doc, table)
    areas = (meta.region,) if meta.region else ()
    for n_row, ordinal in enumerate(table.rows, start=1):
        cells = tuple(doc.passages[ordinal].cells) + ("",) * len(header)
        name, name_unit = _name_and_unit(cells[name_i])
        if not name or EMPTY.match(name):
            continue
        row_number = int(cells[number_i]) if number_i is not None and cells[number_i].strip().isdigit() else n_row
        row_bound = bound_of(cells[bound_i]) if bound_i is not None else None
        nature = next((v for w, v in NATURE_WORDS.items() if nature_i is not None and w in cells[nature_i]), table_nature)
        row_year = YEAR_HEAD.fullmatch(cells[year_i].strip()) if year_i is not None else None
        for col in columns:
            m = CELL.match(cells[col.index].strip())
            if m is None:
                continue
            cell_unit = known_unit(m.group("unit")) or None
            unit = cell_unit or (cells[unit_i].strip() if unit_i is not None else "") or name_unit or col.unit \
                or name_head_unit or ""
            if col.base:
                bound = "eq"
            else:
                bound = bound_of(m.group("pre") or "") or bound_of(m.group("post") or "") or row_bound or col.bound \
                    or name_head_bound or notes.get(row_number) or notes.get(name) or "eq"
            ex.quantities.append(Quantity(
                indicator=name, value=float(m.group("num")), value_text=cells[col.index].strip(), unit=unit,
                year=int(row_year.group(1)) if row_year and not col.base and not col.dated else col.year,
                bound=bound, source=ordinal, text=doc.passages[ordinal].text,
                kind="Measurement" if col.base else "Target", nature=nature, areas=areas))


