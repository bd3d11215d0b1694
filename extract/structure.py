"""Structure-driven rules: counted lists, slogans and their parts, definitions, place cues.

Patterns (all general to the genre, none tied to one plan):
* "N个X——A、B、C" / "N个X：A、B" / "N个X（A、B）"     → Group X (declared N, role X) with members
* "A、B、C等N类X" / "A、B等X" / "“A、B”N条X"             → Group / typed items
* "□ N大X" heading + the following paragraph(s)          → Group X with members
* "X，即A、B" / "“X”指A、B" / "X指A、B"                   → members of X
* "以A、B为X"                                            → A, B partOf X
* “slogan” with numerals ("三横两纵四联")                  → SpatialStructure with parts
* "X的A、B" with X a place                               → A, B locatedIn X
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from plankg.extract import lexicon, names
from plankg.extract.document import Passage, PlanDocument
from plankg.extract.model import EntityRef, Extraction, Group, Requirement

N = rf"(?:\d+|{lexicon.CN_NUMERAL}|双)"
GROUP_HEAD = re.compile(rf"^(?:重点|主要|积极|着力|全力)?(?:打造|构建|建设|形成|秉承|培育|布局|规划布局|规划建设|建立)?"
                        rf"(?P<label>(?P<num>{N})\s*(?P<cls>个|大|条|类|项|处|座|张|级)?(?P<what>[\u4e00-\u9fff（）()]{{1,16}}))$")
DASH_LIST = re.compile(rf"(?P<label>(?P<num>{N})\s*(?P<cls>个|大|条|类|项|处|座|张)(?P<what>[\u4e00-\u9fff（）()]{{2,16}}?))"
                       r"(?:——|—|：|:)(?P<items>[^；;。]+)")
PAREN_LIST = re.compile(rf"(?P<label>(?P<num>{N})\s*(?P<cls>个|大|条|类|项|处|座|张)(?P<what>[\u4e00-\u9fff]{{2,16}}?))"
                        r"[（(](?P<items>[^（）()]+、[^（）()]+)[)）]")
ETC_LIST = re.compile(rf"(?P<items>[\u4e00-\u9fff（）()、\-—]{{2,200}}?)等(?P<label>(?P<num>{N})?\s*(?P<cls>个|大|条|类|项)?"
                      r"(?P<what>[\u4e00-\u9fff]{2,14}?))(?=[，。；、,;]|$|的|相|融|为|编制|构成|组成)")
COUNT_AFTER_LIST = re.compile(rf"“(?P<items>[^“”]+、[^“”]+)”(?P<label>(?P<num>{N})(?P<cls>个|大|条|类|项|级)(?P<what>[\u4e00-\u9fff]{{1,10}}))")
LIST_BEFORE_COUNT = re.compile(rf"(?P<items>[\u4e00-\u9fff、]{{4,80}}?)(?P<label>(?P<num>\d+|{lexicon.CN_NUMERAL})(?P<cls>个|条|座|处)"
                               r"(?P<what>[\u4e00-\u9fff]{2,10}?))(?=[，。；,;]|$)")
DEFINITION = re.compile(r"(?:^|[，。；：])(?:“(?P<q>[^“”]{2,12})”|(?P<x>[\u4e00-\u9fff]{2,16}))(?P<sep>[，,]|——|—|：)?"
                        r"(?P<cue>即|是指|指|主要包括|包括)?(?P<items>[^。；;]+)")
LOCATED = re.compile(r"位于(?P<place>[\u4e00-\u9fff]{2,12}?)(?=[，。；,;、]|$)")
BUILT_IN = re.compile(r"在(?P<place>[\u4e00-\u9fff、]{2,20}?)(?:规划建设|规划布局|建设|布局|设立)(?P<name>[^，。；、]{2,30})")
BELONGS = re.compile(r"属(?:于)?(?P<what>[\u4e00-\u9fff]{2,12}?)(?=[，。；,;]|$)")
THROUGH = re.compile(r"(?:横贯|纵贯|穿越|途经|贯穿)(?:县域|市域|全县|全市|县境|市境|境内)")
LIST_CUE = re.compile(r"(?:来自|主要有|涉及)(?P<items>[^。；;]+)")
WITH_AS = re.compile(r"以(?P<items>[\u4e00-\u9fff、和与及]{2,40}?)为(?P<target>[\u4e00-\u9fff]{2,14}?)(?=[，。；,;]|$)")
PLACE_OF = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,8}?)的(?P<items>[^；;。的]+)")
ADJACENT = re.compile(r"(?:南临|北接|东临|西临|北临|东接|西接|南接|毗邻|接壤|相邻|交界|相连|东与|西与|南与|北与|西北与|东北与|西南与|东南与)")
COOPERATE = re.compile(r"融入|联合|联动|协同|合作|对接")
CONNECT = re.compile(r"衔接|连接|联通|连通")
FACILITY_KINDS = {"Street", "Road", "Expressway", "Railway", "Airport", "Park", "GreenSpace", "Reservoir", "River",
                  "Lake", "IndustrialPark", "UrbanCenter", "UrbanCluster", "HeritageSite", "Project"}


@dataclass
class Context:
    doc: PlanDocument
    ex: Extraction
    resolve_place: Callable[[str, int], list[EntityRef]]  # text → divisions it names (whole string)
    make_entity: Callable[[str, int, str | None], EntityRef | None]  # name, passage, kind hint → ref
    resolve_place_in_text: Callable[[str, int], list[EntityRef]]  # divisions mentioned anywhere in text


def _count(num: str | None) -> int | None:
    if not num:
        return None
    return lexicon.cn_to_int(num)


def _members(ctx: Context, items_text: str, ordinal: int, kind_hint: str | None, declared: int | None,
             facility_word: str | None = None) -> list[EntityRef]:
    if re.search(r"以[^以，。；]*?为[\u4e00-\u9fff]{1,8}?的", items_text):  # "以X为核心的Y、以Z为主的W"
        items = [q + "的" + n for q, n in re.findall(r"(以[^以]*?为[\u4e00-\u9fff]{1,8}?)的([^、，。；以]+)", items_text)]
    else:
        items = names.split_list(items_text)
    items = _split_conjunctions(ctx, items, declared, ordinal)
    refs: list[EntityRef] = []
    bracketed: list[EntityRef] = []
    for n_item, raw in enumerate(items):
        name, inner = names.remove_parens(names.clean_item(raw, first=n_item == 0))
        if not name or len(name) > 30:
            continue
        places = ctx.resolve_place(name, ordinal)
        if facility_word and places and lexicon.classify(name + facility_word):
            # "平鲁、怀仁…5个通用机场": the member is the facility at that place
            ref = ctx.make_entity(name + facility_word, ordinal, lexicon.classify(name + facility_word))
            if ref is not None:
                ctx.ex.entities[ref.key].alt_labels.add(name)
                ctx.ex.relate(ref, "pk:locatedIn", places[0], ordinal)
        else:
            ref = places[0] if places and len(places) == 1 else ctx.make_entity(name, ordinal, kind_hint)
        if ref is None:
            continue
        refs.append(ref)
        for sub in inner:  # "广武（含后所、张家庄）", "中石油（陕京一线）"
            for part in names.split_list(re.sub(r"^(?:含|包括|即)", "", sub)):
                sub_places = ctx.resolve_place(part, ordinal)
                sub_ref = sub_places[0] if sub_places else ctx.make_entity(part, ordinal, None)
                if sub_ref is not None:
                    pred = "pk:partOf" if sub.startswith(("含", "包括")) else "pk:relatedTo"
                    ctx.ex.relate(sub_ref, pred, ref, ordinal)
                    bracketed.append(sub_ref)
    _harmonise_kinds(ctx, bracketed, ordinal)
    return refs


def _harmonise_kinds(ctx: Context, refs: list[EntityRef], ordinal: int) -> None:
    """Bracketed items of one list are alike: "中石油（陕京一线）、中海油（…外输管道）" → both pipelines."""
    kinds = {ctx.ex.canonical(r).kind for r in refs} - {"NamedConcept", "AdministrativeDivision"}
    if len(kinds) == 1:
        kind = kinds.pop()
        for r in refs:
            if ctx.ex.canonical(r).kind == "NamedConcept":
                ctx.ex.add_entity(EntityRef(kind, r.name, r.code, r.scope), ctx.ex.entities[r.key].label, ordinal)


def _split_conjunctions(ctx: Context, items: list[str], declared: int | None, ordinal: int) -> list[str]:
    """Split "A和B" inside an item when both sides are names (应县和右玉县), or when the text
    declares more members than the commas give (两大精神，即右玉精神与开放精神)."""
    out = []
    for item in items:
        parts = [x for x in re.split(r"以及|和|与|及", item) if x]
        named = len(parts) > 1 and all(len(x) >= 2 and (lexicon.classify(x) or ctx.resolve_place(x, ordinal))
                                       for x in parts)
        out.extend(parts if named else [item])
    if declared and len(out) < declared:
        wider = [x for item in out for x in re.split(r"以及|和|与|及", item) if x]
        if len(wider) == declared:
            out = wider
    return out


def _group(ctx: Context, label: str, num: str | None, what: str, ordinal: int,
           members: list[EntityRef], parent: EntityRef | None = None) -> Group:
    label = label.strip()
    role = what.strip() if what else None
    ref = ctx.ex.add_entity(EntityRef("Group", label), label, ordinal)
    group = Group(ref, label, _count(num), role, members, ordinal, parent)
    ctx.ex.groups.append(group)
    return group


def _kind_of_what(what: str) -> str | None:
    return lexicon.classify(what) or lexicon.classify("某" + what)


def passage_rules(ctx: Context, p: Passage, heading_groups: dict[str, Group]) -> None:
    text = p.text
    for m in DASH_LIST.finditer(text):
        what = m.group("what")
        items = re.split(r"[，,]", m.group("items"))[0]  # lists use 、; a comma starts the description
        members = _members(ctx, items, p.ordinal, _kind_of_what(what), _count(m.group("num")))
        _group(ctx, m.group("label"), m.group("num"), what, p.ordinal, members)
    for m in PAREN_LIST.finditer(text):
        what = m.group("what")
        members = _members(ctx, m.group("items"), p.ordinal, _kind_of_what(what), _count(m.group("num")))
        _group(ctx, m.group("label"), m.group("num"), what, p.ordinal, members)
    for m in COUNT_AFTER_LIST.finditer(text):
        members = _members(ctx, m.group("items"), p.ordinal, None, _count(m.group("num")))
        _group(ctx, m.group("label"), m.group("num"), m.group("what"), p.ordinal, members)
    for m in LIST_BEFORE_COUNT.finditer(text):
        items = m.group("items")
        if "、" not in items:
            continue
        items = re.sub(r"^.*?(?:规划建设|建设|规划|打造|布局)", "", items)
        what = m.group("what")
        members = _members(ctx, items, p.ordinal, _kind_of_what(what), _count(m.group("num")), facility_word=what)
        if members:
            _group(ctx, m.group("label"), m.group("num"), what, p.ordinal, members)
    for m in ETC_LIST.finditer(text):
        items_text = re.split(r"[，。；：:]", m.group("items"))[-1]
        if "、" not in items_text and not m.group("num"):
            items_text = names.strip_lead(items_text)
        what = m.group("what")
        members = _members(ctx, items_text, p.ordinal, _kind_of_what(what), _count(m.group("num")))
        if members and (m.group("num") or (len(members) > 1 and len(what) >= 3)):
            _group(ctx, m.group("label") if m.group("num") else what, m.group("num"), what, p.ordinal, members)
    for m in DEFINITION.finditer(text):
        head = m.group("q") or m.group("x")
        counted = GROUP_HEAD.match(names.strip_lead(head or ""))
        part = bool(head) and bool(names.SLOGAN_PART.fullmatch(head))
        if not head or not (m.group("cue") or (part and m.group("sep"))):
            continue
        if not (part or names.is_slogan(head) or head in heading_groups or m.group("q") or counted
                or ctx.ex.entities.get(head)):
            continue
        items = re.split(r"，(?:是|形成|作为|承载|推动|串联|沿|打造)", m.group("items"))[0]
        if "、" not in items and "和" not in items and "与" not in items:
            items = items.split("，")[0]
        declared = _count(counted.group("num")) if counted else None
        members = _members(ctx, items, p.ordinal, None, declared)
        if not members or len(items) > 120:
            continue
        label = names.strip_lead(head)
        group = heading_groups.get(head)
        if group is None:
            group = _group(ctx, label, counted.group("num") if counted else None,
                           counted.group("what") if counted else "", p.ordinal, [])
            heading_groups[head] = group
        group.members.extend(x for x in members if x not in group.members)
        for span in names.suffix_names(items.split("，")[0]):  # "一脉串珠，即以桑干河为脉" → 桑干河
            ref = ctx.make_entity(span.text, p.ordinal, span.kind)
            if ref is not None and ref not in group.members:
                ctx.ex.relate(group.ref, "pk:relatedTo", ref, p.ordinal)
    for m in LIST_CUE.finditer(text):
        members = _members(ctx, m.group("items"), p.ordinal, None, None)
        if len(members) >= 2:
            for ref in members:
                ctx.ex.mentions.append((p.ordinal, ref))
    _cue_relations(ctx, p)
    for m in WITH_AS.finditer(text):
        target = m.group("target")
        if target in ("主", "主体", "核心", "龙头", "重点", "依托", "基础", "引领", "统领", "指导", "指引"):
            continue
        members = _members(ctx, m.group("items"), p.ordinal, None, None)
        tref = ctx.make_entity(target, p.ordinal, lexicon.classify(target))
        if tref is not None:
            for ref in members:
                ctx.ex.relate(ref, "pk:partOf" if ref.kind == "AdministrativeDivision" else "pk:relatedTo", tref, p.ordinal)
    _place_of(ctx, p)
    _region_cues(ctx, p)
    transmission_requirements(ctx, p)


TRANSMIT_CUE = re.compile(r"下位规划|下级规划|传导|分解下达|予以落实|应落实")
LOWER_PLAN = re.compile(r"县|乡镇|下位|下级")


def transmission_requirements(ctx: Context, p: Passage) -> None:
    """"下位规划应予以落实的…耕地保有量、永久基本农田保护面积等定量指标；…三条控制线空间划定"
    → one requirement per indicator (mode 指标约束) and control line (mode 界限管控), binding the lower
    plan this section names ("县（市、区）国土空间总体规划")."""
    if not TRANSMIT_CUE.search(p.text):
        return
    lower = _lower_plan(ctx, p)
    if lower is None:
        return
    text, taken = p.text, []
    for name in lexicon.indicator_names():
        start = text.find(name)
        if start >= 0 and not any(s <= start < e for s, e in taken):
            taken.append((start, start + len(name)))
            ctx.ex.requirements.append(Requirement("indicator", name, None, lower, p.ordinal))
    for span in names.suffix_names(text):
        if span.kind == "ControlLine":
            ref = ctx.make_entity(span.text, p.ordinal, span.kind)
            if ref is not None:
                ctx.ex.requirements.append(Requirement("boundary", span.text, ref, lower, p.ordinal))


def _lower_plan(ctx: Context, p: Passage) -> EntityRef | None:
    """The first lower-level plan named in this passage's section, up to this passage."""
    section = ctx.doc.sections[p.section]
    for ordinal in section.passages:
        if ordinal > p.ordinal:
            break
        for span in names.suffix_names(ctx.doc.passages[ordinal].text):
            if span.kind == "Plan" and LOWER_PLAN.search(span.text):
                return ctx.make_entity(span.text, ordinal, "Plan")
    return None


