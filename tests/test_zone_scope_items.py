"""Zones listed one per item, numbered in Roman numerals, with their extent in a sub-item:
"- **Ⅰ 某某修复区**" + "  - **范围**：甲县全域、乙区西北部" → the zone (no numeral in its name), and each division its
extent names partOf it; "丙市中心城区" is a part of the city, not the city. Texts written for these tests."""
from __future__ import annotations

from plankg.extract import pipeline, reader

PLAN = """舟山市生态保护修复专项规划（2021-2035年）
舟山市自然资源和规划局
### （二）生态修复分区

- **Ⅰ 北部海岛生态修复区**
  - **范围**：嵊泗县全域、岱山县北部
  - **主导方向**：岸线修复
- **Ⅱ 南部港湾湿地修复区**
  - **范围**：普陀区、定海区的沿海滩涂
- **Ⅲ 城区生态修复区**
  - **范围**：舟山中心城区
"""


def test_zones_take_in_the_divisions_their_extent_names():
    ex = pipeline.extract(reader.parse(PLAN, "plan.md"))
    zones = {e.label for e in ex.entities.values() if e.ref.kind == "Region"}
    assert {"北部海岛生态修复区", "南部港湾湿地修复区", "城区生态修复区"} <= zones
    assert not any(z.startswith(("Ⅰ", "Ⅱ", "Ⅲ")) for z in zones)
    part_of = {(r.subject.name, r.object.name) for r in ex.relations if r.predicate == "pk:partOf"}
    assert {("嵊泗县", "北部海岛生态修复区"), ("岱山县", "北部海岛生态修复区"), ("普陀区", "南部港湾湿地修复区"),
            ("定海区", "南部港湾湿地修复区")} <= part_of
    assert ("舟山市", "城区生态修复区") not in part_of
