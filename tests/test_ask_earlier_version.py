"""Chat: when the current version of a plan says nothing on a question and the version before it does, the
answer comes from that earlier version and says so ("当前版本（公示稿）未见此项；据征求意见稿：…"); what the
current version states, or a question naming a version, is answered as before. Real store, real ask service;
a fictional county (岚溪县) whose 公示稿 drops the strategies, the town system and the parks of its draft."""
from __future__ import annotations

import json

import pytest

from plankg.ask.service import ask
from plankg.graph.ingest import ingest_paths
from plankg.graph.store import PlanStore

HEAD = "岚溪县国土空间总体规划（2021-2035年）\n（{status}）\n岚溪县人民政府\n{date}\n\n第一章 总则\n\n规划期限为2021—2035年，基期年为2020年。\n\n"
TABLE = ("第五章 控制指标\n\n表5-1 岚溪县主要控制指标\n序号\t指标名称\t单位\t规划目标值\t控制要求\t指标属性\n"
         "1\t耕地保有量\t万亩\t{farmland}\t不低于\t约束性\n2\t城乡建设用地规模\t平方公里\t22.40\t不超过\t约束性\n")
DRAFT = HEAD.format(status="征求意见稿", date="2023年3月") + """第二章 发展战略

围绕生态和产业两条主线，实施三大战略——“绿谷立县”“工贸强县”“康养兴县”。

第三章 城镇体系

县域城镇体系为“1+2+4”：1个县城——岚溪镇；2个重点镇——北岭镇、石门镇；4个一般镇——东坪乡、西沟乡、南坳乡、柳河镇。

第四章 产业布局

规划布局2个产业园区：
□ 岚溪新材料产业园，位于石门镇；
□ 北岭农副产品加工园，位于北岭镇。

""" + TABLE.format(farmland="31.50")
PUBLIC = HEAD.format(status="公示稿", date="2023年9月") + """第二章 发展路径

坚持绿色发展，推动产业和康养融合，把山水优势转化为发展优势。

""" + TABLE.format(farmland="31.80")
LEAD = "当前版本（公示稿）未见此项；据征求意见稿"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("earlier")
    paths = []
    for status, text in (("征求意见稿", DRAFT), ("公示稿", PUBLIC)):
        path = folder / f"岚溪县国土空间总体规划（2021-2035年）（{status}）.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    with PlanStore(folder / "store") as st:
        reports = ingest_paths(st, paths)
    assert len({r.plan_id for r in reports}) == 1 and len({r.graph for r in reports}) == 2
    st = PlanStore(folder / "store", read_only=True)
    yield st
    st.close()


# (question, words the answers must hold) — facts only the draft states
ONLY_IN_THE_DRAFT = [
    ("岚溪县规划提出的三大战略是什么？", ["绿谷立县", "工贸强县", "康养兴县"]),
    ("岚溪县规划实施哪三大战略？", ["绿谷立县", "康养兴县"]),
    ("岚溪县规划布局了几个产业园区？", ["2"]),
    ("岚溪新材料产业园位于哪个镇？", ["石门镇"]),
    ("岚溪县规划中的重点镇有哪些？", ["北岭镇", "石门镇"]),
    ("岚溪县的一般镇有哪几个？", ["东坪乡", "西沟乡", "南坳乡", "柳河镇"]),
    ("岚溪县的县城是哪个镇？", ["岚溪镇"]),
    ("岚溪县城镇体系中有几个一般镇？", ["4"]),
]


@pytest.mark.parametrize("question,expected", ONLY_IN_THE_DRAFT)
def test_a_fact_only_the_earlier_version_states_is_answered_from_it_and_says_so(store, question, expected):
    res = ask(store, question)
    said = json.dumps(res["answers"], ensure_ascii=False) + res["text"]
    assert res["text"].startswith(LEAD), res["text"]
    assert all(word in said for word in expected), (question, res["answers"], res["text"])


def test_earlier_version_suite_collected(collected_cases):
    assert collected_cases("test_a_fact_only_the_earlier_version_states_is_answered_from_it_and_says_so") == 8


def test_what_the_current_version_states_comes_from_it(store):
    current = ask(store, "岚溪县规划的耕地保有量是多少万亩？")
    assert "31.8" in json.dumps(current["answers"][:1], ensure_ascii=False) and not current["text"].startswith(LEAD)
    named = ask(store, "岚溪县规划征求意见稿的耕地保有量是多少万亩？")
    assert "31.5" in json.dumps(named["answers"][:1], ensure_ascii=False) and not named["text"].startswith(LEAD)


def test_a_question_naming_the_current_version_gets_no_earlier_answer(store):
    res = ask(store, "岚溪县规划公示稿中的重点镇有哪些？")
    assert not res["text"].startswith(LEAD) and "北岭镇" not in json.dumps(res["answers"], ensure_ascii=False)


def test_the_text_search_reads_the_version_asked_about(store):
    """A text search after an empty answer quotes the version the question reads, not an earlier one."""
    res = ask(store, "岚溪县规划公示稿布局了哪些产业园区？")
    assert res["evidence"] and "岚溪新材料产业园" not in json.dumps(res["evidence"], ensure_ascii=False)
    named = ask(store, "岚溪县规划征求意见稿布局了哪些产业园区？")
    assert "岚溪新材料产业园" in json.dumps(named["evidence"] + named["answers"], ensure_ascii=False)
