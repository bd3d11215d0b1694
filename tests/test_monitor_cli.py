"""`plankg monitor` and GET /api/plans/{id}/monitor end to end, on an invented county (a plan, a Markdown
report and a differently headed CSV in tests/data/monitor), and the dev score (bench/monitor_eval.py)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plankg.cli import app

DATA = Path(__file__).parent / "data" / "monitor"
REPO = Path(__file__).resolve().parents[1]
# worked out by hand from the rule (docs/monitor.md) and the three files
EXPECTED = {
    2024: {"森林覆盖率": "滞后", "湿地保护率": "未达标", "耕地保有量": "未达标", "永久基本农田保护面积": "达标",
           "生态保护红线面积": "达标", "城乡建设用地规模": "预警", "国土开发强度": "符合进度"},
    2023: {"森林覆盖率": "滞后", "湿地保护率": "无数据", "耕地保有量": "达标", "永久基本农田保护面积": "达标",
           "生态保护红线面积": "无数据", "城乡建设用地规模": "预警", "国土开发强度": "符合进度"},
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("monitor")
    files = folder / "files"
    shutil.copytree(DATA, files)
    location = str(folder / "store")
    r = CliRunner().invoke(app, ["ingest", "--store", location, str(files)])
    assert r.exit_code == 0, r.output
    return location


def _run(store: str, *args: str):
    return CliRunner().invoke(app, ["monitor", "--store", store, *args])


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_statuses(store: str, year: int) -> None:
    r = _run(store, "岱山县", "--year", str(year))
    assert r.exit_code == (1 if {"未达标", "突破"} & set(EXPECTED[year].values()) else 0), r.output
    rows = [x for x in json.loads(r.stdout)["indicators"] if x["row"] == "plan"]
    assert {x["indicator"]: x["status"] for x in rows} == EXPECTED[year]


def test_row_carries_target_base_observation_path_and_source(store: str) -> None:
    rows = json.loads(_run(store, "岱山县", "--year", "2024").stdout)["indicators"]
    land = next(x for x in rows if x["indicator"] == "城乡建设用地规模")
    assert land["target"]["value"] == 5200 and land["target"]["bound"] == "≤" and land["target"]["year"] == 2035
    assert land["base"]["value"] == 5000 and land["base"]["year"] == 2020
    assert land["observed"]["value"] == 5120 and land["observed"]["source"] == "report"
    assert "5120" in land["observed"]["text"]
    assert land["path"] == pytest.approx(5053.3333, abs=1e-3)
    farmland = next(x for x in rows if x["indicator"] == "耕地保有量")  # 公顷 observed, 万亩 target
    assert farmland["observed_in_target_unit"] == pytest.approx(8.19, abs=1e-3)
    assert [p["year"] for p in farmland["series"]] == [2020, 2023, 2024]


def test_report_and_table_disagreeing_are_both_kept_and_flagged(store: str) -> None:
    rows = json.loads(_run(store, "岱山县", "--year", "2024").stdout)["indicators"]
    intensity = next(x for x in rows if x["indicator"] == "国土开发强度")
    assert intensity["conflict"] is True
    assert sorted((o["value"], o["source"]) for o in intensity["observations"]) == [(9.7, "table"), (9.8, "report")]
    farmland = next(x for x in rows if x["indicator"] == "耕地保有量")  # the same value in both: no flag
    assert farmland["conflict"] is False and len(farmland["observations"]) == 2


def test_markdown_and_html(store: str) -> None:
    md = _run(store, "岱山县", "--year", "2024", "--format", "md").stdout
    assert md.count("\n| ") == 1 + len(EXPECTED[2024]) and "| 预警 |" in md and "来源不一致" in md
    html = _run(store, "岱山县", "--year", "2024", "--format", "html").stdout
    assert html.startswith("<!doctype html>") and html.count("class=\"status\"") == len(EXPECTED[2024])


@pytest.mark.parametrize("args", [["不存在的县"], ["岱山县", "--format", "xml"], ["岱山县", "--year", "99"]])
def test_bad_input_exits_2(store: str, args: list[str]) -> None:
    r = _run(store, *args)
    assert r.exit_code == 2 and "PKG-" in r.output


def test_api_route(store: str) -> None:
    from plankg.api.app import create_app
    from plankg.settings import Settings

    with TestClient(create_app(Settings(store=store))) as client:
        plan_id = next(p["id"] for p in client.get("/api/plans").json() if "岱山县" in p["title"])
        r = client.get(f"/api/plans/{plan_id}/monitor", params={"year": 2023})
        assert r.status_code == 200
        assert {x["indicator"]: x["status"] for x in r.json()["indicators"]} == EXPECTED[2023]
        assert client.get(f"/api/plans/{plan_id}/monitor", params={"format": "md"}).text.startswith("# 实施监测")
        bad = client.get("/api/plans/no-such-plan/monitor")
        assert bad.status_code == 404 and bad.json()["error"]["code"] == "PKG-301"
        assert client.get(f"/api/plans/{plan_id}/monitor", params={"format": "pdf"}).json()["error"]["code"] == "PKG-501"


def test_dev_score_is_complete() -> None:
    """The dev 右玉县 plan with the seed, its annex, its report and its statistics table: every gold status."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("monitor_eval", REPO / "bench" / "monitor_eval.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    if not bench.DEV_GOLD.exists():
        pytest.skip("the shared dev corpus is not here")
    gold = json.loads(bench.DEV_GOLD.read_text(encoding="utf-8"))
    from plankg.graph.ingest import ingest_file
    from plankg.graph.store import PlanStore

    with PlanStore() as st:
        for f in bench.dev_files(gold):
            ingest_file(st, f)
        right, total, misses = bench.score(st, gold)
        rows = bench.monitor_plan(st, gold["region"], gold["year"])["indicators"]
    assert total == len(gold["monitor"]) + len(gold["monitor_prev"]) == 16
    assert right == total, misses
    # after the plan's own row, the higher plan's allocation for the county, marked as such
    kinds = [(r["indicator"], r["row"]) for r in rows]
    first_allocation = next(i for i, k in enumerate(kinds) if k[1] == "allocation")
    assert kinds[first_allocation - 1] == (kinds[first_allocation][0], "plan")
    assert all(r["allocated_by"] for r in rows if r["row"] == "allocation")
