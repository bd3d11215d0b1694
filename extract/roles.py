"""Seats, roles and positionings: what a place is in the plan's system.

* seat:        "镇政府驻地：右卫村" / "区政府驻地位于X" / "镇人民政府设在X" (an office of the plan's own level) / "县城为X" / "以X为县城" / "县城所在地为X" / "X为县城所在地"
               / "X作为县政府驻地" / "县政府驻地X作为…" / "作为县城所在地，X是…"
               → region pk:hasSeat X, and X has the role "区政府驻地" / "县城"
* roles:       "A、B列为重点镇" / "A、B列为重点镇（乡）" / "A、B确定为一般乡" / "A被确定为全县唯一的重点镇" / "A、B…2个乡镇为一般乡镇" / "城镇等级：重点镇" (of the plan's region)
               / "X…是…九个农业产业园区之一" (X the nearest earlier name of the role's class)
* positioning: "定位一：X" / "发展定位：X" / "定位为A、B和C" / "…定位为：" + list items → pk:hasPositioning
* status:      "全国重点文物保护单位X" / "X，省级文物保护单位，…" / "X（县级文物保护单位）" / "X为市级文物保护单位" → X a
               heritage site with the status as its role
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.gazetteer import Division
from plankg.extract.model import EntityRef

N = rf"(?:\d+|{lexicon.CN_NUMERAL})"
SEAT_OFFICE = r"(?P<office>(?:[省市县区镇乡]|街道)(?:人民)?政府|[省市县区镇乡]委)?驻地"
SEAT_RES = (
    # "镇政府驻东岙村" / "乡人民政府驻地设在…" : the office, then 驻 and the place
    re.compile(r"(?P<role>(?:[省市县区镇乡]|街道)(?:人民)?政府)驻(?!地)(?P<place>[\u4e00-\u9fff]{2,12}?)(?=[，。；、,;（(]|$)"),
    re.compile(rf"(?P<role>{SEAT_OFFICE})(?:位于|设在|设于|在|为|是|[：:])\s*(?P<place>[\u4e00-\u9fff]{{2,12}}?)(?=[，。；、,;（(]|$)"),
    re.compile(r"(?P<role>(?:县城|中心城区|城区)(?:所在地)?)(?:位于|设在|为)(?P<place>[\u4e00-\u9fff]{2,10}?)(?=[，。；、,;（(]|$)"),
    re.compile(r"以(?P<place>[\u4e00-\u9fff]{2,10}?)为(?P<role>县城|县城所在地|政府驻地)(?=[，。；、,;]|$)"),
    re.compile(r"(?:^|[，。；])(?P<place>[\u4e00-\u9fff]{2,10}?)(?:作为|为|是)(?P<role>县城|县城所在地|[县区镇乡](?:人民)?政府(?:所在地|驻地))(?=[，。；、,;]|$)"),
    # "作为县城所在地，某镇是全县…": the role first, then the place that fills it
    re.compile(r"作为(?P<role>县城|县城所在地|[县区镇乡](?:人民)?政府(?:所在地|驻地))[，,]"
               r"(?P<place>[\u4e00-\u9fff]{2,10}?)(?=是|为|承担|集中|[，,])"),
    # "镇人民政府设在某村" / "乡政府位于某村": the office, then where it is, without the word 驻地
    re.compile(r"(?P<role>(?:[县区镇乡]|街道)(?:人民)?政府)(?:设在|设于|位于|坐落在|坐落于)"
               r"(?P<place>[\u4e00-\u9fff]{2,12}?)(?=[，。；、,;（(]|$)"),
    # "区政府驻地井坪镇作为…" / "县政府驻地某镇，…": the office, then the place with no verb between
    re.compile(r"(?P<role>(?:[县区镇乡]|街道)(?:人民)?政府(?:所在地|驻地))(?P<place>[\u4e00-\u9fff]{2,12}?)"
               r"(?=作为|是|为|承担|[，。；、,;（(]|$)"),
)
ROLE_RE = re.compile(r"(?P<items>[\u4e00-\u9fff、和与及]{2,80}?)(?:被)?(?:列为|确定为|定位为|定为|规划为|作为|为)"
                     r"(?P<role>[\u4e00-\u9fff]{2,14}?(?:[（(][\u4e00-\u9fff]{1,4}[)）])?)(?=[，。；,;]|$)")
ROLE_VERB_TAIL = re.compile(r"(?:来|进行|加以|重点)?(?:培育|建设|打造|发展|塑造)$")
# "…7个乡镇" / "…四地" / "…三镇" right before 为/列为: the count of the list, no part of its last name
COUNTED = re.compile(rf"(?:等|共|合计|总计)?{N}(?:(?:个|座|处)[\u4e00-\u9fff]{{1,4}}|地|者|镇|乡)$")
LIST_LEAD = re.compile(r"^(?:.*的|其余|其他|另外|此外|以及|包括|另有)")  # words before a list's first name
# "A、B和C三个重点镇" / "东沙镇与高亭镇同为全县的重点镇": members named right before the role word
COUNTED_ROLE = re.compile(rf"(?P<items>[\u4e00-\u9fff、和与及]{{2,80}}?)(?P<num>{N})个(?P<role>[\u4e00-\u9fff（）]{{2,8}})")
SHARED_ROLE = re.compile(r"(?P<items>[\u4e00-\u9fff、和与及]{2,40}?)(?:同为|均为|都是|同属|均属|同是)"
                         r"(?:[\u4e00-\u9fff]{1,8}?的)?(?P<role>[\u4e00-\u9fff]{2,6}?)(?=[，。；,;]|$)")
# a village category ("集聚提升类", "城郊融合类村庄") given to the places of its clause: "A、B…，列为城郊融合类"
CATEGORY = re.compile(r"(?:被)?(?:列为|列入|划为|划入|确定为|定为|归为|纳入|属于|为)(?P<role>[\u4e00-\u9fff]{2,6}类)(?:村庄|村)?(?=[，。；,;]|$)")
# "其余15个村列为整治提升类村庄": the villages no category was given so far, when they are that many
REST_CATEGORY = re.compile(rf"其余(?:的)?(?P<num>{N})个(?:行政)?村(?:庄)?(?:均|都|全部|一律)?(?:被)?"
                           r"(?:列为|列入|划为|划入|确定为|定为|归为|纳入|为)(?P<role>[\u4e00-\u9fff]{2,6}类)")
MEMBER_KINDS = {"Village", "Town", "AdministrativeDivision"}
ONE_OF = re.compile(rf"是[\u4e00-\u9fff]{{0,12}}?{N}(?:个|处|座|大)(?P<role>[\u4e00-\u9fff]{{2,10}}?)之一")
LEVEL_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff]{0,8}(?:等级|级别|职能等级|城镇等级))[：:](?P<role>[\u4e00-\u9fff]{2,8})$")
STATUS = re.compile(r"(?P<status>(?:全国|国家级|省级|市级|县级)(?:重点)?文物保护单位|世界文化遗产|(?:国家级|省级)?(?:历史文化名[城镇村]|传统村落))"
                    r"(?P<name>[\u4e00-\u9fff]{2,10}?)(?=[的，。；、,;和及与（(]|$)")
_UNIT = r"(?:全国|国家级|省级|市级|县级)(?:重点)?文物保护单位"
# "某堡，省级文物保护单位，…" / "某墓群（县级文物保护单位）" / "某寺为市级文物保护单位" (a bracket that also names a
# place, "某寺（省级文物保护单位，某县）", is a member list's: extract/outline.py)
STATUS_AFTER = re.compile(rf"(?:^|(?<=[：:；;。，,、]))(?P<name>[\u4e00-\u9fff]{{2,12}}?)"
                          rf"(?:(?:[，,]|为|是)(?P<status>{_UNIT})(?=[，,。；;]|$)|[（(](?P<bracketed>{_UNIT})[)）])")
POSITION_LABEL = re.compile(rf"^(?:[\u4e00-\u9fff]{{0,6}})定位(?:{N}|[（(]?{N}[)）])?[：:](?P<value>[^：:]{{2,40}}?)[。；]?$")
POSITION_INLINE = re.compile(r"(?P<subject>[\u4e00-\u9fff]{0,12}?)(?:的)?(?:总体|发展|城市|功能|战略)?定位(?:确定为|明确为|概括为|归纳为|提炼为|凝练为|表述为|概述为|为|是)(?P<colon>[：:])?"
                             r"(?P<items>[^：:。；？?！]{2,80})")  # "定位为：A、B。" on one line too; a question ends


def _place(ctx: RuleContext, text: str, ordinal: int) -> EntityRef | None:
    places = ctx.resolve_places(names.strip_lead(text), ordinal)
    return places[0] if len(places) == 1 else None


def seats(ctx: RuleContext, p: Passage) -> None:
    region = ctx.ex.meta.region
    for pattern in SEAT_RES:
        for m in pattern.finditer(p.text):
            place = _place(ctx, m.group("place"), p.ordinal)
            if place is None:
                continue
            role = m.group("role")
            role = role + "驻地" if role.endswith("政府") else role  # "镇政府驻X": X is the 镇政府驻地
            ctx.assign_role(role, place, p.ordinal)
            if region is not None and place != region and ("驻地" in role or role.startswith("县城") or "所在地" in role) \
                    and _office_of(role, ctx.region):
                ctx.ex.relate(region, "pk:hasSeat", place, p.ordinal)


# the offices that sit in the seat of a division of each level ("镇人民政府设在…" in a county plan is a town's seat)
OFFICE_LEVELS = {"province": "省", "city": "市", "county": "县区市旗", "township": "镇乡街"}


def _office_of(role: str, region: Division | None) -> bool:
    """Is the office of a seat role that of the plan's own level (or a role naming no office: 县城)?"""
    office = re.match(r"^(?P<o>[省市县区镇乡旗]|街道)(?:人民)?政府", role)
    if office is None or region is None or region.level not in OFFICE_LEVELS:
        return True
    return office.group("o")[0] in OFFICE_LEVELS[region.level]


