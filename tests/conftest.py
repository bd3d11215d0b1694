"""Shared pytest fixtures (each engineer adds fixtures; don't remove others')."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"


# ------------------------------------------------------------------ live HTTP servers (issue 3)
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen | None = None, timeout: float = 30.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stderr.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up within {timeout} s")


class LiveServer:
    """`plankg serve`'s app under a real uvicorn on 127.0.0.1, configured by PLANKG_* variables."""

    def __init__(self, store: Path | str, **settings):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PLANKG_STORE": str(store)}
        env.update({f"PLANKG_{k.upper()}": str(v) for k, v in settings.items()})
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "plankg.api.app:create_app", "--factory", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_http(self.url + "/healthz", self.proc)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


@pytest.fixture(scope="module")
def live_server_factory():
    servers: list[LiveServer] = []

    def start(store, **settings) -> LiveServer:
        srv = LiveServer(store, **settings)
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.stop()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real `oxigraph serve` (pip package `oxigraph`) on 127.0.0.1 with a union default graph."""
    exe = Path(sys.executable).with_name("oxigraph")
    if not exe.exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    loc = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen([str(exe), "serve", "--location", str(loc), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(url + "/query?query=ASK%7B%7D", proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="session")
def api_sample_store(tmp_path_factory) -> Path:
    """A store directory holding the bundled sample plans, ingested once by the real pipeline."""
    from plankg.cli.serve import ensure_sample_data

    path = tmp_path_factory.mktemp("api-sample") / "store"
    assert ensure_sample_data(str(path)) >= 1
    return path


@pytest.fixture
def api_store_copy(api_sample_store, tmp_path) -> Path:
    """A private copy of the sample store, for tests that write or hold the store's lock."""
    import shutil

    dst = tmp_path / "store"
    shutil.copytree(api_sample_store, dst)
    return dst


@pytest.fixture
def collected_cases(request):
    """``collected_cases(name)``: how many cases of the parametrized test ``name`` pytest collects from the
    calling test's module (a fresh collection, so -k/-m selections do not change the count)."""
    module = request.node.getparent(pytest.Module)

    def count(test_name: str) -> int:
        return sum(1 for item in module.collect() if getattr(item, "originalname", None) == test_name)
    return count


# ------------------------------------------------------------------ invented plans as TriG
TRIG_PREFIXES = """@prefix pk: <https://w3id.org/plankg/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix d: <https://w3id.org/plankg/id/division/> .
@prefix x: <https://w3id.org/plankg/id/> .
@prefix v: <https://w3id.org/plankg/vocab/> .
"""


@pytest.fixture(scope="module")
def trig_store(request):
    """An in-memory store holding the calling module's ``TRIG`` (graphs of an invented plan; the usual
    prefixes are declared here)."""
    from plankg.graph.store import PlanStore

    st = PlanStore(None)
    st.load((TRIG_PREFIXES + request.module.TRIG).encode(), fmt="trig")
    yield st
    st.close()


@pytest.fixture(scope="module")
def plan_store(request, tmp_path_factory):
    """An in-memory store holding the calling module's ``PLAN`` (an invented plan's text, its title on the first
    line) as the real pipeline extracts and ingests it."""
    from plankg.graph.ingest import ingest_paths
    from plankg.graph.store import PlanStore

    text = request.module.PLAN
    path = tmp_path_factory.mktemp("plan") / f"{text.splitlines()[0].strip()}.txt"
    path.write_text(text, encoding="utf-8")
    st = PlanStore(None)
    ingest_paths(st, [path])
    yield st
    st.close()


# ------------------------------------------------------------------ headless Chromium (browser tests)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = REPO / "test-artifacts"  # screenshots and printed files a reader may want to look at


@pytest.fixture(scope="module")
def chromium():
    """Debian chromium driven by Playwright, one per test module; tests skip when it is not installed.

    Not one per session: Playwright's sync API keeps an asyncio loop running on the main thread while
    it is open, and later tests that call ``asyncio.run`` (``plankg serve`` in-process) would fail."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright  # only the browser tests need Playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def new_page(chromium):
    """``new_page(width=…, locale=…)`` → a page whose requests to anywhere but 127.0.0.1 and data: URLs are
    recorded in ``page.external`` (the app must need nothing from the internet)."""
    contexts = []

    def make(width: int = 1100, height: int = 900, locale: str | None = None):
        ctx = chromium.new_context(viewport={"width": width, "height": height}, locale=locale)
        contexts.append(ctx)
        page = ctx.new_page()
        page.external = []
        page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:"))
                else page.external.append(r.url))
        return page

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def http_helpers():
    """(free_port, wait_http) for a test that starts a server process itself (e.g. `plankg serve`)."""
    return free_port, wait_http
