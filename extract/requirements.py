"""Transmission requirements: the duties a plan passes to the plans below it (传导).

"下位规划应予以落实的…耕地保有量、永久基本农田保护面积等定量指标；…三条控制线空间划定"
→ one requirement per indicator (mode 指标约束) and control line (mode 界限管控), binding the lower
plan the section names ("县（市、区）国土空间总体规划").
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef, Requirement

TRANSMIT_CUE = re.compile(r"下位规划|下级规划|传导|分解下达|予以落实|应落实")

LOWER_PLAN = re.compile(r"县|乡镇|下位|下级")


def transmission_requirements(ctx: RuleContext, p: Passage) -> None:
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

def _lower_plan(ctx: RuleContext, p: Passage) -> EntityRef | None:
    """The first lower-level plan named in this passage's section, up to this passage."""
    section = ctx.doc.sections[p.section]
    for ordinal in section.passages:
        if ordinal > p.ordinal:
            break
        for span in names.suffix_names(ctx.doc.passages[ordinal].text):
            if span.kind == "Plan" and LOWER_PLAN.search(span.text):
                return ctx.make_entity(span.text, ordinal, "Plan")
    return None


@Language.component("plankg_requirements", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.requirements"])
def requirements_component(doc: Doc) -> Doc:
    """Transmission requirements in every passage that hands duties down."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            transmission_requirements(ctx, p)
    return doc
