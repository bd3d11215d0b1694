"""Things of a kind, where a thing is, and the parts of a structure ("which key towns…", "X位于哪里",
"总体格局是什么"): entity templates over classes, roles, categories, segments, named lists and places."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from plankg.ask.index import class_suffixes
from plankg.ask.intents.base import RunnerBase
from plankg.ask.model import Answer, Intent, Slots
from plankg.ask.tables import is_id_column, name_column
from plankg.ask.templates import PK, iri_list, most_specific, sparql_literal, values, with_prefixes
from plankg.ask.text import has_cjk, norm
from plankg.graph import readings


RE_OFFICIAL = re.compile(r"正式名称|官方名称|正式名|全称|规范名称|标准名称|学名")

# slot → (VALUES variable, graph pattern binding ?e): the hard constraints of an entity question.
# Bound variables lead each pattern: Oxigraph keeps the written order inside a UNION branch, and
# "?grp pk:hasMember ?e" first reads every list member of every plan (0.7 s at 200 plans, 3 ms this way).
SLOT_PATTERNS = (
    ("roles", "role", "{ ?e pk:role ?role } UNION { ?grp pk:memberRole ?role . ?grp pk:hasMember ?e }"),
    ("levels", "level", "?e pk:divisionLevel ?level ."),
    ("categories", "category", "?e pk:category ?category ."),
    ("segments", "segment", "?e pk:segment ?segment ."),
    ("programmes", "programme", "?e pk:programme ?programme ."),
)


class EntityIntents(RunnerBase):
    """Intent families: entities, where, structure."""

    def entity_query(self, slots: Slots, tags: list[str] | None = None, soft_groups: bool = True) -> str:
        ix = self.index
        inside, outside = [], []
        if slots.classes:
            inside.append("?e a ?type .")
            outside.append(values("type", ix.class_closure(set(slots.classes))))
        for slot, var, pattern in SLOT_PATTERNS:
            if getattr(slots, slot):
                inside.append(pattern)
                outside.append(values(var, getattr(slots, slot)))
        if tags:
            inside.append("{ ?e pk:programme ?tag } UNION { ?e pk:category ?tag } UNION { ?tag pk:hasMember ?e }")
            outside.append(values("tag", tags))
        if slots.groups and (not soft_groups or not slots.any_of("roles", "categories", "segments", "programmes")):
            inside.append("{ ?group pk:hasMember ?e } UNION { ?group pk:hasPart ?e } UNION { ?e pk:memberOf ?group }")
            outside.append(values("group", slots.groups))
        if slots.places:
            places = most_specific(slots.places)  # "右玉县…在右卫镇": the town, not the county
            outside.append(values("place", places))
            own = [g for g, p in ix.plans.items() if set(p.regions) & set(places)]
            cond = "EXISTS { ?e (pk:locatedIn|pk:withinDivision)/pk:withinDivision* ?place }"
            if own:  # a plan of the place itself: everything it lists is in the place
                cond = f"?g IN ({iri_list(own)}) || " + cond
            outside.append(f"FILTER({cond})")
        if not inside:
            inside.append("?e a ?type .")
        gv = self.graph_values(slots.plans)
        return ("SELECT DISTINCT ?g ?e WHERE {\n  " + (gv + "\n  " if gv else "") +
                "\n  ".join(o for o in outside if o.startswith("VALUES")) +
                "\n  GRAPH ?g {\n    " + "\n    ".join(inside) + "\n  }\n  " +
                "\n  ".join(o for o in outside if not o.startswith("VALUES")) + "\n} LIMIT 500")

    def find_entities(self, slots: Slots) -> tuple[list[dict], str, str | None]:
        """Rows (g, e) for the constraints; soft filters (programme / topic words) narrow when they can."""
        self.lead_passages = []  # the passages introducing a list the plan gives itself (see rows_listed_after_lead)
        if PK + "Positioning" in slots.classes and slots.any_of("roles", "categories"):
            # "定位为工矿服务型乡镇的有哪些": 定位 is the verb giving the role, the things asked are no positionings
            slots = slots.but(classes=[c for c in slots.classes if c != PK + "Positioning"])
        only_class = not slots.any_of(*("places", "roles", "categories", "segments", "groups",
                                                       "programmes", "levels"))
        if slots.subjects and only_class:
            return self.related_to_subjects(slots)
        hard = self.entity_query(slots)
        rows = self.select(hard, slots.plans)
        used, basis_tag = hard, None
        if slots.places and slots.plans and not slots.any_of("roles", "categories", "segments", "programmes",
                                                               "levels"):
            # "X规划中位于Y的项目": also the rows of X's tables that give Y in a place column
            seen = {(r["g"], r["e"]) for r in rows}
            rows = rows + [r for r in self.rows_placed_by_table(slots) if (r["g"], r["e"]) not in seen]
        if not rows and slots.groups:
            # relax: first without the named list, then the named list alone (its members' roles or
            # classes may be recorded differently)
            without = slots.but(groups=[])
            only = Slots(groups=slots.groups, places=slots.places, plans=slots.plans)
            for alt in ([without] if without.any_of(*("roles", "categories", "segments", "classes",
                                                                   "programmes")) else []) + [only]:
                q1 = self.entity_query(alt, soft_groups=False)
                rows1 = self.select(q1, alt.plans)
                if rows1:
                    rows, used, hard, slots = rows1, q1, q1, alt
                    break
        if not rows and slots.groups and slots.plans:
            # the plan asked about may list the things itself, under the named list's words
            listed, q_list, self.lead_passages = self.rows_listed_after_lead(slots)
            if listed:
                rows, used, hard = listed, q_list, q_list
        tags = self.soft_tags(slots)
        if rows and tags:
            q2 = self.entity_query(slots, tags)
            rows2 = self.select(q2, slots.plans)
            if rows2:
                rows, used, basis_tag = rows2, q2, "、".join(self.label(t) for t in tags[:3])
        if not rows and slots.plans and slots.any_of("roles", "categories", "segments"):
            listed, q_table = self.rows_listed_by_table(slots)  # "表2 城乡体系": 重点镇 | 神头镇 | …
            if listed:
                rows, used = listed, q_table
        rows = [r for r in rows if r["e"] not in set(slots.groups)]
        self.used_slots = slots
        return rows, used, basis_tag

    def rows_listed_after_lead(self, slots: Slots) -> tuple[list[dict], str, list]:
        """A list the scoped plan introduces itself with the named list's words and numbered items ("规划实施以下
        生态治理工程：" 1. … 2. …), when the named list found is another plan's: per item, the thing whose label
        the item states (the longest, covering most of the item). Returns rows, the query and the lead passages."""
        graphs = sorted(self.index.plan_graphs(set(slots.plans)))
        leads, items = [], {}
        for grp in slots.groups:
            words = re.sub(r"^表[0-9]+([-.][0-9]+)*\s*", "", self.label(grp)).strip()
            if len(words) < 2:
                continue
            for lead in self.index.passages.in_graphs(graphs, containing=words):
                text = lead.text.rstrip()
                if not text.endswith(("：", ":")) or words not in re.split(r"[，。；,;]", text.rstrip("：:"))[-1]:
                    continue
                after = [p for p in self.index.passages.in_graphs([lead.graph], kind="item") if p.ordinal > lead.ordinal]
                for n, p in enumerate(after):  # the items right after the lead, without a gap
                    if p.ordinal != lead.ordinal + 1 + n:
                        break
                    items[p.iri] = p
                if lead not in leads:
                    leads.append(lead)
        if not items:
            return [], "", []
        q = f"""SELECT DISTINCT ?g ?e ?src WHERE {{
  {values("src", list(items))} {self.graph_values(slots.plans)}
  GRAPH ?g {{ ?e pk:source ?src }}
}} LIMIT 500"""
        best: dict[str, tuple[int, dict]] = {}
        for r in self.select(q):
            item = norm(items[r["src"]].text).rstrip("；;。.，,")
            lab = norm(self.label(r["e"]))
            if lab in item and 2 * len(lab) >= len(item) and len(lab) > best.get(r["src"], (0, {}))[0]:
                best[r["src"]] = (len(lab), {"g": r["g"], "e": r["e"]})
        rows = [best[src][1] for src in items if src in best]
        return rows, q, leads if rows else []

    def without_higher(self, rows: list[dict], slots: Slots, q: str) -> tuple[list[dict], str, list[str]]:
        """"X规划新增了哪些项目": the query that found the things, minus those a higher plan of X lists (same node
        or same label) — one runnable query. No higher plan in the store: nothing can be told new."""
        higher, q_higher = self.higher_plans(slots.plans)
        head, sep, tail = q.rpartition("} LIMIT")
        if not higher or not rows or not sep:
            return [], q_higher, higher
        hg = values("hg", list(self.index.plan_graphs(set(higher))))
        q_new = (head + f"""  FILTER NOT EXISTS {{ {hg} GRAPH ?hg {{ ?e a ?listed }} }}
  FILTER NOT EXISTS {{ {hg} GRAPH ?g {{ ?e rdfs:label ?name }} GRAPH ?hg {{ ?other rdfs:label ?name }} }}
