"""Structures and their parts: definitions (即 / 指 / —— / ：), 以A、B为X, and slogan parts filled by lists.

* "X，即A、B" / "“X”指A、B" / "X指A、B" / "一核：A"        → members of X
* "以A、B为X"                                            → A, B partOf X (relatedTo when not divisions)
* "来自/主要有/涉及A、B"                                  → mentions
* a counted list "“A、B…”五条横向路网" fills the slogan part "五横" of the same section
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage, PlanDocument
from plankg.extract.lists import GROUP_HEAD, _count, _group, _members, feature_name

DEFINITION = re.compile(rf"(?:^|[，。；：])(?:所谓|其中|{lexicon.CN_NUMERAL}是|其{lexicon.CN_NUMERAL}[是，,]?)?(?:“(?P<q>[^“”]{{2,12}})”|(?P<x>[\u4e00-\u9fff]{{2,16}}))(?P<sep>[，,]|——|—|：)?"
                        r"(?P<cue>即|是指|指|主要包括|包括|分别为|分别是|依次为|依次是|为|是)?"
                        rf"(?P<items>(?:(?!，“|[：:](?:{lexicon.CN_NUMERAL}是|“))[^。；;])+)")  # "，“" or "：一是" starts the next part

COUNTED_IN = re.compile(rf"(?:{lexicon.CN_NUMERAL}|\d+)(?:条|个|处|座|片|类)")  # "…两条发展轴": a count, no name
# a slogan's part defined without quotes: "一心为A…；一带为B…；三区为C、D和E"
PART_DEFINITION = re.compile(rf"(?:^|[，。；：])(?P<q>)(?P<x>(?:{lexicon.CN_NUMERAL}|双|多)[\u4e00-\u9fff]{{1,2}}?)(?P<sep>)"
                             r"(?P<cue>为|即)(?P<items>[^。；;]+)")
ANAPHOR = re.compile(rf"^(?:{lexicon.CN_NUMERAL}|\d+)者")  # "三者之中": the three just named, no slogan part
LIST_CUE = re.compile(r"(?:来自|主要有|涉及)(?P<items>[^。；;]+)")

WITH_AS = re.compile(r"以(?P<items>[\u4e00-\u9fff、和与及]{2,40}?)为(?P<target>[\u4e00-\u9fff]{2,14}?)(?=[，。；,;]|$)")


def definitions(ctx: RuleContext, p: Passage) -> None:
    text = p.text
    heading_groups = ctx.heading_groups
    quoted_parts = {part for q in re.findall(r"“([^“”]{2,16})”", text) for part in names.slogan_parts(q)}
    # parts of a slogan the passage quotes, each of whose items is a name ("三区为A区、B区和C区"; not "两轴为东西向、
    # 南北向两条发展轴": a direction, and a count)
    unquoted = [m for m in PART_DEFINITION.finditer(text) if m.group("x") in quoted_parts
                and all(len(x) >= 4 and not COUNTED_IN.search(x)
                        for x in names.split_list(m.group("items").split("，")[0], split_conj=True))]
    for m in (*DEFINITION.finditer(text), *unquoted):
        head = m.group("q") or m.group("x")
        counted = GROUP_HEAD.match(names.strip_lead(head or ""))
        if counted and counted.group("cls") and _count(counted.group("num")) == 1:
            counted = None  # "一条观塔视线通廊": an article, not a list of one
        if counted and feature_name(counted):
            counted = None  # "七里河：…": a river's name, not seven of anything
        part = bool(head) and bool(names.SLOGAN_PART.fullmatch(head)) and not ANAPHOR.match(head)
        if not head or not (m.group("cue") or (part and m.group("sep"))):
            continue
        if m.group("cue") not in (None, "即", "是指", "指", "主要包括", "包括") and not (part or names.is_slogan(head)):
            continue  # "X为Y" / "X是Y" / "X分别为Y" defines only the parts of a slogan ("“两廊”为A和B")
        if not (part or names.is_slogan(head) or head in heading_groups or m.group("q") or counted
                or ctx.ex.entities.get(head)):
            continue
        items = re.split(r"，(?:是|形成|作为|承载|推动|串联|沿|打造)", m.group("items"))[0]
        if m.group("cue") in ("分别为", "分别是", "依次为", "依次是"):
            items = re.sub(r"，(?:以及|和|及)", "、", items)  # "分别是…的A，以及…的B": one list
        if part:  # "一带：A，南接…": the part's name, then its description; "是指…，包括A、B": the list
            first, _, rest = items.partition("，")
            listed = re.match(r"^(?:主要包括|包括|包含|即|含)", rest)
            items = rest[listed.end():] if listed else first
        elif "、" not in items and "和" not in items and "与" not in items:
            items = items.split("，")[0]
        declared = _count(counted.group("num")) if counted else None
        if declared is None and part:  # "“两屏”，即A和B": the part's numeral counts its members
            declared = lexicon.cn_to_int(head[0])
        members = _members(ctx, items, p.ordinal, None, declared)
        if not members or len(items) > 120:
            continue
        label = names.strip_lead(head)
        group = heading_groups.get(head)
        if group is None:
            group = _group(ctx, label, counted.group("num") if counted else None,
                           counted.group("what") if counted and not part else "", p.ordinal, [])
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
    for m in WITH_AS.finditer(text):
        target = m.group("target")
        if target in ("主", "主体", "核心", "龙头", "重点", "依托", "基础", "引领", "统领", "指导", "指引"):
            continue
        members = _members(ctx, m.group("items"), p.ordinal, None, None)
        tref = ctx.make_entity(target, p.ordinal, lexicon.classify(target))
        if tref is not None:
            for ref in members:
                ctx.ex.relate(ref, "pk:partOf" if ref.kind == "AdministrativeDivision" else "pk:relatedTo", tref, p.ordinal)


INCLUDES = re.compile(r"(?:主要包括|包括|涵盖|主要分布于)(?P<items>[^。；;]+)")
BRING_IN = re.compile(r"将(?P<items>[^。；;，]{2,80}?)(?:划入|纳入)(?P<target>[\u4e00-\u9fff]{2,10}?)(?=[，。；,;]|$|范围|管控)")
CONTAINERS = {"ControlLine", "ProtectedArea", "Region", "Basin", "Park"}
# places that make up a larger whole: "A与B、C共同组成X", "A纳入X和Y", "A是X的核心区域"
FORM_TOGETHER = re.compile(r"(?P<items>[\u4e00-\u9fff、和与及]{2,40}?)(?:共同|一起|联合)(?:组成|构成|组建)"
                           r"(?P<targets>[\u4e00-\u9fff]{2,16}?)(?=[，。；,;]|$)")
ENTER_WHOLE = re.compile(r"(?P<items>[\u4e00-\u9fff、和与及]{2,30}?)(?:被|整体|全域)?(?:纳入|列入|划入)"
                         r"(?P<targets>[\u4e00-\u9fff、和与及]{2,40}?)(?=[，。；,;]|$)")
CORE_OF = re.compile(r"(?P<items>[\u4e00-\u9fff、和与及]{2,30}?)(?:还)?(?:是|为|属于)(?P<targets>[\u4e00-\u9fff]{2,20}?)的"
                     r"(?:核心区域?|核心区|重要组成部分|组成部分|主要分布地|主要分布区|主产区|重要支点)(?=[，。；,;]|$)")
WHOLE_TERRITORY = re.compile(r"^(?:全县|全市|全区|全镇|县域|市域|区域|镇域)")


def memberships(ctx: RuleContext, p: Passage) -> None:
    """"生态保护红线…主要包括A、B" / "将A、B纳入红线" → A, B partOf the red line named in the sentence."""
    for sentence in re.split(r"[。；]", p.text):
        spans = names.suffix_names(sentence)
        for m in INCLUDES.finditer(sentence):
            owner = [s for s in spans if s.end <= m.start() and s.kind in CONTAINERS]
            if owner:
                _members_of(ctx, p, owner[0], m.group("items"))
        for m in BRING_IN.finditer(sentence):
            target = m.group("target")
            owner = [s for s in spans if s.kind in CONTAINERS and s.text.endswith(target) and s.end <= m.start()]
            if owner:
                _members_of(ctx, p, owner[-1], m.group("items"))


def wholes(ctx: RuleContext, p: Passage) -> None:
    """"山阴县与A、B共同组成X" / "A纳入X和Y" / "A是X的核心区域" → each place partOf each whole; a part of
    the plan's own territory ("县域中部还是X的主要分布地") → X locatedIn the plan's region."""
    region = ctx.ex.meta.region
    for pattern in (FORM_TOGETHER, ENTER_WHOLE, CORE_OF):
        for m in pattern.finditer(p.text):
            items = re.split(r"[，,]", m.group("items"))[-1]
            inside = bool(WHOLE_TERRITORY.match(items)) and region is not None
            places = [] if inside else ctx.resolve_places(items, p.ordinal)
            if not inside and (not places or any(r.kind != "AdministrativeDivision" for r in places)):
                continue
            for target in names.split_list(m.group("targets"), split_conj=pattern is ENTER_WHOLE):
                target = ctx.without_divisions(target) or target
                kind = lexicon.classify(target)
                if kind is None or kind == "AdministrativeDivision":
                    continue
                whole = ctx.make_entity(target, p.ordinal, kind)
                if whole is None:
                    continue
                if inside:
                    ctx.ex.relate(whole, "pk:locatedIn", region, p.ordinal)
                for ref in places:
                    ctx.ex.relate(ref, "pk:partOf", whole, p.ordinal)


def _members_of(ctx: RuleContext, p: Passage, owner: names.Span, items: str) -> None:
    whole = ctx.make_entity(re.sub(r"^(?:全县|全市|全区|全镇|全乡|县域|市域|区域|镇域)", "", owner.text), p.ordinal, owner.kind)
    for item in names.split_list(items, split_conj=True):
        item = names.clean_item(item)
        kind = lexicon.classify(item)
        if whole is not None and kind and kind not in ("AdministrativeDivision",) and item != owner.text:
            ref = ctx.make_entity(item, p.ordinal, kind)
            if ref is not None:
                ctx.ex.relate(ref, "pk:partOf", whole, p.ordinal)


def link_structure_parts(ctx: RuleContext) -> None:
    """A counted list "“A、B…”五条横向路网" fills the slogan part "五横" of the same section."""
    ex = ctx.ex
    parts = [e for e in ex.entities.values() if e.ref.kind == "Group" and names.SLOGAN_PART.fullmatch(e.label)]
    for part in parts:
        num = lexicon.cn_to_int(part.label[0])
        tail = part.label[1:]
        for g in ex.groups:
            if g.ref.key == part.ref.key or g.declared_count != num or not g.members:
                continue
            if tail and tail[0] in (g.role or g.label) and _same_section(ctx.doc, g.source, part.sources):
                for m in g.members:
                    ex.relate(part.ref, "pk:hasMember", m, g.source)


def _same_section(doc: PlanDocument, ordinal: int, others: set[int]) -> bool:
    return any(doc.passages[o].section == doc.passages[ordinal].section for o in others)


@Language.component("plankg_structures", requires=["doc._.plan", "doc._.rules", "doc._.groups"], assigns=["doc._.groups", "doc._.relations"])
def structures_component(doc: Doc) -> Doc:
    """Definitions and 以…为… in every passage."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            definitions(ctx, p)
            memberships(ctx, p)
            wholes(ctx, p)
    return doc


@Language.component("plankg_structure_parts", requires=["doc._.groups"], assigns=["doc._.relations"])
def structure_parts_component(doc: Doc) -> Doc:
    """After every list is known (tables included): slogan parts get the members of their list."""
    link_structure_parts(doc._.rules)
    return doc
