""""X格局中的“三区”指哪些": the members of the plan's own 三区, not the parts of the 格局, even when another plan in
the store prints a 三区 of its own; parts listed as "一是“一带”，即A；二是“两屏”，即B和C" are read, the part's numeral
telling where a list of two splits; a list name another plan prints ("特色保护类") does not stand for the
asked plan's category. Two invented plans (岢岚县 and its township 三井镇), stored by the real pipeline;
no corpus sentence."""
from __future__ import annotations

import pytest

from plankg import ask as A
from plankg.graph.ingest import ingest_paths
from plankg.graph.store import PlanStore

COUNTY = """岢岚县国土空间总体规划（2021-2035年）
岢岚县人民政府
规划构建“一带两屏三区”的县域国土空间格局：一是“一带”，即岚漪河生态带；二是“两屏”，即北部防风固沙与水源涵养屏障和南部森林屏障；三是“三区”，即东部农业区、中部城镇区和西部林牧区。
- 特色保护类（2个）
  - 宋家沟村
  - 甘钦村
"""
TOWNSHIP = """三井镇国土空间总体规划（2021-2035年）
三井镇人民政府
规划形成“一心两带三区”的镇域国土空间格局。其中，“一心”为镇区综合服务中心；“两带”为沿河发展带和山前修复带；“三区”为北部丘陵牧业区、中部川地种植区和南部山地涵养区。
| 序号 | 村庄名称 | 村庄类型 | 常住人口（人） |
| --- | --- | --- | --- |
| 1 | 三井村 | 集聚提升类 | 1200 |
| 2 | 石湾村 | 特色保护类 | 460 |
| 3 | 后沟村 | 特色保护类 | 310 |
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    paths = []
    for text in (COUNTY, TOWNSHIP):
        path = folder / f"{text.splitlines()[0]}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    st = PlanStore(None)
    ingest_paths(st, paths)
    yield st
    st.close()


@pytest.mark.parametrize("question,gold", [
    ("三井镇国土空间总体规划“一心两带三区”格局中的“三区”指哪些？", {"北部丘陵牧业区", "中部川地种植区", "南部山地涵养区"}),
    ("岢岚县国土空间总体规划“一带两屏三区”格局中的“三区”指哪些？", {"东部农业区", "中部城镇区", "西部林牧区"}),
    ("岢岚县国土空间总体规划“一带两屏三区”格局中的“两屏”指哪些？", {"北部防风固沙与水源涵养屏障", "南部森林屏障"}),
], ids=["township", "county", "two-with-and"])
def test_the_members_of_the_named_part(store, question, gold):
    res = A.ask(store, question)
    assert {a["label"] for a in res["answers"]} == gold, (res["intent"], res["text"])


def test_a_category_of_the_plan_asked_not_a_list_another_plan_names(store):
    res = A.ask(store, "三井镇国土空间总体规划中列为特色保护类的村庄有哪些？")
    assert {a["label"] for a in res["answers"]} == {"石湾村", "后沟村"}, (res["intent"], res["text"])
