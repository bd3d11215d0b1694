"""Indicator values in the unit, year and bound asked, and their comparison with an allocation."""
from __future__ import annotations

from collections import Counter, defaultdict

import re

from plankg.ask.intents.tables import TableReader
from plankg.ask.model import Answer, Intent, Slots
from plankg.ask.tables import cell_number, header_core, header_unit, name_column
from plankg.ask.templates import values
from plankg.ask.text import fmt_number, norm, tail, to_int
from plankg.ontology import unit_table
from plankg.ontology.quantities import convert, meets_bound, to_canonical

RE_YEAR = re.compile(r"(?:19|20)\d{2}")
# "A和B哪个的X更大", "A与B相比谁的X更高": a comparison of one indicator between places
RE_WHICH_MORE = re.compile(r"(?:哪|谁)[^？?]{0,24}?(?:更|较)(大|高|多|长|小|低|少|短)")
# "…最多的是哪个县", "哪个县的…最多": the place whose value ranks first among the places a plan states it for
RE_WHICH_MOST = re.compile(r"最(大|高|多|长|小|低|少|短)的?(?:是)?哪|哪[个一][^？?]{0,16}?最(大|高|多|长|小|低|少|短)")


class IndicatorIntents(TableReader):
    """Intent families: value, compliance."""

    def do_value(self, intent: Intent) -> Answer:
        s = intent.slots
        ans = self.indicator_values(s.indicators, s.places, s.years, s.plans, mention_iris=s.mention_iris,
                                    value_kind=s.value_kind,
                                    # no year asked: a plan's figure is its target (latest year), unless 现状 is asked
                                    target_first=not s.years and s.value_kind != "Measurement")
        if not ans.answers and s.question_text:  # no value node: the plan's indicator table, if it has one
            ans = self.table_values(s) or ans
        unit = asked_unit(s.question_text)
        if unit and in_unit(ans.answers, unit):
            ans.text = self.value_text(ans.answers)
            stated = [e for a in ans.answers if a.get("stated") for e in
                      self.passages_stating(a["plans"], a["value"], [a.get("indicator") or ""])]
            ans.evidence = (stated + ans.evidence)[:4]
        m = RE_WHICH_MORE.search(s.question_text)
        if m and len(set(s.places)) >= 2 and ans.answers:
            self.compare_places(ans, m.group(1) in "大高多长")
        self.rank_places(ans, s.question_text)
        return ans

    def rank_places(self, ans: Answer, question: str) -> None:
        """"…最多的是哪个县（市、区）": among the places one plan states the value for (one place each), in the
        year most of them share, the one ranked first becomes the first answer; the whole they make up (the
        plan's region, an ancestor of the others) takes no part."""
        m = RE_WHICH_MOST.search(question or "")
        if m is None:
            return
        larger = (m.group(1) or m.group(2)) in "大高多长"
        cands = [a for a in ans.answers if len(a.get("area_iris") or ()) == 1]
        inner = {a["area_iris"][0] for a in cands}
        wholes = {x for x in inner if any(x in self.index.ancestors(o) for o in inner if o != x)}
        cands = [a for a in cands if a["area_iris"][0] not in wholes]
        years = Counter(a.get("year") for a in cands)
        if len(cands) < 2 or not years:
            return
        year = max(years, key=lambda y: (years[y], y or 0))
        scored = _ranked([(c, a) for a in cands if a.get("year") == year and (c := _canonical(a))], larger)
        if scored is None:
            return  # not comparable in one unit: the values stay as listed
        win = scored[0][1]
        ans.answers = [_place_answer(win, scored)]
        listing = "、".join(f"{a['area']}{a['label']}" for _, a in scored)
        ans.text = (f"{win['area']}的{win.get('indicator') or ''}{'最' + (m.group(1) or m.group(2))}（{listing}）。"
                    if self.zh() else f"{win['area_en'] or win['area']} ranks first ({listing}). ") + ans.text

    def compare_places(self, ans: Answer, larger: bool) -> None:
        """"A和B哪个的X更大": one value per place (from a plan stating all of them when one does, the latest year),
        compared in a common unit; the place that wins becomes the first answer."""
        per_plan: dict[str, set[str]] = defaultdict(set)
        for a in ans.answers:
            per_plan[a["plans"][0]].add(a.get("area") or "")
        areas = {a.get("area") for a in ans.answers if a.get("area")}
        common = [p for p, got in per_plan.items() if areas <= got]
        pick: dict[str, tuple] = {}
        for a in ans.answers:
            if not a.get("area") or (common and a["plans"][0] != common[0]):
                continue
            canon = _canonical(a)
            if canon and (a["area"] not in pick or (a.get("year") or 0) > (pick[a["area"]][1].get("year") or 0)):
                pick[a["area"]] = (canon, a)
        ranked = _ranked(list(pick.values()), larger)
        if ranked is None:
            return  # not comparable: the values stay as listed
        win = ranked[0][1]
        ans.answers = [_place_answer(win, ranked)] + [a for a in ans.answers if a is not win]
        word = "更大" if larger else "更小"
        listing = "、".join(f"{a['area']}{a['label']}" for _, a in ranked)
        ans.text = (f"{win['area']}的{win.get('indicator') or ''}{word}（{listing}）。" if self.zh() else
                    f"{win['area_en'] or win['area']} has the {'larger' if larger else 'smaller'} value "
                    f"({listing}). ") + ans.text

    def table_values(self, s: Slots) -> Answer | None:
        """An indicator's value from a plan table: the row whose name the question states (longest), the
        column of the year asked (else the last year column); unit from a 单位 column or a header note."""
        plans = s.plans or [p.iri for p in self.index.plans_covering(s.places)]
        tables, q = self.scoped_tables(plans)
        named = [(len(norm(row.cells[nc])), t, row) for t in tables for nc in [name_column(t.header)]
                 for row in t.rows if nc < len(row.cells) and len(norm(row.cells[nc])) >= 2
                 and norm(row.cells[nc]) in s.question_text]
        if not named:
            return None
        top = max(n for n, _, _ in named)
        answers, ev = [], []
        for _, t, row in [x for x in named if x[0] == top]:
            nc = name_column(t.header)
            years = [(i, int(m.group(0))) for i, h in enumerate(t.header) for m in [RE_YEAR.search(h)] if m
                     and i < len(row.cells) and cell_number(row.cells[i]) is not None]
            cols = [(i, y) for i, y in years if y in s.years] if s.years else years[-1:]
            unit_col = next((i for i, h in enumerate(t.header) if header_core(h) == "单位"), None)
            for col, year in cols:
                cell = norm(row.cells[col])
                unit = row.cells[unit_col] if unit_col is not None and unit_col < len(row.cells) else \
                    header_unit(t.header[col]) or header_unit(t.header[nc])
                val = fmt_number(cell_number(cell))
                answers.append({"label": f"{val}{unit}" if unit in ("%", "％") else f"{val} {unit}".strip(),
                                "value": val, "unit": unit, "year": year, "area": None, "area_en": None,
                                "indicator": row.cells[nc], "bound": "ge" if cell.startswith("≥") else
                                "le" if cell.startswith("≤") else None, "nature": None, "kind": None,
                                "column": t.header[col], "plans": [self.index.plan_title(t.graph)]})
                ev.append(self.ev_item(row, [row.cells[col], row.cells[nc]]))
        if not answers:
            return None
        return Answer("", answers, self.value_text(answers), q, ev[:4],
                      basis="规划指标表" if self.zh() else "the plan's indicator table")

    def indicator_values(self, indicators, places, years, plans, counts_only=False, mention_iris=(),
                         value_kind: str = "", target_first: bool = False) -> Answer:
        gv = self.graph_values(plans)
        q = f"""SELECT ?g ?v ?ind ?value ?printed ?unit ?year ?bound ?nature ?area ?text ?cls ?count WHERE {{
  {values("ind", indicators)} {gv}
  GRAPH ?g {{
    ?v pk:indicator ?ind ; pk:value ?value .
    OPTIONAL {{ ?v pk:unitLabel ?unit }} OPTIONAL {{ ?v pk:year ?year }} OPTIONAL {{ ?v pk:bound ?bound }}
    OPTIONAL {{ ?v pk:nature ?nature }} OPTIONAL {{ ?v pk:refArea ?area }} OPTIONAL {{ ?v pk:sourceText ?text }}
    OPTIONAL {{ ?v pk:isCount ?count }} OPTIONAL {{ ?v a ?cls FILTER(?cls != pk:IndicatorValue) }}
    OPTIONAL {{ ?v pk:valueText ?printed }}
  }}
}} LIMIT 500"""
        rows = self.select(q, plans)
        if counts_only:
            rows = [r for r in rows if r.get("count") in (True, "true")] or rows
        classes: dict[str, set[str]] = defaultdict(set)
        areas_of: dict[str, list[str]] = defaultdict(list)  # one value may hold for several places ("A、B和C…达到95%")
        for r in rows:
            classes[r["v"]].add(tail(r.get("cls")) or "")
            if r.get("area") and r["area"] not in areas_of[r["v"]]:
                areas_of[r["v"]].append(r["area"])
        by_v: dict[str, dict] = {}
        for r in rows:
            by_v.setdefault(r["v"], {**r, "areas": areas_of[r["v"]]})
        rows = list(by_v.values())
        if years:
            ry = [r for r in rows if to_int(r.get("year")) in years]
            rows = ry or ([] if any(r.get("year") for r in rows) else rows)
        wanted_areas = set(places) | set(mention_iris)
        missing_area = None
        if wanted_areas:
            ra = [{**r, "areas": [a for a in r["areas"] if a in wanted_areas]} for r in rows
                  if set(r["areas"]) & wanted_areas]
            if ra:
                rows = ra
            elif places and any(r["areas"] for r in rows):
                missing_area = "、".join(self.label(p) for p in places)  # say so, and show what is recorded
        if value_kind:  # "下达的…指标" → allocations; "现状…" → measurements (when the graph has them), among
            # the values of the place asked: the place is the stronger word ("分解给A镇的…" is A镇's, whatever its kind)
            rows = [r for r in rows if value_kind in classes[r["v"]]] or rows
        if not rows:
            return Answer("", [], self.not_found(), q, [])
        # the asked place's own plan first (it states its own values), then plan by plan, year by year
        own = {g for g, p in self.index.plans.items() if set(p.regions) & set(places) and not p.is_annex}
        # no place asked: a plan's values for its own region before those for a township it guides
        regions = {g: set(p.regions) for g, p in self.index.plans.items()}
        elsewhere = (lambda r: bool(r["areas"]) and not set(r["areas"]) & regions.get(r["g"], set())) \
            if not places else (lambda r: False)
        # no year asked: the plan's target (its latest year) first
        rows.sort(key=lambda r: (r["g"] not in own, str(r["g"]), elsewhere(r),
                                 -(to_int(r.get("year")) or 0) if target_first else to_int(r.get("year")) or 0))
        answers, seen = [], set()
        for r in rows:
            area = "、".join(self.label(a) for a in r["areas"]) or None
            key = (r["g"], str(r["value"]), to_int(r.get("year")), area, r["ind"])
            if key in seen:  # the same value stated twice (a table and the text)
                continue
            seen.add(key)
            unit = str(r.get("unit") or "")
            val = fmt_number(r["value"]) if not isinstance(r["value"], str) else r["value"]
            shown = printed_as(r.get("printed"), val)  # the label as the plan prints it ("5.0"), the value plain
            lab = f"{shown}{unit}" if unit in ("%", "％") else (f"{shown} {unit}".strip())
            answers.append({"label": lab, "value": val, "unit": unit, "year": to_int(r.get("year")),
                            "area": area, "area_en": ", ".join(self.term(a) for a in r["areas"]) or None,
                            "area_iris": list(r["areas"]),
                            "indicator": self.label(r["ind"]), "bound": tail(r.get("bound")),
                            "nature": tail(r.get("nature")), "kind": tail(r.get("cls")),
                            "iri": r["v"], "plans": [self.index.plan_title(r["g"])]})
        text = self.value_text(answers)
        if missing_area:
            text = (f"图谱中没有{missing_area}的该项数值；已记录的数值为：" if self.zh() else
                    f"No value is recorded for {missing_area}; the recorded values are: ") + text
        ev = self.evidence([r["v"] for r in rows], [a["value"] for a in answers])
        basis = None
        if any(a["area"] for a in answers):
            basis = ("pk:refArea：" if self.zh() else "pk:refArea: ") + "、".join(
                sorted({a["area"] for a in answers if a["area"]}))
        return Answer("", answers, text, q, ev, basis=basis)

    def value_text(self, answers: list[dict]) -> str:
        parts = []
        bounds_zh = {"ge": "不低于", "le": "不超过", "eq": "", "approx": "约"}
        bounds_en = {"ge": "at least ", "le": "at most ", "eq": "", "approx": "about "}
        for a in answers[:8]:
            b = (bounds_zh if self.zh() else bounds_en).get(a.get("bound") or "", "")
            where = a["area"] or ""
            if self.zh():
                parts.append(f"{where}{('到' + str(a['year']) + '年') if a['year'] else ''}{a['indicator']}"
                             f"{b}{a['label']}（《{a['plans'][0]}》）")
            else:
                where = a.get("area_en") or where
                parts.append(f"{a['indicator']}{' in ' + where if where else ''}"
                             f"{' by ' + str(a['year']) if a['year'] else ''}: {b}{a['label']} ({a['plans'][0]})")
        return ("；".join(parts) + "。") if self.zh() else ("; ".join(parts) + ".")

    def do_compliance(self, intent: Intent) -> Answer:
        s = intent.slots
        ix = self.index
        lower_plans = [p for p in ix.main_plans() if p.iri in s.plans] or \
            [p for p in ix.main_plans() if set(p.regions) & set(s.places)]
        if not lower_plans:  # no plan named: every plan whose region receives an allocation (checked below)
            lower_plans = ix.main_plans()
        q = f"""SELECT ?g ?v ?area ?value ?unit ?canon ?cunit ?year ?bound ?cls WHERE {{
  {values("ind", s.indicators)}
  GRAPH ?g {{ ?v pk:indicator ?ind ; pk:value ?value .
    OPTIONAL {{ ?v pk:refArea ?area }} OPTIONAL {{ ?v pk:unitLabel ?unit }} OPTIONAL {{ ?v pk:year ?year }}
    OPTIONAL {{ ?v pk:canonicalValue ?canon }} OPTIONAL {{ ?v pk:canonicalUnit ?cunit }}
    OPTIONAL {{ ?v pk:bound ?bound }} OPTIONAL {{ ?v a ?cls FILTER(?cls != pk:IndicatorValue) }} }}
}}"""
        rows = self.select(q)
        allocs = [r for r in rows if tail(r.get("cls")) == "Allocation"]
        answers, parts, ev_iris, checked = [], [], [], 0
        for plan in lower_plans:
            own = [r for r in rows if r["g"] in ix.plan_graphs({plan.iri}) and tail(r.get("cls")) != "Allocation"
                   and (not r.get("area") or r["area"] in plan.regions)]
            alloc = [r for r in allocs if r.get("area") in plan.regions and r["g"] not in ix.plan_graphs({plan.iri})]
            if s.years:
                own = [r for r in own if to_int(r.get("year")) in s.years] or own
                alloc = [r for r in alloc if to_int(r.get("year")) in s.years] or alloc
            if not own or not alloc:
                continue
            a = max(alloc, key=lambda r: to_int(r.get("year")) or 0)
            o = max(own, key=lambda r: to_int(r.get("year")) or 0)
            ov, av = comparable(o), comparable(a)
            if ov is None or av is None:
                continue
            checked += 1
            bound = tail(a.get("bound")) or tail(o.get("bound")) or "ge"
            ok = meets_bound(ov[0], av[0], bound)
            ol = f"{fmt_number(o['value'])}{o.get('unit') or ''}"
            al = f"{fmt_number(a['value'])}{a.get('unit') or ''}"
            words = {"ge": (("达到", "未达到"), ("meets it", "falls short")),
                     "le": (("未超过", "超过"), ("stays within it", "exceeds it"))}.get(
                bound, (("一致", "不一致"), ("matches it", "differs")))
            verdict = words[0 if self.zh() else 1][0 if ok else 1]
            if s.only_failing and ok:
                continue
            ind = self.label(s.indicators[0])
            if self.zh():
                parts.append(f"《{plan.title}》的{ind}为{ol}，{ix.plan_title(a['g'])}下达指标为"
                             f"{'不低于' if bound == 'ge' else '不超过' if bound == 'le' else ''}{al}：{verdict}")
            else:
                parts.append(f"{plan.title}: {ind} {ol}; allocated by {ix.plan_title(a['g'])}: "
                             f"{'at least ' if bound == 'ge' else 'at most ' if bound == 'le' else ''}{al} — {verdict}")
            label = "、".join(self.label(r) for r in plan.regions) if s.only_failing else verdict
            answers.append({"label": label or plan.title, "verdict": verdict, "value": ol, "allocated": al, "ok": ok,
                            "iri": plan.regions[0] if s.only_failing and plan.regions else None,
                            "plans": [plan.title]})
            ev_iris += [o["v"], a["v"]]
        if not parts and s.only_failing and ev_iris == [] and checked:
            text = "所有已入库的规划都符合下达指标。" if self.zh() else "Every ingested plan meets its allocation."
        elif parts:
            text = ("；".join(parts) + "。") if self.zh() else ("; ".join(parts) + ".")
        else:
            text = self.not_found()
        ev = self.evidence(ev_iris, [a["value"] for a in answers] + [a["allocated"] for a in answers])
        return Answer("", answers, text, q, ev, basis="pk:Allocation pk:refArea ↔ pk:coversRegion")