def _cue_relations(ctx: Context, p: Passage) -> None:
    """位于X / 在X建设Y → locatedIn; 属X → partOf; 横贯县域 → passesThrough the plan's region."""
    for sentence in re.split(r"[。；]", p.text):
        named = names.suffix_names(sentence)
        for m in LOCATED.finditer(sentence):
            places = ctx.resolve_place(m.group("place"), p.ordinal)
            before = [s for s in named if s.end <= m.start()]
            if places and before:
                ref = ctx.make_entity(before[-1].text, p.ordinal, before[-1].kind)
                if ref is not None:
                    ctx.ex.relate(ref, "pk:locatedIn", places[0], p.ordinal)
        for m in BUILT_IN.finditer(sentence):
            places = ctx.resolve_place(m.group("place"), p.ordinal)
            inside = [s for s in named if m.start("name") <= s.start < m.end("name")]
            for s in inside[:1]:
                ref = ctx.make_entity(s.text, p.ordinal, s.kind)
                for place in places if ref is not None else []:
                    ctx.ex.relate(ref, "pk:locatedIn", place, p.ordinal)
        for m in BELONGS.finditer(sentence):
            target = [s for s in named if s.start == m.start("what")]
            before = [s for s in named if s.end <= m.start()]
            if target and before:
                a = ctx.make_entity(before[-1].text, p.ordinal, before[-1].kind)
                b = ctx.make_entity(target[0].text, p.ordinal, target[0].kind)
                if a is not None and b is not None:
                    ctx.ex.relate(a, "pk:partOf", b, p.ordinal)
        m = THROUGH.search(sentence)
        if m and ctx.ex.meta.region is not None:
            before = [s for s in named if s.end <= m.start()]
            if before:
                ref = ctx.make_entity(before[-1].text, p.ordinal, before[-1].kind)
                if ref is not None:
                    ctx.ex.relate(ref, "pk:passesThrough", ctx.ex.meta.region, p.ordinal)


