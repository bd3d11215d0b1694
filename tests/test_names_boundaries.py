"""Where a name starts and ends, as rules for Chinese constructions (extract/names.py):

1. a verb with a coverb of direction (反馈至, 寄送到, 报告给, 前往, 上报 …) stands before a name, never in it;
2. an attributive phrase ending in 的 (县城所在的, 下辖的, 交通便利的 …) qualifies a name, a name never spans 的;
3. a heading's or list item's enumeration marker ("一、", "（二）") is no name, alone or with a bare class word;
4. a name whose first character may be a preposition (将军山, 对口山水库) keeps it unless jieba's dictionary
   cut shows the character as a word of its own (以|青岚大街).

Each case asserts that the wrong label is absent and that the right name is still read. The plan is a
made-up plan of 岱山县 with invented towns, rivers, hills and parks; no phrasing comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import names, pipeline, reader

HEAD = "# 岱山县国土空间总体规划（2021-2035年）（公示稿）\n\n本次公示以问答形式介绍规划内容。\n\n## 一、概况\n\n"


def labels(body: str) -> dict[str, str]:
    """label → kind of every entity (and every alternative label) the plan yields."""
    ex = pipeline.extract(reader.parse(HEAD + body + "\n", "plan.md"))
    found = {e.label: e.ref.kind for e in ex.entities.values()}
    found.update({alt: e.ref.kind for e in ex.entities.values() for alt in e.alt_labels})
    return found


def assert_names(body: str, wrong: tuple[str, ...], right: tuple[str, ...]) -> dict[str, str]:
    found = labels(body)
    assert not set(wrong) & set(found), found
    assert set(right) <= set(found), found
    return found


# 1. verb + 至/到/向/往/给/报 before an organisation or place: (text, glued sequence, wrong label, right names)
DIRECTED = [
    ("公示期间的意见反馈至岱山县人民政府。", "反馈至", "意见反馈至岱山县人民政府", ("岱山县人民政府",)),
    ("书面意见请寄送到岱山县规划和自然资源局。", "送到", "书面意见请寄送到岱山县规划", ("岱山县规划和自然资源局",)),
    ("有关情况及时报告给青岚镇人民政府。", "报告给", "有关情况及时报告给青岚镇人民政府", ("青岚镇人民政府",)),
    ("规划成果报送至岱山县人民政府审批。", "报送至", "成果报送至岱山县人民政府", ("岱山县人民政府",)),
    ("游客可乘船前往翠屏山。", "前往", "游客可乘船前往翠屏山", ("翠屏山",)),
    ("群众意见统一提交到石湾镇人民政府。", "提交到", "群众意见统一提交到石湾镇人民政府", ("石湾镇人民政府",)),
    ("规划成果报岱山县人民政府批准后实施。", "成果报", "成果报岱山县人民政府", ("岱山县人民政府",)),
    ("青岚河水经泵站输送到苍岭水库。", "输送到", "青岚河水经泵站输送到苍岭水库", ("苍岭水库",)),
    ("村民可将意见转交给青岚镇人民政府。", "转交给", "意见转交给青岚镇人民政府", ("青岚镇人民政府",)),
    ("货物经青岚港转运至苍岭物流园区。", "转运至", "货物经青岚港转运至苍岭物流园区", ("苍岭物流园区",)),
]


def test_directed_cases_collected():
    assert len(DIRECTED) == 10


@pytest.mark.parametrize("body,glued,wrong,right", DIRECTED, ids=[str(i) for i in range(len(DIRECTED))])
def test_a_name_starts_after_a_verb_of_direction(body, glued, wrong, right):
    found = assert_names(body, (wrong,), right)
    assert not [x for x in found if glued in x], found


# a route names its two ends with 至: "A至B高速公路" is one name
ROUTES = [
    ("规划建设青岚至石湾高速公路。", "青岚至石湾高速公路"),
    ("加快岱山至定海高速公路建设。", "岱山至定海高速公路"),
    ("谋划青岚至石湾至白沙铁路。", "青岚至石湾至白沙铁路"),
    ("延伸建设青岚到翠屏公路。", "青岚到翠屏公路"),
]


@pytest.mark.parametrize("body,route", ROUTES, ids=[str(i) for i in range(len(ROUTES))])
def test_a_route_keeps_its_ends(body, route):
    assert route in labels(body)


# 2. an attributive phrase ending in 的 before a name: (text, wrong labels, right names)
ATTRIBUTIVE = [
    ("县城所在的青岚镇列为重点镇。", ("县城所在的青岚镇",), ("青岚镇",)),
    ("县政府所在的石湾镇确定为重点镇。", ("县政府所在的石湾镇",), ("石湾镇",)),
    ("苍岭水库位于县城所在的青岚镇。", ("县城所在的青岚镇",), ("苍岭水库", "青岚镇")),
    ("东部沿海的石湾镇、白沙乡列为一般镇。", ("东部沿海的石湾镇",), ("石湾镇", "白沙乡")),
    ("栖霞公园位于交通便利的石湾镇。", ("交通便利的石湾镇",), ("栖霞公园", "石湾镇")),
    ("全县人口最多的青岚镇列为重点镇。", ("全县人口最多的青岚镇",), ("青岚镇",)),
    ("以渔业为主的白沙乡列为一般乡。", ("以渔业为主的白沙乡",), ("白沙乡",)),
    ("县政府驻地所在的青岚镇为县城。", ("县政府驻地所在的青岚镇",), ("青岚镇",)),
    ("县城所在的青岚镇、白沙乡为重点镇。", ("县城所在的青岚镇",), ("青岚镇", "白沙乡")),
    ("青岚镇所辖的张家湾村列为集聚提升类。", ("青岚镇所辖的张家湾村",), ("张家湾村",)),
]


def test_attributive_cases_collected():
    assert len(ATTRIBUTIVE) == 10


@pytest.mark.parametrize("body,wrong,right", ATTRIBUTIVE, ids=[str(i) for i in range(len(ATTRIBUTIVE))])
def test_a_name_never_spans_de(body, wrong, right):
    found = assert_names(body, wrong, right)
    assert not [x for x, kind in found.items() if kind in ("Town", "Village") and "的" in x], found


# 3. an enumeration marker heading a table or list: (text, wrong labels, right names)
TABLE = "\n\n| 名称 | 面积（公顷） |\n| --- | --- |\n| 栖霞公园 | 12 |\n| 翠屏公园 | 8 |"
PROJECTS = "\n\n| 项目名称 | 建设地点 |\n| --- | --- |\n| 青岚河综合治理工程 | 青岚镇 |"
MARKERS = [
    ("## 二、表" + TABLE, ("二、", "二、表"), ("栖霞公园", "翠屏公园")),
    ("一、表" + TABLE, ("一、", "一、表"), ("栖霞公园", "翠屏公园")),
    ("### （二）表" + TABLE, ("（二）", "（二）表"), ("栖霞公园", "翠屏公园")),
    ("（三）图表" + TABLE, ("（三）图", "（三）"), ("栖霞公园", "翠屏公园")),
    ("## 二、附表" + TABLE, ("二、附", "二、"), ("栖霞公园", "翠屏公园")),
    ("## 三、公园表" + TABLE, ("三、公园", "公园"), ("栖霞公园", "翠屏公园")),
    ("## 四、一览表" + TABLE, ("四、", "四、一览表"), ("栖霞公园", "翠屏公园")),
    ("## 三、" + TABLE, ("三、",), ("栖霞公园", "翠屏公园")),
    ("## （四）工程表" + PROJECTS, ("（四）工程", "工程"), ("青岚河综合治理工程", "青岚镇")),
    ("## 五、项目表" + PROJECTS, ("五、项目", "项目"), ("青岚河综合治理工程", "青岚镇")),
]


def test_marker_cases_collected():
    assert len(MARKERS) == 10


@pytest.mark.parametrize("body,wrong,right", MARKERS, ids=[str(i) for i in range(len(MARKERS))])
def test_an_enumeration_marker_is_no_name(body, wrong, right):
    found = assert_names(body, wrong, right)
    assert not [x for x in found if names.enumeration_only(x)], found


def test_a_titled_table_keeps_its_title_without_the_marker():
    found = labels("## 二、栖霞片区公园一览表" + TABLE)
    assert found.get("栖霞片区公园") == "Group", found
    assert "二、栖霞片区公园" not in found, found


@pytest.mark.parametrize("label", ["一、", "（二）", "(三)", "十二、", "3.", "4、", "第五章", "一、表", "（二）图",
                                   "二、公园", "（四）工程", "五、村", "三、 ", "一、。"])
def test_enumeration_only_labels(label):
    assert names.enumeration_only(label)
    assert names.not_a_name(label)
    assert names.junk_labels([label, "栖霞公园"]) == [label]


@pytest.mark.parametrize("label", ["一、栖霞公园", "（二）翠屏山", "两湖一岛", "三区三线", "二者", "十里河", "第三章总体格局",
                                   "栖霞公园"])
def test_a_marker_before_a_name_is_not_marker_only(label):
    assert not names.enumeration_only(label)


# 4. a name starting with a character that may be a preposition: (text, wrong labels, right names)
FIRST_CHARACTER = [
    ("将军山森林公园位于青岚镇。", ("军山森林公园",), ("将军山森林公园",)),
    ("对口山水库是县城的饮用水源。", ("口山水库",), ("对口山水库",)),
    ("向阳湖湿地公园位于石湾镇。", ("阳湖湿地公园",), ("向阳湖湿地公园",)),
    ("规划建设将军岭水库。", ("军岭水库",), ("将军岭水库",)),
    ("加快建设经纬大道。", ("纬大道",), ("经纬大道",)),
    ("对面山公园面积扩大。", ("面山公园",), ("对面山公园",)),
    ("将相山公园改造提升。", ("相山公园",), ("将相山公园",)),
    ("重点推进对口山水库除险加固工程。", ("口山水库除险加固工程", "口山水库"), ("对口山水库除险加固工程",)),
    ("规划范围包括向阳湖湿地公园、将军山森林公园等。", ("阳湖湿地公园", "军山森林公园"),
     ("向阳湖湿地公园", "将军山森林公园")),
    ("加快建设沿海大道。", ("海大道",), ("沿海大道",)),
]


def test_first_character_cases_collected():
    assert len(FIRST_CHARACTER) == 10


@pytest.mark.parametrize("body,wrong,right", FIRST_CHARACTER, ids=[str(i) for i in range(len(FIRST_CHARACTER))])
def test_a_name_keeps_a_first_character_of_its_first_word(body, wrong, right):
    assert_names(body, wrong, right)


# ... and a preposition that jieba cuts as a word of its own still goes
SEPARATE_PREPOSITIONS = [
    ("以青岚大街为轴线布局商业。", ("以青岚大街",), ("青岚大街",)),
    ("对青岚河综合治理工程加强监管。", ("对青岚河综合治理工程",), ("青岚河综合治理工程",)),
    ("在石湾镇建设栖霞公园。", ("在石湾镇建设栖霞公园", "在石湾镇"), ("栖霞公园",)),
]


@pytest.mark.parametrize("body,wrong,right", SEPARATE_PREPOSITIONS,
                         ids=[str(i) for i in range(len(SEPARATE_PREPOSITIONS))])
def test_a_separate_preposition_is_still_stripped(body, wrong, right):
    assert_names(body, wrong, right)


@pytest.mark.parametrize("name,kept", [("将军山森林公园", "将军山森林公园"), ("对口山水库", "对口山水库"),
                                       ("以民乐大街", "民乐大街"), ("由县自然资源局", "县自然资源局"),
                                       ("沿海大道", "沿海大道"), ("以东岙村", "东岙村")])
def test_without_lead_preposition(name, kept):
    assert names.without_lead_preposition(name) == kept
