"""Related plans: a plan named without 《》 in a clause that relates this plan to it ("与省国土空间总体规划
相衔接", "结合国民经济和社会发展十四五规划…", "参照某市某保护规划…") → the plan eli:related_to it, under its
full name. Plan types alone ("与详细规划相衔接") pick out no plan and get no link; titles in 《》 are
citations (extract/citations.py)."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import names
from plankg.extract.context import RuleContext
from plankg.extract.plan_mentions import PLAN_TAIL, is_plan_name, joined_subject, without_leading_action

RELATING = re.compile(r"衔接|协调|对接|结合|依据|遵循|落实|符合|服从|参照|统筹")  # words that relate two plans
# a plan type with nothing that picks out one plan ("详细规划", "国土空间规划"): related to every plan, so no link
TYPE_ONLY = re.compile(r"^(?:国土空间|国土|空间|总体|详细|专项|村庄|城乡|土地利用)*$")


def related_plans(ctx: RuleContext) -> None:
    """Plans named in a clause that relates this plan to them → eli:related_to, each under its full name
    (a subject joined by 和 before the name finder's span is part of it)."""
    own = PLAN_TAIL.sub("", re.split(r"[（(]", ctx.ex.meta.title)[0])
    for p in ctx.body:
        if "规划" not in p.text and "纲要" not in p.text:
            continue
        for clause in re.split(r"[，。；,;]", re.sub(r"《[^《》]*》", "《》", p.text)):  # titles are citations
            if not RELATING.search(clause):
                continue
            for span in names.suffix_names(clause):
                if span.kind != "Plan":
                    continue
                subject = joined_subject(clause[:span.start])
                candidates = (subject + span.text if subject else "", span.text, without_leading_action(span.text))
                name = next((c for c in candidates if c and is_plan_name(c, ctx.leading_places(c))), None)
                if name is None or PLAN_TAIL.sub("", name) == own or TYPE_ONLY.match(PLAN_TAIL.sub("", name)):
                    continue
                ref = ctx.make_entity(name, p.ordinal, "Plan")
                if ref is not None:
                    ctx.ex.relate_plan("eli:related_to", ref, p.ordinal)


@Language.component("plankg_related_plans", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.entities"])
def related_plans_component(doc: Doc) -> Doc:
    """Related plans named without 《》, and the full names of plans the name finder cut at 和."""
    related_plans(doc._.rules)
    return doc
