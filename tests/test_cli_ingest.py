"""Issue 8 §9 and issue 13 §4: a command stores all of its files or none; read commands never create a store."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plankg.graph.store import PlanStore
from plankg.graph.namespaces import CATALOG_GRAPH, ONTOLOGY_GRAPH

GOOD = ("示例县国土空间总体规划（2021—2035年）\n第一章 总则\n"
        "第一条 规划期限为2021—2035年。\n第二条 到2035年，全县耕地保有量不低于8.2万亩。\n")


def plankg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plankg.cli", *args], capture_output=True, text=True, timeout=300)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b-empty.txt").write_text("", encoding="utf-8")
    (folder / "c-binary.txt").write_bytes(b"\x00\x01\x02\xff" * 400)
    return folder


def _plan_graphs(store: Path) -> list[str]:
    with PlanStore(store) as st:
        return [g for g in st.graphs() if g not in (ONTOLOGY_GRAPH, CATALOG_GRAPH)]


@pytest.mark.slow
def test_one_bad_file_stores_nothing_and_names_every_bad_file(tmp_path):
    store = tmp_path / "store"
    r = plankg("ingest", str(_folder(tmp_path)), "--store", str(store))
    assert r.returncode == 2
    assert "PKG-114" in r.stderr
    assert "b-empty.txt" in r.stderr and "c-binary.txt" in r.stderr and "a-good.txt" not in r.stderr
    assert _plan_graphs(store) == []


@pytest.mark.slow
def test_keep_going_stores_the_good_files_and_reports_the_bad(tmp_path):
    store = tmp_path / "store"
    r = plankg("ingest", str(_folder(tmp_path)), "--store", str(store), "--keep-going", "--json")
    assert r.returncode == 2
    stored = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert [s["file"] for s in stored] == ["a-good.txt"]
    assert "b-empty.txt" in r.stderr and "c-binary.txt" in r.stderr
    assert _plan_graphs(store) == [stored[0]["graph"]]


def test_read_commands_on_a_missing_store_exit_2_and_create_nothing(tmp_path):
    missing = tmp_path / "nowhere"
    for args in (["plans"], ["stats"], ["export"], ["hierarchy"], ["query", "ASK {}"]):
        r = plankg(*args, "--store", str(missing))
        assert r.returncode == 2, (args, r.stderr)
        assert "PKG-107" in r.stderr, (args, r.stderr)
        assert not missing.exists(), args


def test_read_commands_work_while_serve_holds_the_store(live_server_factory, api_sample_store, tmp_path):
    """The server holds the store's lock; read commands open it read-only, write commands fail cleanly."""
    import shutil

    store = tmp_path / "store"
    shutil.copytree(api_sample_store, store)
    live_server_factory(store)
    r = plankg("plans", "--store", str(store), "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {row["kind"] for row in rows} == {"plan", "annex"}
    annex = next(row for row in rows if row["kind"] == "annex")
    assert annex["title"] and "(附件)" not in annex["title"]  # the annex's own title
    q = plankg("query", "SELECT (COUNT(?c) AS ?n) WHERE { ?c a pk:County }", "--store", str(store), "--format", "json")
    assert q.returncode == 0, q.stderr  # pk: is predeclared
    assert int(json.loads(q.stdout)["rows"][0]["n"]) > 0
    plan = tmp_path / "good.txt"
    plan.write_text(GOOD, encoding="utf-8")
    w = plankg("ingest", str(plan), "--store", str(store))
    assert w.returncode == 2 and "PKG-401" in w.stderr  # writing needs the lock the server holds


@pytest.mark.slow
def test_reading_limits_come_from_the_settings(tmp_path):
    """PLANKG_MAX_PASSAGES reaches the reader: a file over it is refused (PKG-112) and nothing is stored."""
    plan = tmp_path / "plan.txt"
    plan.write_text(GOOD + "".join(f"第{n}条 补充条款。\n" for n in range(3, 20)), encoding="utf-8")
    store = tmp_path / "store"
    env_run = lambda extra: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "plankg.cli", "ingest", str(plan), "--store", str(store)],
        capture_output=True, text=True, timeout=300, env={**os.environ, **extra})
    refused = env_run({"PLANKG_MAX_PASSAGES": "5"})
    assert refused.returncode == 2 and "PKG-112" in refused.stderr
    assert _plan_graphs(store) == []
    accepted = env_run({"PLANKG_MAX_PASSAGES": "1000"})
    assert accepted.returncode == 0, accepted.stderr
    assert len(_plan_graphs(store)) == 1
