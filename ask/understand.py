"""Understanding a question: link the names it contains, then classify it into a typed :class:`Intent`.

    question ──normalise/translate──▶ text ──link──▶ [Mention] ──classify──▶ Intent(kind, Slots)
"""
from __future__ import annotations

import functools
import re

from plankg.ask import budget
from plankg.ask.english import translate_english
from plankg.ask.index import Index, class_suffixes
from plankg.ask.intents.audits import asks_inconsistency, unheld_place
from plankg.ask.intents.monitor import monitor_question
from plankg.ask.model import FILTER_SLOTS, Intent, Mention, Ref, Slots
from plankg.ask.question_forms import (
    RE_FOLLOWUP, RE_QWORD, RE_COUNT, RE_VALUE, RE_YEAR, META_KEYS,
    YEAR_PROPS, RE_COMPARE, RE_SET, RE_STRUCTURE, RE_PLANLIST, LEVEL_WORDS,
    RE_YEARQ, RE_COMPLIANCE, RE_ONLY_FAILING, RE_CITECHECK, RE_WHERE, RE_CONTAINS,
    RE_RANK, RE_PLAN_LEVEL, RE_PREVIOUS, RE_VERSION_CHANGE, RE_MERGED, RE_WHICH_ROWS,
    RE_ROW_BOUND, RE_TOTAL, RE_ROLE_OF, RE_UNITS_OF, RE_ALIAS, RE_SEAT,
    RE_ADDED, RE_HIGHER_WORDS, RELATION_WORDS, RE_PARTS, RE_SYSTEM_OF, RE_PLANREF, parts_phrase, planned_at,
)
from plankg.ask.tables import column_named, header_core, is_id_column, name_column
from plankg.ask.templates import PK
from plankg.ask.text import MAX_QUESTION_CHARS, bigrams, cn_number, is_english, longest_common, norm, title_key
from plankg.extract import lexicon

RE_PLAN_PHRASE = re.compile(r"城镇体系|城乡|镇村体系|城镇开发边界|城镇空间|城镇化")
KIND_ORDER = {"group": 0, "structure": 1, "division": 2, "plan": 3, "indicator": 4, "concept": 5, "entity": 6}


RE_QWORD_NAME = re.compile(r"什么|哪|怎么|如何|多少")


def link(text: str, index: Index) -> list[Mention]:
    """Leftmost-longest dictionary match of known names in ``text`` (already normalised)."""
    out, i, n = [], 0, len(text)
    # where a planning phrase starts ("右玉县城镇体系": 县域 system, not the county town "右玉县城")
    phrase_at = {m.start(): m.end() for m in RE_PLAN_PHRASE.finditer(text)}
    names = index.names_in(text)  # one lookup for every substring
    longest = min(index.max_len, budget.limits().name_chars)
    while i < n:
        budget.check()
        for ln in range(min(longest, n - i), 1, -1):
            refs = names.get(text[i:i + ln])
            if refs and any(i < j < i + ln < end for j, end in phrase_at.items()):
                continue  # the name would cut a planning phrase in two
            if refs and (text[i] == "个" and i and text[i - 1] in "哪几每各这那一两二三四五六七八九十0123456789" or RE_QWORD_NAME.match(text[i:])):
                continue  # "哪个镇" names no "个镇"; "什么" is no name, whatever a graph calls so
            if refs:
                out.append(Mention(i, i + ln, text[i:i + ln], sorted(refs, key=lambda r: (KIND_ORDER.get(r.kind, 9), r.iri))))
                i += ln
                break
        else:
            i += 1
    return out


def _in_scope(mention: Mention, index: Index, graphs: set[str]) -> Ref:
    """The mention's node in the plans asked about (their graphs): a list's name ("三区") is a node of each plan
    that prints it."""
    return next((r for r in mention.refs if r.kind == "group" and index.group_graphs.get(r.iri, set()) & graphs),
                mention.refs[0])


def same_indicators(index: Index, iris: list[str]) -> list[str]:
    """The indicators asked and those another wording names (生态保护红线 / 生态保护红线面积: the synonyms file; a
    count with or without 数量)."""
    canon = {_indicator_key(index.indicators[i].label) for i in iris if i in index.indicators}
    more = [i for i, r in index.indicators.items() if i not in iris and _indicator_key(r.label) in canon]
    return list(iris) + sorted(more)


@functools.lru_cache(maxsize=65536)
def _indicator_key(label: str) -> str:
    """An indicator's name read one way (cached: every value question reads every indicator's): its synonym's
    name, a count without its 数量 (医院数量 is 医院 counted)."""
    name = norm(label)
    return lexicon.indicator_synonyms().get(name, _counted(name) or name)


def _counted(name: str) -> str:
    """What a count's name counts: 卫生院数量 → 卫生院."""
    return re.sub(r"(?:数量|个数|总数)$", "", name)


