"""The plan list: one row per stored document version, with or without each graph's triple count."""
from __future__ import annotations

from plankg.graph.catalog import list_plans
from plankg.graph.ingest import bundled_examples, ingest_paths
from plankg.graph.store import PlanStore


def test_rows_without_counts_are_the_rows_with_counts_less_the_count(tmp_path):
    with PlanStore(tmp_path / "store") as st:
        ingest_paths(st, bundled_examples())
        counted, bare = list_plans(st), list_plans(st, counts=False)
        assert len(counted) >= 2 and all(r["triples"] > 0 for r in counted)
        assert bare == [{k: v for k, v in r.items() if k != "triples"} for r in counted]
