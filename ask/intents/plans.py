"""Plan metadata (base year, period, higher plans, issuer, cited documents), the list of plans, and
which plans fail to cite their higher plan."""
from __future__ import annotations

from collections import defaultdict

from plankg.ask.intents.base import MAX_EVIDENCE, RunnerBase, cited_plan_level
from plankg.ask.model import Answer, Intent, Slots
from plankg.ask.templates import NO_GRAPH, curie, values, with_prefixes
from plankg.ask.text import fmt_number, norm, title_key


class PlanIntents(RunnerBase):
    """Intent families: meta, plans, cites_check."""

    META_PROPS = {"baseYear": ["pk:baseYear"], "visionYear": ["pk:visionYear"], "nearTermYear": ["pk:nearTermYear"],
                  "periodEnd": ["pk:periodEnd"], "period": ["pk:periodStart", "pk:periodEnd"],
                  "higherPlan": ["pk:higherPlan", "eli:based_on"], "issuedBy": ["pk:issuedBy"],
                  "cites": ["eli:cites"], "level": ["pk:level"]}

    META_ZH = {"baseYear": "规划基期年", "visionYear": "远景展望年", "nearTermYear": "近期目标年",
               "periodEnd": "规划目标年", "period": "规划期限", "higherPlan": "上位规划", "issuedBy": "编制单位",
               "cites": "引用的文件", "level": "规划层级"}

    META_EN = {"baseYear": "base year", "visionYear": "vision year", "nearTermYear": "near-term year",
               "periodEnd": "target year", "period": "planning period", "higherPlan": "higher-level plans",
               "issuedBy": "issuer", "cites": "cited documents", "level": "plan level"}

    def do_meta(self, intent: Intent) -> Answer:
        props = [p for p in intent.slots.props or [intent.slots.prop] if p in self.META_PROPS]
        if len(props) <= 1:
            return self.do_meta_one(intent.slots, props[0] if props else intent.slots.prop)
        parts = [self.do_meta_one(intent.slots, p) for p in props]
        # the first property's query is shown (one runnable query); the others ran the same template
        return Answer("", [a for x in parts for a in x.answers], " ".join(x.text for x in parts),
                      parts[0].sparql, [e for x in parts for e in x.evidence][:MAX_EVIDENCE],
                      notes=[f"the same query also ran for {', '.join(props[1:])}"])

    def do_meta_one(self, s: Slots, prop: str) -> Answer:
        plans = s.plans or [p.iri for p in self.index.main_plans()
                                   if not s.places or set(p.regions) & set(s.places)]
        if not plans:
            plans = [p.iri for p in self.index.main_plans()]
        preds = self.META_PROPS[prop]
        q = f"""SELECT DISTINCT ?g ?plan ?p ?val WHERE {{
  {values("plan", plans)}
  VALUES ?p {{ {" ".join(preds)} }}
  GRAPH ?g {{ ?plan a pk:Plan ; ?p ?val }}
}} ORDER BY ?g ?p"""
        rows = self.select(q)
        evidence_key = prop
        if prop == "higherPlan":
            if not rows:  # no stated higher plan: the master plan above that the plan cites
                rows, q = self.cited_higher_plans(plans)
                preds, evidence_key = preds + ["eli:cites"], "cites"
            if s.level:  # "市级上位规划": only plans of that level (when the graph knows their level)
                level_of = {p.iri: p.level for p in self.index.main_plans()}
                rows = [r for r in rows if (level_of.get(r["val"]) or cited_plan_level(r["val"]) or s.level) == s.level]
        answers, parts, seen = [], [], set()
        by_plan: dict[str, list[str]] = defaultdict(list)
        rows.sort(key=lambda r: (r["g"], preds.index(curie(r["p"])) if curie(r["p"]) in preds else 9))
        for r in rows:
            v = r["val"]
            lab = (self.term(v) if "/vocab/" in v else self.label(v)) if isinstance(v, str) and v.startswith("http") \
                else fmt_number(v)
            key = (r["plan"], lab)
            if key in seen:
                continue
            seen.add(key)
            title = self.index.plan_title(r["g"])
            by_plan[title].append(lab)
            item = {"label": lab, "value": lab, "plans": [title]}
            if isinstance(v, str) and v.startswith("http"):
                item["iri"] = v
            answers.append(item)
        if prop == "period":
            for t, vals in by_plan.items():
                if len(vals) == 2:
                    by_plan[t] = [f"{vals[0]}—{vals[1]}"]
        name = (self.META_ZH if self.zh() else self.META_EN)[prop]
        for t, vals in by_plan.items():
            parts.append(f"《{t}》的{name}：{'、'.join(vals)}" if self.zh() else f"{t} — {name}: {', '.join(vals)}")
        text = ("；".join(parts) + "。" if self.zh() else "; ".join(parts) + ".") if parts else self.not_found()
        ev = self.meta_evidence(plans, preds, [a["label"] for a in answers], evidence_key)
        return Answer("", answers, text, q, ev)

    def meta_evidence(self, plans, preds, labels, prop) -> list[dict]:
        q = f"""SELECT DISTINCT ?src WHERE {{ {values("plan", plans)} VALUES ?p {{ {" ".join(preds)} }}
  ?st rdf:subject ?plan ; rdf:predicate ?p ; prov:wasDerivedFrom ?src }}"""
        srcs = [r["src"] for r in self.store.select(with_prefixes(q))]
        ev = [self.ev_item(p, labels) for p in map(self.index.passages.get, srcs) if p is not None]
        if ev:
            return ev[:MAX_EVIDENCE]
        # no reified statement: the plan's passages that state a value next to the property's key word
        graphs = set(self.index.plan_graphs(set(plans)))
        if prop == "level":  # the title names the plan's level (县/乡镇/市 …)
            return [self.ev_item(p, labels) for p in self.index.passages.in_graphs(graphs, kind="title")][:2]
        keys = {"baseYear": "基", "visionYear": "远景", "nearTermYear": "近期", "periodEnd": "期",
                "period": "期限", "higherPlan": "上位", "issuedBy": "", "cites": "《"}[prop]
        out = []
        keyed = [norm(lab) for lab in labels]
        for p in self.index.passages.in_graphs(graphs, containing=keys):
            if any(key in norm(p.text) for key in keyed):
                out.append(self.ev_item(p, labels))
                if len(out) >= 2:
                    break
        return out

    def do_plans(self, intent: Intent) -> Answer:
        """The ingested plans (of a region, of a level)."""
        s = intent.slots
        plans = [p for p in self.index.main_plans()
                 if (not s.places or set(p.regions) & set(s.places) or
                     any(a in s.places for r in p.regions for a in self.index.ancestors(r)))
                 and (not s.level or p.level == s.level)]
        q = f"""SELECT ?plan ?title ?level ?region WHERE {{
  {values("plan", [p.iri for p in plans] or [NO_GRAPH])}
  ?plan eli:title ?title . OPTIONAL {{ ?plan pk:level ?level }} OPTIONAL {{ ?plan pk:coversRegion ?region }}
}}"""
        self.select(q)
        answers = [{"label": p.title, "iri": p.iri, "level": p.level} for p in plans]
        if not answers:
            return Answer("", [], self.not_found(), q, [])
        names = ("、" if self.zh() else ", ").join(a["label"] for a in answers)
        text = f"图谱中有{len(answers)}个规划：{names}。" if self.zh() else f"{len(answers)} plans in the graph: {names}."
        titles = self.index.passages.in_graphs({i.graph for i in plans}, kind="title")
        ev = [self.ev_item(p, [a["label"] for a in answers]) for p in titles[:MAX_EVIDENCE]]
        return Answer("", answers, text, q, ev)

    def do_cites_check(self, intent: Intent) -> Answer:
        s = intent.slots
        ix = self.index
        lower = [p for p in ix.main_plans() if p.level.endswith(s.lower) or s.lower in p.level]
        # the higher plan of a plan is the master plan (总体规划) of the level above, not its special plans
        higher = [p for p in ix.main_plans() if (p.level.endswith(s.higher) or s.higher in p.level)
                  and p.plan_type in ("", "master")]
        q = f"""SELECT DISTINCT ?plan ?cited ?title WHERE {{
  {values("plan", [p.iri for p in lower] or [NO_GRAPH])}
  ?plan eli:cites|pk:higherPlan|eli:based_on ?cited .
  OPTIONAL {{ ?cited eli:title|pk:citedTitle|rdfs:label ?title }}
}}"""
        rows = self.select(q)
        answers = []
        for p in lower:
            above = [h for h in higher if any(a in h.regions for r in p.regions for a in ix.ancestors(r))] or higher
            cited = {r["cited"] for r in rows if r["plan"] == p.iri}
            titles = {title_key(str(r.get("title") or "")) for r in rows if r["plan"] == p.iri}
            missing = [h for h in above if h.iri not in cited and title_key(h.title) not in titles]
            if missing:
                answers.append({"label": p.title, "iri": p.iri, "missing": [h.title for h in missing]})
        if not lower:
            text = "图谱中没有该级别的规划。" if self.zh() else "No plan of that level is in the graph."
        elif answers:
            text = ("以下规划没有引用上级规划：" + "；".join(f"《{a['label']}》未引用《{'》《'.join(a['missing'])}》"
                                                 for a in answers) + "。") if self.zh() else \
                "Plans not citing their higher plan: " + "; ".join(a["label"] for a in answers) + "."
        else:
            text = (f"已入库的{len(lower)}个规划都引用了上级规划。" if self.zh() else
                    f"All {len(lower)} plans of that level cite their higher plan.")
        return Answer("", answers, text, q, [], basis="eli:cites / pk:higherPlan")
