"""General vocabularies of Chinese planning prose, read from extract/data (see its README)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

CN_DIGITS = {"零": 0, "〇": 0, "双": 2, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "[零一二两三四五六七八九十百千]+"
COUNT_CLASSIFIERS = "个处条座类张项家所级大"


def _lines(name: str) -> list[str]:
    text = files("plankg.extract.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def suffixes() -> list[tuple[str, str]]:
    """(suffix, class), longest suffix first."""
    pairs = [tuple(ln.split("\t")[:2]) for ln in _lines("suffixes.tsv")]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


@lru_cache(maxsize=1)
def roles() -> dict[str, str]:
    return dict(ln.split("\t")[:2] for ln in _lines("roles.tsv"))


@lru_cache(maxsize=1)
def indicator_names() -> list[str]:
    return sorted(_lines("indicators.txt"), key=len, reverse=True)


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    return frozenset(_lines("not_names.txt"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def generic_modifiers() -> re.Pattern:
    words = sorted(_lines("generic_modifiers.txt"), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")*")


def classify(name: str) -> str | None:
    """Ontology class of a name from its suffix (longest suffix wins), or None.

    A class word with only generic modifiers in front ("近期重点项目") is not a name."""
    if any(name.endswith(w) for w in not_names()):
        return None
    for suffix, cls in suffixes():
        if name.endswith(suffix) and len(name) > len(suffix):
            head = name[: -len(suffix)]
            if generic_modifiers().fullmatch(head):
                return None
            return cls
    return None


def cn_to_int(text: str) -> int | None:
    """'15' → 15, '１５' → 15, '十五' → 15, '两' → 2, '四十四' → 44, '一百' → 100; None if not a number."""
    text = unicodedata.normalize("NFKC", text)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return total + current