def class_words(text: str, index: Index) -> set[str]:
    out = set()
    for word, classes in index.class_labels.items():
        if len(word) >= 2 and word in text:
            out |= classes
    return out


@functools.lru_cache(maxsize=65536)
def label_core(label: str) -> tuple[str, frozenset[str], tuple[int | None] | None]:
    """A list's or programme's label without its table number, count word or note (cached: every question
    compares against every label): "表3 两大战略（近期）" → ("战略", its bigrams, 2)."""
    lab = norm(label)
    core = re.sub(r"^(表[0-9]+([-.][0-9]+)*|[0-9]+(\.[0-9]+)*(?=[^0-9个大条处座项类]))", "", lab)
    core = re.sub(r"^[0-9一二两三四五六七八九十]+(个|大|条|处|座|项|类)?", "", core)
    core = re.sub(r"（[^）]*）$", "", core) or lab
    num = re.match(r"^([0-9一二两三四五六七八九十]+)", lab)
    return core, frozenset(bigrams(core)), (cn_number(num.group(1)),) if num else None


def fuzzy_best(text: str, refs: dict[str, Ref], min_score: float = 0.6) -> list[tuple[float, Ref]]:
    """Rank refs by how much of their label the question contains (char bigrams + longest substring)."""
    qb = bigrams(text)
    num_q = re.search(r"([0-9一二两三四五六七八九十]+)(?:个|大|条|处|座|项)", text)
    n_q = cn_number(num_q.group(1)) if num_q else None
    scored = []
    for ref in refs.values():
        core, lb, n_l = label_core(ref.label)
        if len(core) < 2:
            continue
        cover = len(lb & qb) / len(lb) if lb else (1.0 if core in text else 0.0)
        if core in text:
            cover = 1.0
        # a numbered label ("两大战略") must agree with a number in the question when both have one
        if n_l is not None and num_q and n_l[0] != n_q:
            cover *= 0.5
        if cover >= min_score:
            scored.append((cover + 0.01 * len(core), ref))
    scored.sort(key=lambda x: -x[0])
    return scored


# ---------------------------------------------------------------------------------------------
# Stage 2: what is asked
# ---------------------------------------------------------------------------------------------


