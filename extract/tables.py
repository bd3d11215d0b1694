"""Table rules: the meaning of each column comes from its header.

* entity tables (a 名称 column): one entity per row; 实施区域/地点, or a column headed by a level of division
  alone ("县（市、区）", "乡镇") → locatedIn, 区段 → segment, 类别/类型 → category, 规模/面积/长度（unit） → the
  thing's size (a Quantity with the thing as its area); the table is a Group of its rows, part of the programme
  heading above it. A 名称 column makes a table an entity table even when its first column names places.
* indicator tables (指标名称 + 目标值/单位/控制要求/属性): one Target per row.
* allocation tables (first column names units — counties, townships —, headers "指标（单位，不低于）" or a
  "| 单位 | 万亩 | 公顷 |" row, bounds in the header or the note below): one Allocation per cell.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, name_bounds, names
from plankg.extract.context import RuleContext
from plankg.extract.document import PlanDocument, Table
from plankg.extract.indicator_tables import indicator_table, is_indicator_table, note_bounds
from plankg.extract.places import inner_places
from plankg.extract.model import Attribute, EntityRef, Extraction, Group, Quantity, normalise
from plankg.extract.units import bound_of, known_unit

NAME_COLS = ("名称", "项目", "工程", "保护对象")
LOCATION_COLS = ("实施区域", "实施地点", "所在地", "位置", "地点", "区域", "所在区县", "涉及区域", "所在县", "所在乡镇",
                 "涉及县", "涉及乡镇", "实施县", "建设地点", "所在")
SEGMENT_COLS = ("区段", "河段", "段落")
CATEGORY_COLS = ("类别", "类型", "分类")
ROLE_COLS = ("层级", "等级", "级别", "职能等级")
MONEY_COLS = ("投资",)
SIZE_COLS = ("规模", "建设规模", "治理规模", "修复规模", "面积", "治理面积", "修复面积", "长度", "里程", "建设里程", "库容")
PERIOD_COLS = ("实施时序", "实施期限", "建设期限", "建设年限", "实施年限", "建设时序", "实施时间", "建设时间", "时序", "期限")
# a period printed as two columns: "开工年份 | 完工年份", "起始年 | 建成年"
START_COLS = ("开工年份", "开工时间", "开工年", "起始年份", "起始年", "开始年份", "启动年份", "启动时间")
END_COLS = ("完工年份", "完工时间", "完工年", "竣工年份", "竣工时间", "建成年份", "建成年", "建成时间", "完成年份", "完成时间")
BUILD_COLS = ("建设性质", "建设类型", "项目性质")
NUMBER_COLS = ("序号", "编号")
YEAR_SPAN = re.compile(r"(\d{4})\s*年?\s*(?:[—\-–~～至到]+\s*(\d{4}))?")
# "第9—11项为本规划新增项目", "第3、5项为新增": rows the plan adds (the others carry a higher plan's list)
NEW_ROWS = re.compile(r"第\s*(?P<a>\d+)\s*(?:(?P<sep>[—\-–~～至到、])\s*(?P<b>\d+))?\s*项(?:为|是|系)(?:本规划)?新增")
NATURE_WORDS = {"约束性": "binding", "预期性": "guidance"}
HEADER_UNIT = re.compile(r"^(.+?)[（(]([^，,）)]+)(?:[，,]([^）)]+))?[)）]$")


# a column headed by a level of division alone: "县（市、区）", "区县", "乡镇", "行政区"
DIVISION_HEADER = re.compile(r"^(?:县|区|市|乡|镇|街道|乡镇|区县|县区|县市区|县（市、区）|乡（镇）|镇（乡）|行政区|行政区划)$")


def _division_col(header: tuple[str, ...], exclude: int | None = None) -> int | None:
    """The column whose header is a level of division alone: its cells are the rows' places."""
    for i, h in enumerate(header):
        text = h.replace(" ", "")
        if i != exclude and (DIVISION_HEADER.fullmatch(text) or DIVISION_HEADER.fullmatch(re.sub(r"[（(][^（）()]*[)）]$", "", text))):
            return i
    return None


def _col(header: tuple[str, ...], words: tuple[str, ...], exclude: int | None = None) -> int | None:
    for i, h in enumerate(header):
        if i != exclude and any(w in h for w in words):
            return i
    return None


def table_year(doc: PlanDocument, table: Table, default: int | None) -> int | None:
    m = re.search(r"(\d{4})\s*年", table.title)
    return int(m.group(1)) if m else default