def _given_roles(sentence: str):
    """(match, role word) of each "A、B列为/确定为/作为…R": R a role word, after its qualifier ("全县唯一的重点镇",
    "上位规划确定的重点镇"). What follows a verb that gives no role is searched again: in "以渔业为主的白沙乡列为
    一般乡" the first 为 gives none, the 列为 inside its words does."""
    pos = 0
    while (m := ROLE_RE.search(sentence, pos)) is not None:
        role = ROLE_VERB_TAIL.sub("", m.group("role"))  # "作为重点乡镇培育": the role, without the verb after it
        role = role if lexicon.is_role(role) else role.rsplit("的", 1)[-1]
        if lexicon.is_role(role):
            yield m, role
            pos = m.end()
        else:
            pos = m.start("role")


def roles(ctx: RuleContext, p: Passage) -> None:
    for sentence in re.split(r"[。；;]", p.text):
        for m, role in _given_roles(sentence):
            items = re.split(r"[，,]", m.group("items"))[-1]
            counted = COUNTED.search(sentence[:m.end("items")])
            if counted:  # "A、B…G 7个乡镇为一般乡镇": the members are the list before the count
                items = re.split(r"[，,：:]", sentence[:counted.start()])[-1]
                items = LIST_LEAD.sub("", items)  # "其余A、B", "县域东部的A、B"
            items = re.sub(r"^.*?(?:将|把)", "", items)  # "规划将A和B确定为重点镇"
            members = ctx.resolve_places(items, p.ordinal)
            for ref in members:
                ctx.assign_role(role, ref, p.ordinal)
        for pattern in (COUNTED_ROLE, SHARED_ROLE):
            for m in pattern.finditer(sentence):
                # the role word is the longest known one the text starts with ("重点镇|带动…")
                role = next((m.group("role")[:n] for n in range(len(m.group("role")), 1, -1)
                             if lexicon.is_role(m.group("role")[:n])), None)
                if role is not None:
                    items = re.sub(r"^.*?(?:将|把)", "", re.split(r"[，,]", m.group("items"))[-1])
                    for ref in ctx.resolve_places(items, p.ordinal):
                        ctx.assign_role(role, ref, p.ordinal)
        for ref, role in categories(ctx, sentence, p.ordinal):
            ctx.assign_role(role, ref, p.ordinal)
        for m in ONE_OF.finditer(sentence):
            role, kind = m.group("role"), lexicon.classify(m.group("role"))
            # "X…，该园是…五个旅游产业园之一": X is the nearest earlier name of the role's kind or class word
            before = [s for s in names.suffix_names(p.text[: p.text.find(sentence) + m.start()])
                      if s.kind and (s.kind == kind or s.text[-1] == role[-1])]
            if before:
                ref = ctx.make_entity(before[-1].text, p.ordinal, kind)
                if ref is not None:
                    ctx.assign_role(role, ref, p.ordinal)
    m = LEVEL_LABEL.match(p.text.strip())
    if m and ctx.ex.meta.region is not None and lexicon.is_role(m.group("role")):
        ctx.assign_role(m.group("role"), ctx.ex.meta.region, p.ordinal)


