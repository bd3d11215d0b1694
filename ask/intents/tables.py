"""Answers read from a plan's tables: a column of the named thing's row ("X的总投资是多少"), the row
ranked first by a column ("投资估算最大的项目"), and a column's total ("投资估算合计多少")."""
from __future__ import annotations

import re

from plankg.ask.intents.base import RunnerBase
from plankg.ask.model import Answer, Intent, Table
from plankg.ask.tables import (cell_number, column_named, group_tables, header_core, header_unit, is_id_column,
                               name_column)
from plankg.ask.templates import NO_GRAPH, values
from plankg.ask.text import fmt_number, norm

# "超过20000", "不低于20000": comparator words before a number; "20000万元以上": after it
BOUND_WORDS = {"超过": "gt", "大于": "gt", "高于": "gt", "多于": "gt", "不少于": "ge", "不低于": "ge", "不小于": "ge",
               "达到": "ge", "低于": "lt", "小于": "lt", "少于": "lt", "不超过": "le", "不高于": "le", "不大于": "le"}
RE_BOUND_BEFORE = re.compile(r"^在?(" + "|".join(sorted(BOUND_WORDS, key=len, reverse=True)) + r")([0-9]+(?:\.[0-9]+)?)")
RE_BOUND_AFTER = re.compile(r"^[为在]?([0-9]+(?:\.[0-9]+)?)[^0-9，,。？?]{0,4}?(以上|以下)")
RE_EQUALS = re.compile(r"^(?:为|是|在|属于|等于)")


def row_condition(text: str, column: str):
    """What the question asks of a column's cells, read from the words right after the column's header:
    ("bound", op, number) or ("equals", rest of the question) or None."""
    at = text.find(column)
    if at < 0:
        return None
    after = text[at + len(column):]
    m = RE_BOUND_BEFORE.match(after)
    if m:
        return "bound", BOUND_WORDS[m.group(1)], float(m.group(2))
    m = RE_BOUND_AFTER.match(after)
    if m:
        return "bound", "ge" if m.group(2) == "以上" else "le", float(m.group(1))
    m = RE_EQUALS.match(after)
    return ("equals", after[m.end():]) if m else None


RE_TOTAL_ROW = re.compile(r"^(合计|总计|小计|共计|汇总|总量|全市|全县|全区|全域|市域|县域)")


def is_total_row(cells: list[str], name_col: int) -> bool:
    """A table's total row ("合计", "全市"): no candidate for the largest row, and not summed twice."""
    return name_col < len(cells) and bool(RE_TOTAL_ROW.match(norm(cells[name_col]).replace(" ", "")))


def meets(cell: str, cond) -> bool:
    if cond[0] == "bound":
        v = cell_number(cell)
        op, n = cond[1], cond[2]
        return v is not None and {"gt": v > n, "ge": v >= n, "lt": v < n, "le": v <= n}[op]
    value = norm(cell)
    return any(len(x) >= 2 and cond[1].startswith(x) for x in [value] + re.split(r"[、，,；;]", value))


# the name endings of each kind of place a question asks for ("哪些村" → names ending in 村)
DIVISION_SUFFIXES = {"乡镇": ("乡", "镇"), "县区": ("县", "区"), "区县": ("县", "区"), "行政村": ("村",)}


class TableReader(RunnerBase):
    """Plan tables read through SPARQL (so the answer shows the query that found them)."""

    def scoped_tables(self, plans: list[str]) -> tuple[list[Table], str]:
        """The tables of the plans (every plan when none is named), read from the store."""
        graphs = self.index.plan_graphs(set(plans)) if plans else self.index.plans
        q = f"""SELECT ?g ?row ?cells ?kind ?ord ?section WHERE {{
  {values("g", list(graphs) or [NO_GRAPH])}
  GRAPH ?g {{ ?row pk:cellText ?cells . OPTIONAL {{ ?row pk:passageKind ?kind }} OPTIONAL {{ ?row pk:ordinal ?ord }}
             OPTIONAL {{ ?row eli:is_part_of/rdfs:label ?section }} }}
}}"""
        return group_tables(self.select(q), self.index.plan_title), q


