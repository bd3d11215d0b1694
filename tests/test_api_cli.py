"""`plankg serve`: first start ingests the bundled samples; `serve --get` runs one request in-process."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from plankg.cli import app
from plankg.settings import get_settings


def test_serve_get_on_a_fresh_default_store(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANKG_STORE", str(tmp_path / "data"))
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        first = runner.invoke(app, ["serve", "--get", "/api/plans"])
        assert first.exit_code == 0, first.output
        plans = json.loads(first.stdout)
        assert plans and all(p["id"] for p in plans)
        again = runner.invoke(app, ["serve", "--get", "/healthz"])  # no second ingest
        assert again.exit_code == 0 and "ingested" not in again.output
        assert json.loads(again.stdout)["graphs"] >= len(plans)
        missing = runner.invoke(app, ["serve", "--get", "/api/plans/000000-x"])
        assert missing.exit_code == 1 and json.loads(missing.stdout)["error"]["code"] == "PKG-301"
        ttl = runner.invoke(app, ["serve", "--get", "/sparql", "--accept", "text/turtle"])
        assert "sd:Service" in ttl.stdout
    finally:
        get_settings.cache_clear()


def test_workers_need_a_shared_store(tmp_path):
    r = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "s"), "--workers", "2"])
    assert r.exit_code == 2 and "PKG-501" in r.output
