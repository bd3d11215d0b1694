"""Projects listed inline with their numbers ("：1.A工程，位于X，投资3.2亿元；2.B工程，…") keep their names
without the number, and an investment said after a project's name is that project's, whatever word comes before
投资 ("乡域内投资…", bare "投资…"): never a plan-wide 投资 that two projects seem to state twice. Phrasings written
for these tests."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岚山县国土空间总体规划（2021-2035年）\n岚山县人民政府\n"
INLINE = HEAD + ("近期安排防灾工程3项，估算总投资6.4亿元：1.县城应急物资储备库建设工程，位于城关镇，投资1.2亿元；"
                 "2.岚河右岸堤防加固工程，位于城关镇，投资3.9亿元；3.北山林场防火通道工程，投资1.3亿元。\n")
ITEMS = HEAD + ("近期重点项目\n\n1. 岚河湿地修复工程：续建，建设地点为城关镇，建设年限2024—2026年，县域内投资0.85亿元；\n"
                "2. 城关镇污水管网改造工程：新建，建设地点为城关镇，建设年限2023—2025年，投资0.41亿元。\n")


def _extract(text: str):
    return pipeline.extract(reader.parse(text, "plan.md"))


@pytest.mark.parametrize("text,expected", [
    (INLINE, {"县城应急物资储备库建设工程": 1.2, "岚河右岸堤防加固工程": 3.9, "北山林场防火通道工程": 1.3}),
    (ITEMS, {"岚河湿地修复工程": 0.85, "城关镇污水管网改造工程": 0.41}),
], ids=["inline-numbered", "items"])
def test_each_investment_is_its_projects(text, expected):
    ex = _extract(text)
    got = {q.areas[0].name: q.value for q in ex.quantities if q.indicator == "项目投资" and q.areas}
    assert got == expected
    assert not [q for q in ex.quantities if q.indicator == "投资"]  # no plan-wide investment stated twice


def test_inline_numbers_are_no_part_of_the_names():
    names = {e.label for e in _extract(INLINE).entities.values() if e.ref.kind == "Project"}
    assert "县城应急物资储备库建设工程" in names and not any(n[0].isdigit() for n in names), names
