"""Units and comparators of the genre: which printed units an indicator value may carry (the
ontology's unit vocabulary is their one home) and which words or signs state its bound."""
from __future__ import annotations

from plankg.ontology import unit_table

# every unit label and alternative label of the ontology's unit scheme, plus count classifiers
UNITS: frozenset[str] = frozenset(unit_table()) - {"count", "items", "year", "yr", "m", "km", "ha", "mu"}
# longest first, so "万平方公里" wins over "平方公里" and "公里/百平方公里" over "公里"
UNIT_ALTERNATIVES: tuple[str, ...] = tuple(sorted({u for u in UNITS if " " not in u and (not u.isascii() or any(c in u for c in "²%/"))}
                                                  | {"km2", "hm2", "km", "m"}, key=len, reverse=True))
# comparators before a value ("不低于", "≥") or after it ("以上"); "下限" / "上限" in bound columns and notes
BOUND_WORDS: dict[str, str] = {
    "不低于": "ge", "不少于": "ge", "不得低于": "ge", "不得少于": "ge", "不应低于": "ge", "不宜低于": "ge", "不小于": "ge",
    "≥": "ge", ">=": "ge", "＞": "ge", ">": "ge", "以上": "ge", "下限": "ge", "守住": "ge", "确保": "ge",
    "达到": "ge", "提高到": "ge", "提高至": "ge", "提升到": "ge", "提升至": "ge", "稳定在": "ge", "保持在": "ge",
    "不超过": "le", "不得超过": "le", "不高于": "le", "不得高于": "le", "不大于": "le", "不突破": "le", "不得突破": "le",
    "≤": "le", "<=": "le", "＜": "le", "<": "le", "以下": "le", "以内": "le", "上限": "le", "控制在": "le",
    "压减到": "le", "压减至": "le", "降低到": "le", "降低至": "le", "降至": "le", "下降到": "le", "下降至": "le", "低于": "le",
    "恢复到": "ge", "恢复至": "ge", "增加到": "ge", "增加至": "ge", "增长到": "ge", "扩大到": "ge",
    "减少到": "le", "减少至": "le", "缩减到": "le", "缩减至": "le",
    "=": "eq", "＝": "eq", "等于": "eq", "为": "eq", "是": "eq",
    "约": "approx", "约为": "approx", "左右": "approx", "≈": "approx",
}
_BY_LENGTH = sorted(BOUND_WORDS, key=len, reverse=True)


def bound_of(text: str) -> str | None:
    """The bound a comparator word or a bound cell states ("不低于" → ge, "≤" → le, "下限" → ge)."""
    text = (text or "").strip()
    if not text:
        return None
    if text in BOUND_WORDS:
        return BOUND_WORDS[text]
    return next((BOUND_WORDS[w] for w in _BY_LENGTH
                 if (len(w) > 1 or w in "≥≤") and w in text and BOUND_WORDS[w] not in ("eq", "approx")), None)
