"""What every intent family shares: running a query, labels, per-plan grouping, evidence and basis."""
from __future__ import annotations

import re

from plankg.ask import budget
from plankg.ask.english import en_name
from plankg.ask.index import STRIP_SUFFIX, Index
from plankg.ask.model import Passage, PlanInfo, Slots
from plankg.ask.templates import NO_GRAPH, sparql_iri, values, with_prefixes
from plankg.ask.text import norm
from plankg.graph.namespaces import ID

MAX_EVIDENCE = 4


class RunnerBase:
    """Runs intents against one store + index; collects the SPARQL it ran."""

    def __init__(self, store, index: Index, lang: str):
        self.store, self.index, self.lang = store, index, lang
        self.queries: list[str] = []
        self.lead_passages: list[Passage] = []

    def select(self, body: str, plans=None) -> list[dict]:
        """Run a query; ``plans``: the plans whose graphs its ``GRAPH ?g`` is restricted to (by
        ``graph_values``), passed to the store as a hint so it skips every other plan's graph."""
        budget.check()  # a question past its deadline runs no further query
        q = with_prefixes(body)
        self.queries.append(q)
        graphs = list(self.index.plan_graphs(set(plans))) if plans else None
        rows = self.store.select(q, graphs)
        # a version that is not the one asked about (an earlier one, unless the question names it) answers nothing
        hidden = self.index.versions.keys() - self.index.plans.keys()
        return [r for r in rows if r.get("g") not in hidden] if hidden else rows

    def table_rows(self, body: str, plans=None):
        """Run a query binding ``?row`` to table rows; yield (result, row passage, its table header) for the
        rows whose table has a header (a row alone cannot say which cell is which)."""
        for r in self.select(body, plans):
            row = self.index.passages.get(r["row"])
            header = self.index.passages.header_of(row) if row and row.cells else None
            if header:
                yield r, row, header

    def zh(self) -> bool:
        return self.lang == "zh"

    def graph_values(self, plan_iris) -> str:
        if not plan_iris:  # every plan, each in its current version (a superseded one is read only when named)
            old = sorted(self.index.superseded)
            return f"FILTER(?g NOT IN ({', '.join(sparql_iri(g) for g in old)}))" if old else ""
        gs = self.index.plan_graphs(set(plan_iris))
        return values("g", list(gs)) if gs else values("g", [NO_GRAPH])

    def label(self, iri: str) -> str:
        return self.index.labels.get(iri, iri.rsplit("/", 1)[-1])

    def term(self, iri: str) -> str:
        """A vocabulary term or place in the answer's language (other names stay as printed)."""
        if not self.zh() and iri in self.index.en_labels:
            return self.index.en_labels[iri]
        if not self.zh() and iri in self.index.division_parent:
            return f"{en_name(self.label(iri))} ({self.label(iri)})"
        return self.label(iri)

    def group_by_plan(self, rows: list[dict], var: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in rows:
            g = r.get("g", "")
            if g in self.index.plans and self.index.plans[g].is_annex:
                parent = self.index.plans[g].plan_of_annex
                g = next((k for k, v in self.index.plans.items() if v.iri == parent), g)
            lst = out.setdefault(g, [])
            if r[var] not in lst:
                lst.append(r[var])
        return out

    def entity_answers(self, per_plan: dict[str, list[str]]) -> list[dict]:
        seen: dict[str, dict] = {}
        for g, iris in per_plan.items():
            for iri in iris:
                item = seen.setdefault(iri, {"label": self.label(iri), "iri": iri, "plans": []})
                item["plans"].append(self.index.plan_title(g))
        return list(seen.values())

    def set_text(self, per_plan: dict[str, list[str]], answers: list[dict]) -> str:
        if not answers:
            return self.not_found()
        sets = {g: frozenset(v) for g, v in per_plan.items()}
        if len(sets) > 1 and len(set(sets.values())) > 1:
            parts = [f"《{self.index.plan_title(g)}》：{'、'.join(self.label(i) for i in v)}" if self.zh() else
                     f"{self.index.plan_title(g)}: {', '.join(self.label(i) for i in v)}" for g, v in per_plan.items()]
            head = "各规划的说法不同——" if self.zh() else "The plans differ — "
            return head + ("；".join(parts) + "。" if self.zh() else "; ".join(parts) + ".")
        names = ("、" if self.zh() else ", ").join(a["label"] for a in answers)
        src = "、".join(f"《{self.index.plan_title(g)}》" for g in per_plan)
        if len(sets) > 1:  # several plans, and they agree
            if self.zh():
                return f"{len(sets)}个规划的说法一致，共{len(answers)}项：{names}（据{src}）。"
            return (f"The {len(sets)} plans agree — {len(answers)} found: {names} "
                    f"(from {src.replace('《', '').replace('》', '')}).")
        if self.zh():
            return f"共{len(answers)}项：{names}（据{src}）。"
        return f"{len(answers)} found: {names} (from {src.replace('《', '').replace('》', '')})."

    def plan_list(self, per_plan: dict[str, list[str]]) -> list[dict]:
        return [{"plan": self.index.plan_title(g), "graph": g, "answers": [self.label(i) for i in v]}
                for g, v in per_plan.items()]

    def scope_graphs(self, slots: Slots) -> set[str] | None:
        return set(self.index.plan_graphs(set(slots.plans))) if slots.plans else None

    def basis(self, slots: Slots, tag: str | None, answer_iris: list[str]) -> str | None:
        parts = []
        zh = self.zh()
        if slots.places:
            names = ("、" if zh else ", ").join(self.term(p) for p in slots.places)
            col = self.place_column(answer_iris, slots.places)
            parts.append((f"实施地点/所在地（pk:locatedIn）：{names}" + (f"，来自表格“{col}”列" if col else ""))
                         if zh else f"location (pk:locatedIn): {names}" + (f", from the table column “{col}”" if col else ""))
        if slots.segments:
            names = "、".join(self.term(p) for p in slots.segments)
            col = self.place_column(answer_iris, slots.segments)
            parts.append((f"区段（pk:segment）：{names}" + (f"，来自表格“{col}”列" if col else "")) if zh else
                         f"segment (pk:segment): {names}" + (f", from the table column “{col}”" if col else ""))
        if slots.categories:
            parts.append(("类别（pk:category）：" if zh else "category (pk:category): ") +
                         "、".join(self.term(p) for p in slots.categories))
        if slots.roles:
            parts.append(("职能/等级（pk:role）：" if zh else "role (pk:role): ") +
                         "、".join(self.term(p) for p in slots.roles))
        if slots.programmes or tag:
            names = "、".join(self.label(p) for p in slots.programmes) or tag
            parts.append((f"所属行动/名录（规划原文的列举）：{names}" if zh else
                          f"programme or list stated by the plan: {names}"))
        if slots.groups:
            parts.append(("规划列举的名录：" if zh else "the plan's enumeration: ") +
                         "、".join(self.label(g) for g in slots.groups))
        return ("；" if zh else "; ").join(parts) if parts else None

    def place_column(self, answer_iris: list[str], concept_iris: list[str]) -> str | None:
        """Header of the table column whose cells hold the place/segment name, when the answer rests on a table."""
        labels = {norm(self.label(c)) for c in concept_iris}
        labels |= {lab[:-1] for lab in labels if lab.endswith(STRIP_SUFFIX) and len(lab) > 2}
        for iri in answer_iris[:5]:
            for src in self.sources_of(iri):
                p = self.index.passages.get(src)
                cells = getattr(p, "cells", None) if p else None
                if not cells:
                    continue
                header = self.index.passages.header_of(p)
                for i, c in enumerate(cells):
                    if header and i < len(header) and any(lab and lab in norm(c) for lab in labels):
                        return header[i]
        return None

    def cited_higher_plans(self, plans: list[str]) -> tuple[list[dict], str]:
        """The ingested master plans each plan cites that cover its region or a region above it — the plans
        it implements. A master plan's own region's master plan (an earlier edition) is not one."""
        q = f"""SELECT DISTINCT ?g ?plan ?p ?val WHERE {{
  {values("plan", plans)} BIND(eli:cites AS ?p)
  GRAPH ?g {{ ?plan a pk:Plan ; eli:cites ?val }}
}} ORDER BY ?g"""
        by_iri = {p.iri: p for p in self.index.main_plans()}
        out = []
        for r in self.select(q):
            own = by_iri.get(r["plan"])
            cited = cited_master_regions(r["val"], by_iri)
            if own is None or cited is None or r["val"] == own.iri:
                continue
            above = {a for reg in own.regions for a in self.index.ancestors(reg)}
            same = cited & set(own.regions)
            if cited & above or (same and own.plan_type not in ("", "master")):
                out.append(r)
        return out, q

    def higher_plans(self, plans: list[str]) -> tuple[list[str], str]:
        """The ingested plans above each plan: those it states as higher (pk:higherPlan / eli:based_on), else
        the master plans it cites that cover its region or a region above it."""
        q = f"""SELECT DISTINCT ?val WHERE {{
  {values("plan", plans)}
  GRAPH ?g {{ ?plan pk:higherPlan|eli:based_on ?val }}
}}"""
        known = {p.iri for p in self.index.main_plans()}
        stated = [r["val"] for r in self.select(q) if r["val"] in known and r["val"] not in plans]
        if stated:
            return sorted(set(stated)), q
        rows, q = self.cited_higher_plans(plans)
        return sorted({r["val"] for r in rows}), q

    def sources_of(self, iri: str) -> list[str]:
        return self.index.passages.sources_of(iri)

    def evidence(self, iris: list[str], labels: list[str], graphs: set[str] | None = None) -> list[dict]:
        """Source passages of the answer nodes, best first (those naming the most answers)."""
        labels = list(labels) + [n for iri in iris[:50] for n in self.index.names_of.get(iri, ()) if len(n) >= 2]
        keyed = [(lab, norm(str(lab))) for lab in labels if lab]  # each label normalised once
        cands = []
        seen = set()
        for iri in iris:
            for src in self.sources_of(iri):
                p = self.index.passages.get(src) if src not in seen else None
                if p is None or (graphs and p.graph not in graphs and
                                 not self.index.plans.get(p.graph, PlanInfo("", "", "")).is_annex):
                    continue
                seen.add(src)
                text = norm(p.text)
                named = {lab for lab, key in keyed if key in text}
                hits = sum(1 for _lab, key in keyed if key in text)
                cands.append((hits, -len(cands), p, named))
        cands.sort(key=lambda x: (-x[0], -x[1]))
        out, covered = [], set()
        for _hits, _, p, named in cands:
            if out and named and named <= covered:
                continue
            covered |= named
            out.append(self.ev_item(p, labels))
            if len(out) >= MAX_EVIDENCE:
                break
        return out

    def passages_stating(self, plan_titles: list[str], value: str, words: list[str]) -> list[dict]:
        """Passages of the plans that state a value we computed or restated (a total, a value in another
        unit), those also naming one of the words first."""
        graphs = [g for g in self.index.plans if self.index.plan_title(g) in plan_titles]
        found = self.index.passages.in_graphs(graphs, containing=value) if value else []
        found.sort(key=lambda p: not any(w and w in p.text for w in words))
        return [self.ev_item(p, [value] + words) for p in found[:2]]

    def ev_item(self, p: Passage, marks: list) -> dict:
        info = self.index.plans.get(p.graph)
        return {"plan": p.plan_title or self.index.plan_title(p.graph), "section": p.section, "text": p.text,
                "passage": p.iri, "graph": p.graph, "plan_iri": info.iri if info else None,
                "highlights": sorted({str(m) for m in marks if m and str(m) in p.text}, key=len, reverse=True)[:20]}

    def not_found(self) -> str:
        return "图谱中没有找到答案。" if self.zh() else "No answer was found in the graph."

    def not_understood(self) -> str:
        return ("没有理解这个问题。可以试试：某地有哪些重点镇？某指标到某年的目标是多少？规划基期年是哪一年？"
                if self.zh() else "The question was not understood. Try: which key towns are in a county? "
                "what is the target of an indicator by a year? what is the base year of the plan?")


# a cited plan the store does not hold is known by its identifier: "<division code>-master" is that division's
# master plan (one with a hash after it is another plan of the division, e.g. its five-year outline)
CITED_MASTER = re.compile(re.escape(str(ID) + "plan/") + r"(?P<code>\d{6,9})-master$")


def cited_plan_level(iri: str) -> str:
    """The level of a cited plan the store does not hold, from the code in its identifier ('' when none)."""
    m = CITED_MASTER.match(iri)
    if m is None:
        return ""
    code = m.group("code")
    return ("township" if len(code) > 6 else "province" if code.endswith("0000") else "city" if code.endswith("00")
            else "county")


def cited_master_regions(iri: str, stored: dict[str, PlanInfo]) -> set[str] | None:
    """The regions of a cited plan when it is a master plan — from the store, or from its identifier — else None."""
    info = stored.get(iri)
    if info is not None:
        return set(info.regions) if info.plan_type in ("", "master") else None
    m = CITED_MASTER.match(iri)
    return {str(ID) + "division/" + m.group("code")} if m else None
