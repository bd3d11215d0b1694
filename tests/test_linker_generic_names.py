"""A district whose name is a common word (矿区, 城区, 郊区 — of 阳泉市 and others) is linked only after its city:
"煤炭矿区" and "城区生态修复" name no district. Texts written for these tests."""
from __future__ import annotations

import pytest

from plankg.extract.gazetteer import gazetteer

CASES = [("山阴县的主要煤炭矿区", ["山阴县"]), ("城区生态修复", []), ("郊区农业", []), ("阳泉市矿区", ["阳泉市", "矿区"])]


def test_cases_collected():
    assert len(CASES) == 4


@pytest.mark.parametrize("text,found", CASES, ids=[str(i) for i in range(len(CASES))])
def test_a_common_word_district_needs_its_city(text, found):
    g = gazetteer()
    linker = g.linker(g.get("140300"))  # 阳泉市, whose districts include 城区, 矿区, 郊区
    assert [printed for _, _, printed, _ in linker.find(text)] == found
