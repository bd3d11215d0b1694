"""Citations: every 《title》 a plan names, whether it is named as the higher plan, and what it is —
a plan of a known region and period (resolved to that plan's id), a law, a policy or another document."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract import lexicon
from plankg.extract.context import RuleContext
from plankg.extract.document import PlanDocument
from plankg.extract.gazetteer import Gazetteer
from plankg.extract.meta import plan_ref_for_title
from plankg.extract.model import Citation

CITE_RE = re.compile(r"《([^《》]{2,80})》")
HIGHER_CUES = ("上位规划", "为依据", "依据", "遵循", "指导")
CITED_KINDS = ("Law", "PolicyDocument", "Plan")


def extract_citations(doc: PlanDocument, own_title: str, gaz: Gazetteer) -> list[Citation]:
    own = own_title.replace("(", "（").replace(")", "）")
    out: list[Citation] = []
    for p in doc.body():
        for m in CITE_RE.finditer(p.text):
            title = m.group(1).strip()
            if title.replace("(", "（").replace(")", "）") == own or title in ("规划",):
                continue
            sentence = _sentence(p.text, m.start())
            higher = any(cue in sentence for cue in HIGHER_CUES) and title.endswith(("规划", "纲要", "）"))
            out.append(_resolved(Citation(title, p.ordinal, higher and "上位规划" in sentence), gaz))
    return out


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind("。", 0, pos), text.rfind("；", 0, pos)) + 1
    end_candidates = [i for i in (text.find("。", pos), text.find("；", pos)) if i >= 0]
    return text[start: min(end_candidates) if end_candidates else len(text)]


def _resolved(c: Citation, gaz: Gazetteer) -> Citation:
    ref = plan_ref_for_title(c.title, gaz)
    if ref is not None:
        c.plan_id = ref[0]
    else:
        kind = lexicon.classify(c.title)
        c.kind = kind if kind in CITED_KINDS else None
    return c


@Language.component("plankg_citations", requires=["doc._.plan", "doc._.rules"], assigns=["doc._.citations"])
def citations_component(doc: Doc) -> Doc:
    ctx: RuleContext = doc._.rules
    ctx.ex.citations = extract_citations(ctx.doc, ctx.ex.meta.title, ctx.gaz)
    return doc
