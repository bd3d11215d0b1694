"""The extraction stage's shape (issue 9): spaCy components that declare what they read and set, and a
to_rdf that only writes (no extraction helpers imported)."""
from __future__ import annotations

import ast
from pathlib import Path

from plankg.extract import pipeline, reader

ROOT = Path(__file__).resolve().parents[1]
PLAN = "某县国土空间总体规划（2021-2035年）\n第一章 总则\n规划范围为县域全域。\n"


def test_every_rule_family_is_a_declared_component():
    nlp = pipeline.build_pipeline("")
    assert nlp.pipe_names == ["entity_ruler", *pipeline.COMPONENTS]
    analysis = nlp.analyze_pipes()
    # what a component requires is assigned by one before it; only the document and the rule
    # context are given from outside (by pipeline.extract)
    outside = {"doc._.plan", "doc._.rules"}
    for name, problems in analysis["problems"].items():
        assert set(problems) <= outside, (name, problems)
    declared = analysis["summary"]
    for name in pipeline.COMPONENTS:
        assert declared[name]["assigns"], f"{name} declares nothing it sets"
        assert declared[name]["requires"], f"{name} declares nothing it reads"


def test_components_fill_the_extraction(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text(PLAN + "规划建设东湖公园、西山公园、南河湿地公园三个公园。\n到2035年，森林覆盖率不低于30%。\n",
                 encoding="utf-8")
    ex = pipeline.extract(reader.read(f))
    labels = {e.label for e in ex.entities.values()}
    assert {"东湖公园", "西山公园", "南河湿地公园"} <= labels
    assert any(q.indicator == "森林覆盖率" and q.value == 30 and q.bound == "ge" for q in ex.quantities)


def test_to_rdf_imports_only_the_typed_model_from_extract():
    tree = ast.parse((ROOT / "graph" / "to_rdf.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    from_extract = {m for m in imported if m.startswith("plankg.extract")}
    assert from_extract <= {"plankg.extract.model", "plankg.extract.document"}, from_extract
    assert from_extract  # it does read the typed items


def test_no_extract_module_over_700_lines():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (ROOT / "extract").glob("*.py")}
    assert len(sizes) >= 15
    assert max(sizes.values()) <= 700, sizes