def _place_of(ctx: Context, p: Passage) -> None:
    """"山阴县的古城农产品加工园、…" → members locatedIn 山阴县 (also "右玉县梁威…工业园")."""
    for clause in re.split(r"[；;。]", p.text):
        m = PLACE_OF.search(clause)
        place, rest = None, clause
        if m and ctx.resolve_place(m.group("place"), p.ordinal):
            place, rest = ctx.resolve_place(m.group("place"), p.ordinal)[0], m.group("items")
        if place is None:
            rest = _after_place(ctx, clause, p.ordinal)
            if rest == clause:
                continue
            place = ctx.resolve_place(clause[: len(clause) - len(rest)].rstrip("的"), p.ordinal)
            if not place:
                continue
            place = place[0]
        for item in names.split_list(rest):
            kind = lexicon.classify(item)
            if kind and kind not in ("AdministrativeDivision",):
                ref = ctx.make_entity(names.clean_item(item), p.ordinal, kind)
                if ref is not None:
                    ctx.ex.relate(ref, "pk:locatedIn", place, p.ordinal)


def _region_cues(ctx: Context, p: Passage) -> None:
    region = ctx.ex.meta.region
    if region is None:
        return
    for sentence in re.split(r"[。；]", p.text):
        adj = ADJACENT.search(sentence)
        if adj:
            for clause in re.split(r"[，,]", sentence):
                if ADJACENT.search(clause):
                    for ref in ctx.resolve_place_in_text(clause, p.ordinal):
                        if ref != region:
                            ctx.ex.relate(region, "pk:adjacentTo", ref, p.ordinal)
        if COOPERATE.search(sentence):
            for ref in _named_in(ctx, p, sentence, ("Region",)):
                ctx.ex.relate(region, "pk:cooperatesWith", ref, p.ordinal)
        conn = CONNECT.search(sentence)
        if conn:
            before = _named_in(ctx, p, sentence[: conn.start()], None)
            after = _named_in(ctx, p, sentence[conn.end():], None)
            if before:
                for ref in after:
                    ctx.ex.relate(before[-1], "pk:relatedTo", ref, p.ordinal)


