"""Audit slots and job files (issue 20 §4), against a real uvicorn on 127.0.0.1: one client cannot take
every audit slot; an audit killed at the time limit leaves no uploaded file behind; the audit's
checkpoint is hard links beside the store even when the temp folder is on another filesystem; a
worker that grew is replaced. Clients are told apart by their source address (127.0.0.2, 127.0.0.3…)."""
from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("pdf_bombs", HERE / "pdf_bombs.py")
bombs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bombs)

SLOW = bombs.ruled_grid(320)  # with table finding allowed everywhere, minutes of work: it holds its slot past the time limit
SMALL = ("岱山县国土空间总体规划（2021—2035年）\n第一章 总则\n"
         "第一条 到2035年，全县耕地保有量不低于1.85万亩。\n").encode()
TIME_LIMIT = 45


def client(address: str) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=180)


def audit(c: httpx.Client, url: str, data: bytes, name: str) -> httpx.Response:
    kind = "application/pdf" if name.endswith(".pdf") else "text/plain"
    return c.post(url + "/api/audit", files={"file": (name, data, kind)})


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            found |= {int(p) for p in f.read().split()}
    return found


@pytest.fixture(scope="module")
def other_fs_tmp(tmp_path_factory):
    """A temp folder on another filesystem than the test stores (/dev/shm), or None."""
    base = tmp_path_factory.mktemp("probe")
    if not os.path.isdir("/dev/shm") or os.stat("/dev/shm").st_dev == os.stat(base).st_dev:
        yield None
        return
    folder = tempfile.mkdtemp(prefix="plankg-test-tmp-", dir="/dev/shm")
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def server(live_server_factory, api_sample_store, tmp_path_factory, other_fs_tmp):
    store = tmp_path_factory.mktemp("secaudit") / "store"
    shutil.copytree(api_sample_store, store)
    tmp = other_fs_tmp or tmp_path_factory.mktemp("server-tmp")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TMPDIR", str(tmp))  # the server's temp folder, watched by the tests
        srv = live_server_factory(store, query_workers=3, audits_per_client=1, audit_timeout=TIME_LIMIT,
                                  max_pdf_table_crossings=10**9)
    srv.store, srv.tmp = store, tmp
    warm: list[int] = []

    def warm_up(address):  # two audits at once start two warm workers: cold starts stay out of the tests
        with client(address) as c:
            warm.append(audit(c, srv.url, SMALL, "plan.txt").status_code)

    threads = [threading.Thread(target=warm_up, args=(a,)) for a in ("127.0.0.6", "127.0.0.7")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert warm == [200, 200]
    return srv


def test_one_client_cannot_take_every_audit_slot(server):
    """Client A starts three slow audits at once: one runs, two get 429 at once; client B's audit
    still finds a free slot (before: A held all three and B got 503 PKG-403)."""
    results: list[httpx.Response] = []

    def slow():
        with client("127.0.0.2") as a:
            results.append(audit(a, server.url, SLOW, "grid.pdf"))

    threads = [threading.Thread(target=slow) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(2)
    with client("127.0.0.3") as b:
        answer = audit(b, server.url, SMALL, "plan.txt")
    for t in threads:
        t.join()
    assert answer.status_code == 200, answer.text[:300]
    codes = sorted((r.status_code, r.json()["error"]["code"]) for r in results)
    assert codes == [(429, "PKG-609"), (429, "PKG-609"), (503, "PKG-402")], codes


def _sst_links(store: Path) -> int:
    return max(os.stat(p).st_nlink for p in store.glob("*.sst"))


def test_an_audit_killed_at_the_time_limit_leaves_nothing_behind(server):
    """The slow audit is killed at the time limit (503). Meanwhile its checkpoint hard-links the
    store's files (a copy would leave their link count as it was), and afterwards neither the temp
    folder nor the job folder beside the store holds the uploaded file."""
    assert list(server.store.glob("*.sst")), "the sample store has table files"
    before = _sst_links(server.store)
    done: list[httpx.Response] = []
    def slow():
        with client("127.0.0.4") as c:
            done.append(audit(c, server.url, SLOW, "bomb-grid.pdf"))

    thread = threading.Thread(target=slow)
    thread.start()
    most = before
    while thread.is_alive():
        most = max(most, _sst_links(server.store))
        time.sleep(0.2)
    assert done[0].status_code == 503 and done[0].json()["error"]["code"] == "PKG-402", done[0].text[:300]
    if server.tmp.parent == Path("/dev/shm"):  # the temp folder is on another filesystem than the store
        assert most > before, "the audit checkpoint was a copy, not hard links beside the store"
    left = [p for p in server.tmp.rglob("*") if p.name != "jieba.cache"]  # jieba's own word cache stays
    left += list(server.store.parent.glob(".store.audits/*"))
    assert left == [], left


def test_a_worker_that_grew_is_replaced(live_server_factory, api_sample_store, tmp_path):
    """PLANKG_AUDIT_RECYCLE_MB below any audit's peak: every audit's worker is ended after it, so no
    process keeps the memory an audit used (the default keeps a warm worker: one more process)."""
    shutil.copytree(api_sample_store, tmp_path / "a")
    shutil.copytree(api_sample_store, tmp_path / "b")
    grown = {}
    for name, recycle in (("a", 1), ("b", 100_000)):
        srv = live_server_factory(tmp_path / name, audit_recycle_mb=recycle)
        idle = children(srv.proc.pid)
        with client("127.0.0.5") as c:
            assert audit(c, srv.url, SMALL, "plan.txt").status_code == 200
        grown[name] = children(srv.proc.pid) - idle
        srv.stop()
    assert grown["a"] == set() and len(grown["b"]) == 1, grown