""" + sep + tail)
        new = {r["e"] for r in self.select(q_new, list(slots.plans) + list(higher) if slots.plans else None)}
        return [r for r in rows if r["e"] in new], q_new, higher

    def rows_placed_by_table(self, slots: Slots) -> list[dict]:
        """Things whose source table row gives one of the places as a whole cell or a list item of a cell
        other than the name column (a project table's 所在县（市、区） / 实施地点 column)."""
        names = {norm(self.label(p)) for p in slots.places}
        cls = values("type", self.index.class_closure(set(slots.classes))) if slots.classes else ""
        q = f"""SELECT DISTINCT ?g ?e ?row WHERE {{
  {self.graph_values(slots.plans)} {cls}
  GRAPH ?g {{ ?e pk:source ?row . ?row pk:cellText ?cells .{" ?e a ?type ." if cls else ""} }}
  FILTER({" || ".join(f"CONTAINS(?cells, {sparql_literal(n)})" for n in sorted(names))})
}} LIMIT 500"""
        out = []
        for r, row, header in self.table_rows(q, slots.plans):
            skip = name_column(header)
            if any(i != skip and not is_id_column(h) and names & set(re.split(r"[、，,；;]", norm(cell)))
                   for i, (h, cell) in enumerate(zip(header, row.cells))):
                out.append({"g": r["g"], "e": r["e"]})
        return out

    def rows_listed_by_table(self, slots: Slots) -> tuple[list[dict], str]:
        """Things a plan table lists under the role, category or segment asked: rows where a cell other than
        the name is that concept's label; the known names in the row's name cell."""
        # only concepts the graph uses as a role, category or segment (not, say, a unit word)
        labels = {norm(self.label(c)) for c in slots.roles + slots.categories + slots.segments
                  if self.index.concept_use.get(c, set()) & {"role", "category", "segment"}}
        if not labels:
            return [], ""
        q = f"""SELECT DISTINCT ?g ?row WHERE {{
  {self.graph_values(slots.plans)}
  GRAPH ?g {{ ?row pk:cellText ?cells }}
  FILTER({" || ".join(f"CONTAINS(?cells, {sparql_literal(n)})" for n in sorted(labels))})
}} LIMIT 500"""
        out = []
        for r, row, header in self.table_rows(q, slots.plans):
            nc = name_column(header)
            if nc >= len(row.cells) or not any(i != nc and norm(c) in labels for i, c in enumerate(row.cells)):
                continue
            for item in re.split(r"[、，,；;]", row.cells[nc]):
                ref = next((x for x in sorted(self.index.names.get(norm(item), ()), key=lambda x: x.iri)
                            if x.kind in ("division", "entity")), None)
                if ref:
                    out.append({"g": r["g"], "e": ref.iri})
        return out, q

    def trim_overlisted(self, rows: list[dict], groups: list[str]) -> list[dict]:
        """A list that states fewer members than were extracted ("1个农业产业园区——A，位于…，重点发展…")
        keeps the members whose names end like their class (…产业园), when that matches the stated count."""
        if len(groups) != 1 or not rows:
            return rows
        counts = self.store.select(with_prefixes(f"""SELECT ?grp ?n WHERE {{ {values("grp", groups)} ?grp pk:declaredCount ?n }}"""))
        declared = min((int(r["n"]) for r in counts if isinstance(r.get("n"), int)), default=0)
        members = {r["e"] for r in rows}
        if not declared or len(members) <= declared:
            return rows
        suffixes = class_suffixes()
        good = {e for e in members
                if any(norm(self.label(e)).endswith(sfx) for t in self.index.types.get(e, ())
                       for sfx in suffixes.get(t.rsplit("#", 1)[-1], ()))}
        if 0 < len(good) <= declared:
            return [r for r in rows if r["e"] in good]
        return rows

    def is_heading_or_category(self, iri: str, question: str) -> bool:
        """An 'entity' named like a section heading ("4.4 …") or exactly like the category asked for
        ("自然保护地" when asking which 自然保护地) is not an instance of it."""
        lab = norm(self.label(iri))
        if re.match(r"^[0-9]+(\.[0-9]+)+", lab) or re.match(r"^0[0-9]", lab) or lab in self.index.section_labels:
            return True
        return bool(question) and len(lab) >= 2 and lab in question and \
            any(lab == w for w in self.index.class_labels)

    def part_members(self, iris: list[str]) -> dict[str, list[str]]:
        """For answers that are themselves named lists (parts of a structure): their members."""
        groups = [i for i in iris if i in self.index.groups][:20]
        if not groups:
            return {}
        rows = self.store.select(with_prefixes(f"""SELECT ?grp ?m WHERE {{ {values("grp", groups)} ?grp pk:hasMember ?m }}
            ORDER BY ?grp ?m LIMIT 300"""))
        out: dict[str, list[str]] = {}
        for r in rows:
            lab = self.label(r["m"])
            if lab not in out.setdefault(r["grp"], []):
                out[r["grp"]].append(lab)
        return out

    def related_to_subjects(self, slots: Slots) -> tuple[list[dict], str, str | None]:
        """Things of the asked class that the plan relates to a named subject (a belt, a river, a
        programme); a programme matched loosely is the next basis; otherwise nothing (never 'all')."""
        cls = ""
        if slots.classes:
            cls = f"\n    ?e a ?type .\n  }}\n  {values('type', self.index.class_closure(set(slots.classes)))}\n  GRAPH ?g {{"
        gv = self.graph_values(slots.plans)
        # a belt or basin named after a river: the river too (one hop, water features only)
        water = self.index.class_closure({PK + "WaterFeature"})
        hop = [r["w"] for r in self.store.select(with_prefixes(f"""SELECT DISTINCT ?w WHERE {{ {values("s", slots.subjects)}
            ?s pk:relatedTo|pk:passesThrough|pk:partOf ?w . ?w a ?t . {values("t", water)} }} LIMIT 20"""))]
        subjects = list(dict.fromkeys(slots.subjects + hop))
        q = f"""SELECT DISTINCT ?g ?e WHERE {{
  {values("subject", subjects)} {gv}
  GRAPH ?g {{
    {{ ?e pk:locatedIn|pk:partOf|pk:memberOf|pk:programme|pk:passesThrough|pk:relatedTo ?subject }}
    UNION {{ ?subject pk:hasPart|pk:hasMember|pk:passesThrough|pk:relatedTo ?e }}
    UNION {{ ?e pk:programme ?programme . ?programme pk:relatedTo|pk:passesThrough ?subject }}{cls}
  }}
}} LIMIT 500"""
        rows = self.select(q)
        self.used_slots = slots.but(groups=[])
        if rows:
            return rows, q, "、".join(self.label(x) for x in subjects)
        tags = self.soft_tags(slots)
        if tags:
            q2 = self.entity_query(slots.but(subjects=[]), tags)
            rows2 = self.select(q2, slots.plans)
            if rows2:
                return rows2, q2, "、".join(self.label(t) for t in tags[:3])
        return [], q, None

    def soft_tags(self, slots: Slots) -> list[str]:
        tags = list(slots.soft_programmes)
        words = slots.soft_words
        if words and not tags:
            for iri, ref in self.index.programmes.items():
                if all(w in ref.label for w in words):
                    tags.append(iri)
            for iri, uses in self.index.concept_use.items():
                if "category" in uses and all(w in self.label(iri) for w in words):
                    tags.append(iri)
            for iri, ref in self.index.groups.items():
                if all(w in ref.label for w in words):
                    tags.append(iri)
        return sorted(set(tags))

    def do_entities(self, intent: Intent) -> Answer:
        slots = intent.slots
        rows, q, tag = self.find_entities(slots)
        rows = [r for r in rows if not self.is_heading_or_category(r["e"], slots.question_text)]
        rows = self.trim_overlisted(rows, self.used_slots.groups)
        if slots.name_suffix:  # "有哪些自然保护区": the names ending so, not every thing of the class
            rows = [r for r in rows if norm(self.label(r["e"])).endswith(slots.name_suffix)
                    and len(norm(self.label(r["e"]))) > len(slots.name_suffix) + 1]
        if slots.order in ("max", "min") and slots.phrase and rows:  # "投资最大的项目": ranked by a stated value
            rows = self.ranked_by_value(rows, slots)
        higher = []
        if slots.beyond_higher:
            rows, q, higher = self.without_higher(rows, slots, q)
        per_plan = self.group_by_plan(rows, "e")
        answers = self.entity_answers(per_plan)
        used = self.used_slots
        if "GRAPH ?g {" in q and "?group pk:hasMember" not in q:
            used = used.but(groups=[])  # the named list was not needed
        basis = self.basis(used, tag, [a["iri"] for a in answers])
        if slots.beyond_higher:
            titles = "、".join(f"《{self.index.plan_title(g)}》" for g in self.index.plan_graphs(set(higher))
                              if not self.index.plans[g].is_annex)
            basis = (f"未列入上位规划{titles}的项" if self.zh() else f"not listed by the higher plan(s) {titles}") \
                if higher else ("图谱中没有该规划的上位规划，无法判断新增" if self.zh() else
                                "no higher plan of this plan is in the store, so nothing can be told new")
        text = self.set_text(per_plan, answers)
        parts = self.part_members([a["iri"] for a in answers])
        if parts:
            sep, colon = ("；", "：") if self.zh() else ("; ", ": ")
            text += " " + sep.join(f"{self.label(p)}{colon}{'、'.join(ms)}" for p, ms in parts.items()) + \
                ("。" if self.zh() else ".")
        ev = self.evidence([a["iri"] for a in answers] + used.groups, [a["label"] for a in answers],
                           graphs=self.scope_graphs(slots))
        if answers and self.lead_passages:  # the plan's own words introducing the list it gives
            ev = ([self.ev_item(p, [a["label"] for a in answers]) for p in self.lead_passages] + ev)[:4]
        return Answer("", answers, text, q, ev, basis=basis, plans=self.plan_list(per_plan))

    def ranked_by_value(self, rows: list[dict], slots: Slots) -> list[dict]:
        """The rows whose thing has the largest (smallest) value the plans state for it (a target with pk:refArea
        on the thing) under the measure the question names — the longest piece of it, two characters or more,
        in the value's indicator name ("估算投资", "投资额" → …投资). The rows unranked when no such value is stated."""
        q = f"""SELECT DISTINCT ?e ?name ?v WHERE {{ {values("e", {r["e"] for r in rows})} {self.graph_values(slots.plans)}
  GRAPH ?g {{ ?t pk:refArea ?e ; pk:indicator ?i ; pk:canonicalValue ?v . ?i rdfs:label ?name }} }} LIMIT 2000"""
        stated = [(r["e"], norm(r["name"]), float(r["v"])) for r in self.select(q, slots.plans)]
        phrase = slots.phrase
        pieces = [phrase[i:i + n] for n in range(len(phrase), 1, -1) for i in range(len(phrase) - n + 1)]
        measure = next((x for x in pieces if any(x in name for _, name, _ in stated)), None)
        values_of = [(v, e) for e, name, v in stated if measure and measure in name]
        if not values_of:
            return rows
        best = (max if slots.order == "max" else min)(v for v, _ in values_of)
        top = {e for v, e in values_of if v == best}
        return [r for r in rows if r["e"] in top]

    def do_where(self, intent: Intent) -> Answer:
        subj = intent.slots.subjects
        gv = self.graph_values(intent.slots.plans)
        q = f"""SELECT DISTINCT ?g ?s ?place WHERE {{
  {values("s", subj)} {gv}
  GRAPH ?g {{ ?s pk:locatedIn|pk:withinDivision ?place }}
}} LIMIT 100"""
        rows = self.select(q)
        member = not rows
        if not rows:  # "X属于哪个…": the named lists and structures that hold it
            q = f"""SELECT DISTINCT ?g ?s ?place WHERE {{
  {values("s", subj)} {gv}
  GRAPH ?g {{ ?place pk:hasMember|pk:hasPart ?s }}
}} LIMIT 100"""
            rows = self.select(q)
            if rows:
                parents = self.select(with_prefixes(f"""SELECT DISTINCT ?g ?place WHERE {{ {values("part", [r["place"] for r in rows])}
  GRAPH ?g {{ ?place pk:hasPart ?part }} }} LIMIT 50"""))
                rows += [{"g": r["g"], "s": subj[0], "place": r["place"]} for r in parents]
        if intent.slots.target:  # "建在哪个镇" → the township, when the plans name one
            at_level = [r for r in rows if any(self.index.has_type(r["place"], t) for t in intent.slots.target)]
            rows = at_level or self.places_above(rows, intent.slots.target) or rows
        per_plan = self.group_by_plan(rows, "place")
        answers = self.entity_answers(per_plan)
        if answers:
            names = "、".join(self.label(s) for s in subj)
            places = "、".join(a["label"] for a in answers)
            if member:
                text = f"{names}属于{places}。" if self.zh() else f"{names} belongs to {places}."
            else:
                text = f"{names}位于{places}。" if self.zh() else f"{names} is in {places}."
        else:
            text = self.not_found()
        ev = self.evidence(subj, [a["label"] for a in answers] + [self.label(s) for s in subj])
        return Answer("", answers, text, q, ev, basis="pk:hasMember / pk:hasPart" if member else "pk:locatedIn",
                      plans=self.plan_list(per_plan))

    def places_above(self, rows: list[dict], targets: list[str]) -> list[dict]:
        """"在哪个乡" when the plan places it in a village: the township the village lies in, as the graph says."""
        if not rows:
            return []
        q = with_prefixes(f"""SELECT DISTINCT ?place ?up WHERE {{ {values("place", sorted({r["place"] for r in rows}))}
  GRAPH ?g {{ ?place (pk:locatedIn|pk:withinDivision)+ ?up }} }} LIMIT 100""")
        up = {}
        for r in self.store.select(q):
            if any(self.index.has_type(r["up"], t) for t in targets):
                up.setdefault(r["place"], r["up"])
        return [{**r, "place": up[r["place"]]} for r in rows if r["place"] in up]

    def do_structure(self, intent: Intent) -> Answer:
        """'…的总体格局/空间结构是什么': the named structures whose defining passage names that phrase."""
        phrase = norm(intent.slots.phrase).lstrip("的")
        gv = self.graph_values(intent.slots.plans)
        # any named node may be the structure (extraction may type it as a region or a list); the
        # passage must introduce it by its quoted name right before the phrase
        q = f"""SELECT DISTINCT ?g ?s ?src WHERE {{ {gv}
  GRAPH ?g {{ ?s pk:source ?src ; a ?type }}
  FILTER(?type NOT IN (pk:Plan, pk:Annex, pk:Indicator, pk:IndicatorValue, pk:Target, pk:Measurement))
}} LIMIT 20000"""
        rows = self.select(q)
        # nodes by printed name, and the passages that introduce them
        by_label: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for r in rows:
            by_label[unicodedata.normalize("NFKC", self.label(r["s"]))].append((r["s"], r["g"]))
        best: dict[str, tuple[int, int, str]] = {}
        for src in {r["src"] for r in rows}:  # each introducing passage once
            p = self.index.passages.get(src)
            if p is None or not any(ch in p.text for ch in "“\"「『"):
                continue
            text = unicodedata.normalize("NFKC", p.text)
            # the longest tail of the phrase the passage states ("国土空间总体格局" ⊇ "总体格局")
            n = next((len(phrase) - i for i in range(len(phrase) - 1) if phrase[i:] in text), 0)
            if n < 3:
                continue
            tail = re.escape(phrase[len(phrase) - n:])
            # the quoted name(s) right before the phrase: “一核两翼”的总体格局, “双十中轴、两名片、三中心”的功能布局
            for m in re.finditer(r"[“\"「『]([^”\"」』]{1,40})[”\"」』]的?([^，。；“”]{0,8}?)" + tail, text):
                span, gap = m.group(1), len(m.group(2))
                names = [span] if span in by_label else [x for x in re.split(r"[、，,]", span) if x in by_label]
                for name in names:
                    for s_iri, g in by_label[name]:
                        if s_iri not in best or best[s_iri][:2] < (n, -gap):
                            best[s_iri] = (n, -gap, g)
        if not best:
            fb = intent.slots.fallback
            if fb and fb.any_of("groups", "roles", "categories", "segments", "classes", "levels"):
                return self.do_entities(Intent("entities", fb))
            return Answer("", [], self.not_found(), q, [])
        top = max(v[:2] for v in best.values())
        chosen = {s: v[2] for s, v in best.items() if v[:2] == top}
        labels_seen: set[str] = set()
        for s_iri in sorted(chosen, key=lambda x: (self.index.kind_rank(x), x)):  # one node per printed name
            lab = self.label(s_iri)
            if lab in labels_seen:
                del chosen[s_iri]
            labels_seen.add(lab)
        per_plan: dict[str, list[str]] = {}
        for s_iri, g in chosen.items():
            per_plan.setdefault(g, []).append(s_iri)
        answers = self.entity_answers(per_plan)
        parts = self.structure_parts(list(chosen))
        text = self.set_text(per_plan, answers)
        if parts:
            sep, colon = ("；", "：") if self.zh() else ("; ", ": ")
            text += " " + sep.join(f"{self.label(k)}{colon}{'、'.join(v)}" for k, v in parts.items()) + \
                ("。" if self.zh() else ".")
        ev = self.evidence(list(chosen), [a["label"] for a in answers] + [phrase])
        return Answer("", answers, text, q, ev, basis=("规划原文对该格局的表述" if self.zh() else
                                                       "the plan's own statement of the structure"))

    def structure_parts(self, iris: list[str]) -> dict[str, list[str]]:
        rows = self.store.select(with_prefixes(f"""SELECT ?s ?p WHERE {{ {values("s", iris)} ?s pk:hasPart ?p }} LIMIT 200"""))
        out: dict[str, list[str]] = {}
        for r in rows:
            lab = self.label(r["p"])
            if lab not in out.setdefault(r["s"], []):
                out[r["s"]].append(lab)
        return out

    def do_aliases(self, intent: Intent) -> Answer:
        """The other names the plans give a thing (skos:altLabel, a second rdfs:label). A short form made by
        dropping the name's ending (右卫镇 → 右卫) counts only when a short form (简称) is asked for."""
        s = intent.slots
        gv = self.graph_values(s.plans)
        if RE_OFFICIAL.search(s.question_text):
            return self.official_names(s)
        q = f"""SELECT DISTINCT ?g ?s ?name WHERE {{
  {values("s", s.subjects)} {gv}
  GRAPH ?g {{ {{ ?s skos:altLabel ?name }} UNION {{ ?s rdfs:label ?name }} UNION {{ ?s skos:prefLabel ?name }} }}
}} LIMIT 200"""
        rows = self.select(q)
        main = {norm(self.label(x)) for x in s.subjects}
        short_ok = "简称" in s.question_text
        per_plan: dict[str, list[str]] = {}
        for r in rows:
            name = norm(str(r["name"]))
            if name in main or not has_cjk(name) or (not short_ok and any(m.startswith(name) for m in main)):
                continue
            per_plan.setdefault(self.index.plan_title(r["g"]), [])
            if str(r["name"]) not in per_plan[self.index.plan_title(r["g"])]:
                per_plan[self.index.plan_title(r["g"])].append(str(r["name"]))
        names = list(dict.fromkeys(n for ns in per_plan.values() for n in ns))
        answers = [{"label": n, "value": n, "plans": [t for t, ns in per_plan.items() if n in ns]} for n in names]
        subject = "、".join(self.label(x) for x in s.subjects)
        if not answers:
            text = self.not_found()
        elif self.zh():
            text = f"{subject}又称{'、'.join(names)}（据{'、'.join(f'《{t}》' for t in per_plan)}）。"
        else:
            text = f"{subject} is also called {', '.join(names)} (from {', '.join(per_plan)})."
        ev = self.evidence(s.subjects, names + [subject]) if answers else []
        return Answer("", answers, text, q, ev, basis="skos:altLabel / rdfs:label")

    def official_names(self, s: Slots) -> Answer:
        """"太平湖的正式名称是什么": the things a plan gives the named form as another name (skos:altLabel), by
        their own label."""
        printed = sorted({self.label(x) for x in s.subjects})
        q = f"""SELECT DISTINCT ?g ?s WHERE {{
  {values("name", printed, kind="str")} {self.graph_values(s.plans)}
  GRAPH ?g {{ ?s skos:altLabel ?name }}
}} LIMIT 50"""
        rows = [r for r in self.select(q) if self.label(r["s"]) not in printed]
        per_plan = self.group_by_plan(rows, "s")
        answers = self.entity_answers(per_plan)
        if not answers:
            return Answer("", [], self.not_found(), q, [])
        names = "、".join(a["label"] for a in answers)
        text = (f"{'、'.join(printed)}的正式名称为{names}（据{'、'.join(f'《{self.index.plan_title(g)}》' for g in per_plan)}）。"
                if self.zh() else f"The official name of {', '.join(printed)} is {names}.")
        ev = self.evidence([a["iri"] for a in answers], [a["label"] for a in answers] + printed)
        return Answer("", answers, text, q, ev, basis="skos:altLabel", plans=self.plan_list(per_plan))

    def do_seat(self, intent: Intent) -> Answer:
        """Where a division's government sits (pk:hasSeat), per plan."""
        s = intent.slots
        gv = self.graph_values(s.plans)
        q = f"""SELECT DISTINCT ?g ?seat WHERE {{
  {values("d", s.subjects)} {gv}
  GRAPH ?g {{ {readings.seat("?d", "?seat")} }}
}} LIMIT 50"""
        rows = self.select(q)
        per_plan: dict[str, list[str]] = {}
        for r in rows:
            names = per_plan.setdefault(self.index.plan_title(r["g"]), [])
            if r["seat"] not in names:
                names.append(r["seat"])
        seats = list(dict.fromkeys(x for xs in per_plan.values() for x in xs))
        answers = [{"label": self.label(x), "iri": x, "plans": [t for t, xs in per_plan.items() if x in xs]}
                   for x in seats]
        subject = "、".join(self.label(x) for x in s.subjects)
        if not answers:
            text = self.not_found()
        elif self.zh():
            text = (f"{subject}的驻地为{'、'.join(a['label'] for a in answers)}"
                    f"（据{'、'.join(f'《{t}》' for t in per_plan)}）。")
        else:
            text = f"The seat of {subject} is {', '.join(a['label'] for a in answers)} (from {', '.join(per_plan)})."
        ev = self.evidence(s.subjects, [a["label"] for a in answers]) if answers else []
        return Answer("", answers, text, q, ev, basis="pk:hasSeat")

    def do_role(self, intent: Intent) -> Answer:
        """The roles a plan gives a thing: pk:role or pk:category, or the memberRole of a list that holds it. Town-system
        roles (the town-role scheme) come first when the question is about a town system or a rank."""
        s = intent.slots
        q = f"""SELECT DISTINCT ?g ?role WHERE {{
  {values("s", s.subjects)} {self.graph_values(s.plans)}
  GRAPH ?g {{ {{ ?s pk:category ?role }} UNION {readings.role("?s", "?role")} }}
}} LIMIT 100"""
        rows = self.select(q)
        town_first = bool(re.search(r"城镇体系|等级|级别|层级", s.question_text))
        ranked = [r for r in rows if "/town-role/" in r["role"]]
        if town_first and ranked:  # a rank is asked for: the town-system rank answers, other roles do not
            rows = ranked
        rows.sort(key=lambda r: (r["g"], r["role"]))
        per_plan = self.group_by_plan(rows, "role")
        answers = self.entity_answers(per_plan)
        name = "、".join(self.label(x) for x in s.subjects)
        if not answers:
            return Answer("", [], self.not_found(), q, [])
        parts = [f"《{self.index.plan_title(g)}》：{'、'.join(self.label(r) for r in rs)}" if self.zh() else
                 f"{self.index.plan_title(g)}: {', '.join(self.term(r) for r in rs)}" for g, rs in per_plan.items()]
        text = (f"{name}——" + "；".join(parts) + "。") if self.zh() else (f"{name} — " + "; ".join(parts) + ".")
        ev = self.evidence(s.subjects, [a["label"] for a in answers] + [name],
                           graphs=self.scope_graphs(s))
        return Answer("", answers, text, q, ev, basis="pk:role / pk:memberRole", plans=self.plan_list(per_plan))
