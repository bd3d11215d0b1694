"""General vocabularies of Chinese planning prose, read from extract/data (see its README)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.resources import files


# The one home of Chinese numerals: the character class rules match with, and the parsers below
# (cn2an does the arithmetic; 双 "a pair of" is the genre's extra two).
CN_NUMERAL = "[零一二两三四五六七八九十百千]+"  # 万 is left out: in rules it starts units (万亩) and names
CN_ORDINAL = "[一二三四五六七八九十]{1,3}"  # the ordinals that number headings and items (一、 （三） 十二、)
COUNT_CLASSIFIERS = "个处条座类张项家所级大"
# measure words a count puts before its noun ("5个镇", "两句话", "两片区"): a name never starts with one
# left over from a count
MEASURE_WORDS = "个处条座类张项家所片句点种批只名位"
# interrogative pronouns and quantifiers: a question's words, never a name's
INTERROGATIVES = ("什么", "哪些", "哪里", "哪儿", "哪个", "怎样", "怎么", "如何", "多少", "为何", "几个")


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


# a township's function type, which plans coin freely: "工矿服务型乡镇", "生态旅游型镇", "农牧型乡"
FUNCTION_TYPE = re.compile(r"[\u4e00-\u9fff]{2,6}型(?:乡镇|城镇|镇|乡)")


# "重点镇（乡）", "一般镇（或乡）": the role word with the kinds of township it also covers in brackets
ALTERNATIVES_NOTE = re.compile(r"[（(](?:或|含|和|及)?[\u4e00-\u9fff]{1,3}[)）]$")


def role_key(word: str) -> str | None:
    """The town-role vocabulary key of a role word ("-" for a known role outside the urban system), read
    without a bracket of alternatives when the word with it is not listed."""
    return roles().get(word) or roles().get(ALTERNATIVES_NOTE.sub("", word))


def is_role(word: str) -> bool:
    """A role a plan gives a place: a known role word, or a township's function type."""
    return role_key(word) is not None or FUNCTION_TYPE.fullmatch(word) is not None


@lru_cache(maxsize=1)
def indicator_names() -> list[str]:
    return sorted(_lines("indicators.txt"), key=len, reverse=True)


@lru_cache(maxsize=1)
def indicator_synonyms() -> dict[str, str]:
    """Printed form → indicator name of indicators.txt (耕地面积 → 耕地保有量, 生态保护红线 → 生态保护红线面积)."""
    return {a.strip(): b.strip() for a, b, *_ in (ln.split("\t") for ln in _lines("indicator_synonyms.tsv"))}


@lru_cache(maxsize=1)
def land_classes() -> list[str]:
    """Classes of the national land-use classifications (耕地, 林地, 水域 …), longest first."""
    return sorted(_lines("land_classes.txt"), key=len, reverse=True)


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


# a road known by its number: "国道209线", "省道S301", "G208国道", "县道X012线"
NUMBERED_ROUTE = re.compile(r"(?:国道|省道|县道|乡道)\s*[GSXYgsxy]?\d{1,4}(?:线)?(?!\d)"
                            r"|(?<![A-Za-z0-9])[GSXY]\d{1,4}(?:国道|省道|县道|乡道|线)")


def classify(name: str) -> str | None:
    """Ontology class of a name from its suffix (longest suffix wins), or None.

    A class word with only generic modifiers in front ("近期重点项目") is not a name."""
    if NUMBERED_ROUTE.fullmatch(name):
        return "Road"
    if any(name.endswith(w) for w in not_names()):
        return None
    for suffix, cls in suffixes():
        if name.endswith(suffix) and len(name) > len(suffix):
            head = name[: -len(suffix)]
            if generic_modifiers().fullmatch(head):
                return None
            return cls
    return None


@lru_cache(maxsize=1)
def _cn2an():
    import cn2an  # why here: its import takes ~0.25 s, which every command (`plankg ask` too) paid at start

    return cn2an


def cn_to_number(text: str) -> float | None:
    """'15' → 15, '十五' → 15, '两' → 2, '双' → 2, '一百零五' → 105, '1.06万' → 10600, '三千五百' → 3500;
    None if the text is not a number."""
    text = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if not text:
        return None
    if text == "双":
        return 2.0
    try:
        return float(_cn2an().cn2an(text.replace("双", "两"), "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def cn_to_int(text: str) -> int | None:
    """A whole number printed in Arabic or Chinese digits ('１５', '四十四', '一百'); None otherwise."""
    value = cn_to_number(text)
    return int(value) if value is not None and value == int(value) else None
