"""The plan dossier reads the current version of a plan, and names as 上位规划 the plan its audit uses."""
from __future__ import annotations

from pathlib import Path

from plankg.api.dossier import plan_dossier
from plankg.graph import versions
from plankg.graph.ingest import bundled_examples, ingest_file
from plankg.graph.store import PlanStore
from plankg.shapes.context import find_higher

OWN = Path(__file__).parent / "data" / "versions"
SHARED = Path(__file__).parent.parent.parent / "shared"


def test_dossier_shows_the_current_version():
    with PlanStore(None) as st:
        for f in sorted(OWN.glob("山阴县*")):
            ingest_file(st, f)
        (plan,) = versions.plans(st)
        page = plan_dossier(st, plan.iri)
        assert [d["graph"] for d in page["documents"]] == [plan.current.graph]
        facts = {f["property_iri"].rsplit("#", 1)[-1]: f["value"] for f in page["meta"]}
        assert facts["periodEnd"] == "2035" and page["title"].endswith("（2021-2035年）")


def test_dossier_higher_plan_is_the_one_the_audit_uses():
    with PlanStore(None) as st:
        seed = next(p for p in bundled_examples() if "征求意见稿" in p.name)
        city = ingest_file(st, seed)
        county = ingest_file(st, next((SHARED / "corpus" / "dev").glob("朔城区*")))
        plan_iri = versions.find_plan(st, county.plan_id).iri
        used = find_higher(st, plan_iri).higher
        assert used == versions.find_plan(st, city.plan_id).iri
        page = plan_dossier(st, plan_iri)
        assert page["plans"]["higher"][0]["iri"] == used
        assert page["plans"]["higher"][0]["label"].startswith("朔州市国土空间总体规划")
