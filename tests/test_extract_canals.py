"""Canals and irrigation districts: "X渠", "X干渠", "X总干渠" are water courses (pk:River: a river, stream,
canal or drainage channel) and "X灌区" a water project (pk:WaterProject), while the class words alone ("干渠",
"支渠") and the generic words that end in 渠 ("沟渠", "河渠", "渠道") name nothing. Phrasings written for these
tests (a made-up plan of 岱山县)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n规划期限为2021年至2035年。\n## 水利设施\n\n"

CASES = [
    ("完善柳湾干渠、石坝支渠的防渗衬砌。", {("River", "柳湾干渠"), ("River", "石坝支渠")}),
    ("实施青岩渠清淤工程，恢复灌溉功能。", {("River", "青岩渠"), ("Project", "青岩渠清淤工程")}),
    ("续建配套高埠灌区，发展高效节水灌溉。", {("WaterProject", "高埠灌区")}),
    ("疏浚洛泉河，治理白岭河。", {("River", "洛泉河"), ("River", "白岭河")}),
    ("沿滦溪总干渠布置生态缓冲带。", {("River", "滦溪总干渠")}),
]
NOTHING = [
    "加快干渠、支渠、斗渠配套建设。",
    "疏浚沟渠，整治河渠水系，新建明渠2公里。",
    "多渠道筹措资金，拓宽交流渠道。",
]


def _named(body: str) -> set[tuple[str, str]]:
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.md"))
    return {(e.ref.kind, e.label) for e in ex.entities.values()}


def test_cases_collected():
    assert (len(CASES), len(NOTHING)) == (5, 3)


@pytest.mark.parametrize("text,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_a_canal_or_irrigation_district_is_read(text, expected):
    got = _named(text)
    assert expected <= got, expected - got


@pytest.mark.parametrize("text", NOTHING, ids=[str(i) for i in range(len(NOTHING))])
def test_canal_class_words_alone_name_nothing(text):
    assert not {(k, n) for k, n in _named(text) if k in ("River", "WaterProject")}