def classify(question: str, index: Index, context: Intent | None = None) -> tuple[Intent, list[Mention], str]:
    """Return the intent, the linked mentions and the (normalised, maybe translated) text."""
    text = norm(question)[:MAX_QUESTION_CHARS]
    if is_english(question):
        m_en = re.match(r"^\s*(?:(?:and\s+)?(?:what|how)\s+about|and(?:\s+for|\s+in)?)\s+(.{1,60}?)\s*\??\s*$",
                        question, re.I)
        text = translate_english(question[:MAX_QUESTION_CHARS] if not m_en else m_en.group(1), index)
        if m_en:
            text = f"那{text}呢"
    mentions = link(text, index)
    if not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", text):
        return Intent("none", Slots(reason="empty")), mentions, text

    # follow-up: "那应县呢？" reuses the previous intent with the new name(s)
    m = RE_FOLLOWUP.match(text)
    if m and RE_QWORD.search(m.group(1) or m.group(2) or ""):
        m = None  # "…有哪些呢？" is a new question, not a follow-up
    years_f = [int(y.group(0)) for y in RE_YEAR.finditer(text)]
    year_ok = bool(years_f) and context is not None and context.kind in ("value", "count", "compliance")
    m_rank_f = RE_RANK.search(text)
    rank_ok = bool(m_rank_f) and context is not None and context.kind == "table" and context.slots.order in ("max", "min")
    if m and context and context.kind and (mentions or year_ok or rank_ok) and len(text) <= 40:
        intent = followup(context, mentions, index)
        if years_f:
            intent.slots.years = years_f
        if rank_ok:  # "那最小的呢？" after "…最大的是哪个"
            intent.slots.order = "max" if m_rank_f.group(1) in "最大最高最多最长" else "min"
        return intent, mentions, text

    unheld = unheld_place(text, mentions, index)
    if unheld:  # "山阴县规划…" with no such plan: say so, never answer about another plan
        return Intent("unheld", Slots(question_text=unheld)), mentions, text
    places = [r for mt in mentions for r in mt.refs[:1] if r.kind == "division"]
    plan_scope = scope_plans(text, mentions, index)
    if asks_inconsistency(text) and plan_scope:  # "X规划和上位规划有哪些不一致": the audit's findings
        return Intent("audit", Slots(plans=sorted(plan_scope), question_text=text[:200])), mentions, text
    compare = bool(RE_COMPARE.search(text))
    if compare:  # a comparison across plans: every plan answers, side by side, for the region named
        regions = {r for p in index.main_plans() if p.iri in plan_scope for r in p.regions}
        lowest = [r for r in regions if not any(r in index.ancestors(o) for o in regions)]
        places = places + [Ref(r, "division", index.labels.get(r, "")) for r in lowest
                           if r not in {x.iri for x in places}]
        plan_scope = set()
    year = [int(y.group(0)) for y in RE_YEAR.finditer(text)]

    steps = named_steps(text)
    if (len(steps) >= 2 or steps and RE_PREVIOUS.search(text)) or steps and RE_VERSION_CHANGE.search(text):
        return Intent("versions", Slots(plans=sorted(plan_scope), versions=steps, question_text=text[:200],
                                        indicators=[m.refs[0].iri for m in mentions if m.refs[0].kind == "indicator"],
                                        subjects=[m.refs[0].iri for m in mentions if m.refs[0].kind in ("entity", "division")
                                                  and m.refs[0].iri not in {r for p in index.main_plans() for r in p.regions}],
                                        classes=sorted(class_words(text, index)))), mentions, text
    scoped_regions = {r for p in index.main_plans() if p.iri in plan_scope for r in p.regions}
    scope_graphs = set(index.plan_graphs(plan_scope, include_annexes=False)) if plan_scope else set()
    named = [_in_scope(mt, index, scope_graphs) for mt in mentions
             if mt.refs[0].kind in ("entity", "division", "structure", "group")]
    named = [r for r in named if r.iri not in scoped_regions] or named  # not the "X" of "X规划"
    if RE_PLAN_LEVEL.search(text):  # "X规划是什么级别的规划": the plan's level, not a role of X
        return Intent("meta", Slots(prop="level", props=["level"], plans=sorted(plan_scope),
                                    places=[p.iri for p in places])), mentions, text
    if RE_ROLE_OF.search(text) and named and not RE_SET.search(text.replace("是什么", "")):
        # "右卫镇在县域城镇体系中是什么等级": the role(s) the plan gives X
        return Intent("role", Slots(subjects=[r.iri for r in named[:1]], plans=sorted(plan_scope),
                                    question_text=text[:200])), mentions, text
    seat_of = [r for r in named if r.kind == "division"] or [
        ref for r in named if r.kind == "entity" for stem in [re.sub(r"(人民政府|政府)$", "", r.label)]
        if stem != r.label for ref in index.names.get(norm(stem), ()) if ref.kind == "division"][:1] or [
        mt.refs[0] for mt in mentions if mt.refs[0].kind == "division"][:1] or [  # "X规划中，X镇政府驻哪个村"
        Ref(r, "division", index.labels.get(r, "")) for r in sorted(scoped_regions)][:1]  # "X规划中，县城是哪个镇"
    if RE_SEAT.search(text) and seat_of:
        return Intent("seat", Slots(subjects=[r.iri for r in seat_of[:1]], plans=sorted(plan_scope),
                                    question_text=text[:200])), mentions, text
    if RE_ALIAS.search(text) and named:  # "X又称什么": the other names the plans give X
        return Intent("aliases", Slots(subjects=[r.iri for r in named[:1]], plans=sorted(plan_scope),
                                       question_text=text[:200])), mentions, text
    rel = relation_asked(strip_mentions(text, mentions, ("entity", "division", "group", "structure")))
    if rel and named and RE_QWORD.search(text) and not index.has_type(named[0].iri, PK + "Project"):
        # "X流经哪些县区", "X有哪些支流", "X是哪条河的支流", "X与哪些乡镇相邻": one hop along the relation
        prop, inverse = rel
        subject = named[0]
        inverse = inverse or (prop == "passesThrough" and subject.kind == "division")  # "哪些河流流经X"
        m_unit = re.search(r"哪(?:些|几个)(县区|区县|县市|乡镇|街道|县|区|镇|乡|市|村)(?![、或和及与])", text)  # not "区、乡或街道"
        unit = {"乡镇": "Township", "镇": "Township", "乡": "Township", "街道": "Township", "市": "City",
                "村": "Village"}.get(
            m_unit.group(1), "County") if m_unit else ""
        return Intent("relation", Slots(subjects=[subject.iri], prop=prop, lower="inverse" if inverse else "",
                                        classes=[PK + unit] if unit else [], plans=sorted(plan_scope),
                                        question_text=text[:200])), mentions, text
    monitored = monitor_question(text, year, places, [r for _, r in fuzzy_best(text, index.indicators, 0.75)])
    if monitored is not None:  # "X 2023年Y是否达到规划目标 / 哪些指标滞后": the yearly check (plankg.monitor)
        return Intent("monitor", monitored.but(plans=sorted(plan_scope), question_text=text[:200])), mentions, text
    if RE_CITECHECK.search(text) and "规划" in text:
        lv = [lvl for word, lvl in (("县级", "county"), ("市级", "city"), ("省级", "province"), ("乡镇级", "township"))
              if word in text]
        return Intent("cites_check", Slots(lower=lv[0] if lv else "county",
                                           higher=lv[1] if len(lv) > 1 else "city")), mentions, text
    if RE_COMPLIANCE.search(strip_mentions(text, mentions, ("indicator",))):  # not "达标" inside "…达标率"
        ind = fuzzy_best(text, index.indicators, 0.75)
        if ind:
            return Intent("compliance", Slots(indicators=[r.iri for _, r in ind[:1]],
                                              only_failing=bool(RE_ONLY_FAILING.search(text)),
                                              places=[p.iri for p in places], years=year,
                                              plans=sorted(plan_scope))), mentions, text
    if RE_PLANLIST.search(text) and not re.search(r"引用|上位|依据|没有|未", text):
        return Intent("plans", Slots(places=[p.iri for p in places],
                                     level=next((lvl for w, lvl in LEVEL_WORDS if w in text), ""))), mentions, text
    if RE_ADDED.search(text) and plan_scope:
        slots = entity_slots(RE_HIGHER_WORDS.sub(lambda m: "·" * len(m.group(0)), text), mentions, index, plan_scope)
        return Intent("entities", slots.but(beyond_higher=True, question_text=text[:200])), mentions, text
    props = []
    for rx, prop in META_KEYS:
        if rx.search(text) and (prop in ("higherPlan", "issuedBy", "cites", "period") or RE_YEARQ.search(text)):
            if prop == "cites" and not re.search(r"哪些|什么|哪几|文件|法|规划", text):
                continue
            if prop == "period" and props:
                continue
            props.append(prop)
    year_words = [rx for rx, prop in META_KEYS if prop in YEAR_PROPS]
    if any("indicator" in mt.kinds and not any(rx.search(mt.text) for rx in year_words) for mt in mentions):
        props = [p for p in props if p not in YEAR_PROPS]  # "规划期末耕地保有量是多少": the indicator's value
    if {"nearTermYear", "visionYear"} & set(props):  # "近期目标年" is the near-term year, not the period's end
        props = [p for p in props if p != "periodEnd"]
    if props:
        return Intent("meta", Slots(prop=props[0], props=props, plans=sorted(plan_scope),
                                    places=[p.iri for p in places],
                                    level=next((lvl for w, lvl in LEVEL_WORDS if w in text), ""))), mentions, text

    table = table_intent(text, mentions, index, plan_scope)
    if table:
        return table, mentions, text

    set_slots = entity_slots(text, mentions, index, plan_scope)
    if compare:
        set_slots.places = list(dict.fromkeys(set_slots.places + [p.iri for p in places]))
    m_parts = RE_PARTS.search(text)
    if m_parts and named:  # the runner asks the fallback when the graph states no such parts
        return Intent("parts", Slots(subjects=[r.iri for r in named], phrase=parts_phrase(m_parts), plans=sorted(plan_scope),
                                     fallback=set_slots.but(question_text=text[:200]) if set_slots.any_of(*FILTER_SLOTS) else None)), \
            mentions, text
    if RE_WHERE.search(text) and not set_slots.subjects and len(places) == 1 and \
            not set_slots.any_of("roles", "classes", "groups", "categories", "segments"):
        set_slots.subjects = [places[0].iri]  # "神头镇属于哪个区？": the division's own parent
    if RE_WHERE.search(text) and set_slots.subjects:
        m_lvl = re.search(r"哪(?:个|些)(乡镇|镇|乡|县|区|市|村)", text)
        lvl = m_lvl.group(1) if m_lvl else ""
        target = {"镇": "Township", "乡": "Township", "乡镇": "Township", "县": "County", "区": "County",
                  "市": "City", "村": "Village"}.get(lvl, "")
        return Intent("where", Slots(subjects=set_slots.subjects, plans=sorted(plan_scope),
                                     target=[PK + target] if target else [])), mentions, text
    if RE_COUNT.search(text):
        ind = count_indicator(text, index, set_slots)
        m_div = RE_CONTAINS.search(text)
        # the unit word itself ("乡镇") may set a class or level; any other constraint makes it a list count
        kind = m_div.group(1) if m_div and places and not set_slots.any_of(
            "roles", "categories", "segments", "groups", "programmes") else ""
        return Intent("count", set_slots.but(indicators=ind, years=year, division_kind=kind, question_text=text[:200],
                                             places=set_slots.places or ([p.iri for p in places] if kind else []))), \
            mentions, text
    if (RE_VALUE.search(text) or compare) and not re.search(r"哪些|哪几|有哪", text):
        ind = fuzzy_best(strip_mentions(text, mentions, ("division",)), index.indicators, 0.6)
        plain = text.replace("的", "")
        verbatim = sorted((len(norm(r.label)), r.iri) for _, r in ind if norm(r.label).replace("的", "") in plain)
        # the longest indicator named word for word (丘陵面积占国土面积比例, not 国土面积)
        if verbatim and verbatim[-1][0] >= 0.7 * len(norm(ind[0][1].label)):
            ind = [(1.0, index.indicators[i]) for n, i in verbatim if n == verbatim[-1][0]]
        if ind:
            kind = "Allocation" if re.search(r"下达|分解|分配", text) else \
                "Measurement" if re.search(r"现状|现有|基期", text) else ""
            chosen = [r.iri for s, r in ind if s >= ind[0][0] - 0.05][:3]
            return Intent("value", Slots(indicators=same_indicators(index, chosen),
                                         places=[p.iri for p in places], years=year, value_kind=kind,
                                         plans=sorted(plan_scope), question_text=text[:200])), mentions, text
    m_struct = RE_STRUCTURE.search(strip_mentions(text, mentions, ("division", "plan")))
    if m_struct and RE_SET.search(text):
        scope = sorted(plan_scope) or [p.iri for p in index.main_plans() if set(p.regions) & {x.iri for x in places}]
        return Intent("structure", Slots(phrase=m_struct.group(1), plans=scope,
                                         fallback=set_slots.but(question_text=text[:200]))), mentions, text
    if RE_MERGED.search(text) and not set_slots.any_of("roles", "groups", "categories", "segments", "programmes"):
        return Intent("search"), mentions, text  # no merge fact in the graph: the passage, never every unit
    if set_slots.any_of(*FILTER_SLOTS):
        m_rank = RE_RANK.search(text)
        if m_rank:  # "重点项目中估算投资最大的是哪个": the set, ranked by the measure named before the word
            set_slots.order = "max" if m_rank.group(1) in "最大最高最多最长" else "min"
            set_slots.phrase = re.split(r"[中的里,，之]", text[:m_rank.start()])[-1][-6:]
        set_slots.question_text = text[:200]
        return Intent("entities", set_slots), mentions, text
    return Intent("search"), mentions, text


