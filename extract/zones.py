"""Zones and functional areas: an area divided into named 片区 / 组团 / 功能区, in lists or running prose.

* "镇区…分为两个片区：古城片区…；东关片区…"                 → each part partOf the area
* "中心城区自西向东依次划分为北湖片区、南湖片区和东港片区三个功能片区"
* "镇区北部…，规划为滨水休闲片区；中部…作为行政服务片区"   → each 片区 partOf the area the passage is about
* "X区以A镇、B乡为主体" / "X区主要包括A乡、B乡的大部分地域" / "X区覆盖A镇、B乡一带", or an item naming the zone
  with a sub-item "范围：A县全域、B区西北部" → each division partOf the zone
* "将X作为一般生态控制区" / "未将X划入…，而是将其作为…控制区" → X in that control zone (pk:category);
  a negated 将 gives nothing, 其 is the X of the sentence's earlier 将
A bare 镇区 / 城区 / 县域 is the plan's own region; a named area (中心城区, 高亭镇) is itself.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef
from plankg.extract.patterns import REGION_WORDS, area_ref

PART_WORDS = r"(?:片区|组团|分区|板块|功能区)"
DIVIDED = re.compile(rf"(?:划分为|分为|分成|包括|由(?![东南西北]{{1,2}}向))(?:(?:{lexicon.CN_NUMERAL}|\d+)个?(?:功能)?{PART_WORDS})?[：:，,]?(?P<rest>.*)$")
PART_NAME = re.compile(rf"(?:^|[：:；;、，,和及与])(?P<n>[\u4e00-\u9fff]{{2,8}}?{PART_WORDS})")
COUNT_WORD = re.compile(rf"^(?:{lexicon.CN_NUMERAL}|\d+)个?(?:功能)?{PART_WORDS}$")  # "三个功能片区" names no part
WHOLE_WORDS = REGION_WORDS + ("镇区", "城区", "县城", "集镇", "集镇区")
# what stands between an area and its verb: "镇区自北向南依次划分为…", "城区由东向西分为…"
ADVERBIAL = r"(?:[自由从][东南西北]{1,2}向[东南西北]{1,2})?(?:依次|总体上|整体)?"
AREA_START = re.compile(rf"^(?P<s>[\u4e00-\u9fff]{{2,8}}?)(?={ADVERBIAL}(?:规划|依托|按照|按|以|将|共|分为|划分为|分成|由|包括|，|："
                        rf"|[东南西北中]部|[东南西北]侧|周边|内))")
# a clause that names the zone a stretch of the area becomes: "…，规划为滨水休闲片区" / "…作为行政服务片区" / "…则是居住片区"
ZONE_AS = re.compile(rf"(?:规划为|规划成|作为|划为|定为|则是|是|为)(?P<n>[\u4e00-\u9fff]{{2,10}}?{PART_WORDS})(?=[，。；,;]|$)")


# a named area put in a control zone; "未将X划入…" puts it nowhere
DESIGNATED = re.compile(r"(?P<neg>未|不|没有|并未)?将(?P<x>[^，。；,;]{1,30}?)(?:划为|划入|作为|列为|纳入|确定为|定为)"
                        r"(?P<z>[\u4e00-\u9fff]{2,10}?(?:控制区|管控区|管制区|控制带))(?=[，。；,;]|$)")
ANY_PUT = re.compile(r"将(?P<x>[^，。；,;]{1,30}?)(?:划为|划入|作为|列为|纳入|确定为|定为)")


def designated_zones(ctx: RuleContext, p: Passage) -> None:
    """"…将其作为一般生态控制区" → the named area X pk:category the control zone."""
    for sentence in re.split(r"[。；;]", p.text):
        for m in DESIGNATED.finditer(sentence):
            if m.group("neg"):
                continue
            x = m.group("x")
            if x == "其":  # the thing of the sentence's earlier 将
                earlier = [e for e in ANY_PUT.finditer(sentence[: m.start()]) if e.group("x") != "其"]
                x = earlier[-1].group("x") if earlier else ""
            # the name that ends the phrase, the longest one ("…水库饮用水水源保护区", not the 水库 inside it)
            spans = sorted((s for s in names.suffix_names(x) if s.kind), key=lambda s: (s.end, s.end - s.start))
            ref = ctx.make_entity(spans[-1].text, p.ordinal, spans[-1].kind) if spans else None
            if ref is None:
                continue
            zone = EntityRef("Category", m.group("z"))
            ctx.ex.add_entity(zone, m.group("z"), p.ordinal)
            ctx.ex.relate(ref, "pk:category", zone, p.ordinal)


# "X区主要包括A乡、B乡三个乡的大部分地域" / "X区以A镇、B乡和C乡为主体" / "X区则覆盖A镇、B乡一带": the divisions a
# named zone takes in
MEMBERS_CUE = re.compile(r"(?:则|主要|大致|基本|大体)?(?:包括|涵盖|覆盖|囊括|范围包括|范围涉及|涉及)(?P<a>[^，。；;]+)"
                         r"|以(?P<b>[^，。；;以]+?)为(?:主体|主|核心|重点)(?=[，。；;]|$)")
MEMBERS_TAIL = re.compile(rf"(?:等)?(?:(?:{lexicon.CN_NUMERAL}|\d+)个[乡镇街道]{{1,3}})?(?:的)?(?:大部分|部分|全部|主要)?"
                          r"(?:地域|区域|地区|范围|辖区)?(?:一带|等地|境内)?$")
ZONE_KINDS = ("Region", "AgriculturalZone", "SpatialStructure", "ProtectedArea", "UrbanCluster")


def zone_members(ctx: RuleContext, p: Passage) -> None:
    """A named zone and the divisions its clause says it takes in: each division pk:partOf the zone. Every
    listed item must be a division (a zone "包括耕地、林地" lists land, not places)."""
    for clause in re.split(r"[。；;，,]", p.text):
        m = MEMBERS_CUE.search(clause)
        if m is None:
            continue
        spans = [s for s in names.suffix_names(clause[: m.start()]) if s.kind in ZONE_KINDS and s.end == m.start()]
        items = MEMBERS_TAIL.sub("", m.group("a") or m.group("b"))
        places = ctx.resolve_place(items, p.ordinal) if spans and items else []
        if not places:
            continue
        zone = ctx.make_entity(spans[-1].text, p.ordinal, spans[-1].kind)
        for place in places if zone is not None else []:
            if place != zone:
                ctx.ex.relate(place, "pk:partOf", zone, p.ordinal)


# a sub-item giving the extent of the zone its parent item names: "- X修复区" + "  - 范围：A县全域、B区西北部"
SUB_AREAS = ("中心城区", "城区", "镇区", "县城")  # "某市中心城区" is a part of the city, not the city
SCOPE_ITEM = re.compile(r"^(?:范围|涉及范围|涉及区域|区域范围|分区范围|空间范围)[：:](?P<a>.+)$")


def zone_scope_items(ctx: RuleContext, p: Passage) -> None:
    """The divisions a 范围 sub-item names under an item naming a zone: each division pk:partOf the zone."""
    m = SCOPE_ITEM.match(p.text.strip()) if p.kind == "item" and p.parent is not None else None
    if m is None:
        return
    head = ctx.doc.passage(p.parent).text.strip().rstrip("：:")
    kind = lexicon.classify(head)
    if kind not in ZONE_KINDS:
        return
    zone = ctx.make_entity(head, p.parent, kind)
    # the divisions named, whatever part of them ("B区西北部", "C县的主要煤炭矿区"); else the whole value as places
    value = m.group("a")
    places = [ctx.division_ref(d, p.ordinal, printed) for _, end, printed, d in ctx.linker.find(value)
              if not value.startswith(SUB_AREAS, end)] or ctx.resolve_places(value, p.ordinal)
    for place in places if zone is not None else []:
        if place != zone:
            ctx.ex.relate(place, "pk:partOf", zone, p.ordinal)


def _area(ctx: RuleContext, sentence: str, ordinal: int) -> EntityRef | None:
    """The area a sentence is about, named at its start: a bare 镇区/县域 is the plan's own region."""
    m = AREA_START.match(sentence)
    if m is None:
        return None
    return area_ref(ctx, m.group("s"), ordinal, WHOLE_WORDS, ("UrbanArea",))