def comparable(r: dict) -> tuple[float, str] | None:
    """(value, unit) in a common unit: the graph's canonical value when given, else through the unit table."""
    if r.get("canon") is not None:
        try:
            return float(r["canon"]), str(r.get("cunit") or "")
        except (TypeError, ValueError):
            pass
    try:
        v = float(r["value"])
    except (TypeError, ValueError):
        return None
    return to_canonical(v, str(r.get("unit") or ""))


def asked_unit(text: str) -> str:
    """The unit a question asks its answer in ("…多少平方千米" → 平方千米): the longest unit label of the
    ontology's unit table written in the question, or ""."""
    found = [u for u in unit_table() if len(u) >= 1 and not u.isascii() and u in (text or "")]
    return max(found, key=len) if found else ""


def in_unit(answers: list[dict], unit: str) -> bool:
    """Restate values in the asked unit when they were stated in another of the same kind (公顷 asked as
    平方千米); the stated value stays in ``stated``. True when some answer changed."""
    changed = False
    for a in answers:
        try:
            value = float(a.get("value"))
        except (TypeError, ValueError):
            continue
        stated_unit = str(a.get("unit") or "")
        if not stated_unit or stated_unit == unit:
            continue
        v = convert(value, stated_unit, unit)
        if v is None:
            continue
        a["stated"], a["value"], a["unit"] = a["label"], fmt_number(round(v, 2)), unit
        a["label"] = f"{a['value']}{unit}" if unit in ("%", "％") else f"{a['value']} {unit}"
        changed = True
    return changed


def _canonical(a: dict):
    """An answer's value in its dimension's canonical unit, or None."""
    try:
        return to_canonical(float(a["value"]), str(a.get("unit") or ""))
    except (TypeError, ValueError):
        return None


def _ranked(scored: list[tuple], larger: bool) -> list[tuple] | None:
    """(canonical, answer) pairs ranked first to last; None when fewer than two or not in one canonical unit."""
    if len(scored) < 2 or len({c[1] for c, _ in scored}) != 1:
        return None
    return sorted(scored, key=lambda x: x[0][0], reverse=larger)


def _place_answer(win: dict, ranked: list[tuple]) -> dict:
    """The winning place as the first answer, its value kept, the places compared listed."""
    return {**win, "label": win["area"], "value": win["label"], "compared": [a["area"] for _, a in ranked]}


def printed_as(printed, value: str) -> str:
    """The number as the plan prints it ("5.0", "1,200", the "40.0" of a cell "≥40.0") when it is the same number as
    ``value``; else ``value``."""
    number = re.search(r"\d[\d,]*(?:\.\d+)?", str(printed or ""))
    text = number.group() if number else ""
    try:
        return text if text and float(text.replace(",", "")) == float(value) else value
    except ValueError:
        return value
