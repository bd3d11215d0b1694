""""X的范围涉及哪些县（区）？" / "X涉及哪些县（市、区）？": the parts of a zone, of the division kinds the bracket
adds. An invented city special plan, extracted and stored by the real pipeline; no corpus sentence."""
from __future__ import annotations

from plankg import ask as A

PLAN = """舟山市生态保护修复专项规划（2021-2035年）
舟山市自然资源和规划局
## 生态修复分区
- **Ⅰ 北部海岛生态修复区**
  - **范围**：嵊泗县全域、岱山县北部
- **Ⅱ 南部港湾湿地修复区**
  - **范围**：普陀区、定海区、岱山县的沿海滩涂
"""


def test_the_counties_and_districts_of_a_zone(plan_store):
    res = A.ask(plan_store, "舟山市生态保护修复专项规划中，北部海岛生态修复区的范围涉及哪些县（区）？")
    assert {a["label"] for a in res["answers"]} == {"嵊泗县", "岱山县"}, (res["intent"], res["text"])
    res = A.ask(plan_store, "舟山市生态保护修复专项规划中，南部港湾湿地修复区涉及哪些县（市、区）？")
    assert {a["label"] for a in res["answers"]} == {"普陀区", "定海区", "岱山县"}, (res["intent"], res["text"])
