"""Units and comparators of the genre: which printed units an indicator value may carry (the
ontology's unit vocabulary is their one home) and which words or signs state its bound."""
from __future__ import annotations

import re

from plankg.ontology import unit_table

# every unit label and alternative label of the ontology's unit scheme, plus count classifiers
UNITS: frozenset[str] = frozenset(unit_table()) - {"count", "items", "year", "yr", "m", "km", "ha", "mu"}

# ----------------------------------------------------------------------------- printed forms of a unit
# a unit is printed in full-width forms ("平方米／人", "％", "ｍ²") and as one symbol character ("㎡", "㎢");
# each folds to the unit scheme's own label (ASCII signs, Chinese words): "平方米／人" → 平方米/人, "㎡" → m²
_FULL_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_SYMBOLS = {"㎡": "m²", "㎢": "km²", "㎞": "km", "㎥": "m³", "㏊": "ha", "㎟": "mm²", "㎠": "cm²"}
_FOLD = str.maketrans(_FULL_WIDTH | _SYMBOLS)
_EXPONENTS = str.maketrans({"2": "²", "3": "³", "²": "2", "³": "3"})


def normalise_unit(text: str) -> str:
    """The one spelling of a printed unit: full-width forms and symbol characters folded to the unit
    scheme's label ("平方米／人" → 平方米/人, "㎡" / "ｍ²" → m², "公顷／万人" → 公顷/万人, "％" → %), an exponent
    printed as a digit or a superscript whichever the scheme spells ("万km2" → 万km²); a unit the scheme
    lacks is folded the same way and kept."""
    folded = re.sub(r"\s*/\s*", "/", (text or "").translate(_FOLD).strip())
    if folded in UNITS or not folded:
        return folded
    swapped = folded.translate(_EXPONENTS)  # "m2" ↔ "m²": the spelling the scheme has
    return swapped if swapped in UNITS and swapped != folded else folded


def known_unit(text: str) -> str:
    """The canonical spelling of a printed unit when it is one of the unit scheme's, else ""."""
    unit = normalise_unit(text)
    return unit if unit in UNITS else ""


def printed_forms(label: str) -> set[str]:
    """The ways a unit label is printed: itself, with full-width signs and letters, with a symbol
    character for m² / km² / km / m³ ("平方米/人" → 平方米／人, "m²/人" → ㎡/人, ｍ²/人 …)."""
    forms = {label}
    for plain, printed in [("/", "／"), ("%", "％")] + [(v, k) for k, v in _SYMBOLS.items()]:
        forms |= {f.replace(plain, printed) for f in forms if plain in f}
    wide = str.maketrans({v: k for k, v in _FULL_WIDTH.items() if v.isascii() and v.isalpha()})
    return forms | {f.translate(wide) for f in forms}


# longest first, so "万平方公里" wins over "平方公里" and "公里/百平方公里" over "公里"; every printed form
# (normalise_unit turns a match into the label)
UNIT_ALTERNATIVES: tuple[str, ...] = tuple(sorted(
    {form for u in {u for u in UNITS if " " not in u and (not u.isascii() or any(c in u for c in "²%/"))}
     | {"km2", "hm2", "km", "m"} for form in printed_forms(u)}, key=len, reverse=True))
# the printed forms of an area's units (公顷, 平方公里, 万亩, ㎡ …): the units the scheme converts to hectares
AREA_ALTERNATIVES: tuple[str, ...] = tuple(
    form for form in UNIT_ALTERNATIVES
    if unit_table().get(normalise_unit(form), ("", 0.0, ""))[2].endswith("/hectare"))
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
