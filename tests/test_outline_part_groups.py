"""A slogan part keyed in a nested list with its things as sub-items ("- 两区" + "  - Y区：覆盖A和B") is the list of
those things: a group of the structure with them as members, not only parts of the whole. Lists written for these
tests."""
from __future__ import annotations

from plankg.extract import pipeline, reader

TEXT = """岢岚县历史文化保护专项规划（2021-2035年）
岢岚县人民政府

- 本规划构建“一带两片多点”的保护格局。
  - **一带：岚漪河文化带**
  - **两片**
    - **北部边堡文化片区**：覆盖三井镇和宋家沟镇，以堡寨为保护重点；
    - **南部古村文化片区**：覆盖温泉乡、阳坪乡，以古村落为保护重点。
"""


def test_the_part_lists_its_sub_items():
    ex = pipeline.extract(reader.parse(TEXT, "plan.md"))
    members = {m.name for g in ex.groups if g.ref.name == "两片" for m in g.members}
    assert members == {"北部边堡文化片区", "南部古村文化片区"}, [(g.ref.name, g.members) for g in ex.groups]
