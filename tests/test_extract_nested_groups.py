"""A list item naming a class and its count, its members nested under it one per item ("- 集聚提升类（3个）"
then "  * A村" …): a group of those members; a village category also gives each village its category; notes
nested deeper are no members, and a count the items do not match gives nothing. Written for these tests (a
made-up 东沙镇 plan in nested Markdown)."""
from __future__ import annotations

from plankg.extract import pipeline, reader

HEAD = "东沙镇国土空间总体规划（2021-2035年）\n岱山县东沙镇人民政府\n\n## 村庄分类\n\n"

BODY = """- 整治提升类（3个）
  * 北岙村
  * 泥峙村
  * 南峰村
- 生态保育类（1个）
  * 大峧村
    1. 位于海岛北端，逐步退出养殖
    2. 保留渔村风貌
- 特色保护类（2个）
  * 石马岙村
"""


def extraction():
    return pipeline.extract(reader.parse(HEAD + BODY, "plan.md"))


def test_each_category_gets_its_nested_villages():
    ex = extraction()
    roles = {(a.member.name, a.role) for a in ex.roles if a.role.endswith("类")}
    assert roles == {("北岙村", "整治提升类"), ("泥峙村", "整治提升类"), ("南峰村", "整治提升类"),
                     ("大峧村", "生态保育类")}


def test_the_groups_and_their_counts():
    groups = {g.label: [m.name for m in g.members] for g in extraction().groups if g.label.endswith("类")}
    assert groups["整治提升类"] == ["北岙村", "泥峙村", "南峰村"]
    assert groups["生态保育类"] == ["大峧村"]       # the numbered notes under it are no members
    assert "特色保护类" not in groups              # declares 2, lists 1
