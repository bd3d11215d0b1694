"""Village categories (extract/enumerations.py): "N个行政村分为A类、B类和C类三类" makes each category a
concept of the plan, and a list item keyed by a category ("- 特色保护类村庄：以A村等…为重点") gives that
category to the villages it names. Phrasings written for these tests (a made-up 岱山县 plan)."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

HEAD = "岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n规划期限为2021年至2035年。\n## 村庄布局\n\n"

LISTS = [
    ("全县168个行政村分为集聚发展类、城郊融合类、特色保护类和搬迁撤并类四类。",
     {"集聚发展类", "城郊融合类", "特色保护类", "搬迁撤并类"}),
    ("规划将村庄划分为集聚提升类、稳定改善类和拆迁撤并类三类，分类引导。", {"集聚提升类", "稳定改善类", "拆迁撤并类"}),
    ("全镇行政村分成整治提升类与特色保护类两类。", {"整治提升类", "特色保护类"}),
    ("村庄按发展潜力分为集聚提升类村庄、城郊融合类村庄和其他类村庄3类。", {"集聚提升类", "城郊融合类", "其他类"}),
    ("岱山县的村庄归为保留改善类及特色保护类等2类。", {"保留改善类", "特色保护类"}),
    ("按照分类推进的原则，村庄分为集聚提升类、城郊融合类、特色保护类、搬迁撤并类和看不准类五类。",
     {"集聚提升类", "城郊融合类", "特色保护类", "搬迁撤并类", "看不准类"}),
    ("海岛村庄划为渔旅融合类和生态保育类两类，分别制定管控要求。", {"渔旅融合类", "生态保育类"}),
    ("41个自然村分为中心村类、基层村类和撤并村类三种。", {"中心村类", "基层村类", "撤并村类"}),
]

KEYED = [
    ("- 特色保护类村庄：以东沙村等传统村落为重点，保护传统格局。", "特色保护类", {"东沙村"}),
    ("- 城郊融合类村庄：涂口村、石马岙村与城区相接，推进设施共享。", "城郊融合类", {"涂口村", "石马岙村"}),
    ("- 搬迁撤并类村庄：位于地质灾害易发区的大峧村逐步搬迁。", "搬迁撤并类", {"大峧村"}),
    ("- 集聚提升类村庄：重点补齐公共服务短板。", "集聚提升类", set()),
    ("* 渔旅融合类村：北峰村发展渔家民宿。", "渔旅融合类", {"北峰村"}),
    ("- 稳定改善类村庄：枫树村、泥峙村维持现有规模。", "稳定改善类", {"枫树村", "泥峙村"}),
    ("- 生态保育类村庄：仇家门村退耕还林。", "生态保育类", {"仇家门村"}),
    ("1. 整治提升类村庄：以南浦村为试点开展人居环境整治。", "整治提升类", {"南浦村"}),
]


def _extract(body: str):
    return pipeline.extract(reader.parse(HEAD + body + "\n", "plan.md"))


def test_cases_collected():
    assert (len(LISTS), len(KEYED)) == (8, 8)


@pytest.mark.parametrize("text,expected", LISTS, ids=[str(i) for i in range(len(LISTS))])
def test_a_counted_category_list_makes_each_category(text, expected):
    labels = {lab for e in _extract(text).entities.values() for lab in {e.label, *e.alt_labels}}
    assert expected <= labels, (expected - labels)


def test_a_count_that_disagrees_makes_no_category():
    labels = {lab for e in _extract("村庄分为集聚提升类和特色保护类三类。").entities.values() for lab in {e.label, *e.alt_labels}}
    assert "集聚提升类" not in labels


@pytest.mark.parametrize("text,category,villages", KEYED, ids=[str(i) for i in range(len(KEYED))])
def test_a_category_keyed_item_gives_its_villages_the_category(text, category, villages):
    ex = _extract(text)
    labels = {lab for e in ex.entities.values() for lab in {e.label, *e.alt_labels}}
    assert category in labels
    got = {a.member.name for a in ex.roles if a.role == category}
    assert got == villages


# "N个划为X类, M个划为Y类": each category, and how many villages the plan puts in it (a target for the
# plan's end year)
COUNTED = [
    ("全县现状行政村120个，规划将其中40个划为集聚发展类，25个划为城郊融合类，其余暂不分类。",
     {"集聚发展类": 40, "城郊融合类": 25}),
    ("规划期内，12个行政村确定为特色保护类，8个村列为搬迁撤并类村庄。", {"特色保护类": 12, "搬迁撤并类": 8}),
    ("在现有村庄中，30个为稳定改善类、6个为渔旅融合类、3个为生态保育类。",
     {"稳定改善类": 30, "渔旅融合类": 6, "生态保育类": 3}),
]


@pytest.mark.parametrize("text,expected", COUNTED, ids=[str(i) for i in range(len(COUNTED))])
def test_counted_categories_and_their_village_counts(text, expected):
    ex = _extract(text)
    labels = {lab for e in ex.entities.values() for lab in {e.label, *e.alt_labels}}
    assert set(expected) <= labels
    counts = {q.indicator: (q.value, q.unit, q.year) for q in ex.quantities if q.indicator.endswith("类村庄数量")}
    assert counts == {f"{cat}村庄数量": (float(n), "个", 2035) for cat, n in expected.items()}


def test_one_counted_category_alone_is_no_series():
    ex = _extract("全镇15个行政村中，3个为重点类，其余村庄维持现状。")
    assert not [q for q in ex.quantities if q.indicator.endswith("类村庄数量")]


def test_counted_cases_collected():
    assert len(COUNTED) == 3
