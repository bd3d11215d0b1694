"""The README's order: `plankg serve` running, then `plankg ingest` on the same store — the files go through
the server (which holds the store's lock) and its chat index follows; a dry run reads the store read-only."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx

OWN = Path(__file__).parent / "data" / "versions"


def plankg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plankg.cli", *args], capture_output=True, text=True, timeout=600,
                          env=env)


def test_ingest_goes_through_the_running_server(tmp_path, http_helpers):
    free_port, wait_http = http_helpers
    store = tmp_path / "store"
    first, second = sorted(OWN.glob("朔州市*"))
    assert plankg("ingest", str(first), "--store", str(store)).returncode == 0
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PLANKG_UPDATE_TOKEN"}  # as a newcomer: no token set
    server = subprocess.Popen([sys.executable, "-m", "plankg.cli", "serve", "--store", str(store), "--port", str(port),
                               "--no-samples"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/healthz", server)
        assert (tmp_path / "store.serve.json").stat().st_mode & 0o077 == 0  # the owner's only
        dry = plankg("ingest", str(second), "--store", str(store), "--dry-run", env=env)
        assert dry.returncode == 0 and "would be: new plan" in dry.stdout
        assert len(httpx.get(url + "/api/plans").json()) == 1  # the dry run wrote nothing
        r = plankg("ingest", str(second), "--store", str(store), "--json", env=env)
        assert r.returncode == 0, r.stderr
        report = json.loads(r.stdout)
        assert report["outcome"] == "new-plan" and report["file"] == second.name
        assert "the running server" in r.stderr
        plans = httpx.get(url + "/api/plans").json()
        assert report["plan_id"] in {p["id"] for p in plans} and len(plans) == 2
        answer = httpx.get(url + "/api/ask", params={"q": "历史遗留矿山生态修复面积是多少？"}, timeout=120).json()
        assert "3200" in json.dumps(answer, ensure_ascii=False)
        # nobody else may use the run's token from elsewhere than this machine; a wrong one is refused
        wrong = httpx.post(url + "/api/plans", files={"file": ("a.txt", b"x", "text/plain")},
                           headers={"authorization": "Bearer not-the-token"})
        assert wrong.status_code == 403
    finally:
        server.terminate()
        server.wait(30)
    assert not (tmp_path / "store.serve.json").exists()
