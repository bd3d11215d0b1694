"""The dev plans of every level and type, each audited against its higher plan(s) with all plans
ingested first: exactly the gold defects as violations (for the right reason), and corrected copies —
made here by editing the text — conform."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from plankg.graph.ingest import bundled_examples, ingest_file
from plankg.graph.store import PlanStore
from plankg.shapes import audit as A

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpus" / "dev"
GOLD = SHARED / "eval" / "gold"
# gold file -> file name prefix in corpus/dev
TARGETS = {"右玉县": "右玉县国土空间总体规划", "朔城区": "朔城区国土空间总体规划",
           "右卫镇": "右卫镇国土空间总体规划", "桑干河专项": "朔州市桑干河生态保护与修复专项规划",
           "神头镇": "神头镇国土空间总体规划", "历史文化专项": "朔州市历史文化保护传承专项规划"}
CITY = "140600-master"
pytestmark = pytest.mark.skipif(not DEV.is_dir() or not GOLD.is_dir(), reason="shared corpus not present")


def dev_file(key: str) -> Path:
    return next(DEV.glob(TARGETS[key] + "*"))


@pytest.fixture(scope="module")
def store():
    st = PlanStore(None)
    for f in bundled_examples():
        ingest_file(st, f)
    st.plans = {key: ingest_file(st, dev_file(key)).plan_id for key in TARGETS}  # type: ignore[attr-defined]
    yield st
    st.close()


def violations(report) -> set[tuple[str, str]]:
    return {(f.mode_label, f.label) for f in report.findings if f.severity == "Violation"}


def gold_defects(key: str) -> set[tuple[str, str]]:
    gold = json.loads((GOLD / f"{key}.json").read_text(encoding="utf-8"))
    return {(d["mode"], d["key"]) for d in gold["defects"]}


CASES = [("右玉县", CITY, "citation"), ("朔城区", CITY, "citation"), ("右卫镇", "140623-master", "citation"),
         ("桑干河专项", CITY, "citation"), ("神头镇", "140602-master", "citation"),
         ("历史文化专项", CITY, "citation")]


def test_all_targets_collected(store):
    assert len(store.plans) == len(set(store.plans.values())) == len(CASES) == 6
    assert all(gold_defects(k) for k, _a, _f in CASES)
    assert json.loads((GOLD / "朔州市.json").read_text(encoding="utf-8"))["defects"] == []  # the seventh case


@pytest.mark.parametrize("key,against,found_by", CASES)
def test_exactly_the_gold_defects(store, key, against, found_by):
    report = A.audit(store, store.plans[key])
    assert (report.against, report.found_by) == (against, found_by)
    assert violations(report) == gold_defects(key)
    for f in report.findings:
        if f.severity == "Violation":  # positive evidence: a quoted passage of the audited plan or the higher plan
            assert any(e.role in ("lower", "higher") for e in f.evidence), f.id


def test_city_plan_has_no_higher_plan_and_no_violation(store):
    report = A.audit(store, CITY)
    assert report.against is None and violations(report) == set()
    assert any(f.id == "YJ-005" for f in report.findings)


def test_township_is_bound_only_to_projects_placed_in_it(store):
    # the district lists a project built in two other towns of the district: not the township's duty
    report = A.audit(store, store.plans["神头镇"])
    district_only = [f for f in report.findings if f.id.startswith("ML-0") and f.severity == "Violation"]
    assert district_only == []


def test_zone_kept_out_of_the_red_line_quotes_the_township(store):
    report = A.audit(store, store.plans["神头镇"])
    f = next(f for f in report.findings if f.severity == "Violation")
    assert f.id == "FQ-003" and "生态保护红线" in f.expected
    lower = [e.text for e in f.evidence if e.role == "lower"]
    higher = [e.text for e in f.evidence if e.role == "higher"]
    assert any("未将" + f.label in t for t in lower) and any(f.label in t for t in higher)


def test_heritage_plan_site_in_another_county_and_site_omitted(store):
    report = A.audit(store, store.plans["历史文化专项"])
    by_id = {f.id: f for f in report.findings if f.severity == "Violation"}
    assert set(by_id) == {"FQ-004", "ML-008"}
    moved = by_id["FQ-004"]
    assert moved.found != moved.expected
    assert any(moved.label in e.text and moved.found in e.text for e in moved.evidence if e.role == "lower")
    omitted = by_id["ML-008"]
    assert any(omitted.label in e.text for e in omitted.evidence if e.role == "higher")


def test_indicator_violation_quotes_the_stated_value(store):
    report = A.audit(store, store.plans["朔城区"])
    zb = next(f for f in report.findings if f.severity == "Violation" and f.id == "ZB-001")
    assert "20800" in zb.found and "210.5" in zb.expected
    assert any("20800" in e.text for e in zb.evidence if e.role == "lower")


def test_text_mention_without_a_value_is_a_manual_check(store, tmp_path):
    # a copy of 朔城区 that names 耕地保有量 (a duty the city allocates) but states no value for it: the
    # audit cannot read a failing value, so it must ask for a manual check quoting the passage, never accuse
    report = audit_edited(store, tmp_path, "朔城区", [
        ("| 1 | 耕地保有量 | 公顷 | 64105 | ≥63520 | ≥63520 | 约束性 |\n", ""),
        ("全区耕地保有量不得低于635.2平方千米，", "全区耕地保有量保持稳定，")])
    named = [f for f in report.findings if f.label == "耕地保有量" and f.mode_label == "指标约束"]
    assert named and all(f.severity == "Warning" and "需人工核对" in f.message for f in named)
    assert all(any("耕地保有量" in e.text for e in f.evidence if e.role == "lower") for f in named)


def test_segment_moved_quotes_both_plans(store):
    report = A.audit(store, store.plans["桑干河专项"])
    f = next(f for f in report.findings if f.severity == "Violation")
    assert (f.id, f.expected, f.found) == ("ML-007", "中游", "上游")
    assert {e.role for e in f.evidence} >= {"lower", "higher"}


def audit_edited(store, tmp_path: Path, key: str, edits: list[tuple[str, str]]):
    text = dev_file(key).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / dev_file(key).name
    path.write_text(text, encoding="utf-8")
    copy = PlanStore(None)
    try:
        copy.load(store.dump("nq"), "nq")
        plan = ingest_file(copy, path).plan_id
        assert plan == store.plans[key]
        return A.audit(copy, plan)
    finally:
        copy.close()


CORRECTIONS = {
    "朔城区": [("20800", "21100"),
              ("库区段河道治理工程。\n", "库区段河道治理工程；\n4. 山西省朔州市朔城区神头泉水源泉源区保护工程（二期）。\n")],
    "右卫镇": [("4\t镇区污水处理站建设工程\t右卫村\t2024-2025\t本规划\n",
              "4\t镇区污水处理站建设工程\t右卫村\t2024-2025\t本规划\n5\t杀虎口文化旅游区提升工程\t杀虎口村\t2023-2027\t县级规划\n")],
    "桑干河专项": [("| 朔城区 | 上游 | 泉域勘界立标", "| 朔城区 | 中游 | 泉域勘界立标"),
                ("作为上游段水源保护的重点", "作为中游段水源保护的重点")],
    "神头镇": [("本规划未将神头泉泉域重点保护区划入生态保护红线，而是将其作为一般生态控制区，依照",
               "本规划将神头泉泉域重点保护区划入生态保护红线，并依照")],
    "历史文化专项": [("| 4 | 广武长城 | 全国重点文物保护单位 | 朔城区 |", "| 4 | 广武长城 | 全国重点文物保护单位 | 山阴县 |"),
                 ("**重点对象**：崇福寺、广武长城；", "**重点对象**：崇福寺、朔州古城；"),
                 ("**重点对象**：桑干河沿岸古墓葬群", "**重点对象**：广武长城、桑干河沿岸古墓葬群")],
}


@pytest.mark.parametrize("key", sorted(CORRECTIONS))
def test_corrected_copy_conforms(store, tmp_path, key):
    report = audit_edited(store, tmp_path, key, CORRECTIONS[key])
    assert violations(report) == set()
    assert report.conforms is True


def test_township_against_the_city_plan_too(store):
    # the city plan's lists name the township a key town, and the township's plan states that role itself
    # ("…右卫镇是其中唯一的重点镇"): no violation and no role finding about the township
    report = A.audit(store, store.plans["右卫镇"], against="140600-master")
    assert (report.against, report.found_by) == ("140600-master", "explicit")
    assert violations(report) == set()
    assert not any(f.id.startswith("ML-00") and f.label == "右卫镇" for f in report.findings)


def test_hierarchy_city_county_township_and_special_beside_master(store):
    from plankg.shapes.hierarchy import hierarchy, tree_lines

    h = hierarchy(store)
    parents = {n["id"]: n["parent"] for n in h.nodes if n["ingested"]}
    assert parents[store.plans["右卫镇"]] == store.plans["右玉县"]
    assert parents[store.plans["右玉县"]] == parents[store.plans["朔城区"]] == "140600-master"
    assert parents[store.plans["桑干河专项"]] == "140600-master"
    lines = tree_lines(h)
    city = next(i for i, line in enumerate(lines) if "(140600-master)" in line)
    special = next(i for i, line in enumerate(lines) if store.plans["桑干河专项"] in line)
    township = next(i for i, line in enumerate(lines) if store.plans["右卫镇"] in line)
    assert lines[special].startswith("［专项］") and special > township > city
    assert lines[township].startswith("    └─ ")  # city → county → township
    assert not any(p.plan == store.plans["桑干河专项"] for p in h.problems)
