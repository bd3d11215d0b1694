"""Roads known by their number ("国道228线", "省道S202", "G15国道", "县道X105线") are roads; a project on one keeps
the road in its name ("国道228线城区段改线工程"); another name never starts inside one. Phrasings written for these
tests; no corpus file contains them."""
from __future__ import annotations

import pytest

from plankg.extract import lexicon, names

ROADS = ["国道228线", "国道G228", "省道S202", "省道202线", "G15国道", "S305省道", "县道X105线"]
NOT_ROADS = ["5G基站", "228线", "G228", "国道"]


@pytest.mark.parametrize("name", ROADS)
def test_a_numbered_road_is_a_road(name):
    assert lexicon.classify(name) == "Road"


@pytest.mark.parametrize("name", NOT_ROADS)
def test_a_number_alone_is_no_road(name):
    assert lexicon.classify(name) != "Road"


SPANS = [
    ("规划依托国道228线和省道S202构建对外通道。", {("国道228线", "Road"), ("省道S202", "Road")}),
    ("实施国道228线城区段改线与拓宽改造工程。", {("国道228线城区段改线与拓宽改造工程", "Project")}),
    ("沿G15国道布局物流园区。", {("G15国道", "Road")}),
]


@pytest.mark.parametrize("text,expected", SPANS, ids=[str(i) for i in range(len(SPANS))])
def test_numbered_roads_in_prose(text, expected):
    found = {(s.text, s.kind) for s in names.suffix_names(text)}
    assert expected <= found
    assert not any(t.startswith("线") for t, _ in found)


def test_cases_collected():
    assert (len(ROADS), len(NOT_ROADS), len(SPANS)) == (7, 4, 3)
