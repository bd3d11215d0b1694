"""A question may title a section: plans published as 公示 summaries ask "一、规划管什么？" and answer
below it (extract/reader.py). The heading opens a section like any other. Headings written for these
tests (a made-up 岱山县 plan); none comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import reader

HEAD = "# 岱山县国土空间总体规划（2021-2035年）（公示稿）\n\n本次公示以问答形式介绍规划内容。\n\n"

QUESTIONS = [
    "## 一、规划管什么？",
    "## 二、岱山县的发展定位是什么？",
    "### （一）耕地怎么保护？",
    "## 三、城镇体系如何布局?",
    "## 四、哪些项目近期实施？",
    "## 五、规划范围和期限是什么？",
    "# 六、生态保护红线划了多少？",
    "## 七、规划怎样实施？",
]


def test_question_cases_collected():
    assert len(QUESTIONS) == 8


@pytest.mark.parametrize("line", QUESTIONS)
def test_a_question_heading_opens_a_section(line):
    doc = reader.parse(HEAD + line + "\n\n东沙镇的答复写在这一段里，说明具体做法。\n", "plan.md")
    answer = next(p for p in doc.passages if p.text.startswith("东沙镇的答复"))
    title = line.lstrip("# ").split("、", 1)[-1].split("）", 1)[-1]
    assert answer.section != "front"
    assert doc.sections[answer.section].title.rstrip("？?") == title.rstrip("？?")


def test_a_long_question_sentence_is_still_a_paragraph():
    doc = reader.parse(HEAD + "## 一、概况\n\n当地群众最关心的是规划实施以后耕地和生态保护红线的面积会不会减少以及如何补偿？\n", "plan.md")
    para = next(p for p in doc.passages if p.text.startswith("当地群众"))
    assert para.kind == "paragraph"
