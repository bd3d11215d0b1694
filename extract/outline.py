"""The outline of nested lists: what an item means from the item it is nested under.

* project cards: "- 某某工程" + sub-items "地点：… / 期限：2024—2027年 / 投资：6800万元" → the project, the
  places it is located in, its period and its investment (a value of the period's end year);
* member lists: "- 历史文化名村（3个）" + "  - 某村（某县某镇）：…" → a group of that class, each member in
  the place its brackets name;
* structure outlines: an item naming a slogan ("构建“一线两区多点”的格局") with sub-items keyed by the
  slogan's parts ("一线：X", "两区" + "  - Y区：覆盖A和B") → X and Y are parts of the structure, A and B
  parts of Y; a route sub-item ("走向：西起A，沿B经C，衔接D") links the line to the places it runs by;
* a class and its representatives: "- 非物质文化遗产：…，A、B较具代表性" → A and B are members of the class;
* positionings: "- 分项定位" + "  - X的重要组成部分" → the plan's area is a part of X.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage, PlanDocument
from plankg.extract.model import Attribute, EntityRef, Group, Quantity

NUM = r"\d+(?:\.\d+)?"
MONEY = ("亿元", "万元", "元")
CARD_LOCATION = ("地点", "位置", "实施地点", "建设地点", "所在地", "实施区域", "实施范围", "布局")
CARD_PERIOD = ("期限", "建设期限", "实施期限", "时序", "建设时序", "建设年限", "实施年限", "实施时间", "建设时间", "年限")
CARD_INVEST = ("投资", "总投资", "估算投资", "投资估算", "计划投资")
CARD_KEY = re.compile(r"^(?P<key>[\u4e00-\u9fff]{2,6})[：:]\s*(?P<value>\S.*?)[。；;]?$")
YEAR_SPAN = re.compile(r"(\d{4})\s*年?\s*(?:[—\-–~～至到]+\s*(\d{4}))?")
MEMBER = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,16})[（(](?P<place>[\u4e00-\u9fff、，,；;]{2,30})[)）](?:[：:，,].*)?$")
# a bracket part that states a member's level or class ("全国重点文物保护单位", "省级", "国家级传统村落")
LEVEL_PART = re.compile(r"(?:保护单位|名镇|名村|名城|传统村落|历史建筑|(?:国家|[省市县区])级)$")
CLASS_KEY = re.compile(r"^(?P<key>[\u4e00-\u9fff]{2,16}?)(?:[（(](?P<num>\d+|" + lexicon.CN_NUMERAL
                       + r")\s*[个处项座家所条][)）])?[：:]?$")
LOCAL_UNIT = re.compile(r"[\u4e00-\u9fff]+?(?:街道|镇|乡|村|社区)")
QUOTED_SLOGAN = re.compile(r"“([^“”]{2,12})”")
QUOTED_BASIS = re.compile(r"“(?P<q>[^“”]{2,12})”(?:——|—|，即|即)以(?P<x>[\u4e00-\u9fff]{2,10}?)为")  # "“A”——以B为脉络"
BASED_ON = re.compile(r"据此|依据|基于|延续|承接|落实")  # "…提出“A”…本规划据此构建“B”": B rests on A
ROUTE_KEYS = ("走向", "线路", "路线", "线位", "起止点", "起讫点", "走线")
ROUTE_POINT = re.compile(r"(?:[东西南北]起|起于|起自|止于|终于|[东西南北]至|衔接|连接|接入|沿|经)"
                         r"(?P<x>[\u4e00-\u9fff（）()]{2,14}?)(?=[，。；,;、]|经|折|向|至|延伸|$)")
COVER = re.compile(r"^(?:覆盖|包括|涵盖|涉及)(?P<items>[^，。；,;]+)")
SEGMENT_TAIL = re.compile(r"(?:[东西南北中]|[\u4e00-\u9fff]{2})段$")  # "X北段", "X某地段": a segment of X
DIRECTION_TAIL = re.compile(r"[东西南北中]部$|[东西南北]侧$|沿线$|一带$")
# "…，A、B较具代表性", "以A、B等为代表": the members a key's class is represented by
REPRESENTED = re.compile(r"(?:^|[，,；;：:])(?:其中)?(?:以)?(?P<items>[\u4e00-\u9fff、和及]{2,40}?)等?"
                         r"(?:(?:较|最|极|颇|尤)?具(?:有)?代表性|为代表|最为典型|较为典型)")
# a positioning item "（是）X的重要组成部分", "X的核心区段": the plan's area is a part of X
PART_OF_WHOLE = re.compile(r"^(?:是|为|作为|成为|建成|打造成?)?(?P<whole>[\u4e00-\u9fff（）()]{3,24}?)的"
                           r"(?:重要|核心|关键)?(?:组成部分|核心区段?|核心区域|重要节点|重要一环|支点|门户|窗口)[。；;]?$")


def ancestors(doc: PlanDocument, p: Passage) -> list[Passage]:
    """The items ``p`` is nested under, nearest first."""
    out = []
    while p.parent is not None:
        p = doc.passages[p.parent]
        out.append(p)
    return out


def children_of(ctx: RuleContext) -> dict[int, list[Passage]]:
    """Item → the items nested right under it."""
    out: dict[int, list[Passage]] = {}
    for p in ctx.body:
        if p.kind == "item" and p.parent is not None:
            out.setdefault(p.parent, []).append(p)
    return out


def _card(head: Passage, fields: list[Passage]) -> tuple[str, list[tuple[str, str, Passage]]] | None:
    name = head.text.strip(" 。；;：:")
    cards = [(m.group("key"), m.group("value"), q) for q in fields if (m := CARD_KEY.match(q.text))]
    if lexicon.classify(name) != "Project" or "：" in name or \
            not any(k in CARD_LOCATION + CARD_PERIOD + CARD_INVEST for k, _, _ in cards):
        return None
    return name, cards


def card_fields(ctx: RuleContext) -> set[int]:
    """The sub-items of project cards (their values are the project's, not the plan's)."""
    return {q.ordinal for head, items in children_of(ctx).items()
            if _card(ctx.doc.passages[head], items) for q in items}


def project_card(ctx: RuleContext, head: Passage, fields: list[Passage]) -> bool:
    """"某某工程" + sub-items "地点：…", "期限：…", "投资：…" → the project, its places, period and investment.
    (A card is trusted as a table row is: a named thing with a place, a period or an investment is a project.)"""
    card = _card(head, fields)
    if card is None:
        return False
    name, cards = card
    ref = ctx.named_entity(name, head.ordinal, "Project")
    end_year = None
    for key, value, q in cards:
        if key in CARD_PERIOD:
            span = YEAR_SPAN.search(value)
            ctx.ex.attributes.append(Attribute(ref, "pk:implementationPeriod", value, q.ordinal))
            if span:
                end_year = int(span.group(2) or span.group(1))
                if span.group(2):
                    ctx.ex.attributes.append(Attribute(ref, "pk:startYear", int(span.group(1)), q.ordinal))
                ctx.ex.attributes.append(Attribute(ref, "pk:endYear", end_year, q.ordinal))
        elif key in CARD_LOCATION:
            for place in _places_in(ctx, value, q.ordinal):
                ctx.ex.relate(ref, "pk:locatedIn", place, q.ordinal)
    for key, value, q in cards:
        m = re.match(rf"^(?:约)?\s*({NUM})\s*({'|'.join(MONEY)})", value)
        if key in CARD_INVEST and m:
            ctx.ex.quantities.append(Quantity(f"{name}投资", float(m.group(1)), m.group(1), m.group(2), end_year, "eq",
                                              q.ordinal, q.text, kind="Target", areas=(ref,)))
    return True


LOCAL_UNIT = re.compile(r"[\u4e00-\u9fff]+?(?:街道|镇|乡|村|社区)")


def _places_in(ctx: RuleContext, text: str, ordinal: int) -> list[EntityRef]:
    """The most specific places a cell or bracket names: "某县某镇某村" → 某村 (in 某镇, in 某县);
    "甲乡、乙乡" → both."""
    out = []
    for part in names.split_list(text, split_conj=True):
        d = ctx.linker.resolve(part)
        if d is not None:
            out.append(ctx.division_ref(d, ordinal, part))
            continue
        hits = [h for h in ctx.linker.find(part)]
        pos, outer = 0, None
        for s, e, printed, division in hits:  # the divisions the name starts with
            if s != pos:
                break
            pos, outer = e, ctx.division_ref(division, ordinal, printed)
        units = LOCAL_UNIT.findall(part[pos:])
        if units and "".join(units) == part[pos:]:
            for unit in units:  # places below the gazetteer, each in the one before it
                ref = ctx.make_entity(unit, ordinal, lexicon.classify(unit))
                if ref is None:
                    break
                if outer is not None:
                    ctx.ex.relate(ref, "pk:locatedIn", outer, ordinal)
                outer = ref
            if outer is not None:
                out.append(outer)
        elif outer is not None and pos == len(part):
            out.append(outer)
        else:
            out.extend(ctx.resolve_places(part, ordinal))
    return out


def member_list(ctx: RuleContext, head: Passage, members: list[Passage]) -> None:
    """"历史文化名村（3个）" + "某村（某县某镇）：…" items → a group of that class, each member in its place
    (and with the level its brackets state: "某寺（全国重点文物保护单位，某县）")."""
    chain = [head, *ancestors(ctx.doc, head)]
    key_m = next((m for q in chain if (m := CLASS_KEY.match(q.text.strip())) and not names.starts_with_verb(m.group("key"))
                  and not ctx.linker.resolve(m.group("key"))), None)
    rows = [(q, m) for q in members if (m := MEMBER.match(q.text.strip()))]
    if key_m is None or len(rows) < 2:
        return
    what = key_m.group("key")
    refs = []
    for q, m in rows:
        name = m.group("name")
        places = ctx.resolve_place(name, q.ordinal)
        ref = places[0] if len(places) == 1 else ctx.make_entity(name, q.ordinal, lexicon.classify(name))
        if ref is None:
            continue
        refs.append(ref)
        for part in re.split(r"[，,；;]", m.group("place")):  # "（朔城区）", "（省级文物保护单位，朔城区）"
            if LEVEL_PART.search(part) and not ctx.linker.resolve(part):
                ctx.assign_role(part, ref, q.ordinal)
                continue
            for place in _places_in(ctx, part, q.ordinal):
                if place != ref:
                    ctx.ex.relate(ref, "pk:locatedIn", place, q.ordinal)
    if refs:
        group_ref = ctx.ex.add_entity(EntityRef("Group", what), what, head.ordinal)
        num = key_m.group("num")
        ctx.ex.groups.append(Group(group_ref, what, lexicon.cn_to_int(num) if num else None, what, refs, head.ordinal))


def structure_outline(ctx: RuleContext, head: Passage, parts: list[Passage], children: dict[int, list[Passage]]) -> None:
    """An item naming a slogan, with sub-items keyed by the slogan's parts → the parts' named things."""
    slogans = [s for s in QUOTED_SLOGAN.findall(head.text) if names.is_slogan(s) or names.slogan_parts(s)]
    keyed = {q.ordinal: re.split(r"[：:]", q.text, 1) for q in parts}
    owner = next((s for s in reversed(slogans)
                  if sum(k[0].strip() in names.slogan_parts(s) for k in keyed.values()) >= 2), None)
    if owner is None:
        return
    whole = _named(ctx, owner, head.ordinal, "SpatialStructure")
    at = head.text.find(f"“{owner}”")
    quoted = QUOTED_SLOGAN.findall(head.text)
    for earlier in quoted[: quoted.index(owner)]:  # "…提出“A”…本规划据此构建“B”"
        between = head.text[head.text.find(f"“{earlier}”"): at]
        if whole is not None and BASED_ON.search(between):
            ref = _named(ctx, earlier, head.ordinal, "SpatialStructure")
            if ref is not None:
                ctx.ex.relate(whole, "pk:basedOn", ref, head.ordinal)
    for m in QUOTED_BASIS.finditer(head.text):
        term, basis = _named(ctx, m.group("q"), head.ordinal, "SpatialStructure"), ctx.resolve_places(m.group("x"), head.ordinal)
        basis_ref = basis[0] if basis else _named(ctx, m.group("x"), head.ordinal, lexicon.classify(m.group("x")))
        if term is not None and basis_ref is not None:
            ctx.ex.relate(term, "pk:basedOn", basis_ref, head.ordinal)
    for q in parts:
        key, *rest = keyed[q.ordinal]
        if key.strip() not in names.slogan_parts(owner) or whole is None:
            continue
        value = rest[0].strip(" 。；;") if rest else ""
        if value and not re.search(r"[，,。；;]", value):  # "一线：长城文化保护传承线"
            thing = _named(ctx, value, q.ordinal, lexicon.classify(value))
            if thing is not None:
                ctx.ex.relate(thing, "pk:partOf", whole, q.ordinal)
                for sub in children.get(q.ordinal, []):
                    route(ctx, thing, sub)
        members: list[EntityRef] = []
        for sub in children.get(q.ordinal, []) if not value else []:  # "两区" + "Y区：覆盖A和B"
            name, _, desc = sub.text.partition("：")
            if not desc or not lexicon.classify(name):
                continue
            thing = _named(ctx, name, sub.ordinal, lexicon.classify(name))
            if thing is None:
                continue
            ctx.ex.relate(thing, "pk:partOf", whole, sub.ordinal)
            members.append(thing)
            cover = COVER.match(desc)
            for place in ctx.resolve_places(cover.group("items"), sub.ordinal) if cover else []:
                ctx.ex.relate(place, "pk:partOf", thing, sub.ordinal)
        if members:  # the part is the list of what its sub-items name ("两区": Y区 and Z区)
            label = key.strip()
            ref = ctx.ex.add_entity(EntityRef("Group", label), label, q.ordinal)
            ctx.ex.groups.append(Group(ref, label, lexicon.cn_to_int(label[0]), None, members, q.ordinal, whole))


def route(ctx: RuleContext, line: EntityRef, p: Passage) -> None:
    """"走向：西起A县B，沿C经D区北部，衔接E某段" → the line connects to B and E, runs along C, through A and D."""
    key, _, value = p.text.partition("：")
    if key.strip() not in ROUTE_KEYS:
        return
    for s, e, printed, d in ctx.linker.find(value):
        ctx.ex.relate(line, "pk:passesThrough", ctx.division_ref(d, p.ordinal, printed), p.ordinal)
    for m in ROUTE_POINT.finditer(value):
        text = _without_named_divisions(ctx, m.group("x"))
        direction = re.search(r"[东西南北中]段$", text)
        text = text[:-2] if direction else SEGMENT_TAIL.sub("", text) if len(text) > 4 else text
        if len(text) < 2 or DIRECTION_TAIL.search(text) or ctx.linker.resolve(text):
            continue
        ref = _named(ctx, text, p.ordinal, lexicon.classify(text))
        if ref is not None:
            pred = "pk:alongside" if m.group(0).startswith("沿") else "pk:connectsTo"
            ctx.ex.relate(line, pred, ref, p.ordinal)


def _without_named_divisions(ctx: RuleContext, text: str) -> str:
    """"某县某码头" → 某码头; a short form inside a name stays ("东海大道" is no 东海县)."""
    pos = 0
    for s, e, printed, _ in ctx.linker.find(text):
        if s == pos and printed.endswith(("省", "市", "县", "区", "镇", "乡", "街道")):
            pos = e
    return text[pos:]


def _named(ctx: RuleContext, name: str, ordinal: int, kind: str | None) -> EntityRef | None:
    """The entity a name already is (a slogan read as a structure), or a new one."""
    name = name.strip(" “”")
    known = ctx.ex.entities.get(name) or ctx.ex.entities.get(f"Group:{name}")
    if known is not None:
        ctx.ex.add_entity(known.ref, known.label, ordinal)
        return known.ref
    return ctx.make_entity(name, ordinal, kind)


def represented_members(ctx: RuleContext, p: Passage) -> None:
    """"**非物质文化遗产**：…，A、B较具代表性" → A and B are members of the key's class."""
    key, sep, value = p.text.partition("：")
    key = key.strip(" *")
    m = REPRESENTED.search(value) if sep else None
    if m is None or not 2 <= len(key) <= 12 or names.starts_with_verb(key) or ctx.linker.resolve(key):
        return
    refs = [ref for part in names.split_list(m.group("items"), split_conj=True)
            if len(part) >= 2 and (ref := _named(ctx, part, p.ordinal, lexicon.classify(part))) is not None]
    if refs:
        group_ref = ctx.ex.add_entity(EntityRef("Group", key), key, p.ordinal)
        ctx.ex.groups.append(Group(group_ref, key, None, key, refs, p.ordinal))


