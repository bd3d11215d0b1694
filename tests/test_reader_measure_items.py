"""A decimal number with a unit after it opens a quantity, not a numbered section: "- 4.6万亩旱作农田改造" is an
item of its list, while "- 2.4 水系连通" and "3.1 人口与用地" are still sections. Phrasings written for these tests."""
from __future__ import annotations

import pytest

from plankg.extract import reader

TEXT = ("某乡国土空间总体规划（2021-2035年）\n\n## 四、农业与水系\n\n"
        "- 4.6万亩旱作农田改造\n- 0.8 公顷育苗基地\n- 1.5%的坡耕地退出\n- 2.4 水系连通\n  - 连通三条支沟\n"
        "3.1 人口与用地\n2.7 平方公里的河谷平地适宜集中建设。\n")


@pytest.fixture(scope="module")
def sections():
    return {key: sec.title for key, sec in reader.parse(TEXT, "plan.md").sections.items()}


@pytest.mark.parametrize("number", ["4.6", "0.8", "1.5", "2.7"])
def test_a_number_with_a_unit_is_no_section(sections, number):
    assert number not in sections


@pytest.mark.parametrize("number,title", [("2.4", "水系连通"), ("3.1", "人口与用地")])
def test_a_number_before_a_title_still_heads_a_section(sections, number, title):
    assert sections.get(number) == title