def relation_asked(text: str) -> tuple[str, bool] | None:
    """The relation a question asks along, and whether the named thing is its object, or None."""
    for rx, prop, inverse in RELATION_WORDS:
        if rx.search(text):
            return prop, inverse
    return None


def table_intent(text: str, mentions: list[Mention], index: Index, plan_scope: set[str]) -> Intent | None:
    """A question a plan table answers: a column's top row or total ("投资估算最大的项目", "投资估算合计"),
    or a column of a named thing's row ("X的总投资") — only when the question states a column's header."""
    m_rank, m_total = RE_RANK.search(text), RE_TOTAL.search(text)
    if not plan_scope:  # "山阴县近期重点项目…": the tables of the place's own plans
        own = region_plans(index, {m.refs[0].iri for m in mentions if m.refs[0].kind == "division"}, text)
        plan_scope = own if own and (m_rank or m_total or RE_WHICH_ROWS.search(text)) else plan_scope
    if m_rank or m_total:
        graphs = index.plan_graphs(plan_scope) if plan_scope else index.plans
        word_at = (m_total or m_rank).start()
        best, best_key = "", (False, -1, 0)
        for head in index.passages.in_graphs(graphs, kind="table-header"):
            for cell in head.cells or []:  # the column named nearest before the rank/total word ("…里总投资最大")
                core = loose_core(header_core(cell), text)
                # a header stated whole beats a part of one; then the nearest before the word, the longest
                key = (core == header_core(cell), text.rfind(core, 0, word_at + len(core)), len(core))
                if core != header_core(cell) and (RE_COUNT.search(text) or not 0 <= word_at - (key[1] + len(core)) <= 1):
                    continue  # a part of a header counts only right before the word ("项目投资合计"), never in "几个"
                if len(core) >= 2 and core in text and key > best_key and not is_id_column(cell) and \
                        cell != head.cells[name_column(head.cells)]:
                    best, best_key = header_core(cell), key
        if best:
            order = "sum" if m_total else "max" if m_rank.group(1) in "最大最高最多最长" else "min"
            return Intent("table", Slots(column=best, order=order, plans=sorted(plan_scope), question_text=text[:200]))
    if not RE_QWORD.search(text):
        return None
    if RE_WHICH_ROWS.search(text):
        # "实施时序为2021—2025年的项目有哪些", "投资估算超过20000万元的项目": rows by a column's value or bound
        graphs = index.plan_graphs(plan_scope) if plan_scope else index.plans
        for head in index.passages.in_graphs(graphs, kind="table-header"):
            col = column_named(text, head.cells or [])
            if col is None:
                continue
            core = header_core(head.cells[col])
            after = text[text.find(core) + len(core):]
            if RE_ROW_BOUND.match(after) or re.match(r"^(为|是|在|属于|等于)", after):
                return Intent("table", Slots(column=core, order="where", plans=sorted(plan_scope),
                                             question_text=text[:200]))
    m_units = RE_UNITS_OF.search(text)
    for mt in mentions:
        ref = mt.refs[0]
        if ref.kind != "entity":
            continue
        for src in index.passages.sources_of(ref.iri):
            row = index.passages.get(src)
            header = index.passages.header_of(row) if row and row.cells else None
            col = column_named(text, header) if header else None
            if col is not None:
                return Intent("table", Slots(subjects=[ref.iri], column=header_core(header[col]),
                                             plans=sorted(plan_scope), question_text=text[:200]))
            if header and m_units:  # "X涉及哪些村": the villages its row names
                return Intent("table", Slots(subjects=[ref.iri], division_kind=m_units.group(1),
                                             plans=sorted(plan_scope), question_text=text[:200]))
    return None