def positioning_whole(ctx: RuleContext, head: Passage, items: list[Passage]) -> None:
    """"分项定位" + "  - X的重要组成部分" → X is named, and the plan's area is a part of it."""
    if "定位" not in item_key_text(head.text) or ctx.ex.meta.region is None:
        return
    for q in items:
        m = PART_OF_WHOLE.match(q.text.strip())
        if m is None or ctx.linker.resolve(m.group("whole")):
            continue
        whole = _named(ctx, m.group("whole"), q.ordinal, lexicon.classify(re.sub(r"[（(].*?[)）]$", "", m.group("whole"))))
        if whole is not None:
            ctx.ex.relate(ctx.ex.meta.region, "pk:partOf", whole, q.ordinal)


def item_key_text(text: str) -> str:
    """The head of an item, brackets included ("近期目标（至2025年）"), without what follows its colon."""
    return re.split(r"[：:]", text, 1)[0]


@Language.component("plankg_outline", requires=["doc._.plan", "doc._.rules"],
                    assigns=["doc._.entities", "doc._.relations", "doc._.groups", "doc._.quantities"])
def outline_component(doc: Doc) -> Doc:
    """Project cards, member lists and structure outlines in nested lists."""
    ctx: RuleContext = doc._.rules
    children = children_of(ctx)
    for head, items in children.items():
        p = ctx.doc.passages[head]
        project_card(ctx, p, items)
        member_list(ctx, p, items)
        structure_outline(ctx, p, items, children)
        positioning_whole(ctx, p, items)
    for p in ctx.body:
        if p.kind == "item":
            represented_members(ctx, p)
    return doc
