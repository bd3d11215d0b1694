"""Where a name starts when what stands in front of it may be a preposition, a verb or a determiner.

The suffix scan (extract/names.py) grows a name leftwards over jieba tokens and stops at a stop word. These
constructions need more than that, whatever the plan:

- **Determiners** (以下, 以上, 如下, 下列, 上述, 前述 …) never start a name: they are stop words
  (extract/data/stopwords.txt), and a name's first word never cuts one in half ("以|下…工程": 下 is no name's
  start; ``without_lead_preposition``).
- **A lead glued on by the HMM cut.** jieba's HMM guesses words it does not know and glues a preposition or verb
  onto the front of an unknown name: "车辆|经青岚|大道", "游客可|沿翠|溪河", "村庄|有桐|坞村". When such a token
  (no dictionary word; its first character a word of its own in the dictionary cut) has words of the clause
  before it, the name starts after that character (``glued_lead_char``, ``names_what_follows``). Verbs and
  prepositions of a route (经, 沿, 跨, 绕, 途经, 经由, 穿越 …) are stop words.
"""
from __future__ import annotations

from functools import lru_cache

import jieba

from plankg.extract import lexicon

jieba.setLogLevel(60)

# prepositions (and verbs of a route) a name's first word may carry: "以民乐大街", "由县自然资源局", "绕梓溪湖"
LEAD_PREPOSITIONS = set("对在以与向从自把被将为由经沿属过穿绕跨")
# characters that may be a preposition or verb in front of a name and are glued to it by the HMM cut
GLUED_LEADS = set("对在以向从把被将为由经沿属于自过穿绕跨有是辖设")
# "the following", "the above": a determiner before a noun phrase, never part of a name
DETERMINERS = ("以下", "以上", "如下", "下列", "下述", "上述", "前述", "所述", "上列")
FORWARD_DETERMINERS = ("以下", "如下", "下列", "下述")  # "推进以下工程：…": the items follow


@lru_cache(maxsize=8192)
def _dictionary_cut(text: str) -> tuple[str, ...]:
    return tuple(jieba.cut(text, HMM=False))


@lru_cache(maxsize=1)
def _dictionary():
    jieba.dt.check_initialized()
    return jieba.dt.FREQ


def dictionary_word(word: str) -> bool:
    """Is ``word`` a word of jieba's dictionary (not one its HMM guessed)?"""
    return _dictionary().get(word, 0) > 0


def glued_lead_char(token: str) -> bool:
    """"经青岚", "沿翠", "有桐": a token the HMM cut made, no dictionary word, whose first character is a
    preposition or verb standing alone in the dictionary cut. ("经堂", "向阳", "沿河" are words: no lead.)"""
    if len(token) < 2 or token[0] not in GLUED_LEADS or dictionary_word(token):
        return False
    return _dictionary_cut(token)[0] == token[0]


@lru_cache(maxsize=4096)
def without_lead_preposition(name: str) -> str:
    """"以|民乐大街" → 民乐大街, but "将军|山森林公园" and "对口|山水库" stay whole: a first character that may be
    a preposition goes only when jieba's dictionary cut makes it a word of its own, and what is left has two
    characters or more before its class word ("绕|岭村" would leave one: 绕岭村 is the name). (The HMM cut the
    scan uses guesses words and glues a preposition onto a name it does not know: "经青岚镇".) A determiner
    goes whole: "以下|生态治理工程", never "以|下生态治理工程"."""
    first = _dictionary_cut(name)[0] if name else ""
    if first in DETERMINERS and len(name) > len(first):
        return name[len(first):]
    if name[:1] not in LEAD_PREPOSITIONS or one_character_head(name[1:]):
        return name
    # 以 with a compass point is a locality word (以东), but a name may start on the point: "以|东沙村为重点"
    separate = len(first) == 1 or first in ("以东", "以南", "以西", "以北")
    return name[1:] if separate else name


def _suffix(name: str) -> str:
    return next((s for s, _ in lexicon.suffixes() if name.endswith(s) and len(name) > len(s)), "")


# one character before a class word that is no proper name of its own: a division's class word names that
# division's body ("县|人民政府"), a locality word a part of the thing ("外|长城", "上|游")
NO_PROPER_HEAD = set("省市县区镇乡村") | set("上下内外前后中里旁东南西北")


def one_character_head(name: str) -> bool:
    """"田村", "岭村": one proper character before the class word, and no dictionary word ("山村", "东村" are
    words; "县人民政府" is the county's government and "外长城" a part of the wall: no name of one character)."""
    suffix = _suffix(name)
    return bool(suffix) and len(name) - len(suffix) == 1 and name[0] not in NO_PROPER_HEAD \
        and not dictionary_word(name)


def names_what_follows(rest: str) -> bool:
    """Is ``rest`` (what follows a glued lead) a name of its own, with two characters or more before its class
    word ("青岚大道", "桐坞村")? "开区" of "经开区" is not: there the character belongs to the name."""
    suffix = _suffix(rest)
    return bool(suffix) and lexicon.classify(rest) is not None and len(rest) - len(suffix) >= 2
