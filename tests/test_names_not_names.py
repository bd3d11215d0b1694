"""Labels that are not names do not reach the graph: a count's classifier before a class word ("个镇"),
a question's words ("什么？"), a count announcing a list ("三项内容："), a name cut out of the middle of a
word ("人意见" of 个人意见), a feature's class word with only a verb, position word or plain adjective
before it ("入河", "小流域"), and a table column that counts divisions ("乡数量（个）"). Each case also
checks that the real names of the same text are still read. Phrasings written for these tests (a
made-up plan of 岱山县 with invented towns, rivers and hills); none comes from a corpus file."""
from __future__ import annotations

import pytest

from plankg.extract import names, pipeline, reader

HEAD = "# 岱山县国土空间总体规划（2021-2035年）（公示稿）\n\n本次公示以问答形式介绍规划内容。\n\n## 一、概况\n\n"


def extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body + "\n", "plan.md"))


def labels(ex) -> dict[str, str]:
    """label → kind of every entity the plan yields."""
    return {e.label: e.ref.kind for e in ex.entities.values()}


def assert_names(body: str, not_names: tuple[str, ...], real: tuple[str, ...]) -> dict[str, str]:
    found = labels(extract(body))
    assert not set(not_names) & set(found), found
    assert set(real) <= set(found), found
    return found


# 1. a count + classifier + class word: "5个镇" holds no town "个镇"
COUNTS = [
    ("全县辖2个镇、3个乡：青岚镇、石湾镇、白沙乡、云溪乡、梅坞乡。", ("个镇", "个乡"),
     ("青岚镇", "石湾镇", "白沙乡", "云溪乡", "梅坞乡")),
    ("全县辖4个镇、1个乡，共5个乡镇，分别为青岚镇、石湾镇、栖云镇、苍岭镇和白沙乡。", ("个镇", "个乡", "个乡镇"),
     ("青岚镇", "石湾镇", "栖云镇", "苍岭镇", "白沙乡")),
    ("全县共辖3个街道、2个镇：兰亭街道、竹溪街道、梅园街道、青岚镇、石湾镇。", ("个街道", "个镇"),
     ("兰亭街道", "竹溪街道", "梅园街道", "青岚镇", "石湾镇")),
    ("岱山县辖青岚镇、石湾镇2个镇，白沙乡、云溪乡、梅坞乡3个乡。", ("个镇", "镇2个镇"),
     ("青岚镇", "石湾镇", "白沙乡", "云溪乡", "梅坞乡")),
    ("全县辖1个镇、6个乡，县政府驻青岚镇。", ("个镇", "个乡"), ("青岚镇",)),
    ("县域内有12条河流，其中青岚河、岚溪河为主要河流。", ("条河", "条河流"), ("青岚河", "岚溪河")),
    ("境内有3座山峰超过千米，以翠屏山最高。", ("座山", "座山峰"), ("翠屏山",)),
    ("全县现有5座水库，苍岭水库库容最大。", ("座水库",), ("苍岭水库",)),
    ("规划布局4处公园，其中栖霞公园面积最大。", ("处公园",), ("栖霞公园",)),
]


def test_count_cases_collected():
    assert len(COUNTS) == 9


@pytest.mark.parametrize("body,not_names,real", COUNTS, ids=[str(i) for i in range(len(COUNTS))])
def test_a_counted_class_word_is_no_place(body, not_names, real):
    found = assert_names(body, not_names, real)
    assert not [x for x in found if names.count_leftover(x)]


# 2. a question's words as a value: "定位是什么？" names no positioning; the answer below it does
QUESTIONS = [
    ("## 三、岱山县今后的城市定位是什么？\n\n岱山县定位为东海花园城市。", "东海花园城市"),
    ("## 二、城市性质和定位是什么?\n\n城市定位：海岛宜居名城。", "海岛宜居名城"),
    ("## 四、规划如何确定城市定位？\n\n城市定位为海上丝路枢纽。", "海上丝路枢纽"),
    ("## 五、岱山县在区域中的定位怎样确定？\n\n岱山县的总体定位是浙东海洋文化名城。", "浙东海洋文化名城"),
    ("岱山县的定位是什么？规划明确，发展定位为海洋科创高地。", "海洋科创高地"),
    ("## 六、城镇发展定位有多少？\n\n发展定位为滨海休闲度假区。", "滨海休闲度假区"),
    ("## 七、青岚镇的定位是哪个？\n\n青岚镇定位为县域副中心。", "县域副中心"),
    ("## 八、中心城区的定位在哪里？\n\n中心城区定位为海岛综合服务中心。", "海岛综合服务中心"),
    ("## 九、岱山县的发展定位是哪些？\n\n岱山县的发展定位为国际海洋旅游目的地、长三角清洁能源基地。", "国际海洋旅游目的地"),
]


def test_question_cases_collected():
    assert len(QUESTIONS) == 9