def loose_core(core: str, text: str) -> str:
    """A column header as the question states it: whole, or its longest head or tail of at least two characters
    ("总投资" asked as "投资", "投资估算" as "投资"); the header itself when the question states neither."""
    if core in text:
        return core
    for k in range(len(core) - 1, 1, -1):
        for part in (core[-k:], core[:k]):
            if part in text:
                return part
    return core


def strip_mentions(text: str, mentions: list[Mention], kinds: tuple[str, ...]) -> str:
    out = text
    for mt in sorted(mentions, key=lambda m: -m.start):
        if mt.kinds & set(kinds):
            out = out[:mt.start] + "·" + out[mt.end:]
    return out


def scope_plans(text: str, mentions: list[Mention], index: Index) -> set[str]:
    """Plans the question names: by title, by "按…规划", or by "<region>…规划" (the plan covering it)."""
    scope = set()
    for mt in mentions:
        for r in mt.refs:
            if r.kind == "plan":
                doc = r.iri if any(p.iri == r.iri for p in index.main_plans()) else index.document_plan(r.label)
                if doc:
                    scope.add(doc)
                    continue
                regions = {reg for info in index.main_plans() for reg in info.regions
                           if any(mt.text.startswith(n) for n in index.names_of.get(reg, ()))}
                scope |= region_plans(index, regions, mt.text)
    for mt in mentions:
        if "division" not in mt.kinds:
            continue
        after = text[mt.end:mt.end + 12]
        if planned_at(text, mt.start, mt.end):
            continue  # "在A区规划消防站多少座": the place where the plan lays something out, not A区's plan
        if RE_SYSTEM_OF.match(after) or RE_PLANREF.match(after) or re.match(r"^[^，,。？?]{0,8}规划(?!建|布局在|在)", after) and \
                not re.match(r"^[^，,。？?]{0,8}规划(了|建设|新建)", after):
            scope |= region_plans(index, {r.iri for r in mt.refs}, after)
    return scope or abbreviated_plans(text, index)


