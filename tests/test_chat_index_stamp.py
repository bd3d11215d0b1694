"""The chat index is kept by ingest and follows each graph's content stamp, not its triple count."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from plankg.ask.names import NameTable
from plankg.ask.passages import index_path
from plankg.cli import app
from plankg.graph import versions
from plankg.graph.store import PlanStore

OWN = Path(__file__).parent / "data" / "versions"
SHARED = Path(__file__).parent.parent.parent / "shared"
runner = CliRunner()
QUESTION = "公交站点500米覆盖率是多少？"


def _variant(tmp_path: Path, folder: str, value: str) -> Path:
    source = next(OWN.glob("朔州市综合交通*"))
    out = tmp_path / folder / source.name
    out.parent.mkdir()
    out.write_text(source.read_text(encoding="utf-8").replace("达到90%", f"达到{value}"), encoding="utf-8")
    return out


def _evidence(store: str) -> str:
    r = runner.invoke(app, ["ask", QUESTION, "--json", "--store", store])
    assert r.exit_code == 0, r.output
    return json.dumps(json.loads(r.stdout.splitlines()[0])["evidence"], ensure_ascii=False)


def test_a_reuploaded_plan_with_the_same_triple_count_is_quoted_anew(tmp_path):
    store = str(tmp_path / "store")
    old, new = _variant(tmp_path, "a", "95%"), _variant(tmp_path, "b", "98%")
    first = json.loads(runner.invoke(app, ["ingest", str(old), "--store", store, "--json"]).stdout)
    assert "95%" in _evidence(store)
    second = json.loads(runner.invoke(app, ["ingest", str(new), "--store", store, "--json"]).stdout)
    assert second["triples"] == first["triples"] and second["outcome"] == "replaced-version"
    quoted = _evidence(store)
    assert "98%" in quoted and "95%" not in quoted


def test_ingest_leaves_the_index_built(tmp_path):
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(next(OWN.glob("朔州市综合交通*"))), "--store", str(store)]).exit_code == 0
    table = NameTable(index_path(store))
    recorded, _ = table.sizes()
    table.close()
    with PlanStore(store) as st:
        stamps = versions.graph_stamps(st)
    assert recorded == {g: f"h:{h}" for g, h in stamps.items()}  # every stamped graph read, by its stamp


def _consistent(store: Path) -> None:
    """Every graph is whole (its stamp is the hash of what it holds); the index, once opened, matches."""
    with PlanStore(store) as st:
        for g, stamp in versions.graph_stamps(st).items():
            assert versions.stamped(g, st.triples_of(g))[1] == stamp, g
        r = runner.invoke(app, ["ask", "规划期限是哪几年？", "--json", "--store", str(store)])
        assert r.exit_code == 0, r.output
        table = NameTable(index_path(store))
        recorded, _ = table.sizes()
        table.close()
        assert {g: k for g, k in recorded.items() if str(k).startswith("h:")} == \
            {g: f"h:{h}" for g, h in versions.graph_stamps(st).items()}


def test_kill_9_during_ingest_leaves_store_and_index_consistent(tmp_path):
    files = [str(p) for p in sorted((SHARED / "corpus" / "dev").glob("*"))]
    kills = 0
    for delay in (6.0, 9.0, 12.0):
        store = tmp_path / f"store{delay}"
        proc = subprocess.Popen([sys.executable, "-m", "plankg.cli", "ingest", *files, "--store", str(store)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        if store.exists():
            _consistent(store)
    assert kills >= 1


def test_a_sparql_update_in_place_restamps_the_graph_and_the_chat_follows(tmp_path):
    from fastapi.testclient import TestClient

    from plankg.api.app import create_app
    from plankg.graph.namespaces import PK
    from plankg.settings import Settings

    store = tmp_path / "store"
    report = json.loads(runner.invoke(app, ["ingest", str(_variant(tmp_path, "a", "95%")), "--store", str(store),
                                            "--json"]).stdout)
    auth = {"authorization": "Bearer up", "content-type": "application/sparql-update"}
    with TestClient(create_app(Settings(store=str(store), update_token="up", query_workers=1))) as c:
        assert "95%" in json.dumps(c.get("/api/ask", params={"q": QUESTION}).json()["evidence"], ensure_ascii=False)
        st = c.app.state.store
        (row,) = st.select(f'SELECT ?p ?t WHERE {{ GRAPH <{report["graph"]}> {{ ?p <{PK.text}> ?t '
                           'FILTER(CONTAINS(?t, "95%")) } }')
        new = row["t"].replace("95%", "97%")
        update = (f'DELETE DATA {{ GRAPH <{report["graph"]}> {{ <{row["p"]}> <{PK.text}> "{row["t"]}" }} }} ;\n'
                  f'INSERT DATA {{ GRAPH <{report["graph"]}> {{ <{row["p"]}> <{PK.text}> "{new}" }} }}')
        size = st.graph_size(report["graph"])
        assert c.post("/sparql", content=update.encode("utf-8"), headers=auth).status_code == 204
        assert st.graph_size(report["graph"]) == size  # same count, other content
        stamp = versions.graph_stamps(st)[report["graph"]]
        assert stamp != report["stamp"] and stamp == versions.stamped(report["graph"], st.triples_of(report["graph"]))[1]
        deadline = time.time() + 60
        while time.time() < deadline:  # the index notices the stamp on its next check (off the request path)
            quoted = json.dumps(c.get("/api/ask", params={"q": QUESTION}).json()["evidence"], ensure_ascii=False)
            if "97%" in quoted:
                break
            time.sleep(1)
        assert "97%" in quoted and "95%" not in quoted
