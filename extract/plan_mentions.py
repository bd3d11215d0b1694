"""Plan mentions: which printed names that end in 规划 / 纲要 name a plan.

A plan is named by its title (《…》, handled by extract/citations.py) or by a noun phrase: a region
or level, the plan's subject and its type ("县（市、区）国土空间总体规划", "中心城区详细规划").
A sentence that happens to end in 规划 is not a name: it has a verb, a preposition, an adverb or a
particle in it ("人不得修改本规划", "县级…必须以本规划"), a pronoun that points at a plan instead of
naming one ("本规划", "各专项规划", "本次交通规划"), or a relation word before 规划 ("上位规划", "综合上位规划").
The words are told apart by jieba's part-of-speech tags, not by a list of bad phrases.
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
    words = [(w.word, w.flag) for w in pseg.cut(stem) if w.word.strip()]
    if not words or NOT_FIRST.match(words[0][1]):
        return False
    if any(NOT_IN_NAME.match(flag) and word not in "（）()、-" for word, flag in words):
        return False
    return True
