"""Extraction quality against the gold files in ../shared/eval (scored by bench/extract_eval.py)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "gold"
spec = importlib.util.spec_from_file_location("extract_eval", ROOT / "bench" / "extract_eval.py")
extract_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(extract_eval)

CASES = [
    ("朔州市", sorted((ROOT / "examples").glob("*.txt"))),
    ("右玉县", sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.txt"))),
]


def test_case_count():
    assert len(CASES) == 2 and all(files for _, files in CASES)


@pytest.mark.parametrize("gold_name,files", CASES, ids=[c[0] for c in CASES])
def test_recall_meets_the_bar(gold_name, files):
    gold = json.loads((GOLD / f"{gold_name}.json").read_text(encoding="utf-8"))
    store = extract_eval.build_graph(files)
    try:
        res = extract_eval.score(gold, *extract_eval.load_view(store, store.graphs()))
    finally:
        store.close()
    assert res["entity_recall"] >= 0.95, res["missing_entities"]
    assert res["relation_recall"] >= 0.85, res["missing_relations"]
    assert res["indicator_recall"] >= 0.95, res["missing_indicators"]
