"""Seats, roles and positionings: what a place is in the plan's system.

* seat:        "镇政府驻地：右卫村" / "区政府驻地位于X" / "县城为X" / "以X为县城" / "县城所在地为X" / "X为县城所在地"
               → region pk:hasSeat X, and X has the role "区政府驻地" / "县城"
* roles:       "A、B列为重点镇" / "A、B确定为一般乡" / "A被确定为全县唯一的重点镇" / "A、B…2个乡镇为一般乡镇" / "城镇等级：重点镇" (of the plan's region)
               / "X…是…九个农业产业园区之一" (X the nearest earlier name of the role's class)
* positioning: "定位一：X" / "发展定位：X" / "定位为A、B和C" / "…定位为：" + list items → pk:hasPositioning
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef

N = rf"(?:\d+|{lexicon.CN_NUMERAL})"
SEAT_OFFICE = r"(?P<office>(?:[省市县区镇乡]|街道)(?:人民)?政府|[省市县区镇乡]委)?驻地"
SEAT_RES = (
    re.compile(rf"(?P<role>{SEAT_OFFICE})(?:位于|设在|设于|在|为|是|[：:])\s*(?P<place>[\u4e00-\u9fff]{{2,12}}?)(?=[，。；、,;（(]|$)"),
    re.compile(r"(?P<role>县城|中心城区|城区)(?:所在地)?(?:位于|设在|为)(?P<place>[\u4e00-\u9fff]{2,10}?)(?=[，。；、,;（(]|$)"),
    re.compile(r"以(?P<place>[\u4e00-\u9fff]{2,10}?)为(?P<role>县城|县城所在地|政府驻地)(?=[，。；、,;]|$)"),
    re.compile(r"(?:^|[，。；])(?P<place>[\u4e00-\u9fff]{2,10}?)(?:为|是)(?P<role>县城|县城所在地|[县区镇乡]政府(?:所在地|驻地))(?=[，。；、,;]|$)"),
)
ROLE_RE = re.compile(r"(?P<items>[\u4e00-\u9fff、和与及]{2,80}?)(?:被)?(?:列为|确定为|定为|规划为|作为|为)(?P<role>[\u4e00-\u9fff]{2,8}?)"
                     r"(?=[，。；,;]|$)")
COUNTED = re.compile(rf"(?:等|共|合计|总计)?{N}(?:个|座|处)[\u4e00-\u9fff]{{1,4}}$")  # "…7个乡镇" right before 为/列为
LIST_LEAD = re.compile(r"^(?:.*的|其余|其他|另外|此外|以及|包括|另有)")  # words before a list's first name
ONE_OF = re.compile(rf"是[\u4e00-\u9fff]{{0,12}}?{N}(?:个|处|座|大)(?P<role>[\u4e00-\u9fff]{{2,10}}?)之一")
LEVEL_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff]{0,8}(?:等级|级别|职能等级|城镇等级))[：:](?P<role>[\u4e00-\u9fff]{2,8})$")
STATUS = re.compile(r"(?P<status>(?:全国|国家级|省级|市级|县级)(?:重点)?文物保护单位|世界文化遗产|(?:国家级|省级)?(?:历史文化名[城镇村]|传统村落))"
                    r"(?P<name>[\u4e00-\u9fff]{2,10}?)(?=[的，。；、,;和及与（(]|$)")
POSITION_LABEL = re.compile(rf"^(?:[\u4e00-\u9fff]{{0,6}})定位(?:{N}|[（(]?{N}[)）])?[：:](?P<value>[^：:]{{2,40}}?)[。；]?$")
POSITION_INLINE = re.compile(r"(?P<subject>[\u4e00-\u9fff]{0,12}?)(?:的)?(?:总体|发展|城市|功能|战略)?定位(?:为|是)[：:]?"
                             r"(?P<items>[^：:。；]{2,80})")  # "定位为：A、B。" on one line too


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
            ctx.assign_role(role, place, p.ordinal)
            if region is not None and place != region and ("驻地" in role or role.startswith("县城")):
                ctx.ex.relate(region, "pk:hasSeat", place, p.ordinal)


def roles(ctx: RuleContext, p: Passage) -> None:
    known = lexicon.roles()
    for sentence in re.split(r"[。；;]", p.text):
        for m in ROLE_RE.finditer(sentence):
            role = m.group("role")
            role = role.rsplit("的", 1)[-1] if role not in known else role  # "全县唯一的重点镇": the role after its qualifier
            if role not in known:
                continue
            items = re.split(r"[，,]", m.group("items"))[-1]
            counted = COUNTED.search(sentence[:m.end("items")])
            if counted:  # "A、B…G 7个乡镇为一般乡镇": the members are the list before the count
                items = re.split(r"[，,：:]", sentence[:counted.start()])[-1]
                items = LIST_LEAD.sub("", items)  # "其余A、B", "县域东部的A、B"
            items = re.sub(r"^.*?(?:将|把)", "", items)  # "规划将A和B确定为重点镇"
            members = ctx.resolve_places(items, p.ordinal)
            for ref in members:
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
    if m and ctx.ex.meta.region is not None and m.group("role") in known:
        ctx.assign_role(m.group("role"), ctx.ex.meta.region, p.ordinal)


def statuses(ctx: RuleContext, p: Passage) -> None:
    """"全国重点文物保护单位崇福寺" → 崇福寺, with the status as its role."""
    for m in STATUS.finditer(p.text):
        name = m.group("name")
        if lexicon.classify(name):
            ref = ctx.make_entity(name, p.ordinal, lexicon.classify(name))
            if ref is not None:
                ctx.assign_role(m.group("status"), ref, p.ordinal)


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
        for item in names.split_list(m.group("items"), split_conj=True):
            position(ctx, subject, item, p.ordinal)


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
    return doc