# words every plan title may hold: an abbreviation must keep something besides them
GENERIC_TITLE_WORDS = re.compile(r"国土空间|总体|专项|详细|规划|生态|保护|修复|发展|建设|与|和|及|的|"
                                 r"上位|下位|上级|下级|相关|其他|哪些|各|该|本|这")  # nor words about plans in general


def abbreviated_plans(text: str, index: Index) -> set[str]:
    """Plans named by an abbreviation of their title ("桑干河专项规划" for "朔州市桑干河生态保护与修复专项规划"): the
    characters right before "规划" in the question, read backwards, occur in that order in the title before its
    "规划", and keep at least two characters besides the words every title holds. The longest match wins."""
    best, found = 0, set()
    for m in re.finditer("规划", text):
        for info in index.main_plans():
            title = title_key(info.title)
            j = title.rfind("规划")
            if j < 0:
                continue
            picked = []
            for ch in reversed(text[max(0, m.start() - 16):m.start()]):
                j = title.rfind(ch, 0, j)
                if j < 0:
                    break
                picked.append(ch)
            core = GENERIC_TITLE_WORDS.sub("", "".join(reversed(picked)))
            if len(core) < 2 or len(picked) < best:
                continue
            if len(picked) > best:
                best, found = len(picked), set()
            found.add(info.iri)
    return found


def region_plans(index: Index, regions: set[str], wording: str) -> set[str]:
    """The plans of the regions. "X规划" with no plan type named means X's master plan (总体规划) when one
    is ingested; its special plans (专项规划) are meant only when the wording says so."""
    covering = [info for info in index.main_plans() if set(info.regions) & regions]
    if "专项" not in wording:
        covering = [i for i in covering if i.plan_type in ("", "master")] or covering
    return {i.iri for i in covering}


# a level word before a verb of deciding names who decided ("市级确定的重点镇"), not the level of what is asked
DECIDED_BY = re.compile(r"(?:规划)?(?:确定|划定|认定|公布|批准|命名|评定|核定)")


