"""Text helpers of the chat search: one normaliser and one numeral parser (both the extraction's),
tokens for the full-text index, number formatting and small IRI/value readers."""
from __future__ import annotations

import functools
import importlib
import logging
import re

from plankg.extract.lexicon import cn_to_int
from plankg.extract.model import normalise

MAX_QUESTION_CHARS = 2000  # what is read for understanding; longer text is cut (and said so)


def norm(text: str | None) -> str:
    """The extraction's name key (NFKC, no spaces or quotes, full-width brackets); None → ""."""
    return normalise(text or "")


def cn_number(s: str) -> int | None:
    """Digits or Chinese numerals (十五, 两, 一百) → int, through the extraction's one parser."""
    return cn_to_int(s) if s else None


def bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def fmt_number(v) -> str:
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".") if not v.is_integer() else str(int(v))
    return str(v)


def is_english(text: str) -> bool:
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return letters > 0 and letters >= 3 * cjk


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def title_key(t: str) -> str:
    """A plan title without its edition / period note: 《X（2021-2035年）（草案）》 → X."""
    return re.sub(r"（[^）]*(稿|草案|年|送审|报批)[^）]*）", "", norm(t))


def to_int(v) -> int | None:
    """A year from an int, a gYear or a date literal."""
    try:
        return int(str(v)[:4]) if v is not None else None
    except ValueError:
        return None


def tail(v) -> str | None:
    """Local name of an IRI (after the last / or #)."""
    if not v:
        return None
    return str(v).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def longest_common(a: str, b: str) -> int:
    """Length of the longest common substring (short strings only)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


# Words that carry no meaning for a passage search
_STOP = set("的 了 是 在 有 和 与 及 等 为 对 将 哪些 哪个 什么 多少 几个 吗 呢 其 中 之 把 被 由 并 或 以 按 个 "
            "the of a an in is are what which how many to".split())


@functools.lru_cache(maxsize=1)
def _jieba():
    # imported on the first passage search or passage indexing: most questions never need it, and jieba's
    # import and dictionary cost ~1–2 s of a CLI start
    jieba = importlib.import_module("jieba")
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict…" lines are not the user's business
    return jieba


def tokens(text: str) -> list[str]:
    """jieba words (stop words out) plus the bigrams of long Chinese words (unsegmented names)."""
    out = []
    for w in _jieba().lcut(norm(text).lower()):
        if w in _STOP or not any(ch.isalnum() for ch in w):
            continue
        out.append(w)
        if len(w) > 2 and all("\u4e00" <= c <= "\u9fff" for c in w):
            out.extend(w[i:i + 2] for i in range(len(w) - 1))
    return out
