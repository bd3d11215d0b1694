"""One identity across plans (issue 10 item 5): the same project or term named in two plans of
different levels is one node, whichever class word or context each plan used; a township a county
plan lists and a township plan names is one node. Made-up plans; no sentence comes from a corpus file."""
from __future__ import annotations

from rdflib import URIRef

from plankg.extract import pipeline, reader
from plankg.graph.to_rdf import entity_iri


def extract(text: str):
    return pipeline.extract(reader.parse(text, "plan.txt"))


def iri_of(ex, label: str) -> URIRef:
    ent = next(e for e in ex.entities.values() if e.label == label)
    return entity_iri(ent.ref, ex.meta.plan_id, ex)


COUNTY = ("岱山县国土空间总体规划（2021-2035年）\n岱山县人民政府\n第一章 总则\n"
          "岱山县辖高亭镇、新港镇2个镇，以及北峰乡1个乡。\n"
          "坚持“海岛强县”战略。\n"
          "表5-1 重点工程一览表\n\n| 序号 | 项目名称 | 实施地点 |\n|---|---|---|\n| 1 | 青龙河引水干线 | 高亭镇 |\n")
TOWNSHIP = ("高亭镇国土空间总体规划（2021-2035年）\n高亭镇人民政府\n第一章 总则\n"
            "落实“海岛强县”要求，推进青龙河引水干线建设。\n"
            "镇域东接新港镇。\n")


def test_a_project_is_one_node_across_plans_whatever_its_class_word():
    county, township = extract(COUNTY), extract(TOWNSHIP)
    assert iri_of(county, "青龙河引水干线") == iri_of(township, "青龙河引水干线")


def test_a_term_one_plan_calls_a_strategy_is_the_node_another_quotes():
    county, township = extract(COUNTY), extract(TOWNSHIP)
    kinds = {next(e for e in x.entities.values() if e.label == "海岛强县").ref.kind for x in (county, township)}
    assert iri_of(county, "海岛强县") == iri_of(township, "海岛强县")
    assert "Strategy" in kinds


def test_a_listed_township_the_gazetteer_lacks_is_one_division_in_the_plan():
    county = extract(COUNTY + "\n| 等级 | 名称 |\n|---|---|\n| 一般镇 | 新港镇 |\n")
    nodes = {entity_iri(e.ref, county.meta.plan_id, county) for e in county.entities.values() if e.label == "新港镇"}
    assert len(nodes) == 1
    assert next(e for e in county.entities.values() if e.label == "新港镇").ref.kind == "AdministrativeDivision"


PREFIXED = [
    ("浙江省舟山市岱山县青龙河综合治理工程", "青龙河综合治理工程"),
    ("舟山市岱山县凤鸣水库除险加固工程", "凤鸣水库除险加固工程"),
    ("岱山县高亭镇海塘加固工程（一期）", "海塘加固工程（一期）"),
]


def test_a_project_printed_with_its_divisions_is_the_one_printed_without():
    rows = "".join(f"| {i} | {full} | 高亭镇 |\n" for i, (full, _) in enumerate(PREFIXED, 1))
    county = extract(COUNTY.split("表5-1")[0] + "表5-1 重点工程一览表\n\n| 序号 | 项目名称 | 实施地点 |\n|---|---|---|\n" + rows)
    township = extract("高亭镇国土空间总体规划（2021-2035年）\n高亭镇人民政府\n第一章 总则\n"
                       + "".join(f"推进{short}建设。\n" for _, short in PREFIXED[:2]))
    for full, short in PREFIXED[:2]:
        assert iri_of(county, full) == iri_of(township, short)
    # a name that is only a class phrase after its divisions keeps the divisions in its identity
    full = PREFIXED[2][0]
    ent = next(e for e in county.entities.values() if e.label == full)
    assert ent.ref.name == full
    # and the printed form with divisions stays the label of the node (the short form is an altLabel)
    ent = next(e for e in county.entities.values() if e.label == PREFIXED[0][0])
    assert PREFIXED[0][1] in ent.alt_labels
