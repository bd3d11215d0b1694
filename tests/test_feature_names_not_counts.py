"""A numeral that starts the name of a river or mountain ("七里河", "五台山", "三道沟河") counts nothing: no group of
seven is declared, while "三山" and "五大发展战略" still count. Phrasings written for these tests."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n"
NAMES = [
    "- 水系\n  - ① 七里河：穿越中心城区，下游注入青溪河\n  - ② 白沙河：自北向南流经县境",
    "## 五台山\n\n五台山位于县境西部，是重要的水源涵养区。",
    "- 三道沟河：发源于北部山地，注入青溪河。",
]
COUNTS = [("“三山”指北山、东山和南山。", 3), ("## 五大发展战略\n\n生态立县、产业强县、文旅兴县、交通畅县、人才兴县。", 5)]


def test_cases_collected():
    assert (len(NAMES), len(COUNTS)) == (3, 2)


@pytest.mark.parametrize("body", NAMES, ids=[str(i) for i in range(len(NAMES))])
def test_a_feature_named_with_a_numeral_declares_no_count(body):
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.md"))
    assert [(g.label, g.declared_count) for g in ex.groups if g.declared_count] == []


@pytest.mark.parametrize("body,count", COUNTS, ids=[str(i) for i in range(len(COUNTS))])
def test_a_counted_part_still_counts(body, count):
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.md"))
    assert count in [g.declared_count for g in ex.groups]
