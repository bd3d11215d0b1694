"""Where a name starts when what stands in front of it may be a preposition, a verb or a determiner.

The suffix scan (extract/names.py) grows a name leftwards over jieba tokens and stops at a stop word. These
constructions need more than that, whatever the plan:

- **Determiners** (以下, 以上, 如下, 下列, 上述, 前述 …) never start a name: they are stop words
  (extract/data/stopwords.txt), and a name's first word never cuts one in half ("以|下…工程": 下 is no name's
  start; ``without_lead_preposition``).
"""
from __future__ import annotations

from functools import lru_cache

import jieba

from plankg.extract import lexicon

jieba.setLogLevel(60)

# prepositions (and verbs of a route) a name's first word may carry: "以民乐大街", "由县自然资源局", "绕梓溪湖"
LEAD_PREPOSITIONS = set("对在以与向从把被将为由经沿属")
# "the following", "the above": a determiner before a noun phrase, never part of a name
DETERMINERS = ("以下", "以上", "如下", "下列", "下述", "上述", "前述", "所述", "上列")
FORWARD_DETERMINERS = ("以下", "如下", "下列", "下述")  # "推进以下工程：…": the items follow


@lru_cache(maxsize=8192)
def _dictionary_cut(text: str) -> tuple[str, ...]:
    return tuple(jieba.cut(text, HMM=False))


@lru_cache(maxsize=4096)
def without_lead_preposition(name: str) -> str:
    """"以|民乐大街" → 民乐大街, but "将军|山森林公园" and "对口|山水库" stay whole: a first character that may be
    a preposition goes only when jieba's dictionary cut makes it a word of its own. (The HMM cut the scan
    uses guesses words and glues a preposition onto a name it does not know: "经青岚镇".) A determiner
    goes whole: "以下|生态治理工程", never "以|下生态治理工程"."""
    first = _dictionary_cut(name)[0] if name else ""
    if first in DETERMINERS and len(name) > len(first):
        return name[len(first):]
    if name[:1] not in LEAD_PREPOSITIONS:
        return name
    # 以 with a compass point is a locality word (以东), but a name may start on the point: "以|东沙村为重点"
    separate = len(first) == 1 or first in ("以东", "以南", "以西", "以北")
    return name[1:] if separate else name