@pytest.mark.parametrize("body,answer", QUESTIONS, ids=[str(i) for i in range(len(QUESTIONS))])
def test_a_question_is_no_value(body, answer):
    found = labels(extract(body))
    assert answer in found, found
    assert not [x for x in found if names.asks(x)], found


# 3. a count announcing the items after a colon ("概述为三项内容：A、B、C") is no positioning; A, B, C are
LEAD_INS = [
    ("规划把岱山县的城市定位提炼为三个要点：国际海洋旅游目的地、海岛宜居名城、长三角清洁能源基地。", "三个要点",
     ("国际海洋旅游目的地", "海岛宜居名城")),
    ("岱山县的发展定位概括为两个方面：东海花园城市、海洋科创高地。", "两个方面", ("东海花园城市", "海洋科创高地")),
    ("岱山县的城市定位明确为三个：浙东海洋文化名城、海上丝路枢纽、滨海休闲度假区。", "三个",
     ("浙东海洋文化名城", "海上丝路枢纽", "滨海休闲度假区")),
    ("岱山县的城市定位概述为三项内容：\n\n- 国际海洋旅游目的地\n- 海岛宜居名城\n- 长三角清洁能源基地", "三项内容",
     ("国际海洋旅游目的地", "海岛宜居名城")),
    ("岱山县的总体定位是四句话：海洋经济强县、海岛花园城市、渔港风情名城、清洁能源高地。", "四句话",
     ("海洋经济强县", "海岛花园城市", "渔港风情名城", "清洁能源高地")),
    ("城市定位为两点：东海花园城市；海洋科创高地。", "两点", ("东海花园城市", "海洋科创高地")),
    ("岱山县的发展定位归纳为三个方面：\n\n1. 东海花园城市\n2. 海洋科创高地\n3. 海岛宜居名城", "三个方面",
     ("东海花园城市", "海洋科创高地", "海岛宜居名城")),
    ("岱山县的功能定位确定为两句话：海上丝路枢纽、滨海休闲度假区。", "两句话", ("海上丝路枢纽", "滨海休闲度假区")),
    ("规划将发展定位明确为三项：东海花园城市、海洋科创高地、海岛宜居名城。", "三项",
     ("东海花园城市", "海洋科创高地", "海岛宜居名城")),
]


def test_lead_in_cases_collected():
    assert len(LEAD_INS) == 9


@pytest.mark.parametrize("body,lead_in,items", LEAD_INS, ids=[str(i) for i in range(len(LEAD_INS))])
def test_a_counted_lead_in_is_no_positioning(body, lead_in, items):
    found = labels(extract(body))
    assert set(items) <= set(found), found
    # the count names no positioning, alone or with the clause before it; a list of the items may carry it
    assert not [x for x, kind in found.items() if x.endswith(lead_in) and kind != "Group"], found


# 4. a name starting inside a word as jieba cuts it: "个人意见" holds no "人意见"
INSIDE_WORDS = [
    ("个人意见可寄送岱山县规划和自然资源局。", ("人意见",), ("岱山县规划和自然资源局",)),
    ("所有意见请于公示期内反馈，由岱山县人民政府统一答复。", ("有意见",), ("岱山县人民政府",)),
    ("张家湾村、李家岙村为渔港风情村落。", ("家湾村",), ("张家湾村", "李家岙村")),
    ("项目管理办法由岱山县人民政府另行制定。", ("目管理办法",), ("岱山县人民政府",)),
    ("家庭农场示范区布局在青岚镇和石湾镇。", ("庭农场示范区",), ("青岚镇", "石湾镇")),
    ("座谈会意见已吸收，完善了栖霞公园的建设方案。", ("谈会意见",), ("栖霞公园",)),
    ("张家湾村位于青岚河东岸。", ("家湾村",), ("张家湾村",)),
    ("条山森林公园在县城以北，翠屏山为其主峰。", ("山森林公园",), ("条山森林公园", "翠屏山")),
]


def test_inside_word_cases_collected():
    assert len(INSIDE_WORDS) == 8


@pytest.mark.parametrize("body,not_names,real", INSIDE_WORDS, ids=[str(i) for i in range(len(INSIDE_WORDS))])
def test_a_name_starts_on_a_word(body, not_names, real):
    assert_names(body, not_names, real)


# 5. a class word with only a verb, preposition, position word or plain adjective before it
FEATURES = [
    ("加强青岚河入河排水口监管，规范设置排水口。", ("入河", "青岚河入河"), ("青岚河",)),
    ("推进小流域综合整治，岚溪河沿岸重点修复。", ("小流域",), ("岚溪河",)),
    ("严控入湖污染负荷，翠屏湖水质稳定达标。", ("入湖", "严控入湖"), ("翠屏湖",)),
    ("建设跨河桥梁两座，青岚河两岸实现连通。", ("跨河",), ("青岚河",)),
    ("沿河布置绿道，串联青岚河与岚溪河。", ("沿河",), ("青岚河", "岚溪河")),
    ("开展小流域综合治理，岚溪河上游以封育为主。", ("小流域",), ("岚溪河",)),
    ("岚溪河入湖口建设人工湿地，翠屏湖周边退耕还湿。", ("入湖", "岚溪河入湖"), ("岚溪河", "翠屏湖")),
    ("涉河建设项目须经论证，青岚河管理范围内禁止建房。", ("涉河",), ("青岚河",)),
    ("在大河两岸建设防洪堤，青岚河堤防达到二十年一遇标准。", ("大河",), ("青岚河",)),
    ("整治出山口，翠屏山北麓禁止采石。", ("出山",), ("翠屏山",)),
]


