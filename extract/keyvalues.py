"""Key–value lines: "【镇区规划范围】约215公顷", "规划面积：约320平方公里", "K：不少于V单位".

A short line that is nothing but a key and a value with its unit states a measurement of the plan
(its area, its population, a boundary's size); the key is the indicator's name and 约 makes the
value approximate. Prose sentences are left to the quantities family.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from plankg.extract.context import RuleContext
from plankg.extract.model import Quantity
from plankg.extract.quantities import NUM, UNIT_ALT
from plankg.extract.units import BOUND_WORDS

CUE_ALT = "|".join(map(re.escape, sorted(BOUND_WORDS, key=len, reverse=True)))
KEY_VALUE = re.compile(
    rf"^\s*(?:【(?P<k1>[\u4e00-\u9fffA-Za-z（）()\d]{{2,20}})】[：:]?|(?P<k2>[\u4e00-\u9fffA-Za-z（）()\d]{{2,20}})[：:]{{1,2}})\s*"
    rf"(?P<cue>{CUE_ALT})?\s*(?P<val>{NUM})\s*(?P<unit>{UNIT_ALT})(?P<tail>左右|以上|以下|以内)?\s*(?:[。；;，,]|$)")
YEAR_IN_KEY = re.compile(r"[（(]?(\d{4})\s*年[)）]?")


def key_value(text: str, ordinal: int) -> Quantity | None:
    m = KEY_VALUE.match(text)
    if m is None:
        return None
    key = (m.group("k1") or m.group("k2")).strip()
    year = YEAR_IN_KEY.search(key)
    if year:
        key = YEAR_IN_KEY.sub("", key).strip()
    bound = BOUND_WORDS.get(m.group("tail") or "") or BOUND_WORDS.get(m.group("cue") or "", "eq")
    return Quantity(key, float(m.group("val")), m.group("val"), m.group("unit"), int(year.group(1)) if year else None,
                    bound, ordinal, m.group(0).strip(" 。；;，,"))


@Language.component("plankg_keyvalues", requires=["doc._.plan", "doc._.rules", "doc._.quantities"],
                    assigns=["doc._.quantities"])
def keyvalues_component(doc: Doc) -> Doc:
    """A value stated as "【K】V" or "K：V" becomes a measurement named K (unless prose rules read it already)."""
    ctx: RuleContext = doc._.rules
    seen = {(q.source, q.value) for q in ctx.ex.quantities}
    for p in ctx.body:
        if p.kind in ("table-header", "table-row"):
            continue
        q = key_value(p.text, p.ordinal)
        if q is not None and (q.source, q.value) not in seen:
            if ctx.ex.meta.region is not None:
                q.areas = (ctx.ex.meta.region,)
            ctx.ex.quantities.append(q)
    return doc
