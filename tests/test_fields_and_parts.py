"""A project printed as fields on one line ("项目名称：X；建设地点：A、B；建设年限：…；投资估算：N万元") is X with its places,
period and investment; a slogan's parts defined without quotes ("三区为A、B和C") are read when the passage quotes the
slogan, but not a part whose items are no names ("两轴为东西向、南北向两条发展轴"); a grade is part of a counted kind
("二级及以上综合医院"); a name ending in 数 is an indicator ("每千人口床位数不低于7.5张"). Phrasings written for these
tests."""
from __future__ import annotations

from plankg.extract import pipeline, reader
from plankg.extract.quantities import count_subject, extract_quantities

HEAD = "三井镇国土空间总体规划（2021-2035年）\n岢岚县三井镇人民政府\n"


def _extract(text: str):
    return pipeline.extract(reader.parse(HEAD + text, "plan.md"))


def test_a_project_as_fields_on_one_line():
    ex = _extract("1. 项目名称：岚漪河护岸整治工程；建设地点：三井村、石湾村；建设年限：2023—2026年；投资估算：1850万元\n")
    places = {r.object.name for r in ex.relations if r.predicate == "pk:locatedIn" and r.subject.name == "岚漪河护岸整治工程"}
    money = [(q.value, q.unit) for q in ex.quantities if q.indicator == "项目投资"]
    assert places == {"三井村", "石湾村"} and money == [(1850.0, "万元")], (places, money)


def test_unquoted_slogan_parts():
    ex = _extract("规划构建“一心两轴三区”的镇域格局。一心为镇区综合服务中心；两轴为东西向、南北向两条发展轴；"
                  "三区为北部丘陵牧业区、中部川地种植区和南部山地涵养区。\n")
    got = {g.ref.name: [m.name for m in g.members] for g in ex.groups}
    assert got.get("三区") == ["北部丘陵牧业区", "中部川地种植区", "南部山地涵养区"], got
    assert "两轴" not in got, got


def test_a_grade_is_part_of_the_kind():
    assert count_subject("规划全县二级及以上综合医院") == "二级及以上综合医院"
    assert count_subject("建成三级甲等医院") == "三级甲等医院"


def test_a_name_ending_in_shu_is_an_indicator():
    got = [(q.indicator, q.value, q.bound) for q in extract_quantities("到2035年每千人口医疗卫生机构床位数不低于7.5张。",
                                                                        0, [], None, 2035, 2020)]
    assert got == [("每千人口医疗卫生机构床位数", 7.5, "ge")]


def test_a_count_asked_with_or_without_its_measure_word():
    from types import SimpleNamespace

    from plankg.ask.model import Ref
    from plankg.ask.understand import same_indicators

    refs = {"i1": Ref("i1", "indicator", "综合医院"), "i2": Ref("i2", "indicator", "综合医院数量"),
            "i3": Ref("i3", "indicator", "生态保护红线"), "i4": Ref("i4", "indicator", "生态保护红线面积"),
            "i5": Ref("i5", "indicator", "卫生院数量")}
    index = SimpleNamespace(indicators=refs)
    assert same_indicators(index, ["i1"]) == ["i1", "i2"]
    assert same_indicators(index, ["i3"]) == ["i3", "i4"]
