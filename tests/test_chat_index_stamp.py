"""The chat index is kept by ingest and follows each graph's content stamp, not its triple count."""
from __future__ import annotations

import json
import os
import re
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
from plankg.graph.namespaces import ONTOLOGY_GRAPH
from plankg.graph.ingest import ingest_file
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
            if g != ONTOLOGY_GRAPH:  # its hash is of the ontology's source file, not of its triples
                assert versions.stamped(g, st.triples_of(g))[1] == stamp, g
        r = runner.invoke(app, ["ask", "规划期限是哪几年？", "--json", "--store", str(store)])
        assert r.exit_code == 0, r.output
        table = NameTable(index_path(store))
        recorded, _ = table.sizes()
        table.close()
        assert {g: k for g, k in recorded.items() if str(k).startswith("h:")} == \
            {g: f"h:{h}" for g, h in versions.graph_stamps(st).items()}


OUTCOME = re.compile(r"^\s+(new plan|new version|replaces version|unchanged)\b")


def test_kill_9_during_ingest_leaves_store_and_index_consistent(tmp_path):
    """Killed right after the k-th file is reported written (the next file, or the index update, under way):
    the k written plans are whole and stamped, and the index matches them."""
    files = [str(p) for p in sorted((SHARED / "corpus" / "dev").glob("*"))]
    assert len(files) >= 6
    for k in (1, 3, 5):
        store = tmp_path / f"store{k}"
        proc = subprocess.Popen([sys.executable, "-m", "plankg.cli", "ingest", *files, "--store", str(store)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                env={**os.environ, "COLUMNS": "200"})
        written = 0
        for line in proc.stdout:
            written += bool(OUTCOME.match(line))
            if written == k:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=60)
        assert written == k and proc.returncode == -signal.SIGKILL, (k, written, proc.returncode)
        with PlanStore(store) as st:
            plans = [g for g in versions.graph_stamps(st) if g != ONTOLOGY_GRAPH and "/annex" not in g]
        assert len(plans) >= k, plans
        _consistent(store)


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


def test_a_stored_graph_matches_the_stamp_taken_before_the_write():
    """The store writes typed literals canonically ("90.0"^^xsd:decimal comes back as "90"): the stamp
    recorded at ingest is the one the stored graph gives, so a reader or a restamp sees no change."""
    with PlanStore(None) as st:
        for f in sorted(OWN.glob("*.txt")):
            ingest_file(st, f)
        stamps = {g: h for g, h in versions.graph_stamps(st).items() if g != ONTOLOGY_GRAPH}
        assert len(stamps) == 7  # six versions and the catalog
        assert any("decimal" in str(t[2].datatype) for g in stamps for t in st.triples_of(g)
                   if hasattr(t[2], "datatype") and t[2].datatype is not None)
        for g, stamp in stamps.items():
            assert versions.stamped(g, st.triples_of(g))[1] == stamp, g
        versions.restamp(st, list(stamps))
        assert {g: h for g, h in versions.graph_stamps(st).items() if g != ONTOLOGY_GRAPH} == stamps


def test_a_stamped_store_is_indexed_without_counting_it_and_a_hand_loaded_graph_still_is(tmp_path):
    """Every plan graph stamped: a new process reads the index from the stamps (the store is not counted,
    and no older count is kept beside counts it no longer goes with). A graph loaded by hand has no stamp:
    the store is counted again and the graph indexed by its size."""
    from plankg.ask import get_index

    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(next(OWN.glob("朔州市综合交通*"))), "--store", str(store)]).exit_code == 0
    with PlanStore(store) as st:
        get_index(st)
        st.load('<urn:x:park> <http://www.w3.org/2000/01/rdf-schema#label> "岱山县云雀湖湿地公园" .\n'.encode(),
                fmt="nt", graph="urn:x:hand")
    table = NameTable(index_path(store))
    known, total = table.sizes()
    table.close()
    assert total is None and all(str(v).startswith("h:") for g, v in known.items() if "/graph/" in g)
    with PlanStore(store) as st:
        get_index(st)
        size, hand = len(st), st.graph_size("urn:x:hand")
    table = NameTable(index_path(store))
    known, total = table.sizes()
    table.close()
    assert total == size and known["urn:x:hand"] == hand == 1
