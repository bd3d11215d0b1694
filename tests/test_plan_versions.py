"""Plans and their versions: a plan is region + type + subject, a version one published text of it.

Different plans never share a graph; the same text again changes nothing; a different text with a stored
status replaces that version and says so; a new status adds a version; a corrected period is the same plan."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.cli import app
from rdflib.namespace import PROV

from plankg.extract.gazetteer import gazetteer
from plankg.extract.meta import plan_ref_for_title, plan_subject
from plankg.graph import versions
from plankg.graph.ingest import bundled_examples, ingest_file, ingest_paths
from plankg.graph.namespaces import CATALOG_GRAPH, PK
from plankg.graph.store import PlanStore

HERE = Path(__file__).parent
OWN = HERE / "data" / "versions"
SHARED = HERE.parent.parent / "shared"
DEV = sorted((SHARED / "corpus" / "dev").glob("*"))
LATER = next((SHARED / "corpus" / "versions").glob("右玉县*公示稿*"))
DRAFT = next(p for p in DEV if p.name.startswith("右玉县"))
runner = CliRunner()


def test_the_corpus_is_there():
    assert len(DEV) == 6 and len(list(OWN.glob("*.txt"))) == 6


@pytest.fixture(scope="module")
def full_store():
    """seed + annex + every dev plan + two more special plans of the same city and period."""
    st = PlanStore(None)
    extra = sorted(OWN.glob("朔州市*"))
    reports = ingest_paths(st, bundled_examples() + DEV + extra)
    yield st, reports
    st.close()


def test_every_plan_listed_once_and_no_special_plan_replaces_another(full_store):
    st, reports = full_store
    assert [r.outcome for r in reports].count("replaced-version") == 0
    known = versions.plans(st)
    titles = [p.title for p in known]
    assert len(titles) == len(set(titles)) == 9  # the city plan, six dev plans, two of our own
    specials = [p for p in known if p.plan_id.startswith("140600-special-")]
    assert len(specials) == 4 and len({p.current.graph for p in specials}) == 4
    assert all(len(p.versions) == 1 and p.current is not None for p in known)
    assert [len(p.annexes) for p in known if p.plan_id == "140600-master"] == [1]


def test_ingesting_again_changes_no_triple_count(full_store):
    st, _ = full_store
    before = {g: st.graph_size(g) for g in st.graphs()}
    again = ingest_paths(st, bundled_examples() + DEV)
    assert {r.outcome for r in again} == {"unchanged"}
    assert {g: st.graph_size(g) for g in st.graphs()} == before


def test_a_later_status_adds_a_version_and_becomes_current():
    with PlanStore(None) as st:
        first = ingest_file(st, DRAFT)
        later = ingest_file(st, LATER)
        assert (first.outcome, later.outcome) == ("new-plan", "new-version")
        assert first.plan_id == later.plan_id and first.graph != later.graph
        (plan,) = versions.plans(st)
        assert [(v.key, v.current) for v in plan.versions] == [("draft", False), ("publicity", True)]
        assert versions.current_graph(st, plan.plan_id) == later.graph
        assert versions.superseded_graphs(st) == {first.graph}
        revised = st.select(f"SELECT ?new ?old WHERE {{ GRAPH <{CATALOG_GRAPH}> {{ ?new <{PROV.wasRevisionOf}> ?old }} }}")
        assert revised == [{"new": plan.versions[1].expression, "old": plan.versions[0].expression}]
        assert versions.resolve_version(st, f"{plan.plan_id}@征求意见稿") == first.graph
        assert versions.resolve_version(st, f"{plan.plan_id}@draft") == first.graph
        assert versions.resolve_version(st, plan.plan_id) == later.graph
        assert versions.resolve_version(st, later.graph) == later.graph


def test_a_corrected_period_is_the_same_plan():
    with PlanStore(None) as st:
        old, new = (ingest_file(st, f) for f in sorted(OWN.glob("山阴县*")))
        assert "2030" in old.title and "2035" in new.title
        assert old.plan_id == new.plan_id == "140621-master"
        (plan,) = versions.plans(st)
        assert [(v.key, v.end) for v in plan.versions] == [("draft", "2030"), ("publicity", "2035")]


def test_texts_without_a_region_get_distinct_ids():
    with PlanStore(None) as st:
        a, b = (ingest_file(st, f) for f in sorted(OWN.glob("青禾湾*")))
        assert a.plan_id != b.plan_id and a.plan_id.startswith("x-") and b.plan_id.startswith("x-")
        assert len(versions.plans(st)) == 2


def test_a_different_text_with_a_stored_status_replaces_it_and_says_so(tmp_path):
    text = next(OWN.glob("山阴县*公示稿*")).read_text(encoding="utf-8")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace("达到24%", "达到26%"), encoding="utf-8")
    store = str(tmp_path / "store")
    assert runner.invoke(app, ["ingest", str(first), "--store", store]).exit_code == 0
    dry = runner.invoke(app, ["ingest", str(second), "--store", store, "--dry-run"])
    assert dry.exit_code == 0 and "would be: replaces version 公示稿 of plan 140621-master" in dry.output
    with PlanStore(store) as st:
        assert "26%" not in st.dump("nq").decode("utf-8")  # the dry run wrote nothing
    real = runner.invoke(app, ["ingest", str(second), "--store", store, "--json"])
    report = json.loads(real.stdout)
    assert report["outcome"] == "replaced-version" and any("replaces version" in w for w in report["warnings"])
    with PlanStore(store) as st:
        assert "26%" in st.dump("nq").decode("utf-8") and len(versions.plans(st)[0].versions) == 1
    same = json.loads(runner.invoke(app, ["ingest", str(second), "--store", store, "--json"]).stdout)
    assert same["outcome"] == "unchanged" and same["stamp"] == report["stamp"]


def test_plans_command_lists_versions_and_json_rows(tmp_path):
    store = str(tmp_path / "store")
    assert runner.invoke(app, ["ingest", str(DRAFT), str(LATER), "--store", store]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["plans", "--json", "--store", store]).stdout)
    assert [(r["plan"], r["key"], r["current"]) for r in rows] == [
        ("140623-master", "draft", False), ("140623-master", "publicity", True)]
    assert all(r["graph"].endswith(r["key"]) and r["date"] for r in rows)
    table = runner.invoke(app, ["plans", "--store", store], env={"COLUMNS": "200"}).output
    assert table.count("140623-master") == 1 and "★公示稿" in table


def test_stamp_is_recorded_on_the_graph(full_store):
    st, reports = full_store
    stamps = versions.graph_stamps(st)
    assert all(stamps[r.graph] == r.stamp for r in reports)
    assert st.ask(f"ASK {{ GRAPH <{reports[0].graph}> {{ <{reports[0].graph}> <{PK.contentHash}> ?h }} }}")


# ---- the subject rule: ≥ 8 phrasings no corpus file contains (an invented county, 岱山县, and others)
SUBJECTS = [
    ("岱山县海岛旅游专项规划", "岱山县", "海岛旅游"),
    ("岱山县县域国土空间总体规划", "岱山县", ""),
    ("岱山县国土空间总体规划", "岱山县", ""),
    ("岱山县渔港经济区详细规划", "岱山县", "渔港经济区"),
    ("浙江省岱山县海塘安澜专项规划", "岱山县", "海塘安澜"),
    ("岱山县国土空间生态修复规划", "岱山县", "生态修复"),
    ("岱山县综合防灾减灾规划", "岱山县", "综合防灾减灾"),
    ("岱山县市政基础设施专项规划", "岱山县", "市政基础设施"),
    ("岱山县历史文化名镇保护规划纲要", "岱山县", "历史文化名镇保护"),
]


@pytest.mark.parametrize("name,region,subject", SUBJECTS)
def test_subject_from_title(name, region, subject, collected_cases):
    assert plan_subject(name, region) == subject
    assert collected_cases("test_subject_from_title") == len(SUBJECTS)


def test_a_cited_plan_resolves_to_its_id_whatever_period_it_prints():
    gaz = gazetteer()
    for title in ("山阴县国土空间总体规划（2021-2035年）", "山阴县国土空间总体规划（2021-2030年）",
                  "山阴县县域国土空间总体规划"):
        assert plan_ref_for_title(title, gaz) == ("140621-master", "山阴县")
    special = plan_ref_for_title("朔州市综合交通专项规划（2021-2035年）", gaz)
    other = plan_ref_for_title("朔州市国土空间生态修复专项规划（2021-2035年）", gaz)
    assert special and other and special[0] != other[0] and special[0].startswith("140600-special-")


def test_upload_route_keeps_plans_apart_and_says_what_it_did(tmp_path):
    from fastapi.testclient import TestClient

    from plankg.api.app import create_app
    from plankg.settings import Settings

    auth = {"authorization": "Bearer t0ken"}
    transport, restoration = sorted(OWN.glob("朔州市*"))[::-1]

    def post(c, path: Path, text: str | None = None):
        data = (text if text is not None else path.read_text(encoding="utf-8")).encode("utf-8")
        return c.post("/api/plans", files={"file": (path.name, data, "text/plain")}, headers=auth)

    with TestClient(create_app(Settings(store=str(tmp_path / "s"), update_token="t0ken", query_workers=1))) as c:
        a, b = post(c, transport), post(c, restoration)
        assert (a.status_code, b.status_code) == (201, 201)
        assert a.json()["outcome"] == b.json()["outcome"] == "new-plan" and a.json()["graph"] != b.json()["graph"]
        again = post(c, transport)
        assert again.status_code == 200 and again.json()["outcome"] == "unchanged"
        changed = post(c, transport, transport.read_text(encoding="utf-8").replace("90%", "92%"))
        assert changed.status_code == 200 and changed.json()["outcome"] == "replaced-version"
        assert "replaces version 征求意见稿" in changed.json()["message"]
        ids = {p["id"] for p in c.get("/api/plans").json()}
        assert {a.json()["plan_id"], b.json()["plan_id"]} <= ids


def test_which_graphs_an_update_may_touch():
    stored = {"urn:g:1", "urn:g:2"}
    touches = versions.graphs_an_update_touches
    assert touches('INSERT DATA { GRAPH <urn:g:1> { <urn:s> <urn:p> "x" } }', stored) == {"urn:g:1"}
    assert touches("WITH <urn:g:2> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", stored) == {"urn:g:2"}
    assert touches("DELETE WHERE { GRAPH ?g { ?s <urn:p> ?o } }", stored) == stored
    assert touches("drop silent all", stored) == stored
    assert touches('INSERT DATA { <urn:s> <urn:p> "x" }', stored) == set()  # the default graph only


def test_chat_answers_from_the_current_version():
    from plankg import ask

    with PlanStore(None) as st:
        for f in sorted(OWN.glob("山阴县*")):
            ingest_file(st, f)
        res = ask.ask(st, "山阴县森林覆盖率是多少？")
        assert [a["label"] for a in res["answers"]] == ["24%"]