def categories(ctx: RuleContext, sentence: str, ordinal: int) -> list[tuple[EntityRef, str]]:
    """"A村、B村和C村与城区相接，列为城郊融合类": every village or town named in the clause before the
    verb, up to the sentence's or the previous category's end, gets the category."""
    out: list[tuple[EntityRef, str]] = []
    start = 0
    for m in CATEGORY.finditer(sentence):
        clause = sentence[start:m.start()]
        start = m.end()
        if REST_CATEGORY.search(sentence[max(0, m.start() - 12):m.end()]):
            continue  # the rest: see rest_categories
        spans = [part for span in names.suffix_names(clause) if span.kind in MEMBER_KINDS
                 for part in names.split_list(span.text, split_conj=True)]  # "A村和B村" is two names
        for text in spans:
            ref = ctx.make_entity(text, ordinal, lexicon.classify(text)) if lexicon.classify(text) in MEMBER_KINDS else None
            if ref is not None and ctx.ex.canonical(ref).kind in MEMBER_KINDS:
                out.append((ref, m.group("role")))
        for ref in ctx.resolve_place_in_text(clause, ordinal):
            if (ref, m.group("role")) not in out:
                out.append((ref, m.group("role")))
    return out


def rest_categories(ctx: RuleContext) -> None:
    """"其余N个村列为X类": X for every village of the plan without a category, if they are exactly N."""
    for p in ctx.body:
        for m in REST_CATEGORY.finditer(p.text):
            categorised = {a.member for a in ctx.ex.roles if a.role.endswith("类")}
            rest = [e.ref for e in ctx.ex.entities.values() if e.ref.kind == "Village" and e.ref not in categorised]
            if len(rest) == lexicon.cn_to_int(m.group("num")):
                for ref in rest:
                    ctx.assign_role(m.group("role"), ref, p.ordinal)