def entity_slots(text: str, mentions: list[Mention], index: Index, plan_scope: set[str]) -> Slots:
    """Constraints of a 'which things …' question, from what the names and words link to."""
    slots = Slots(plans=sorted(plan_scope))
    covered = []
    role_ends: dict[str, int] = {}  # where each role's mention ends
    group_starts: list[int] = []  # where each named list's mention starts
    graphs = set(index.plan_graphs(plan_scope)) if plan_scope else set()
    for mt in mentions:
        if graphs:  # a list another plan names ("特色保护类" of another township) is not this plan's list
            kept = [r for r in mt.refs if r.kind != "group" or index.group_graphs.get(r.iri, set()) & graphs]
            mt = Mention(mt.start, mt.end, mt.text, kept or mt.refs)
        ref = mt.refs[0]
        if ref.kind == "division":
            if not plan_scope or not any(ref.iri in p.regions for p in index.main_plans() if p.iri in plan_scope):
                slots.places.append(ref.iri)
        elif ref.kind == "concept" and any(r.kind in ("group", "structure") for r in mt.refs):
            slots.groups.extend(r.iri for r in mt.refs if r.kind in ("group", "structure"))
            group_starts.append(mt.start)
            covered.append((mt.start, mt.end))
        elif ref.kind == "concept":
            use = set().union(*(index.concept_use.get(r.iri, set()) for r in mt.refs))
            for r in mt.refs:
                u = index.concept_use.get(r.iri, set())
                if "divisionLevel" in u and not u & {"role", "category", "segment"}:
                    if not DECIDED_BY.match(text, mt.end):  # "市级确定的重点镇": who decided, not the members' level
                        slots.levels.append(r.iri)
                elif "segment" in u:
                    slots.segments.append(r.iri)
                elif "category" in u:
                    slots.categories.append(r.iri)
                elif "role" in u or not use:
                    slots.roles.append(r.iri)
                    role_ends.setdefault(r.iri, mt.end)
            covered.append((mt.start, mt.end))
        elif ref.kind in ("group", "structure"):
            slots.groups.extend(r.iri for r in mt.refs if r.kind in ("group", "structure"))
            group_starts.append(mt.start)
            covered.append((mt.start, mt.end))
        elif ref.kind == "entity":
            if PK + "Programme" in index.types.get(ref.iri, set()):
                slots.programmes.append(ref.iri)
            else:
                slots.subjects.append(ref.iri)
    # words naming a class, outside the names already linked
    rest = text
    for a, b in sorted(covered, reverse=True):
        rest = rest[:a] + "·" * (b - a) + rest[b:]
    rest = RE_PLAN_PHRASE.sub(lambda m: "·" * len(m.group(0)), rest)  # "城镇体系" names no class 城镇
    rest_np = strip_mentions(rest, mentions, ("division", "entity", "plan"))
    slots.classes = sorted(class_words(rest_np, index))
    for k in ("places", "roles", "categories", "segments", "groups", "programmes", "subjects"):
        setattr(slots, k, list(dict.fromkeys(getattr(slots, k))))
    if not slots.groups:
        pool = index.groups
        if plan_scope:  # only the named lists of the plans the question names
            pool = {k: v for k, v in pool.items() if index.group_graphs.get(k, set()) & graphs}
        best = [(sc, r) for sc, r in fuzzy_best(text, pool, 0.75) if not inside_role(r.label, text, mentions)]
        if best and (best[0][0] >= 0.99 or not (slots.roles or slots.categories or slots.segments)):
            slots.groups = [r.iri for sc, r in best if sc >= best[0][0] - 1e-9][:4]  # ties: one per plan
    group_mentions = [mt for mt in mentions if mt.refs[0].kind in ("group", "structure") or
                      any(r.kind in ("group", "structure") for r in mt.refs)]
    if len(group_mentions) > 1 and re.search(r"中的|里的|之中", text[group_mentions[-2].end:group_mentions[-1].start]):
        # "“一核两翼”中的“两翼”指什么": head-final, the list named last is the one asked about
        last = group_mentions[-1]
        slots.groups = [r.iri for r in last.refs if r.kind in ("group", "structure")]
    if slots.groups:
        # "中心城区的三特色中心", "中心城区功能布局中的“两名片”": Chinese is head-final, so a role named before
        # the named list (or right before 的) qualifies it; the list is what is asked about
        slots.roles = [r for r in slots.roles if not (text[role_ends[r]:role_ends[r] + 1] == "的" or
                                                      any(g >= role_ends[r] for g in group_starts))]
    if not slots.classes and not slots.groups:
        # class words inside a generic entity name ("生态工程" → Project), only when nothing else says what
        slots.classes = sorted(class_words(strip_mentions(rest, mentions, ("division", "plan")), index))
    if not slots.any_of("roles", "categories", "segments", "groups", "programmes", "levels"):
        # a name-forming suffix of a class ("自然保护区", "湿地公园") longer than any class word the question
        # holds: that class, and only the names ending so
        words = [(len(w), w, cls) for cls, sfx in class_suffixes().items() for w in sfx if len(w) >= 3 and w in rest_np]
        longest_class_word = max((len(w) for w in index.class_labels if len(w) >= 2 and w in rest_np), default=0)
        if words and max(words)[0] > longest_class_word:
            _, word, cls = max(words)
            slots.classes, slots.name_suffix = [PK + cls], word
    if not slots.programmes:
        best = fuzzy_best(text, index.programmes, 0.2)
        # a loose match counts when the programme is named after the same place as a name in the
        # question (白河流域…行动 for 白河生态经济带)
        heads = {norm(index.labels.get(x, ""))[:2] for x in slots.subjects}
        best = [(sc, r) for sc, r in best if sc >= 0.3 or norm(r.label)[:2] in heads]
        slots.soft_programmes = [r.iri for s, r in best[:2]]
    slots.soft_words = [w for w in ("生态", "治理", "修复", "交通", "文旅", "水利", "农业", "能源", "产业")
                           if w in rest_np]
    return slots