def extract_tables(ctx: RuleContext) -> None:
    doc, ex, default_year = ctx.doc, ctx.ex, ctx.ex.meta.end
    for table in doc.tables:
        header = table.header
        if is_indicator_table(header):
            indicator_table(doc, table, ex, table_year(doc, table, default_year))
        elif header and _col(header[:1], UNIT_COLS) is not None and _col(header, ("名称",)) is None and (
                any(HEADER_UNIT.match(h) for h in header[1:]) or _unit_row(doc, table) is not None):
            # (a table with a 名称 column lists things, its first column their places: "县（市、区） | 工程名称 | …")
            _allocation_table(doc, table, ex, ctx.resolve_place, default_year)
        elif _col(header, NAME_COLS) is not None:
            _entity_table(ctx, table)


def _row_cells(doc: PlanDocument, ordinal: int, width: int) -> tuple[str, ...]:
    cells = doc.passages[ordinal].cells
    return tuple(cells) + ("",) * (width - len(cells))


def _entity_table(ctx: RuleContext, table: Table) -> None:
    doc, ex = ctx.doc, ctx.ex
    header = table.header
    name_i = _col(header, ("名称",)) if _col(header, ("名称",)) is not None else _col(header, NAME_COLS)
    loc_i = _col(header, LOCATION_COLS, exclude=name_i)
    loc_i = loc_i if loc_i is not None else _division_col(header, exclude=name_i)
    seg_i = _col(header, SEGMENT_COLS, exclude=name_i)
    cat_i = _col(header, CATEGORY_COLS, exclude=name_i)
    role_i = _col(header, ROLE_COLS, exclude=name_i)
    money_i = _col(header, MONEY_COLS, exclude=name_i)
    size_i = next((i for i, h in enumerate(header) if i != name_i and (m := HEADER_UNIT.match(h))
                   and m.group(1).strip() in SIZE_COLS), None)
    period_i = _col(header, PERIOD_COLS, exclude=name_i)
    start_i, end_i = _col(header, START_COLS, exclude=name_i), _col(header, END_COLS, exclude=name_i)
    build_i = _col(header, BUILD_COLS, exclude=name_i)
    number_i = _col(header, NUMBER_COLS, exclude=name_i)
    new_rows = _new_rows(doc, table.rows[0] - 1 if table.rows else 0)
    title = table.title or (header[name_i] if name_i is not None else "")
    head_ordinal = table.rows[0] - 1 if table.rows else 0
    kind_word = header[name_i] if name_i is not None else ""
    default_kind = "Project" if any(w in kind_word + title for w in ("工程", "项目")) else None
    # the table's rows are a group named by its title, without the heading's or the table's number
    # ("二、栖霞片区公园一览表", "表6-1 栖霞片区公园一览表"); a title naming nothing ("一、表", "（四）工程表") gives no
    # group, and nor does a table without a title (its name column's header, "名称", names no group)
    group_label = re.sub(r"(一览表|一览|表|清单|安排)$", "",
                         name_bounds.without_part_number(names.without_enumeration(table.title)).strip())
    if len(group_label) < 2 or names.not_a_name(group_label) or names.bare_class_word(group_label):
        group_label = ""
    group = Group(EntityRef("Group", group_label), group_label, len(table.rows), None, source=head_ordinal)
    programme = _programme_above(doc, head_ordinal)
    prog_ref = None
    if programme:
        prog_ref = ex.add_entity(EntityRef("Programme", programme), programme, head_ordinal)
    # a 区段 column gives segments of the water body the programme or table is about
    rivers = [s for s in names.suffix_names(f"{programme}，{title}") if s.kind in names.WATER] if seg_i is not None else []
    river_ref = ex.add_entity(EntityRef(rivers[0].kind, normalise(rivers[-1].text)), rivers[-1].text, head_ordinal) \
        if rivers else None
    for ordinal in table.rows:
        cells = _row_cells(doc, ordinal, len(header))
        name = cells[name_i].strip()
        if not name:
            continue
        for ref in _row_entities(ctx, name, ordinal, default_kind):
            group.members.append(ref)
            if prog_ref is not None:
                ex.relate(ref, "pk:programme", prog_ref, ordinal)
            if loc_i is not None and cells[loc_i]:
                for place in ctx.resolve_places(cells[loc_i], ordinal):
                    ex.relate(ref, "pk:locatedIn", place, ordinal)
            if seg_i is not None and cells[seg_i]:
                ex.relate(ref, "pk:segment", EntityRef("Segment", cells[seg_i].strip()), ordinal)
                if river_ref is not None:
                    ex.relate(ref, "pk:relatedTo", river_ref, ordinal)
            if cat_i is not None and cells[cat_i]:
                cat = EntityRef("Category", cells[cat_i].strip())
                ex.add_entity(cat, cells[cat_i].strip(), ordinal)
                ex.relate(ref, "pk:category", cat, ordinal)
            if role_i is not None and cells[role_i].strip():
                ctx.assign_role(cells[role_i].strip(), ref, ordinal)
            if money_i is not None:
                _investment(ctx, header[money_i], cells[money_i], ref, ordinal)
            if size_i is not None:
                _size(ctx, header[size_i], cells[size_i], ref, ordinal)
            if period_i is not None and cells[period_i].strip():
                _period(ctx, cells[period_i].strip(), ref, ordinal)
            elif start_i is not None and end_i is not None:
                _period_columns(ctx, cells[start_i], cells[end_i], ref, ordinal)
            if build_i is not None and cells[build_i].strip():
                ex.attributes.append(Attribute(ref, "pk:constructionType", cells[build_i].strip(), ordinal))
            number = cells[number_i].strip() if number_i is not None else str(table.rows.index(ordinal) + 1)
            if number.isdigit() and int(number) in new_rows:
                ex.attributes.append(Attribute(ref, "pk:newInPlan", True, new_rows[int(number)]))
    if group.members and group_label:
        ex.add_entity(group.ref, group_label, head_ordinal)
        ex.groups.append(group)
        if prog_ref is not None:
            ex.relate(group.ref, "pk:programme", prog_ref, head_ordinal)


