"""How many: a counted indicator, a list's stated count, or the things found."""
from __future__ import annotations

import re

from plankg.ask.intents.entities import EntityIntents
from plankg.ask.intents.indicators import IndicatorIntents
from plankg.ask.intents.tables import DIVISION_SUFFIXES
from plankg.ask.model import Answer, Intent, Slots
from plankg.ask.templates import values, with_prefixes
from plankg.ask.text import cn_number, norm


class CountIntents(EntityIntents, IndicatorIntents):
    """Intent family: count."""

    def do_count(self, intent: Intent) -> Answer:
        s = intent.slots
        if s.division_kind:
            return self.count_divisions(s)
        if s.indicators:
            # the place asked narrows the counts ("在A区规划消防站多少座"); no year asked: the plan's target first
            ans = self.indicator_values(s.indicators, places=s.places, years=s.years, plans=s.plans, counts_only=True,
                                        value_kind=s.value_kind, target_first=not s.years and s.value_kind != "Measurement")
            if ans.answers:
                self.rank_places(ans, s.question_text)
                return ans
        groups = list(s.groups)
        if not groups and s.roles and not s.places:
            rows = self.select(f"""SELECT DISTINCT ?group WHERE {{ {values("role", s.roles)}
  ?group a pk:Group ; pk:memberRole ?role }}""")
            groups = [r["group"] for r in rows]
        if groups and not s.places:
            gv = self.graph_values(s.plans)
            # UNION, not OPTIONAL: Oxigraph evaluates an OPTIONAL inside GRAPH ?g over every graph before
            # joining (seconds at 200 plans); the branches here start from the bound ?group instead
            q = f"""SELECT ?g ?group (SAMPLE(?stated) AS ?declared) (COUNT(DISTINCT ?m) AS ?listed) WHERE {{
  {values("group", groups)} {gv}
  GRAPH ?g {{ {{ ?group a ?t }} UNION {{ ?group pk:declaredCount ?stated }} UNION {{ ?group pk:hasMember ?m }} }}
}} GROUP BY ?g ?group"""
            rows = [r for r in self.select(q) if r.get("declared") or r.get("listed")]
            if rows:
                answers, parts = [], []
                for r in rows:
                    n = r.get("declared") or r.get("listed")
                    lab = self.label(r["group"])
                    answers.append({"label": f"{n}", "value": str(n), "iri": r["group"], "of": lab,
                                    "plans": [self.index.plan_title(r["g"])]})
                    parts.append(f"{lab}：{n}" if self.zh() else f"{lab}: {n}")
                text = ("按规划所列，" + "；".join(parts) + "。") if self.zh() else \
                    ("As the plan states: " + "; ".join(parts) + ".")
                members = [r["m"] for r in self.store.select(with_prefixes(
                    f"SELECT DISTINCT ?m WHERE {{ {values('group', groups)} ?group pk:hasMember ?m }} LIMIT 200"))]
                ev = self.evidence(groups + members, [self.label(g) for g in groups] + [a["value"] for a in answers])
                return Answer("", answers, text, q, ev, basis="pk:declaredCount")
        rows, q, tag = self.find_entities(s)
        per_plan = self.group_by_plan(rows, "e")
        if not per_plan:
            return Answer("", [], self.not_found(), q, [])
        counts = {g: len(v) for g, v in per_plan.items()}
        answers = [{"label": str(n), "value": str(n), "plans": [self.index.plan_title(g)]} for g, n in counts.items()]
        members = self.entity_answers(per_plan)
        names = "、".join(a["label"] for a in members[:12])
        if self.zh():
            text = "；".join(f"《{self.index.plan_title(g)}》列出{n}个" for g, n in counts.items()) + f"：{names}。"
        else:
            text = "; ".join(f"{n} listed in {self.index.plan_title(g)}" for g, n in counts.items()) + f": {names}."
        q_count = q.replace("SELECT DISTINCT ?g ?e", "SELECT ?g (COUNT(DISTINCT ?e) AS ?n)").replace(
            "} LIMIT 500", "} GROUP BY ?g")
        ev = self.evidence([a["iri"] for a in members], [a["label"] for a in members])
        if s.places:  # counted by a table's place column: the rows that give the place come first
            places = {norm(self.label(p)) for p in s.places}
            rows = {p.iri: p for a in members for p in map(self.index.passages.get, self.sources_of(a["iri"]))
                    if p is not None and p.cells and places & {norm(c) for c in p.cells}}
            shown = {e["passage"] for e in ev}
            ev = ([self.ev_item(p, [a["label"] for a in members] + sorted(places)) for p in rows.values()
                   if p.iri not in shown] + ev)[:4]
        return Answer("", answers + members, text, q_count, ev, basis=self.basis(s, tag, []))

    def count_divisions(self, s: Slots) -> Answer:
        """Units of one kind directly within the named division, as each plan records the hierarchy."""
        suffixes = DIVISION_SUFFIXES.get(s.division_kind, (s.division_kind,))
        gv = self.graph_values(s.plans)
        q = f"""SELECT DISTINCT ?g ?d WHERE {{
  {values("place", s.places)} {gv}
  GRAPH ?g {{ ?d pk:withinDivision ?place }}
}} LIMIT 2000"""
        rows = [r for r in self.select(q, s.plans) if norm(self.label(r["d"])).endswith(suffixes)]
        per_plan = self.group_by_plan(rows, "d")
        stated = self.stated_unit_counts(s, set(per_plan))
        if not per_plan and not stated:
            return Answer("", [], self.not_found(), q, [])
        # the plan's own statement ("辖…9个乡") beats a count of the units extracted, which may miss some
        counts = {g: len(v) for g, v in per_plan.items()} | {g: n for g, (n, _) in stated.items()}
        # the place's own plan first: it states its own composition
        own = {g for g, p in self.index.plans.items() if set(p.regions) & set(s.places)}
        # a plan that neither states the count nor is the place's own plan only mentions some of its units
        # (a city plan naming two townships of a county): its tally is no count once a better source exists
        sources = set(stated) | (own & set(per_plan))
        if sources:
            counts = {g: n for g, n in counts.items() if g in sources}
            per_plan = {g: v for g, v in per_plan.items() if g in sources}
        counts = dict(sorted(counts.items(), key=lambda kv: kv[0] not in own))
        answers = [{"label": str(n), "value": str(n), "plans": [self.index.plan_title(g)]} for g, n in counts.items()]
        if len(set(counts.values())) == 1:  # the plans agree: one count
            answers = [{**answers[0], "plans": [a["plans"][0] for a in answers]}]
        members = self.entity_answers(per_plan)
        names = "、".join(a["label"] for a in members[:30])
        place = "、".join(self.label(p) for p in s.places)
        if self.zh():
            clauses = {n: [g for g in counts if counts[g] == n] for n in counts.values()}  # plans that agree: one clause
            text = "；".join("据" + "、".join(f"《{self.index.plan_title(g)}》" for g in gs) + f"，{place}辖{n}个{s.division_kind}"
                            for n, gs in clauses.items()) + (f"。图谱列出其中{len(members)}个：{names}。"
                                                           if stated and len(members) != max(counts.values())
                                                           else f"：{names}。")
        else:
            text = "; ".join(f"{n} in {place} according to {self.index.plan_title(g)}"
                             for g, n in counts.items()) + f": {names}."
        ev = self.evidence([a["iri"] for a in members], [a["label"] for a in members])
        ev = ([self.ev_item(p, [f"{n}个{s.division_kind}", place]) for n, p in stated.values()] + ev)[:4]
        return Answer("", answers + members, text, q, ev, basis="pk:withinDivision",
                      plans=self.plan_list(per_plan))

    def stated_unit_counts(self, s: Slots, graphs: set[str]) -> dict:
        """Counts of units a plan states for the division ("辖…神头镇、利民镇2个镇，以及…9个乡"), per plan graph:
        in a passage of the division's own plan, or one naming the division. {graph: (count, passage)}."""
        kind = re.escape(s.division_kind)
        rx = re.compile(r"辖[^。；;]*?(?<![0-9])([0-9]+|[一二两三四五六七八九十]+)个" + kind + r"(?![镇村区县道])")
        own = {g for g, p in self.index.plan_graphs(set(s.plans) or None).items() if set(p.regions) & set(s.places)}
        names = [n for p in s.places for n in self.index.names_of.get(p, ()) if len(n) >= 2]
        out: dict = {}
        for p in self.index.passages.in_graphs((graphs | own) if not s.plans else own or graphs, containing="辖"):
            m = rx.search(p.text)
            # another plan's passage counts only when it says the place itself governs them ("山阴县辖…")
            if m and p.graph not in out and (p.graph in own or any(
                    re.search(re.escape(n) + r"[^。；;，,]{0,6}辖", p.text[:m.end()]) for n in names)):
                n = cn_number(m.group(1))
                if n:
                    out[p.graph] = (n, p)
        return out
