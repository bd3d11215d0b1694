"""Client identity (issue 20 §5) under a real `plankg serve` (uvicorn) on 127.0.0.1: X-Forwarded-For
names the client only when the peer is a configured proxy (PLANKG_TRUSTED_PROXIES). Without one, a
client sending its own X-Forwarded-For headers is still one client with one set of query slots."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

_spec = importlib.util.spec_from_file_location("live_helpers", Path(__file__).with_name("conftest.py"))
live = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(live)  # its free_port / wait_http helpers

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
TIME_LIMIT = 6  # seconds a runaway query holds its slot before its worker is killed


class Served(live.LiveServer):
    """`plankg serve --store … --port …` in a subprocess (LiveServer runs the app under bare uvicorn,
    which would not apply plankg's proxy settings)."""

    def __init__(self, store: Path, **settings):
        self.port = live.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, **{f"PLANKG_{k.upper()}": str(v) for k, v in settings.items()}}
        env.pop("FORWARDED_ALLOW_IPS", None)
        exe = Path(sys.executable).with_name("plankg")
        self.proc = subprocess.Popen([str(exe), "serve", "--store", str(store), "--port", str(self.port)],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        live.wait_http(self.url + "/healthz", self.proc, timeout=60)


@pytest.fixture(scope="module")
def serve(api_sample_store, tmp_path_factory):
    started: list[Served] = []

    def start(**settings) -> Served:
        store = tmp_path_factory.mktemp("proxy") / "store"
        shutil.copytree(api_sample_store, store)
        srv = Served(store, query_workers=3, queries_per_client=1, query_timeout=TIME_LIMIT, **settings)
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.stop()


def query(url: str, forwarded: str | None = None, source: str = "127.0.0.1") -> httpx.Response:
    headers = {"Accept": "application/sparql-results+json"}
    if forwarded is not None:
        headers["X-Forwarded-For"] = forwarded
    with httpx.Client(transport=httpx.HTTPTransport(local_address=source), timeout=60) as c:
        return c.get(url + "/sparql", params={"query": RUNAWAY}, headers=headers)


def while_one_runs(url: str, first: dict, second: dict) -> httpx.Response:
    """Start a runaway query (``first``: query() arguments), then send ``second`` while it runs."""
    held: list[httpx.Response] = []
    thread = threading.Thread(target=lambda: held.append(query(url, **first)))
    thread.start()
    time.sleep(1.5)
    answer = query(url, **second)
    thread.join()
    assert held[0].status_code == 503 and held[0].json()["error"]["code"] == "PKG-402", held[0].text[:200]
    return answer


def _code(r: httpx.Response) -> tuple[int, str]:
    return r.status_code, r.json()["error"]["code"]


def test_direct_a_forged_forwarded_header_buys_no_slot(serve):
    """No trusted proxy (the default): a loopback client naming another address in X-Forwarded-For is
    still the same client — its second runaway query gets 429 at once (before: a second slot)."""
    srv = serve()
    answer = while_one_runs(srv.url, {"forwarded": "10.1.0.1"}, {"forwarded": "10.1.0.2"})
    assert _code(answer) == (429, "PKG-609"), answer.text[:200]


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_slots(serve):
    """PLANKG_TRUSTED_PROXIES=127.0.0.1: two clients the proxy forwards are two clients; a client
    prepending a forged address is still known by the address the proxy appended; a peer that is
    not a listed proxy cannot name a client at all."""
    srv = serve(trusted_proxies="127.0.0.1")
    other = while_one_runs(srv.url, {"forwarded": "10.2.0.1"}, {"forwarded": "10.2.0.2"})
    assert _code(other) == (503, "PKG-402")  # admitted: it ran into the time limit, as the first one did
    forged = while_one_runs(srv.url, {"forwarded": "10.2.0.1"}, {"forwarded": "10.2.0.99, 10.2.0.1"})
    assert _code(forged) == (429, "PKG-609"), forged.text[:200]
    unlisted = while_one_runs(srv.url, {"source": "127.0.0.2", "forwarded": "10.2.0.3"},
                              {"source": "127.0.0.2", "forwarded": "10.2.0.4"})
    assert _code(unlisted) == (429, "PKG-609"), unlisted.text[:200]
