"""The dossier's 实施监测 section in real headless Chromium against a real uvicorn: the table with coloured
statuses, one uPlot chart per indicator (vendored, nothing from the internet), and a city's map with its
counties coloured by their worst status. Screenshots go to test-artifacts/monitor-*.png."""
from __future__ import annotations

import shutil
import urllib.parse
from pathlib import Path

import pytest

from plankg.graph.ingest import bundled_examples, ingest_paths
from plankg.graph.namespaces import ID
from plankg.graph.store import PlanStore
from plankg.monitor.render import COLOURS

DATA = Path(__file__).parent / "data" / "monitor"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
pytestmark = pytest.mark.browser
# invented observations for two counties the bundled city plan allocates to (values of no real report)
COUNTY_CSV = "统计年度,地区,指标名称,指标值,计量单位\n2023,应县,耕地保有量,88.0,万亩\n2023,山阴县,城乡建设用地规模,50.0,平方公里\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory, live_server_factory):
    folder = tmp_path_factory.mktemp("monitor-web")
    shutil.copytree(DATA, folder / "files")
    (folder / "files" / "县级指标监测（测试）.csv").write_text(COUNTY_CSV, encoding="utf-8")
    with PlanStore(folder / "store") as st:
        reports = ingest_paths(st, bundled_examples() + [folder / "files"])
    srv = live_server_factory(folder / "store", query_workers=0)
    srv.plans = {r.plan_id.split("-")[0]: f"{ID}plan/{r.plan_id}" for r in reports if r.plan_id}
    return srv


@pytest.fixture(scope="module")
def page(new_page):
    return new_page(width=1250, height=1400, locale="zh-CN")


def plan_url(server, code: str) -> str:
    return server.url + "/plan?iri=" + urllib.parse.quote(server.plans[code], safe="")


def test_monitoring_section_table_and_charts(server, page):
    page.goto(plan_url(server, "330921"))
    page.wait_for_selector("#monitor-charts canvas")
    assert page.locator("#monitor h3").inner_text() == "实施监测（2024）"
    rows = page.locator("#monitor-table tbody tr")
    assert rows.count() == 7
    statuses = page.locator("#monitor-table .mstatus").all_inner_texts()
    assert sorted(statuses) == sorted(["滞后", "未达标", "未达标", "达标", "达标", "预警", "符合进度"])
    # each status in its colour (the colour table of plankg.monitor.render)
    warning = page.locator("#monitor-table tr", has_text="城乡建设用地规模").locator(".mstatus")
    assert warning.evaluate("e => getComputedStyle(e).backgroundColor") == _rgb(COLOURS["预警"])
    assert "来源不一致" in page.locator("#monitor-table tr", has_text="国土开发强度").inner_text()
    # one chart per indicator: observed values, target and path drawn by uPlot on a canvas, with a legend
    charts = page.locator("#monitor-charts figure.mchart")
    assert charts.count() == 7 and page.locator("#monitor-charts canvas").count() == 7
    legend = charts.filter(has_text="森林覆盖率").locator(".u-legend").inner_text()
    assert "监测值" in legend and "目标" in legend and "进度线" in legend
    assert page.external == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#monitor").screenshot(path=str(ARTIFACTS / "monitor-dossier.png"))


def test_city_map_colours_counties_by_worst_status(server, page):
    page.goto(plan_url(server, "140600"))
    page.wait_for_selector("#region-map path.leaflet-interactive")
    fills = page.locator("#region-map path.leaflet-interactive").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    assert fills.count(COLOURS["未达标"]) == 1 and fills.count(COLOURS["符合进度"]) == 1
    counties = page.locator("#monitor .mcounty").all_inner_texts()
    assert sorted(c.replace(" ", "") for c in counties) == ["山阴县符合进度", "应县未达标"]
    assert page.external == []
    page.locator("#region-map").screenshot(path=str(ARTIFACTS / "monitor-city-map.png"))


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"