def inside_role(label: str, text: str, mentions: list[Mention]) -> bool:
    """A numbered list whose number the question does not state, and whose word the question holds only inside
    a longer linked role word ("三中心": 中心 only inside "副中心"), is not the list asked about."""
    core, _, number = label_core(label)
    if number is None or re.search(r"[0-9一二两三四五六七八九十]+(?:个|大|条|处|座|项|类)", text):
        return False
    spans = [(mt.start, mt.end) for mt in mentions if mt.refs[0].kind == "concept"]
    hits = [i for i in range(len(text)) if core and text.startswith(core, i)]
    return bool(hits) and all(any(a <= i and i + len(core) <= b and b - a > len(core) for a, b in spans)
                              for i in hits)


def count_indicator(text: str, index: Index, slots: Slots) -> list[str]:
    """The counted indicator ('17处国家级文物保护单位' → 国家级文物保护单位) the question names, unless a
    named list or programme matches a longer stretch of the question."""
    best, best_len = None, 0
    for iri, ref in index.indicators.items():
        lab = _counted(norm(ref.label))
        if len(lab) >= 2 and lab in text and len(lab) > best_len:
            best, best_len = iri, len(lab)
    rival = 0
    for iri in slots.groups + slots.programmes + slots.soft_programmes:
        lab = norm(index.labels.get(iri, ""))
        rival = max(rival, longest_common(lab, text))
    return same_indicators(index, [best]) if best and best_len >= rival else []


SUBJECT_KINDS = ("role", "seat", "aliases", "where", "relation", "parts")


def followup(context: Intent, mentions: list[Mention], index: Index) -> Intent:
    """Reuse the previous intent, replacing the place/subject/indicator slots with the new names."""
    kind = context.kind
    slots = context.slots.but()
    new_places = [m.refs[0].iri for m in mentions if m.refs[0].kind == "division"]
    new_subjects = [m.refs[0].iri for m in mentions if m.refs[0].kind == "entity"]
    new_inds = [m.refs[0].iri for m in mentions if m.refs[0].kind == "indicator"]
    new_plans = [m.refs[0].iri for m in mentions if m.refs[0].kind == "plan"]
    if new_places and kind in SUBJECT_KINDS:  # "那玉井镇呢？" after "古城镇是什么等级": the new subject
        slots.subjects = new_places[:1]  # the plan scope asked before stays
    elif new_places:
        if kind in ("meta",) or slots.plans and not slots.places:
            slots.plans = [p.iri for p in index.main_plans() if set(p.regions) & set(new_places)]
        else:
            slots.places = new_places
            if slots.plans:
                slots.plans = [p.iri for p in index.main_plans() if set(p.regions) & set(new_places)] or \
                    slots.plans
    if new_subjects:
        slots.subjects = new_subjects
    if new_inds:
        slots.indicators = new_inds
    if new_plans:
        slots.plans = new_plans
    slots.followup = True
    return Intent(kind, slots)


@functools.lru_cache(maxsize=1)
def _step_words() -> dict[str, str]:
    """Every Chinese name of a process step (征求意见稿, 征求意见版, 公示稿 …) → its label."""
    from plankg.ontology import ontology_graph
    from rdflib.namespace import SKOS

    graph, out = ontology_graph(), {}
    for concept in graph.subjects(SKOS.inScheme, None):
        if "/process-step/" not in str(concept):
            continue
        pref = next((str(x) for x in graph.objects(concept, SKOS.prefLabel) if x.language == "zh"), None)
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for x in graph.objects(concept, prop):
                if pref and x.language == "zh":
                    out[norm(str(x))] = pref
    return out


def version_scope(question: str) -> tuple[list[str], str]:
    """(the one version a question names, the question without its name) when it asks about that version
    only ("X规划公示稿中，…"); ([], question) otherwise — no version, or a comparison of versions."""
    steps = named_steps(question)
    text = norm(question)
    if len(steps) != 1 or RE_PREVIOUS.search(text) or RE_VERSION_CHANGE.search(text):
        return [], question
    words = sorted((w for w, label in _step_words().items() if label == steps[0]), key=len, reverse=True)
    return steps, re.sub("|".join(map(re.escape, words)), "", text)


def named_steps(text: str) -> list[str]:
    """The process steps (version labels) a question names, in the order it names them."""
    words = _step_words()
    if not words:
        return []
    found = re.finditer("|".join(map(re.escape, sorted(words, key=len, reverse=True))), norm(text))
    return list(dict.fromkeys(words[m.group(0)] for m in found))
