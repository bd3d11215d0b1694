"""Class words that name kinds of things a plan draws or lists (extract/data/suffixes.tsv): a protection
line of any subject ("…保护线") is a control line, a mining area ("…矿区") an energy base; with only a generic
modifier in front they name no particular thing. Names written for these tests; none is in a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import lexicon, pipeline, reader

NAMED = [
    ("地质遗迹保护线", "ControlLine"),
    ("水源涵养保护线", "ControlLine"),
    ("滨海风貌保护线", "ControlLine"),
    ("岱北矿区", "EnergyBase"),
    ("东沙煤田矿区", "EnergyBase"),
]
GENERIC = ["重点矿区", "市级保护线", "其他矿区"]


@pytest.mark.parametrize("name,kind", NAMED, ids=[n for n, _ in NAMED])
def test_a_class_word_gives_its_kind(name, kind):
    assert lexicon.classify(name) == kind


@pytest.mark.parametrize("name", GENERIC)
def test_a_generic_modifier_names_nothing(name):
    assert lexicon.classify(name) is None


def test_cases_collected():
    assert (len(NAMED), len(GENERIC)) == (5, 3)


def test_lines_and_mining_areas_in_prose():
    text = ("岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n一、控制线\n"
            "除三条控制线外，同步划定地质遗迹保护线和滨海风貌保护线；岱北矿区的开采范围不得突破矿业权边界。\n")
    ex = pipeline.extract(reader.parse(text, "plan.txt"))
    kinds = {e.label: e.ref.kind for e in ex.entities.values()}
    assert kinds.get("地质遗迹保护线") == "ControlLine"
    assert kinds.get("滨海风貌保护线") == "ControlLine"
    assert kinds.get("岱北矿区") == "EnergyBase"