def _part_of(ctx: RuleContext, name: str, whole: EntityRef, ordinal: int) -> None:
    if COUNT_WORD.match(name):
        return
    ref = ctx.make_entity(name, ordinal, "Region")
    if ref is not None and ref != whole:
        ctx.ex.relate(ref, "pk:partOf", whole, ordinal)


def divided_areas(ctx: RuleContext, p: Passage) -> None:
    """An area split into named 片区 / 组团: each one partOf the area."""
    for sentence in re.split(r"[。]", p.text):
        m = DIVIDED.search(sentence)
        if m is None:
            continue
        whole = _area(ctx, sentence.strip(), p.ordinal)
        if whole is None:
            continue
        for part in PART_NAME.finditer(m.group("rest")):
            _part_of(ctx, part.group("n"), whole, p.ordinal)


def functional_areas(ctx: RuleContext, p: Passage) -> None:
    """Clauses of a passage about one area that each make a stretch of it a named zone."""
    sentences = [s.strip() for s in re.split(r"[。；;]", p.text) if s.strip()]
    if not sentences:
        return
    passage_area = _area(ctx, sentences[0], p.ordinal)
    for sentence in sentences:
        if DIVIDED.search(sentence):
            continue  # read by divided_areas
        zones = list(ZONE_AS.finditer(sentence))
        if not zones:
            continue
        whole = _area(ctx, sentence, p.ordinal) or passage_area
        if whole is None:
            continue
        for m in zones:
            _part_of(ctx, m.group("n"), whole, p.ordinal)


@Language.component("plankg_zones", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.relations", "doc._.entities"])
def zones_component(doc: Doc) -> Doc:
    """Named zones (片区 / 组团 / 功能区) an area is divided into, in lists and in running prose."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            divided_areas(ctx, p)
            functional_areas(ctx, p)
            designated_zones(ctx, p)
            zone_members(ctx, p)
            zone_scope_items(ctx, p)
    return doc
