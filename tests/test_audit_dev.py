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
           "右卫镇": "右卫镇国土空间总体规划", "桑干河专项": "朔州市桑干河生态保护与修复专项规划"}
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


def test_all_targets_collected(store):
    assert len(store.plans) == 4 and all(gold_defects(k) for k in TARGETS)


@pytest.mark.parametrize("key,against,found_by", [
    ("右玉县", "140600-master", "citation"),
    ("朔城区", "140600-master", "citation"),
    ("右卫镇", "140623-master", "citation"),
    ("桑干河专项", "140600-master", "citation")])
def test_exactly_the_gold_defects(store, key, against, found_by):
    report = A.audit(store, store.plans[key])
    assert (report.against, report.found_by) == (against, found_by)
    assert violations(report) == gold_defects(key)
    for f in report.findings:
        if f.severity == "Violation":  # positive evidence: a quoted passage of the audited plan or the higher plan
            assert any(e.role in ("lower", "higher") for e in f.evidence), f.id


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
}


@pytest.mark.parametrize("key", sorted(CORRECTIONS))
def test_corrected_copy_conforms(store, tmp_path, key):
    report = audit_edited(store, tmp_path, key, CORRECTIONS[key])
    assert violations(report) == set()
    assert report.conforms is True


def test_township_against_the_city_plan_too(store):
    # the city plan's lists name the township (a key town) but bind it to nothing it omits: no violation
    report = A.audit(store, store.plans["右卫镇"], against="140600-master")
    assert (report.against, report.found_by) == ("140600-master", "explicit")
    assert violations(report) == set()
    assert any(f.id == "ML-003" and f.label == "右卫镇" and f.severity == "Warning" for f in report.findings)


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