def _row_entities(ctx: RuleContext, name: str, ordinal: int, default_kind: str | None) -> list[EntityRef]:
    """The things a name cell names: one name, or a list of places ("北城街道、南城街道")."""
    if "、" in name:
        places = ctx.resolve_places(name, ordinal)
        if places:
            return places
    places = ctx.resolve_place(name, ordinal)
    if len(places) == 1:
        return places
    listed = ctx.listed_division(name)  # a township the plan's 辖… enumeration named
    if listed is not None:
        return [ctx.ex.add_entity(listed, name, ordinal)]
    kind = lexicon.classify(name) or default_kind or "NamedConcept"
    ref = ctx.named_entity(name, ordinal, kind)
    for text, kind in inner_places(ctx, name):  # the places and features a project is named after
        inner = ctx.make_entity(text, ordinal, kind)
        if inner is not None:
            ctx.ex.relate(ref, "pk:relatedTo", inner, ordinal)
    return [ref]


def _investment(ctx: RuleContext, head: str, cell: str, ref: EntityRef, ordinal: int) -> None:
    """"总投资（亿元）" | 3.60 → an investment value of the project, in the header's unit."""
    m = re.match(r"^\s*(\d+(?:\.\d+)?)\s*(亿元|万元|元)?\s*$", cell)
    unit_m = re.search(r"(亿元|万元|元)", head)
    if m and (m.group(2) or unit_m):
        ctx.ex.quantities.append(Quantity("项目投资", float(m.group(1)), m.group(1), m.group(2) or unit_m.group(1), None,
                                          "eq", ordinal, ctx.doc.passages[ordinal].text, areas=(ref,)))


def _size(ctx: RuleContext, head: str, cell: str, ref: EntityRef, ordinal: int) -> None:
    """"规模（公顷）" | 5200 → the thing's size in the header's unit (建设规模, 面积, 长度 … of that row's thing)."""
    m, named = re.match(r"^\s*(\d+(?:\.\d+)?)\s*$", cell.replace(",", "")), HEADER_UNIT.match(head)
    what, unit = named.group(1).strip(), named.group(2).strip()
    if m and known_unit(unit):
        ctx.ex.quantities.append(Quantity(what, float(m.group(1)), m.group(1), unit, None, "eq", ordinal,
                                          ctx.doc.passages[ordinal].text, areas=(ref,)))


def _period(ctx: RuleContext, cell: str, ref: EntityRef, ordinal: int) -> None:
    """"2022—2025年" → the period as printed, start 2022 and end 2025; "2025年" → end 2025; "近期" → as printed."""
    ctx.ex.attributes.append(Attribute(ref, "pk:implementationPeriod", cell, ordinal))
    m = YEAR_SPAN.search(cell)
    if m:
        if m.group(2):
            ctx.ex.attributes.append(Attribute(ref, "pk:startYear", int(m.group(1)), ordinal))
        ctx.ex.attributes.append(Attribute(ref, "pk:endYear", int(m.group(2) or m.group(1)), ordinal))


