"""A year column named by its verb ("完工年份" asked as "哪一年完工") and a town's class asked as "哪一类城镇"."""
from __future__ import annotations

import pytest

from plankg.ask.tables import column_named
from plankg.ask.question_forms import RE_ROLE_OF

HEADER = ["序号", "项目名称", "类别", "实施地点", "开工年份", "完工年份", "投资（亿元）"]
YEAR_QUESTIONS = [
    ("岚溪供水工程计划哪一年完工？", "完工年份"),
    ("北山隧道哪年开工？", "开工年份"),
    ("南岭防洪堤何时完工？", "完工年份"),
    ("东湖湿地修复工程什么时候开工？", "开工年份"),
    ("西环路改造工程的完工是哪一年？", "完工年份"),
    ("城北污水厂预计何年开工建设？", "开工年份"),
    ("滨河绿道工程在哪个年份完工？", "完工年份"),
    ("老城供热改造什么时间开工？", "开工年份"),
]


@pytest.mark.parametrize("question,column", YEAR_QUESTIONS)
def test_a_year_column_asked_by_its_verb(question, column):
    assert HEADER[column_named(question, HEADER)] == column


def test_no_year_asked_no_year_column():
    assert column_named("岚溪供水工程完工了吗？", HEADER) is None  # no year is asked for
    assert column_named("岚溪供水工程哪一年立项？", HEADER) is None  # a verb no column names


CLASS_QUESTIONS = ["规划将甲镇列为哪一类城镇？", "乙乡被定为哪类乡镇？", "丙镇属于哪一类镇？", "丁镇是哪类城镇？",
                   "戊乡为哪一类乡？", "己镇列为什么等级？", "庚镇在体系中属于什么类型？", "辛镇是什么级别？"]


@pytest.mark.parametrize("question", CLASS_QUESTIONS)
def test_a_class_of_town_is_a_role_question(question):
    assert RE_ROLE_OF.search(question)


def test_suites_collected(collected_cases):
    assert collected_cases("test_a_year_column_asked_by_its_verb") == 8
    assert collected_cases("test_a_class_of_town_is_a_role_question") == 8
