"""Plan mentions: which printed names that end in 规划 / 纲要 name a plan.

A plan is named by its title (《…》, handled by extract/citations.py) or by a noun phrase: a region
or level, the plan's subject and its type ("县（市、区）国土空间总体规划", "中心城区详细规划").
A sentence that happens to end in 规划 is not a name: it has a verb, a preposition, an adverb or a
particle in it ("人不得修改本规划", "县级…必须以本规划"), a pronoun that points at a plan instead of
naming one ("本规划", "各专项规划", "本次交通规划"), or a relation word before 规划 ("上位规划", "综合上位规划").
The words are told apart by jieba's part-of-speech tags, not by a list of bad phrases. A plan's name
holds no body that acts ("某局会同市规划…" is the start of "市规划和自然资源局") and no second plan
followed by a count ("专项规划三级三类…").

The name finder stops at 和 and takes a verb in front; joined_subject and without_leading_action give
a plan's full name back ("结合国民经济和社会发展十四五规划" → "国民经济和社会发展十四五规划").
"""
from __future__ import annotations

import re
from functools import lru_cache

import jieba.posseg as pseg

# jieba tags a plan's name never carries: verbs, pronouns (本, 各, 该), prepositions, adverbs,
# particles, interjections and modal words
NOT_IN_NAME = re.compile(r"^(?:v|vd|r|rr|rz|p|d|u[a-z]?|y|e|o)$")
SUBJECT = re.compile(r"^(?:n|l|j|b|s|a|vn)")  # the plan's subject or level: a noun, an idiom, an attribute
NOT_FIRST = re.compile(r"^(?:c|m|q|f)$")  # a name does not start with a conjunction, a count or a direction
RELATION = re.compile(r"(?:上位|上级|下位|下级|上一级|下一级|同级|相关|有关|其他|其它)$")
PLAN_TAIL = re.compile(r"(?:规划|纲要)$")
ACTING_BODY = re.compile(r"(?:局|厅|委员会|办公室|政府|公司)")  # a body before 规划 acts on it, it names no plan
NOUNISH = re.compile(r"^(?:n|nz|ns|vn|j|l|b)")
COUNT_START = re.compile(r"^(?:\d|[一二两三四五六七八九十]+[级类个项条])")


@lru_cache(maxsize=4096)
def is_plan_name(name: str, places: tuple[str, ...] = ()) -> bool:
    """Does ``name`` (a span ending in 规划/纲要) name a plan? ``places`` are division names it starts
    with: a region alone before 规划 ("某市规划") names no plan type, so it is no plan's name."""
    name = name.strip()
    if not PLAN_TAIL.search(name):
        return True  # not a plan mention: nothing to judge
    stem = name
    for place in places:
        stem = stem[len(place):] if stem.startswith(place) else stem
    core = PLAN_TAIL.sub("", stem)
    if not core or RELATION.search(core):
        return False  # "某市规划": a region and no plan type; "上位规划": a relation, not a name
    if not any(SUBJECT.match(w.flag) for w in pseg.cut(core)):
        return False
    if ACTING_BODY.search(core):
        return False
    words = [(w.word, w.flag) for w in pseg.cut(stem) if w.word.strip()]
    if not words or NOT_FIRST.match(words[0][1]):
        return False
    inner = [i for i, (word, _) in enumerate(words[:-1]) if PLAN_TAIL.search(word)]
    if any(words[i + 1][1] in ("m", "mq") or COUNT_START.match(words[i + 1][0]) for i in inner):
        return False  # "专项规划三级三类国土空间规划": a list of plan types runs into the next words
    for i, (word, flag) in enumerate(words):
        if not NOT_IN_NAME.match(flag) or word in "（）()、-":
            continue
        if i > 0 and (flag in ("v", "vd") or word in ("与", "和")) and \
                (NOUNISH.match(words[i - 1][1]) or words[i - 1][1] == "v" or words[i - 1][0] in "与和"):
            continue  # "林地保护利用规划", "生态保护与修复规划": a verb after the thing it is done to is the subject
        return False
    return True


LEADING_ACTION = re.compile(r"^(?:v|vd|p|d|ad|c)$")


def without_leading_action(span: str) -> str:
    """"参照某市某保护规划" → "某市某保护规划": the verb or preposition the name finder took in front.
    A pronoun in front ("本次交通规划") is kept, so such a span stays no plan's name."""
    words = [(w.word, w.flag) for w in pseg.cut(span) if w.word.strip()]
    i = 0
    while i < len(words) - 1 and LEADING_ACTION.match(words[i][1]):
        i += 1
    return "".join(word for word, _ in words[i:])


def joined_subject(before: str) -> str:
    """The words before a plan name that belong to it when the name finder stopped at 和/与:
    "结合国民经济和社会发展" → "国民经济和社会发展", "落实某省海岸带综合保护与" → "某省海岸带综合保护与"
    (nouns and the verbs done to them, joined by a conjunction; the verb in front is left out)."""
    words = [(w.word, w.flag) for w in pseg.cut(re.split(r"[，。；：、,;:“”]", before)[-1]) if w.word.strip()]
    taken: list[tuple[str, str]] = []
    for word, flag in reversed(words):
        if not (NOUNISH.match(flag) or flag in ("v", "vd") or word in ("和", "与")):
            break
        taken.insert(0, (word, flag))
    while taken and (LEADING_ACTION.match(taken[0][1]) or taken[0][0] in ("和", "与")):
        taken.pop(0)
    if any(PLAN_TAIL.search(w) for w, _ in taken):
        return ""  # "A规划和B规划": two plans, not one name
    return "".join(w for w, _ in taken) if any(w in ("和", "与") for w, _ in taken) else ""
