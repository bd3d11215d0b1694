"""Aliases: another name for the same thing becomes an alternative label of its node.

* "X（又称Y）" / "X又称Y" / "X古称Y" / "X俗称Y" / "X原名Y" / "X简称Y"  → Y is an altLabel of X
* "X（Y）" without a cue                                             → the same, when X and Y end in
  the same class word ("佛宫寺释迦塔（应县木塔）": both towers)
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon, names
from plankg.extract.context import RuleContext
from plankg.extract.document import Passage
from plankg.extract.model import EntityRef

CUES = "又称|又名|俗称|原名|旧称|古称|别称|亦称|也称|简称|曾用名|曾名|今称"
BRACKET = re.compile(rf"[（(](?P<cue>{CUES})?[：:]?\s*(?P<y>[\u4e00-\u9fff·]{{2,14}})[)）]")
INLINE = re.compile(rf"(?P<cue>{CUES})[“\"]?(?P<y>[\u4e00-\u9fff·]{{2,10}}?)[”\"]?(?=[，。；、,;）)]|$|是|为|，)")


def _name_ending_at(ctx: RuleContext, p: Passage, pos: int) -> EntityRef | None:
    """The named thing printed right before ``pos``: a division, or a name found by its class word."""
    for s, e, printed, d in ctx.linker.find(p.text[:pos]):
        if e == pos:
            return ctx.division_ref(d, p.ordinal, printed)
    spans = [s for s in names.suffix_names(p.text[:pos]) if s.end == pos]
    if spans:
        return ctx.make_entity(spans[0].text, p.ordinal, spans[0].kind)
    return _known_name_ending_at(ctx, p.text[:pos])


def _known_name_ending_at(ctx: RuleContext, before: str) -> EntityRef | None:
    """A thing the plan already names (a list member or table row: "某堡") printed right before the
    bracket, starting at a list boundary, so a name with no class word still takes its alias."""
    found = [e for e in ctx.ex.entities.values() if len(e.label) >= 2 and before.endswith(e.label)
             and (len(before) == len(e.label) or before[-len(e.label) - 1] in "、，,；;：:（(“ ")]
    return max(found, key=lambda e: len(e.label)).ref if found else None


def aliases(ctx: RuleContext, p: Passage) -> None:
    for m in BRACKET.finditer(p.text):
        y = m.group("y")
        if names.is_slogan(y) or not (m.group("cue") or lexicon.classify(y)):
            continue  # "（二期）", "（怀仁段）": a phase or reach is part of the name, not another name
        x = _name_ending_at(ctx, p, m.start())
        if x is None:
            continue
        label = ctx.ex.entities[ctx.ex.canonical(x).key].label
        same_class = lexicon.classify(y) is not None and lexicon.classify(y) == lexicon.classify(label)
        if m.group("cue") or same_class:
            add_alias(ctx, x, y)
    for m in INLINE.finditer(p.text):
        x = _name_ending_at(ctx, p, m.start())
        if x is not None:
            add_alias(ctx, x, m.group("y"))


def add_alias(ctx: RuleContext, ref: EntityRef, alias: str) -> None:
    ent = ctx.ex.entities.get(ctx.ex.canonical(ref).key)
    if ent is not None and alias != ent.label:
        ent.alt_labels.add(alias)


@Language.component("plankg_aliases", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.entities"])
def aliases_component(doc: Doc) -> Doc:
    """又称 / 古称 / bracketed aliases in every passage."""
    ctx: RuleContext = doc._.rules
    for p in ctx.body:
        if p.kind not in ("table-header", "table-row"):
            aliases(ctx, p)
    return doc
