"""A project and its facts in the same sentence or enumerated item: where it is carried out, its
period and its investment.

* "…工程，在东岙村、西岙村实施" / "位于X" / "选址在X东侧" / "主要布局在A村、B村和C村" / "实施范围为A乡、B乡"
  / "安排在A乡、B乡" / "覆盖A镇、B乡"
                                                      → the project pk:locatedIn each place
* "建设期为2022年至2025年" / "建设期限2024—2028年"      → implementationPeriod, startYear, endYear
* "总投资约3.2亿元" / "估算投资1.2亿元" / "投资0.4亿元"  → an investment value of the project
* "…工程…，市级规划将其归入X河中游的…工程"            → the project's segment (中游) of the river X
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import enumerations, lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import Attribute, EntityRef, Quantity

PLACE_CUES = re.compile(r"(?:(?:在|于)(?P<a>[\u4e00-\u9fff、和及与]{2,60}?)(?:一带|境内|范围内)?(?:实施|建设|开展|布局)"
                        r"|(?:位于|选址(?:在|于)?|(?:主要)?布局(?:在|于)|安排(?:在|于)|覆盖|实施范围为|实施范围包括|建设地点(?:为|：|:)|涉及)"
                        r"(?P<b>[\u4e00-\u9fff、和及与]{2,60}?))(?=[，。；,;（(]|$)")
PLACE_TAIL = re.compile(r"(?:[东南西北]侧|[东南西北]部|一带|周边|附近|境内|范围内|等地|等)$")
PERIOD = re.compile(r"(?:建设期限?|实施期限?|建设年限|实施年限|实施周期|建设周期)(?:为|是|：|:)?\s*"
                    r"(?P<a>\d{4})\s*年?\s*(?:[—\-–~～至到]+)\s*(?P<b>\d{4})\s*年?")
# any investment said after a project's name is the project's: "总投资约3.2亿元", "估算投资…", "乡域内投资1.85亿元"
INVESTMENT = re.compile(r"投资(?:估算|总额)?[：:]?(?:约为|约|为|估算|共计|合计|达)?\s*(?P<v>\d+(?:\.\d+)?)\s*(?P<u>亿元|万元)")
# a project printed as fields on one line: "项目名称：X；建设地点：A、B；建设年限：2022—2024年；投资估算：2860万元"
FIELD_LINE = re.compile(r"^(?:项目名称|工程名称|名称)[：:](?P<name>[^；;：:]{2,40})[；;](?P<rest>.+)$")
PROJECT_KINDS = ("Project", "Programme", "WaterProject")
# "…将其归入清溪河中游的…工程": the stretch of a river a project is filed under
SEGMENT_OF = re.compile(r"(?:将其|将该工程|将该项目|其)(?:归入|列入|纳入|归为|列为)(?P<river>[\u4e00-\u9fff]{1,10}?(?:河|江))"
                        r"(?P<seg>上游|中游|下游|中上游|中下游|源头)(?:段|河段)?的")


def project_facts(ctx: RuleContext, p: Passage, ref: EntityRef, text: str) -> None:
    """The places, period and investment ``text`` (what follows the project's name) states."""
    for m in PLACE_CUES.finditer(text):
        places = PLACE_TAIL.sub("", m.group("a") or m.group("b"))
        for place in ctx.resolve_places(places, p.ordinal):
            if place != ref:
                ctx.ex.relate(ref, "pk:locatedIn", place, p.ordinal)
    m = PERIOD.search(text)
    if m:
        ctx.ex.attributes.append(Attribute(ref, "pk:implementationPeriod", f"{m.group('a')}—{m.group('b')}年", p.ordinal))
        ctx.ex.attributes.append(Attribute(ref, "pk:startYear", int(m.group("a")), p.ordinal))
        ctx.ex.attributes.append(Attribute(ref, "pk:endYear", int(m.group("b")), p.ordinal))
    m = INVESTMENT.search(text)
    if m:
        ctx.ex.quantities.append(Quantity("项目投资", float(m.group("v")), m.group("v"), m.group("u"), None,
                                          "approx" if "约" in m.group(0) else "eq", p.ordinal, m.group(0), areas=(ref,)))


def sentence_projects(ctx: RuleContext, p: Passage) -> None:
    """Projects named in a sentence (not an enumeration): the facts of the rest of the sentence."""
    heads = [item.head for item in enumerations.items_of(p)]
    for sentence in re.split(r"[。；;]", p.text):
        # an enumerated item's name is read whole by item_projects ("A与B工程", not "B工程")
        spans = [s for s in names.suffix_names(sentence) if s.kind in PROJECT_KINDS]
        for i, span in enumerate(spans):
            if any(h != span.text and h.endswith(span.text) for h in heads):
                continue
            end = spans[i + 1].start if i + 1 < len(spans) else len(sentence)
            rest = sentence[span.end:end]
            if not (PLACE_CUES.search(rest) or PERIOD.search(rest) or INVESTMENT.search(rest)):
                continue  # nothing said about it here: not this family's to name
            located = any(ctx.resolve_places(PLACE_TAIL.sub("", m.group("a") or m.group("b")), p.ordinal)
                          for m in PLACE_CUES.finditer(rest))
            if located and PERIOD.search(rest) and span.kind == "Project":
                ref = ctx.named_entity(names.trim_name(span.text), p.ordinal, span.kind)  # a place and a period: one project
            else:
                ref = ctx.make_entity(span.text, p.ordinal, span.kind)
            if ref is not None and ctx.ex.canonical(ref).kind in PROJECT_KINDS:
                project_facts(ctx, p, ref, rest)


def project_segments(ctx: RuleContext, p: Passage) -> None:
    """"A工程位于本镇，市级规划将其归入X河中游的…" → A pk:segment 中游, relatedTo X."""
    for sentence in re.split(r"[。；;]", p.text):
        for m in SEGMENT_OF.finditer(sentence):
            before = [s for s in names.suffix_names(sentence[: m.start()]) if s.kind in PROJECT_KINDS]
            rivers = [s for s in names.suffix_names(m.group("river")) if s.kind == "River"]
            ref = ctx.make_entity(before[0].text, p.ordinal, before[0].kind) if before else None
            if ref is None:
                continue
            ctx.ex.relate(ref, "pk:segment", EntityRef("Segment", m.group("seg")), p.ordinal)
            river = ctx.make_entity(rivers[-1].text, p.ordinal, "River") if rivers else None
            if river is not None:
                ctx.ex.relate(ref, "pk:relatedTo", river, p.ordinal)


# "在A行动中列入的B工程" / "A计划中安排的B工程": B is part of the programme A
LISTED_IN = re.compile(r"在?(?P<prog>[\u4e00-\u9fff]{2,30}?(?:行动|计划|工程|规划))中(?:列入|安排|提出|确定)的")


def programme_members(ctx: RuleContext, p: Passage) -> None:
    for sentence in re.split(r"[。；;]", p.text):
        for m in LISTED_IN.finditer(sentence):
            prog = [s for s in names.suffix_names(m.group("prog")) if s.kind == "Programme"]
            after = [s for s in names.suffix_names(sentence[m.end():]) if s.kind in PROJECT_KINDS and s.kind != "Programme"]
            if prog and after:
                whole = ctx.make_entity(prog[-1].text, p.ordinal, "Programme")
                part = ctx.make_entity(after[0].text, p.ordinal, after[0].kind)
                if whole is not None and part is not None:
                    ctx.ex.relate(part, "pk:partOf", whole, p.ordinal)


def field_projects(ctx: RuleContext, p: Passage) -> None:
    """"项目名称：X；建设地点：…；建设年限：…；投资估算：…" → the project X (named as printed) and its facts."""
    m = FIELD_LINE.match(p.text.strip())
    kind = lexicon.classify(names.PHASE_TAIL.sub("", m.group("name").strip())) if m else None
    if m is None or kind not in PROJECT_KINDS:
        return
    ref = ctx.named_entity(m.group("name").strip(), p.ordinal, kind)
    if ref is not None:
        project_facts(ctx, p, ref, m.group("rest"))


def item_projects(ctx: RuleContext, p: Passage) -> None:
    for item in enumerations.items_of(p):
        ref = enumerations.item_entity(ctx, p, item)
        if ref is not None and ctx.ex.canonical(ref).kind in PROJECT_KINDS:
            project_facts(ctx, p, ref, item.rest)


@Language.component("plankg_project_sentences", requires=["doc._.plan", "doc._.rules"],
                    assigns=["doc._.relations", "doc._.quantities", "doc._.entities"])
def project_sentences_component(doc: Doc) -> Doc:
    """Where a project is carried out, when, and for how much, as its own sentence or item says."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            field_projects(ctx, p)
            item_projects(ctx, p)
            sentence_projects(ctx, p)
            programme_members(ctx, p)
            project_segments(ctx, p)
    return doc
