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
- **A character that may be a preposition but starts the name** (在田村, 于家湾村, 对岭村). It stays when it stands
  where a name starts — after a list's separator or at the start of a clause — and one of these holds
  (``starts_the_name``):
  - the name is a whole item of a list: "、在田村、", "辖在田村、…" (a preposition never heads a noun in a list);
  - dropping it leaves one character and a class word that is no dictionary word ("在|田村" would leave 田村):
    a one-character proper part is rare, so the character is the name's own;
  - the name is the subject of a predicate that a prepositional phrase cannot be the subject of
    ("在田村位于…", "于家湾村地处…").
  In "以X为Y" the 以 stays a preposition unless the name is a whole list item.
- **A table's or figure's number** ("表6-1 ", "附表3：", "表四 ") is no part of what its title names
  (``without_part_number``).
"""
from __future__ import annotations

import re
from functools import lru_cache

import jieba

from plankg.extract import lexicon

jieba.setLogLevel(60)

# prepositions (and verbs of a route) a name's first word may carry: "以民乐大街", "由县自然资源局", "绕梓溪湖"
LEAD_PREPOSITIONS = set("对在以与向从自把被将为由经沿属过穿绕跨")
# characters that may be a preposition or verb in front of a name and are glued to it by the HMM cut
GLUED_LEADS = set("对在以向从把被将为由经沿属于自过穿绕跨有是辖设")
# ... of which these may also be a name's first character (a place called 在田村, 于家湾村, 对岭村)
NAME_FIRST_LEADS = set("在于向从对以由将经沿为把被属过穿绕跨")
# "the following", "the above": a determiner before a noun phrase, never part of a name
DETERMINERS = ("以下", "以上", "如下", "下列", "下述", "上述", "前述", "所述", "上列")
FORWARD_DETERMINERS = ("以下", "如下", "下列", "下述")  # "推进以下工程：…": the items follow
# what stands before the first character of a name: a separator, a bracket or quote, or nothing
CLAUSE_STARTS = set("、，。；：,;:！？!?（(“‘《【　 \t\n")
# what stands after a whole item of a list
ITEM_ENDS = set("、，。；：,;:）)”")
LIST_JOINERS = ("和", "及", "与", "或", "等", "以及")
# verbs whose object is a list of what something holds: no preposition stands right after them
LIST_LEADS = ("辖", "下辖", "下设", "设有", "包括", "包含", "涵盖")
# predicates that need a subject: a prepositional phrase never stands before them ("在田村位于…")
SUBJECT_PREDICATES = ("位于", "地处", "坐落", "地跨", "是", "为", "属于", "隶属", "列为", "划为", "定为", "确定为",
                      "定位为", "距", "紧邻", "毗邻", "东临", "西临", "南临", "北临", "东接", "西接", "南接", "北接", "辖",
                      "下辖", "拥有", "现有", "共有")


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


def _in_a_list(text: str, pos: int) -> bool:
    """Does an item of a list start at ``pos``: after 、, after a verb that lists what something holds ("辖|在田村、…",
    "包括|…"), or after a joiner with a name before it ("桐坞村和|在田村")?"""
    if text[pos - 1:pos] == "、" or text.endswith(LIST_LEADS, 0, pos):
        return True
    for joiner in LIST_JOINERS:
        if text.endswith(joiner, 0, pos):
            head = text[max(0, pos - len(joiner) - 8): pos - len(joiner)]
            return bool(head) and lexicon.classify(head) is not None
    return False


def _clause_after(text: str, end: int) -> str:
    out = []
    for ch in text[end:]:
        if ch in "，。；,;！？!?\n":
            break
        out.append(ch)
    return "".join(out)


def starts_the_name(text: str, pos: int, end: int) -> bool:
    """Is the character at ``pos`` (one that may be a preposition) the first character of the name
    ``text[pos:end]``? (See rule 2 of this module.)"""
    if pos >= end or text[pos] not in NAME_FIRST_LEADS:
        return False
    before = text[pos - 1] if pos > 0 else ""
    listed = _in_a_list(text, pos)
    if before and before not in CLAUSE_STARTS and not listed:
        return False
    after = text[end:]
    if listed and (not after or after[0] in ITEM_ENDS or after.startswith(LIST_JOINERS)):
        return True  # a whole item of a list
    if text[pos] == "以" and "为" in _clause_after(text, end):
        return False  # "以X为Y"
    return one_character_head(text[pos + 1:end]) or after.startswith(SUBJECT_PREDICATES)


# a table's or figure's number before its title: "表6-1 ", "附表3：", "表 4.2", "表四、", "续表2-1"
PART_NUMBER = re.compile(r"^\s*续?(?:附表|附图|图表|表|图)\s*(?:[\dA-Za-z]+(?:\s*[-－—–.．]\s*\d+)*(?=[\s　：:、.．\u4e00-\u9fff])"
                         r"|[一二三四五六七八九十]{1,3}(?=[\s　：:、.．]))[\s　]*[：:、.．]?[\s　]*")


def without_part_number(title: str) -> str:
    """"表6-1 岱山县近期重点项目表" → 岱山县近期重点项目表: a table's number is not part of what its title names."""
    rest = PART_NUMBER.sub("", title, count=1)
    return rest if rest != title and rest.strip() else title
