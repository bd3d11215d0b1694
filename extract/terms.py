"""Named terms in prose: suffix-anchored names, quoted terms and slogans, headed paragraphs ("X：…"),
items under a list opener ("…定位为：" + items), and headings that name a thing.

Each name becomes an entity typed by its class word (extract/data/suffixes.tsv); a name inside a
longer name ("桑干河流域生态治理行动" ⊃ 桑干河流域 ⊃ 桑干河) is related to it.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, name_bounds, names
from plankg.extract.context import RuleContext
from plankg.extract.places import inner_places, leading_divisions
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef

QUOTE_KIND_CUES = (("战略", "Strategy"), ("定位", "Positioning"), ("目标", "Goal"), ("使命", "Goal"),
                   ("格局", "SpatialStructure"), ("结构", "SpatialStructure"), ("体系", "SpatialStructure"),
                   ("布局", "SpatialStructure"), ("网络", "NamedNetwork"), ("路网", "NamedNetwork"),
                   ("机制", "Mechanism"), ("理念", "NamedConcept"), ("精神", "NamedConcept"))
HEAD_COLON = re.compile(r"^(?P<head>[\u4e00-\u9fff“”]{3,16})[：:]")


def is_title(p: Passage) -> bool:
    """A numbered section or table title ("4.4 历史文化与自然保护地", "表四 …", "续表2-1 …") names a topic, not a thing."""
    return p.kind == "heading" and bool(re.match(r"^(?:\d|表\s*\d|图\s*\d|附表|附图|第[^\s　]{1,5}[章节条]"
                                                 rf"|{lexicon.CN_ORDINAL}、|[（(]{lexicon.CN_ORDINAL}[)）])", p.text)
                                        or name_bounds.PART_NUMBER.match(p.text))


def _with_place_prefix(ctx: RuleContext, text: str, span: names.Span) -> names.Span:
    """A project's name includes the divisions printed before it ("朔州市朔城区恢河…治理工程")."""
    if span.kind != "Project":
        return span
    start = leading_divisions(ctx, text, span.start)
    return names.Span(start, span.end, text[start: span.end], span.kind) if start < span.start else span


def terms_in(ctx: RuleContext, p: Passage) -> None:
    if is_title(p):
        return  # a numbered section or table title ("4.4 历史文化与自然保护地") names a topic, not a thing
    spans = [_with_place_prefix(ctx, p.text, span) for span in names.suffix_names(p.text)]
    refs = [(span, ctx.make_entity(span.text, p.ordinal, span.kind)) for span in spans]
    for span, ref in refs:
        if ref is not None and span.kind == "Project":  # the places and features a project is named after
            for text, kind in inner_places(ctx, span.text):
                inner = ctx.make_entity(text, p.ordinal, kind)
                if inner is not None:
                    ctx.ex.relate(ref, "pk:relatedTo", inner, p.ordinal)
    for outer, outer_ref in refs:  # "桑干河流域生态治理行动" names 桑干河流域, which names 桑干河
        for inner, inner_ref in refs:
            if outer_ref and inner_ref and outer is not inner and \
                    outer.start <= inner.start and inner.end <= outer.end:
                ctx.ex.relate(outer_ref, "pk:relatedTo", inner_ref, p.ordinal)
    for span in names.quoted(p.text):
        _quoted(ctx, p, span)
    for m in names.INLINE_SLOGAN.finditer(p.text):  # 构建两环九射三连的快速交通体系
        if names.slogan_parts(m.group("s")):
            _quoted(ctx, p, names.Span(m.start("s"), m.end("s"), m.group("s")))
    m = HEAD_COLON.match(p.text)
    if m and p.kind in ("paragraph", "item"):
        head = names.strip_lead(m.group("head").strip("“”"))
        if len(head) >= 3 and not ctx.linker.resolve(head) and not names.announces_count(head):
            kind = lexicon.classify(head) or ("Goal" if p.heading and re.search(r"\d{4}", p.heading) else None)
            ctx.make_entity(head, p.ordinal, kind)