def _named_in(ctx: Context, p: Passage, text: str, kinds: tuple[str, ...] | None) -> list[EntityRef]:
    out = []
    for span in names.suffix_names(text):
        if kinds is None or span.kind in kinds:
            ref = ctx.make_entity(span.text, p.ordinal, span.kind)
            if ref is not None:
                out.append(ref)
    return out


def heading_group(ctx: Context, p: Passage, following: list[Passage]) -> Group | None:
    """"□ 五大发展战略" or "□九个农业产业园区" + the paragraph(s) after it → Group with members."""
    text = names.strip_lead(p.text.strip())
    m = GROUP_HEAD.match(text)
    if not m:
        return None
    slogan = names.is_slogan(text) or bool(names.slogan_parts(text))
    declared = None if slogan else _count(m.group("num"))
    what = m.group("what")
    if (not declared and not slogan) or (declared or 0) > 60:
        return None
    kind = _kind_of_what(what)
    members: list[EntityRef] = []
    stop = next((i for i, q in enumerate(following) if q.kind == "item" or q.section != p.section), len(following))
    body = [q for q in following[:stop] if q.kind in ("paragraph", "heading")]
    short = [q for q in body[:declared or 0] if len(q.text) <= 40 and "，" in q.text[:16]]
    if declared and declared > 1 and len(short) == declared:  # one member per line: "生态立市，不忘初心…"
        for q in short:
            ref = ctx.make_entity(q.text.split("，")[0], q.ordinal, kind or "Strategy" if "战略" in what else kind)
            if ref is not None:
                members.append(ref)
    elif body:
        first = body[0].text
        if "，即" in first[:30]:  # "秉承两大核心价值，即右玉精神与开放精神"
            first = first.split("，即", 1)[1]
        first = re.sub(r"^(?:指|即|主要包括|包括)", "", first)
        items_text = re.split(r"，(?:是|形成|作为|承载|推动|串联)", first)[0]
        if "、" in items_text or "；" in items_text or (declared and re.search(r"和|与|及", items_text)):
            for clause in re.split(r"[；;]", items_text.rstrip("。")):
                members.extend(_members(ctx, _after_place(ctx, clause, body[0].ordinal), body[0].ordinal, kind, declared))
            members = [r for r in members if r.kind != "NamedConcept" or r.name in items_text[:40]]
        for span in names.suffix_names(first) if not members else []:  # "即民福街、迎宾大道组成的…"
            ref = ctx.make_entity(span.text, body[0].ordinal, span.kind)
            if ref is not None and ref not in members and span.kind in FACILITY_KINDS:
                members.append(ref)
    return _group(ctx, m.group("label"), m.group("num"), what, p.ordinal, members)


def _after_place(ctx: Context, clause: str, ordinal: int) -> str:
    m = PLACE_OF.match(clause)
    if m and ctx.resolve_place(m.group("place"), ordinal):
        return m.group("items")
    for n in range(min(6, len(clause) - 2), 1, -1):  # "右玉县梁威农产品工业园"
        if ctx.resolve_place(clause[:n], ordinal) and lexicon.classify(clause[n:]):
            return clause[n:]
    return clause
