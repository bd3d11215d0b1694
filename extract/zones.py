"""Zones and functional areas: an area divided into named 片区 / 组团 / 功能区, in lists or running prose.

* "镇区…分为两个片区：古城片区…；东关片区…"                 → each part partOf the area
* "中心城区自西向东依次划分为北湖片区、南湖片区和东港片区三个功能片区"
* "镇区北部…，规划为滨水休闲片区；中部…作为行政服务片区"   → each 片区 partOf the area the passage is about
A bare 镇区 / 城区 / 县域 is the plan's own region; a named area (中心城区, 高亭镇) is itself.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef
from plankg.extract.patterns import REGION_WORDS

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


def _area(ctx: RuleContext, sentence: str, ordinal: int) -> EntityRef | None:
    """The area a sentence is about, named at its start: a bare 镇区/县域 is the plan's own region."""
    m = AREA_START.match(sentence)
    if m is None:
        return None
    s = m.group("s")
    if s in WHOLE_WORDS:
        return ctx.ex.meta.region
    d = ctx.linker.resolve(s)
    if d is not None:
        return ctx.division_ref(d, ordinal, s)
    return ctx.make_entity(s, ordinal, "UrbanArea") if lexicon.classify(s) == "UrbanArea" else None


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
    return doc