def _quoted(ctx: RuleContext, p: Passage, span: names.Span) -> None:
    text = span.text
    after = p.text[span.end + 1: span.end + 8]
    kind = lexicon.classify(text)
    if kind is None:
        kind = next((k for cue, k in QUOTE_KIND_CUES if cue in after), None)
    slogan = names.is_slogan(text)
    if slogan and kind in (None, "NamedConcept", "Strategy"):
        kind = "SpatialStructure"
    parts_kinds = {lexicon.classify(x) for x in names.split_list(text)} if "、" in text else set()
    if len(parts_kinds) == 1 and None not in parts_kinds:
        ref = None  # "“长宁街、振武街、…”": a plain list of names, not a name itself
    else:
        ref = ctx.make_entity(text, p.ordinal, kind)
    if ref is None and "、" not in text:
        return
    parts = names.slogan_parts(text) if slogan or "、" in text else []
    if "、" in text and not slogan:
        # "塞上绿洲、美丽朔州", "生态立市、稳煤促新": the parts are named terms of the same kind
        for part in names.split_list(text):
            if 3 <= len(part) <= 20 or (len(part) == 2 and kind not in (None, "NamedConcept")):
                sub = ctx.make_entity(part, p.ordinal, kind if kind != "SpatialStructure" else None)
                if sub is not None and ref is not None:
                    ctx.ex.relate(sub, "pk:partOf", ref, p.ordinal)
        return
    for part in parts:
        sub = ctx.make_entity(part, p.ordinal, "Group" if not names.slogan_parts(part) else "SpatialStructure")
        if sub is not None:
            ctx.ex.relate(ref, "pk:hasPart", sub, p.ordinal)
            for inner in names.slogan_parts(part) if "、" not in part else []:
                leaf = ctx.make_entity(inner, p.ordinal, "Group")
                if leaf is not None:
                    ctx.ex.relate(sub, "pk:hasPart", leaf, p.ordinal)

def _list_opener(ctx: RuleContext, p: Passage) -> tuple[EntityRef | None, str | None] | None:
    """A passage that announces the items below it: "…定位为：" or a slogan heading "城市性质：一市三地"."""
    text = p.text.strip()
    kind = next((k for cue, k in QUOTE_KIND_CUES if cue in text), None)
    if "性质" in text:
        kind = "Positioning"
    if p.kind in ("paragraph", "heading") and text.endswith(("：", ":")):
        return None, kind
    tail = re.split(r"[：:]", text)[-1].strip()
    if p.kind == "heading" and names.is_slogan(tail):
        return ctx.make_entity(tail, p.ordinal, "SpatialStructure"), kind
    return None

def listed_item(ctx: RuleContext, p: Passage, parent: EntityRef | None, kind: str | None) -> None:
    text = p.text.strip().rstrip("；;。，,")
    if not (2 <= len(text) <= 30) or re.search(r"[，。：:]", text):
        return
    ref = ctx.make_entity(text, p.ordinal, kind)
    if ref is not None and parent is not None:
        ctx.ex.relate(ref, "pk:partOf", parent, p.ordinal)
    if ref is not None and parent is None and kind == "Positioning" and ctx.ex.meta.region is not None:
        ctx.ex.relate(ctx.ex.meta.region, "pk:hasPositioning", ref, p.ordinal)  # "…定位为：" + items
    if "的" in text:  # "朔州市西部生态特色发展区的重要支点": the named area itself
        head = text.split("的")[0]
        if len(head) >= 5 and "的" in (w for w, _ in names.flags(text)):  # not 的 inside 目的地
            ctx.make_entity(head, p.ordinal, lexicon.classify(head))


def heading_entity(ctx: RuleContext, p: Passage) -> None:
    if is_title(p):
        return
    text = p.text.strip()
    if "：" in text or ":" in text:
        text = re.split(r"[：:]", text)[-1].strip()
    stripped = names.strip_lead(text)
    if names.is_slogan(text.replace("，", "、")):
        ref = ctx.make_entity(text, p.ordinal, "SpatialStructure")
        for part in names.slogan_parts(text.replace("，", "、")):
            sub = ctx.make_entity(part, p.ordinal, "Group")
            if ref is not None and sub is not None:
                ctx.ex.relate(ref, "pk:hasPart", sub, p.ordinal)
    elif lexicon.classify(stripped) and len(stripped) <= 20 and not names.starts_with_verb(stripped):
        ctx.make_entity(stripped, p.ordinal, lexicon.classify(stripped))



@Language.component("plankg_terms", requires=["doc._.plan", "doc._.rules", "doc._.groups"],
                    assigns=["doc._.entities", "doc._.relations"])
def terms_component(doc: Doc) -> Doc:
    """Names, quoted terms, list items under an opener and naming headings, passage by passage."""
    ctx: RuleContext = doc._.rules
    listing: tuple[EntityRef | None, str | None] | None = None  # items that follow "…定位为：" or a slogan
    for p in ctx.body:
        if p.kind in ("table-header", "table-row"):
            continue
        if p.kind == "item" and listing is not None:
            listed_item(ctx, p, *listing)
        elif p.kind == "heading" or _list_opener(ctx, p) is not None:
            listing = _list_opener(ctx, p)
        terms_in(ctx, p)
        if p.kind in ("item", "heading") and (p.ordinal not in ctx.group_headings or names.is_slogan(p.text.strip())):
            heading_entity(ctx, p)
    return doc