class TableIntents(TableReader):
    """Intent family: table."""

    def do_table(self, intent: Intent) -> Answer:
        s = intent.slots
        if s.order in ("max", "min", "sum"):
            return self.table_column(intent)
        if s.order == "where":
            return self.table_rows_where(intent)
        if s.division_kind:
            return self.table_places(intent)
        return self.table_cell(intent)

    def table_places(self, intent: Intent) -> Answer:
        """Places of one kind (names ending 村, 乡 …) that the named thing's table rows list outside the name."""
        s = intent.slots
        suffixes = DIVISION_SUFFIXES.get(s.division_kind, (s.division_kind,))
        q = f"""SELECT DISTINCT ?g ?row WHERE {{
  {values("s", s.subjects)} {self.graph_values(s.plans)}
  GRAPH ?g {{ ?s pk:source ?row . ?row pk:cellText ?cells }}
}}"""
        per_plan: dict[str, list[str]] = {}
        rows_used = []
        for r, row, header in self.table_rows(q, s.plans):
            nc = name_column(header)
            items = [x for i, c in enumerate(row.cells) if i != nc for x in re.split(r"[、，,；;]", norm(c))
                     if len(x) > len(s.division_kind) and x.endswith(suffixes)]
            if items:
                rows_used.append(row)
                found = per_plan.setdefault(self.index.plan_title(r["g"]), [])
                found.extend(x for x in items if x not in found)
        names = list(dict.fromkeys(x for xs in per_plan.values() for x in xs))
        if not names:  # no table row names them: the places the text locates it in ("在A村、B村实施")
            return self.located_places(intent, suffixes)
        answers = [{"label": x, "plans": [t for t, xs in per_plan.items() if x in xs]} for x in names]
        subject = "、".join(self.label(x) for x in s.subjects)
        text = (f"{subject}涉及{'、'.join(names)}（据{'、'.join(f'《{t}》' for t in per_plan)}的表格）。" if self.zh()
                else f"{subject} involves {', '.join(names)} (tables of {', '.join(per_plan)}).")
        ev = [self.ev_item(p, names + [subject]) for p in rows_used[:4]]
        return Answer("", answers, text, q, ev, basis="规划表格" if self.zh() else "the plan's table")

    def located_places(self, intent: Intent, suffixes: tuple[str, ...]) -> Answer:
        """Places of one kind that the plans locate the named thing in (pk:locatedIn)."""
        s = intent.slots
        q = f"""SELECT DISTINCT ?g ?place WHERE {{
  {values("s", s.subjects)} {self.graph_values(s.plans)}
  GRAPH ?g {{ ?s pk:locatedIn ?place }}
}} LIMIT 100"""
        rows = [r for r in self.select(q) if self.label(r["place"]).endswith(suffixes)]
        per_plan = self.group_by_plan(rows, "place")
        answers = self.entity_answers(per_plan)
        if not answers:
            return Answer("", [], self.not_found(), q, [])
        subject = "、".join(self.label(x) for x in s.subjects)
        names = [a["label"] for a in answers]
        text = f"{subject}位于{'、'.join(names)}。" if self.zh() else f"{subject} is in {', '.join(names)}."
        return Answer("", answers, text, q, self.evidence(s.subjects, names + [subject]), basis="pk:locatedIn",
                      plans=self.plan_list(per_plan))

    def table_cell(self, intent: Intent) -> Answer:
        """The asked column of the table rows that are the named thing's sources, per plan."""
        s = intent.slots
        q = f"""SELECT DISTINCT ?g ?s ?row WHERE {{
  {values("s", s.subjects)} {self.graph_values(s.plans)}
  GRAPH ?g {{ ?s pk:source ?row . ?row pk:cellText ?cells }}
}}"""
        answers, rows_used = [], []
        for r, row, header in self.table_rows(q, s.plans):
            col = column_named(s.question_text, header)
            if col is None or col >= len(row.cells) or header_core(header[col]) != s.column:
                continue
            value, unit = row.cells[col].strip(), header_unit(header[col])
            label = f"{value} {unit}".strip() if unit and cell_number(value) is not None else value
            if label not in [a["label"] for a in answers]:
                answers.append({"label": label, "value": value, "unit": unit, "column": header[col],
                                "iri": r["s"], "plans": [self.index.plan_title(r["g"])]})
            rows_used.append(row)
        if not answers:
            return Answer("", [], self.not_found(), q, [])
        name = "、".join(self.label(x) for x in s.subjects)
        parts = [f"《{a['plans'][0]}》：{a['label']}" if self.zh() else f"{a['plans'][0]}: {a['label']}" for a in answers]
        text = (f"{name}的{s.column}——" + "；".join(parts) + "。") if self.zh() else \
            (f"{s.column} of {name} — " + "; ".join(parts) + ".")
        ev = [self.ev_item(p, [a["value"] for a in answers] + [name]) for p in rows_used[:4]]
        return Answer("", answers, text, q, ev, basis=f"表格“{answers[0]['column']}”列" if self.zh() else
                      f"the table column “{answers[0]['column']}”")

    def table_rows_where(self, intent: Intent) -> Answer:
        """The rows (by their name cell) whose asked column holds the value the question states, or meets its
        bound ("实施时序为2021—2025年的项目", "投资估算超过20000万元的项目"), per table."""
        s = intent.slots
        cond = row_condition(s.question_text, s.column)
        tables, q = self.scoped_tables(s.plans)
        answers, ev, titles = [], [], []
        for table in tables if cond else []:
            col = next((i for i, c in enumerate(table.header) if header_core(c) == s.column), None)
            if col is None:
                continue
            nc, title = name_column(table.header), self.index.plan_title(table.graph)
            for row in table.rows:
                if col < len(row.cells) and nc < len(row.cells) and meets(row.cells[col], cond):
                    name = row.cells[nc].strip()
                    ref = next((r for r in sorted(self.index.names.get(norm(name), ()), key=lambda r: r.iri)
                                if r.kind in ("entity", "division")), None)
                    answers.append({"label": name, "value": row.cells[col], "column": table.header[col],
                                    "plans": [title], **({"iri": ref.iri} if ref else {})})
                    ev.append(self.ev_item(row, [name, row.cells[col]]))
                    titles += [title] if title not in titles else []
        if not answers:
            return Answer("", [], self.not_found(), q, [])
        names = ("、" if self.zh() else ", ").join(a["label"] for a in answers)
        src = "、".join(f"《{t}》" for t in titles)
        text = (f"共{len(answers)}项：{names}（据{src}表格“{s.column}”列）。" if self.zh() else
                f"{len(answers)} found: {names} (column “{s.column}” of the tables of {', '.join(titles)}).")
        return Answer("", answers, text, q, ev[:4], basis=(f"规划表格的“{s.column}”列" if self.zh() else
                                                          f"the plan table's column “{s.column}”"))

    @staticmethod
    def rows_of_unit_asked(table: Table, question: str) -> bool:
        """"哪个乡镇的…最大", "各乡镇…合计": a table whose rows are units of that kind (its name header says so, or most names
        end so); any table when the question names no unit."""
        m = re.search(r"(?:哪(?:个|些|一个|几个)|各)(乡镇|区县|县区|街道|县|区|镇|乡|村)", question)
        if not m:
            return True
        unit = m.group(1)
        nc = name_column(table.header)
        if unit in table.header[nc] or any(u in table.header[nc] for u in (unit[:1], unit[-1:])):
            return True
        ends = DIVISION_SUFFIXES.get(unit, (unit,))
        names = [norm(r.cells[nc]) for r in table.rows if nc < len(r.cells)]
        return sum(n.endswith(ends) for n in names) * 2 > len(names)

    @staticmethod
    def rows_named_by(table: Table, col: int, question: str) -> list:
        """The rows a question narrows to by a value of another column it states ("中游的项目投资合计",
        "松溪县投资最大的项目"); every row when it states none."""
        skip = {col, name_column(table.header)} | {i for i, h in enumerate(table.header) if is_id_column(h)}
        def stated(row) -> bool:
            return any(i not in skip and len(x) >= 2 and x in question
                       for i, c in enumerate(row.cells) for x in [norm(c)] + re.split(r"[、，,；;]", norm(c)))
        narrowed = [r for r in table.rows if stated(r)]
        return narrowed or table.rows

    def table_column(self, intent: Intent) -> Answer:
        """Per table with the asked column: the row ranked first by it, or its total."""
        s = intent.slots
        answers, ev, parts = [], [], []
        tables, q = self.scoped_tables(s.plans)
        for table in tables:
            col = next((i for i, c in enumerate(table.header) if header_core(c) == s.column), None)
            if col is None or not self.rows_of_unit_asked(table, s.question_text):
                continue
            numbered = [(cell_number(p.cells[col]), p) for p in self.rows_named_by(table, col, s.question_text)
                        if col < len(p.cells)]
            numbered = [(v, p) for v, p in numbered if v is not None and not is_total_row(p.cells, name_column(table.header))]
            if not numbered:
                continue
            unit, title = header_unit(table.header[col]), self.index.plan_title(table.graph)
            if s.order == "sum":
                total = fmt_number(sum(v for v, _ in numbered))
                label = f"{total} {unit}".strip()
                answers.append({"label": label, "value": total, "unit": unit, "rows": len(numbered),
                                "plans": [title]})
                parts.append(f"《{title}》{table.section}所列{len(numbered)}项的{s.column}合计{label}" if self.zh()
                             else f"{title}: {s.column} of the {len(numbered)} rows totals {label}")
                ev += self.passages_stating([title], total, [s.column]) + \
                    [self.ev_item(p, [p.cells[col]]) for _, p in numbered[:2]]
                continue
            pick = max if s.order == "max" else min
            best = pick(v for v, _ in numbered)
            top = [p for v, p in numbered if v == best]
            name_col = name_column(table.header)
            for p in top:
                name = p.cells[name_col] if name_col < len(p.cells) else p.text
                answers.append({"label": name, "value": p.cells[col], "unit": unit, "plans": [title]})
                parts.append(f"《{title}》中{s.column}{'最大' if s.order == 'max' else '最小'}的是{name}"
                             f"（{fmt_number(best)}{unit}）" if self.zh() else
                             f"{title}: {name} has the {'largest' if s.order == 'max' else 'smallest'} "
                             f"{s.column} ({fmt_number(best)} {unit})")
                ev.append(self.ev_item(p, [name, p.cells[col]]))
        if not answers:
            return Answer("", [], self.not_found(), q, [])
        text = ("；".join(parts) + "。") if self.zh() else ("; ".join(parts) + ".")
        return Answer("", answers, text, q, ev[:4], basis=("规划表格的“" + s.column + "”列") if self.zh() else
                      f"the plan table's column “{s.column}”")

