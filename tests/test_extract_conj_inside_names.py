"""A 和 / 与 / 及 with one character or none on a side is part of a name, not a conjunction
(extract/names.py split_list): "亲和乡、海北头乡" is two townships, not 亲 | 乡 | 海北头乡. Names
written for these tests (made-up villages and townships)."""
from __future__ import annotations

import pytest

from plankg.extract import names

CASES = [
    ("和平村、东沙村", ["和平村", "东沙村"]),
    ("宜和乡、高亭镇", ["宜和乡", "高亭镇"]),
    ("及第村与北峰村", ["及第村", "北峰村"]),
    ("永和镇和长涂镇", ["永和镇", "长涂镇"]),
    ("与安村、泥峙村", ["与安村", "泥峙村"]),
    ("东沙村和西沙村", ["东沙村", "西沙村"]),
    ("太和街道、岱西镇及秀山乡", ["太和街道", "岱西镇", "秀山乡"]),
    ("水污染防治和水生态修复", ["水污染防治", "水生态修复"]),
]


def test_cases_collected():
    assert len(CASES) == 8


@pytest.mark.parametrize("text,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_a_conjunction_inside_a_name_does_not_split_it(text, expected):
    assert names.split_list(text, split_conj=True) == expected


def test_without_split_conj_only_the_list_marks_split():
    assert names.split_list("东沙村和西沙村、宜和乡") == ["东沙村和西沙村", "宜和乡"]
