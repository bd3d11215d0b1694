"""Shares in a monitoring report's prose: "占全县国土面积的12.4%", "占国土面积比重为4.3%", "占比12.4%".

A value after a 占… phrase is a share of what the phrase names (国土面积), never a value of it. It is the value
of the sentence's subject only when that subject is a ratio or a percentage itself ("燃气普及率方面，管道燃气用户
占城镇常住人口的73.4%"), and has no value of its own before the share (then the share is one of that value:
"国土开发强度为3.6%，占下达规模的92%"). A ratio named by what it divides ("绿色建筑占新建建筑比例") holds its
占 inside its name and stays a name. Used by ``observations.prose_observations``.
"""
from __future__ import annotations

import re
from typing import Callable

from plankg.extract.units import known_unit

# the phrase runs from 占 (not 占用, 占地, 占补, 侵占, 挤占…) up to a number, a bracket or the clause's end
SHARE_OF = re.compile(r"(?<![侵挤抢霸])占(?![用地补压据领有])[^，,；;。！？（）()\d%％‰]{0,30}")
# an indicator stated as a share of something, by its name (when the report's tables give it no unit)
SHARE_NAME = re.compile(r"(?:率|比例|比重|占比|盖度|治理度|开发强度)$")
RATIO_UNITS = ("%", "‰")

Mention = tuple[int, str]  # (position in the sentence, name)


def phrases(sentence: str, known: list[Mention]) -> list[tuple[int, int]]:
    """(start, end) of each 占… phrase of a sentence, outside the indicator names it prints ("…占比" may be one)."""
    return [(m.start(), m.end()) for m in SHARE_OF.finditer(sentence)
            if not any(pos <= m.start() < pos + len(name) for pos, name in known)]


def names_share(mention: Mention, phrase_start: int) -> bool:
    """Is a name that runs into a 占 phrase a ratio named by what it divides ("绿色建筑占新建建筑比例")?"""
    return mention[0] < phrase_start and bool(SHARE_NAME.search(mention[1]))


def outside(mentions: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    """The mentions that are no part of a 占 phrase: a name inside one is what a share is of."""
    return [pm for pm in mentions
            if not any(pm[0] < b and a < pm[0] + len(pm[1]) and not names_share(pm, a) for a, b in spans)]


def value_starts(sentence: str, spans: list[tuple[int, int]]) -> dict[int, int]:
    """Where a value right after a 占 phrase would start → the phrase's start."""
    return {b + len(sentence[b:]) - len(sentence[b:].lstrip()): a for a, b in spans}


def is_share(indicator: str, units: dict[str, set[str]] | None) -> bool:
    """Is ``indicator`` a ratio or a percentage: stated in % by the report's tables, else named as one?"""
    stated = (units or {}).get(indicator)
    if stated:
        return any(known_unit(u) in RATIO_UNITS for u in stated)
    return bool(SHARE_NAME.search(indicator))


def subject(phrase_start: int, unit: str, mentions: list[Mention], measured: list[tuple[int, int]],
            resolve: Callable[[str], str], units: dict[str, set[str]] | None) -> str | None:
    """The printed name a share in ``unit`` after the phrase at ``phrase_start`` is the value of, or None.
    ``mentions``: the sentence's names outside 占 phrases; ``measured``: (start, end) of its values with a unit;
    ``resolve``: printed name → indicator."""
    if known_unit(unit) not in RATIO_UNITS:
        return None
    holding = [name for pos, name in mentions if names_share((pos, name), phrase_start) and pos + len(name) > phrase_start]
    if holding:  # "绿色建筑占新建建筑比例已达到70%": the ratio's own name holds the phrase
        return max(holding, key=len)
    before = [(pos, name) for pos, name in mentions if pos < phrase_start and not name.startswith("该")]
    if not before:
        return None
    first = min(pos for pos, _ in before)  # the sentence's subject: its first name (the longest there)
    pos, printed = max((pm for pm in before if pm[0] == first), key=lambda pm: len(pm[1]))
    if any(pos + len(printed) <= a < phrase_start for a, _ in measured) or not is_share(resolve(printed), units):
        return None
    return printed
