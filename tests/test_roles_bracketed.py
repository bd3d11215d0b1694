"""A role word printed with the kinds of township it also covers ("重点镇（乡）", "一般镇（或乡）") is that role: its
members are key towns for the vocabulary, the audit and chat alike. An invented county plan, extracted and stored
by the real pipeline; no corpus sentence."""
from __future__ import annotations

import pytest

from plankg import ask as A
from plankg.extract import lexicon, pipeline, reader

PLAN = """岱山县国土空间总体规划（2021-2035年）
岱山县人民政府
一、城镇体系
规划3个重点镇（乡）：东沙镇、岱东镇、秀山乡。
岱西镇为一般镇（乡），衢山镇列为一般镇（或乡）。
"""

KEYS = [("重点镇（乡）", "key-town"), ("重点镇(乡)", "key-town"), ("一般镇（含乡）", "general-town"),
        ("重点镇（或乡）", "key-town"), ("重点镇", "key-town"), ("风貌镇（乡）", None)]


def test_cases_collected():
    assert len(KEYS) == 6


@pytest.mark.parametrize("word,key", KEYS)
def test_a_bracket_of_alternatives_keeps_the_role(word, key):
    assert lexicon.role_key(word) == key


def _roles(text: str) -> set[tuple[str, str | None]]:
    ex = pipeline.extract(reader.parse(text, "plan.txt"))
    given = {(g_member.name, g.role_key) for g in ex.groups if g.role for g_member in g.members}
    return given | {(r.member.name, r.role_key) for r in ex.roles}


def test_bracketed_roles_are_read_in_lists_and_sentences():
    assert _roles(PLAN) >= {("东沙镇", "key-town"), ("岱东镇", "key-town"), ("秀山乡", "key-town"),
                            ("岱西镇", "general-town"), ("衢山镇", "general-town")}


def test_chat_finds_key_towns_printed_with_a_bracket(plan_store):
    res = A.ask(plan_store, "岱山县的重点镇有哪些？")
    assert {a["label"] for a in res["answers"]} == {"东沙镇", "岱东镇", "秀山乡"}, (res["intent"], res["text"])
