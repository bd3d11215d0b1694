"""A count of the rest or the others of a whole ("其余7个行政村", "另有4个社区") is no total: it gives no
"行政村数量" beside the total the plan states (two values of one count would read as text disagreeing with
itself). Sentences written for these tests (made-up plans for divisions of 舟山市); no corpus sentence."""
from __future__ import annotations

import pytest

from plankg.extract import pipeline, reader

TOWN = "高亭镇国土空间总体规划（2021-2035年）\n一、规划总则\n"

# (body, the count's name, the total the text states, the part that is no total)
CASES = [
    ("全镇辖12个行政村，其中3个为中心村，其余9个行政村为基层村。", "行政村数量", 12, 9),
    ("全镇辖8个行政村。\n- 中心村：大峧村\n- 基层村：其余7个行政村\n", "行政村数量", 8, 7),
    ("镇域共有11个社区，另有4个社区正在筹建。", "社区数量", 11, 4),
    ("全镇现有15个自然村，规划保留10个，其余5个自然村逐步撤并。", "自然村数量", 15, 5),
    ("全镇布局6个村级服务站，另外2个村级服务站结合学校设置。", "村级服务站数量", 6, 2),
    ("镇区共划定9个街坊，余下3个街坊作为发展备用地。", "街坊数量", 9, 3),
    ("全镇共有14个渔港码头，其他6个渔港码头逐步退养还滩。", "渔港码头数量", 14, 6),
    ("全镇辖10个行政村。规划将其中4个村列为集聚提升类，剩余6个行政村列为整治提升类。", "行政村数量", 10, 6),
]


def test_case_count():
    assert len(CASES) == 8


@pytest.mark.parametrize("body,name,total,part", CASES)
def test_the_rest_is_no_total(body, name, total, part):
    values = {q.value for q in pipeline.extract(reader.parse(TOWN + body + "\n", "plan.md")).quantities
              if q.indicator == name}
    assert total in values and part not in values, values


def test_a_count_of_another_noun_after_qizhong_is_still_read():
    quantities = pipeline.extract(reader.parse(TOWN + "全县辖6个乡镇，其中2个镇、4个乡。\n", "plan.md")).quantities
    assert {("乡镇数量", 6.0), ("镇数量", 2.0), ("乡数量", 4.0)} <= {(q.indicator, q.value) for q in quantities}
