"""A table of contents ends where the body starts, however its entries are printed: chapter numbers glued to
their titles ("第一章总则"), no page numbers, or no chapter heading repeated before the body's first sentence.
Texts written for these tests."""
from __future__ import annotations

import pytest

from plankg.extract import reader

CASES = [
    # entries glued, no page numbers; the body repeats the first chapter with a space
    ("甲镇国土空间规划（2021-2035年）\n目录\n第一章总则\n第二章现状与问题\n第一章 总则\n第一节 规划目的\n"
     "为统筹镇域国土空间，特编制本规划。\n", "为统筹镇域国土空间，特编制本规划。"),
    # page numbers after dot leaders
    ("甲镇国土空间规划（2021-2035年）\n目　录\n第一章 总则……1\n第二章 现状与问题……4\n第一章 总则\n"
     "规划期限为2021年至2035年。\n", "规划期限为2021年至2035年。"),
    # section entries only, then straight into prose: a sentence starts the body
    ("甲镇国土空间规划（2021-2035年）\n目录\n一、总则\n二、现状与问题\n本规划依据县级国土空间总体规划编制。\n"
     "规划期限为2021年至2035年。\n", "本规划依据县级国土空间总体规划编制。"),
]


def test_cases_collected():
    assert len(CASES) == 3


@pytest.mark.parametrize("text,first_body", CASES, ids=[str(i) for i in range(len(CASES))])
def test_the_contents_end_where_the_body_starts(text, first_body):
    doc = reader.parse(text, "plan.txt")
    kinds = {p.text: p.kind for p in doc.passages}
    assert kinds[first_body] == "paragraph"
    assert any(k == "toc" for k in kinds.values())
    assert sum(k != "toc" for k in kinds.values()) >= 2
