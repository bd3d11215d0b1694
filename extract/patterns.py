"""Named patterns (格局 / 空间结构 / 布局) a plan builds for itself or for one of its areas.

* "形成“一干两源三段”的保护格局" / heading "“…”格局"   → the plan hasPattern a Strategy of that name
* "中心城区形成“一湖两河、一轴多组团”的空间结构"     → 中心城区 hasPattern it
* "县域构建“一心两轴三区”空间格局"                   → the plan's region hasPattern it
Not when the clause takes the pattern over from a higher plan ("落实上位规划提出的“…”格局").
(Areas divided into 片区 / 组团 are the zones family: extract/zones.py.)
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef

PATTERN = re.compile(r"[“\"](?P<p>[^“”\"]{2,24})[”\"](?:的)?[\u4e00-\u9fff]{0,6}?(?:格局|空间结构|总体布局|空间布局)")
TAKEN_OVER = re.compile(r"上位规划|落实|衔接|对接|依据|承接|遵循|延续")
# the area a clause is about, before the verb that builds the pattern
SUBJECT = re.compile(r"^(?P<s>[\u4e00-\u9fff]{2,10}?)(?:规划|将|要|应)?(?:逐步|着力|重点)?(?:形成|构建|打造|塑造|构筑|确立|建立|优化)")
REGION_WORDS = ("县域", "市域", "镇域", "乡域", "区域", "全县", "全市", "全镇", "全区", "全乡", "规划区")
URBAN_WORDS = ("城区", "镇区", "县城", "集镇区", "集镇")  # the plan's own urban area, named by its class word


def _subject(ctx: RuleContext, clause: str, ordinal: int) -> EntityRef | None:
    """The area a pattern is built for: a division, an urban area (中心城区), or the plan's own region."""
    m = SUBJECT.match(clause)
    if m is None:
        return None
    s = m.group("s")
    if s in URBAN_WORDS:
        return ctx.make_entity(s, ordinal, "UrbanArea")
    return area_ref(ctx, s, ordinal, REGION_WORDS, ("UrbanArea", "Region", "Town"))


def area_ref(ctx: RuleContext, s: str, ordinal: int, own_words: tuple[str, ...],
             kinds: tuple[str, ...]) -> EntityRef | None:
    """An area named by ``s``: one of ``own_words`` is the plan's own region, else a division, else a
    name of one of ``kinds`` (中心城区)."""
    if s in own_words:
        return ctx.ex.meta.region
    d = ctx.linker.resolve(s)
    if d is not None:
        return ctx.division_ref(d, ordinal, s)
    kind = lexicon.classify(s)
    return ctx.make_entity(s, ordinal, kind) if kind in kinds else None


def patterns(ctx: RuleContext, p: Passage) -> None:
    for sentence in re.split(r"[。；;]", p.text):
        for m in PATTERN.finditer(sentence):
            clause = re.split(r"[，,：:]", sentence[: m.start()])[-1]
            if TAKEN_OVER.search(clause):
                continue  # the higher plan's pattern, carried over
            ref = ctx.make_entity(m.group("p"), p.ordinal, "Strategy")
            if ref is None:
                continue
            area = _subject(ctx, clause.strip(), p.ordinal)
            if area is not None and area != ctx.ex.meta.region:
                ctx.ex.relate(area, "pk:hasPattern", ref, p.ordinal)
            else:
                ctx.ex.relate_plan("pk:hasPattern", ref, p.ordinal)


@Language.component("plankg_patterns", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.relations", "doc._.entities"])
def patterns_component(doc: Doc) -> Doc:
    """The named patterns (格局 / 空间结构) the plan builds, for itself or one of its areas."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            patterns(ctx, p)
    return doc
