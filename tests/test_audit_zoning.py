"""The words by which a lower plan keeps a zone out of the higher plan's area (FQ-003), and the
county check behind FQ-004 — phrasings written for these tests, on invented places."""
from __future__ import annotations

import pytest

from plankg.shapes.derive import code_prefix
from plankg.shapes.derive_zoning import exclusion_patterns, is_county_code

ZONE, AREA = "白龙泉泉域保护区", "生态保护红线"

KEPT_OUT = [
    "本规划未将白龙泉泉域保护区划入生态保护红线，作为一般生态空间管控。",
    "考虑现状村庄分布，白龙泉泉域保护区暂不纳入生态保护红线。",
    "白龙泉泉域保护区不划入生态保护红线范围，按泉域条例管理。",
    "经核实，将白龙泉泉域保护区调出生态保护红线。",
    "白龙泉泉域保护区不属于生态保护红线。",
    "规划没有把白龙泉泉域保护区列入生态保护红线。",
    "鉴于泉域内建设用地较多，不再将白龙泉泉域保护区纳入生态保护红线管理。",
    "本次把白龙泉泉域保护区整体移出生态保护红线，转为生态控制区。",
    "白龙泉泉域保护区整体不宜划入生态保护红线。",
    "白龙泉泉域保护区在本镇的部分约420公顷，本规划将其作为生态控制区管理，不纳入生态保护红线。",
]

KEPT_IN = [
    "白龙泉泉域保护区全部划入生态保护红线。",
    "将白龙泉泉域保护区纳入生态保护红线，严格管控。",
    "未经批准，不得在白龙泉泉域保护区内新建项目；生态保护红线内禁止开发。",
    "生态保护红线主要包括白龙泉泉域保护区和松岭水源涵养林。",
    "白龙泉泉域保护区不得开采地下水，生态保护红线按国家规定管理。",
    "白龙泉泉域保护区内的村庄用地不划入生态保护红线。",  # a part of the zone, not the zone
    "白龙泉泉域保护区纳入生态保护红线，松岭苗圃不纳入生态保护红线。",  # the later clause has its own subject
]


def matches(text: str) -> bool:
    return any(rx.search(text) for rx in exclusion_patterns(ZONE, AREA))


def test_phrasing_counts():
    assert len(KEPT_OUT) >= 8 and len(KEPT_IN) >= 5


@pytest.mark.parametrize("text", KEPT_OUT)
def test_kept_out(text):
    assert matches(text)


@pytest.mark.parametrize("text", KEPT_IN)
def test_not_kept_out(text):
    assert not matches(text)


def test_names_are_matched_literally():
    # a name with bracket or dot characters must not turn into a regular expression
    assert any(rx.search("未将甲泉（北区）划入红线（试行）") for rx in exclusion_patterns("甲泉（北区）", "红线（试行）"))
    assert not any(rx.search("未将甲泉北区划入红线试行") for rx in exclusion_patterns("甲泉（北区）", "红线（试行）"))


@pytest.mark.parametrize("code,prefix", [("990100", "9901"), ("990101", "990101"), ("990101100", "990101100"),
                                         ("990101200", "990101200"), ("990000", "99")])
def test_code_prefix_keeps_township_codes_whole(code, prefix):
    assert code_prefix(code) == prefix


@pytest.mark.parametrize("code,county", [("990101", True), ("990100", False), ("990101100", False), ("99010", False)])
def test_county_codes(code, county):
    assert is_county_code(code) is county