def _period_columns(ctx: RuleContext, start: str, end: str, ref: EntityRef, ordinal: int) -> None:
    """"2021" | "2027" in a start and an end column → the same facts as one "2021-2027" period cell."""
    a, b = re.search(r"\d{4}", start), re.search(r"\d{4}", end)
    if a and b:
        _period(ctx, f"{a.group(0)}-{b.group(0)}", ref, ordinal)


def _new_rows(doc: PlanDocument, head: int) -> dict[int, int]:
    """Row numbers the text before a table (in its section) calls new in this plan → the passage saying so."""
    section = doc.passages[head].section
    out: dict[int, int] = {}
    for p in reversed(doc.passages[:head]):
        if p.section != section:
            break
        for m in NEW_ROWS.finditer(p.text):
            a, b = int(m.group("a")), int(m.group("b") or m.group("a"))
            rows = {a, b} if m.group("sep") == "、" else set(range(a, b + 1))
            out.update({n: p.ordinal for n in rows if n <= 500})
    return out


def _programme_above(doc: PlanDocument, ordinal: int) -> str | None:
    """The nearest heading above a table, in its section, that names a programme (…行动/…计划)."""
    section = doc.passages[ordinal].section
    for p in reversed(doc.passages[:ordinal]):
        if p.section != section:
            return None
        if p.kind in ("heading", "item") and lexicon.classify(p.text.strip()) == "Programme":
            return p.text.strip()
    return None


def _number(cell: str) -> float | None:
    try:
        return float(cell.replace(",", "").strip())
    except ValueError:
        return None


# the first column of an allocation table names the units the values go to
UNIT_COLS = ("区县", "县", "区", "单位", "行政区", "地区", "乡镇", "镇", "乡", "街道")
UNIT_ROW = ("单位", "计量单位")  # "| 单位 | 万亩 | 公顷 |": the units of the columns, printed as a row


def _unit_row(doc: PlanDocument, table: Table) -> tuple[str, ...] | None:
    """The cells of a table's first row when it gives the columns' units rather than a unit's values."""
    if not table.rows:
        return None
    cells = doc.passages[table.rows[0]].cells
    return tuple(cells) if cells and cells[0].strip() in UNIT_ROW else None


def _allocation_columns(doc: PlanDocument, table: Table) -> list[tuple[int, str, str, str]]:
    """(column, indicator, unit, bound) of each value column: the unit from the header ("指标（万亩，不低于）")
    or from a unit row; the bound from the header or from the note under the table ("A为下限，B为上限")."""
    header, unit_row = table.header, _unit_row(doc, table)
    noted = note_bounds(doc, table)
    columns = []
    for i, h in enumerate(header[1:], start=1):
        m = HEADER_UNIT.match(h)
        name, unit, extra = (m.group(1).strip(), m.group(2).strip(), m.group(3) or "") if m else (h.strip(), "", "")
        if not unit and unit_row is not None and i < len(unit_row):
            unit = unit_row[i].strip()
        if not unit or not name or names.counts_divisions(name):  # "乡数量（个）" counts units, allocates nothing
            continue
        columns.append((i, name, unit, bound_of(extra) or noted.get(name) or "eq"))
    return columns


def _allocation_table(doc: PlanDocument, table: Table, ex: Extraction, resolve_place, default_year) -> None:
    header = table.header
    year = table_year(doc, table, default_year)
    nature = next((n for w, n in NATURE_WORDS.items() if w in table.title), None)
    columns = _allocation_columns(doc, table)
    for ordinal in table.rows:
        cells = _row_cells(doc, ordinal, len(header))
        places = resolve_place(cells[0], ordinal)
        if len(places) != 1:
            continue  # totals ("合计") and unknown units are not allocations
        for i, indicator, unit, bound in columns:
            value = _number(cells[i])
            if value is None:
                continue
            ex.quantities.append(Quantity(
                indicator=indicator, value=value, value_text=cells[i].strip(), unit=unit, year=year,
                bound=bound, source=ordinal, text=f"{cells[0]} {header[i]} {cells[i]}", kind="Allocation",
                nature=nature or "binding", areas=(places[0],)))


@Language.component("plankg_tables", requires=["doc._.plan", "doc._.rules"],
                    assigns=["doc._.entities", "doc._.relations", "doc._.groups", "doc._.roles", "doc._.quantities"])
def tables_component(doc: Doc) -> Doc:
    """Every table by the meaning of its header: entity, indicator or allocation table."""
    ctx: RuleContext = doc._.rules
    extract_tables(ctx)
    return doc