def test_feature_cases_collected():
    assert len(FEATURES) == 10


@pytest.mark.parametrize("body,not_names,real", FEATURES, ids=[str(i) for i in range(len(FEATURES))])
def test_a_feature_needs_a_proper_part(body, not_names, real):
    assert_names(body, not_names, real)


def test_names_of_real_features_are_kept():
    for name in ("七里河", "恢河", "东河", "苍岭小流域", "紫金山", "金龙池", "青岚河"):
        assert not names.no_proper_part(name), name


# 6. a table column counting divisions ("乡数量（个）") is no indicator; the table's other columns are
TABLE = "表1 {title}\n\n| {first} | {cols} |\n| --- | --- | --- |\n| {row} | {a} | {b} |\n"
DIVISION_COLUMNS = [
    ("区县", "乡数量（个）", "耕地保有量（万亩）"),
    ("区县", "镇数量（个）", "永久基本农田保护面积（万亩）"),
    ("区县", "行政村数量（个）", "生态保护红线面积（平方公里）"),
    ("区县", "乡镇数量（个）", "城乡建设用地规模（公顷）"),
    ("单位", "村个数（个）", "耕地保有量（万亩）"),
    ("区县", "街道数（个）", "林地保有量（万亩）"),
    ("行政区", "社区数量（个）", "湿地面积（公顷）"),
    ("区县", "乡个数（个）", "用水总量（亿立方米）"),
]


def test_division_column_cases_collected():
    assert len(DIVISION_COLUMNS) == 8


@pytest.mark.parametrize("first,count_col,quota_col", DIVISION_COLUMNS,
                         ids=[str(i) for i in range(len(DIVISION_COLUMNS))])
def test_a_division_count_column_is_no_indicator(first, count_col, quota_col):
    body = TABLE.format(title="指标分解表", first=first, cols=f"{count_col} | {quota_col}", row="岱山县", a="7", b="9.5")
    ex = extract(body)
    indicators = {q.indicator for q in ex.quantities}
    assert count_col.split("（")[0] not in indicators, indicators
    assert quota_col.split("（")[0] in indicators, indicators


# the junk count of bench/extract_eval.py sees these kinds
@pytest.mark.parametrize("label", ["个镇", "座山", "什么？", "如何布局", "三个要点", "两个方面", "入河", "小流域",
                                   "青岚河入河"])
def test_junk_labels_count_non_names(label):
    assert junk_labels_of([label, "青岚镇"]) == [label]


@pytest.mark.parametrize("label", ["一张图", "两名片", "三片联动", "七里河", "苍岭小流域", "个旧市", "五大发展战略"])
def test_junk_labels_leave_names(label):
    assert junk_labels_of([label]) == []


def junk_labels_of(labels_):
    return names.junk_labels(labels_)


# 7. a kind of document named in running text ("个人意见", "实施方案") is no document; one with a place or a
# 《title》 is
DOCUMENT_KINDS = [
    ("公示期间，个人意见请署真实姓名，单位意见请加盖公章。", ("个人意见", "单位意见"), ()),
    ("规划编制过程中广泛征求意见，共收到书面意见46条。", ("书面意见", "过程中广泛征求意见", "征求意见"), ()),
    ("各乡镇应制定实施方案，并按照管理办法执行。", ("实施方案", "管理办法"), ()),
    ("县政府印发了岱山县海岛保护管理办法和岱山县乡村振兴实施方案。", (),
     ("岱山县海岛保护管理办法", "岱山县乡村振兴实施方案")),
    ("有关部门应提出处理意见，报县政府审定后印发工作方案。", ("处理意见", "工作方案"), ()),
    ("对反馈意见逐条研究，吸纳合理意见。", ("反馈意见", "合理意见"), ()),
    ("青岚镇按照岱山县耕地保护补偿办法发放补贴，并制定配套细则和考核办法。", ("考核办法",),
     ("岱山县耕地保护补偿办法",)),
    ("专家论证意见认为，岱山县海洋生态修复方案可行。", ("专家论证意见", "论证意见"), ("岱山县海洋生态修复方案",)),
]


def test_document_kind_cases_collected():
    assert len(DOCUMENT_KINDS) == 8


@pytest.mark.parametrize("body,not_names,real", DOCUMENT_KINDS, ids=[str(i) for i in range(len(DOCUMENT_KINDS))])
def test_a_kind_of_document_is_no_document(body, not_names, real):
    found = assert_names(body, not_names, real)
    assert all(found[r] == "PolicyDocument" for r in real if r.endswith(("办法", "方案", "意见")))