def statuses(ctx: RuleContext, p: Passage) -> None:
    """"全国重点文物保护单位崇福寺" → 崇福寺, with the status as its role; "某堡，省级文物保护单位，…" and
    "某墓群（县级文物保护单位）" the same, the status after the name (a protected unit is a heritage site)."""
    for m in STATUS.finditer(p.text):
        name = m.group("name")
        if lexicon.classify(name):
            ref = ctx.make_entity(name, p.ordinal, lexicon.classify(name))
            if ref is not None:
                ctx.assign_role(m.group("status"), ref, p.ordinal)
    for m in STATUS_AFTER.finditer(p.text):
        name = names.trim_name(m.group("name"))
        if len(name) >= 2 and not name.endswith("级") and not ctx.linker.resolve(name):  # "国家级（全国重点…）：17处"
            ref = ctx.make_entity(name, p.ordinal, lexicon.classify(name) or "HeritageSite")
            if ref is not None:
                ctx.assign_role(m.group("status") or m.group("bracketed"), ref, p.ordinal)


def positionings(ctx: RuleContext, p: Passage) -> None:
    region = ctx.ex.meta.region
    m = POSITION_LABEL.match(p.text.strip())
    if m and region is not None:
        position(ctx, region, m.group("value"), p.ordinal)
        return
    for m in POSITION_INLINE.finditer(p.text):
        subject = _place(ctx, m.group("subject"), p.ordinal) if m.group("subject") else None
        subject = subject or region
        if subject is None:
            continue
        items = m.group("items") if m.group("colon") else m.group("items").split("，")[0]  # a comma ends the list
        if names.count_lead_in(items, p.text[m.end("items"):]):
            items = _items_after_colon(p.text[m.end("items"):])  # "定位概括为两句话：A、B": the items
        ordinal = _ordinal_parts(p.text[m.start("items"):])
        for item in ordinal or names.split_list(items, split_conj=True):
            if not lexicon.is_role(item):  # "A镇定位为工矿服务型乡镇": a role (see roles), not a positioning
                position(ctx, subject, item, p.ordinal)


def _items_after_colon(text: str) -> str:
    """The items a count announces on its own line; none when they follow as list items below."""
    return text.lstrip()[1:].split("。")[0].strip()  # a 、 or ； list up to the sentence's end


ORDINAL_LEAD = re.compile(rf"^\s*(?:{lexicon.CN_NUMERAL}是|其{lexicon.CN_NUMERAL}[是，,]?|第{lexicon.CN_NUMERAL}[是，,])")


def _ordinal_parts(text: str) -> list[str]:
    """"一是A；二是B；三是C。" after 定位为 → [A, B, C] (each clause opened by an ordinal)."""
    parts = [x for x in re.split(r"[；;]", text.split("。")[0]) if x.strip()]
    if len(parts) < 2 or not all(ORDINAL_LEAD.match(x) for x in parts):
        return []
    return [ORDINAL_LEAD.sub("", x).strip() for x in parts]


def position(ctx: RuleContext, subject: EntityRef, text: str, ordinal: int) -> None:
    text = text.strip(" \u3000。；;，,“”")
    if 2 <= len(text) <= 30 and not re.search(r"[，。：:]", text):
        ref = ctx.make_entity(text, ordinal, "Positioning")
        if ref is not None:
            ctx.ex.relate(subject, "pk:hasPositioning", ref, ordinal)


@Language.component("plankg_roles_seats", requires=["doc._.plan", "doc._.rules"],
                    assigns=["doc._.roles", "doc._.relations", "doc._.entities"])
def roles_seats_component(doc: Doc) -> Doc:
    """Seats, roles and positionings in every passage."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            seats(ctx, p)
            roles(ctx, p)
            positionings(ctx, p)
            statuses(ctx, p)
    rest_categories(ctx)
    return doc
