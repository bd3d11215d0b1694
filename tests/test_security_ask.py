"""Chat questions within bounds, against a real uvicorn on 127.0.0.1: follow-up context lists de-duplicated
and capped, a long question against a store with a long title in bounded memory, a deadline, a per-client
limit, and /healthz answering while a flood of questions runs (bounded loops, loopback only).

The plan is made up (a county plan for 岱山县); no line comes from a corpus file.
"""
from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import httpx
import pytest

from plankg.graph.ingest import ingest_paths
from plankg.graph.namespaces import ID
from plankg.graph.store import PlanStore

TOKEN = "ask-token"
PLAN = (Path(__file__).parent / "data" / "invented_county_plan.txt").read_text(encoding="utf-8")  # 岱山县, invented
DIVISIONS = [f"{ID}division/330921", f"{ID}division/330921100", f"{ID}division/330921101",
             f"{ID}division/330921106", f"{ID}division/330921200"]
LONG_TITLE = "岱山县" + "".join(chr(0x4e00 + (i * 7919) % 20000) for i in range(660)) + "国土空间总体规划"
CONTEXT_CAP = 3


def long_question(n: int = 2000, seed: int = 7) -> str:
    """``n`` characters of distinct-looking Chinese text: every substring is new to the name linker."""
    rng = random.Random(seed)
    return "".join(chr(rng.randint(0x4e00, 0x9fa5)) for _ in range(n - 4)) + "有哪些？"


def _store(folder: Path) -> Path:
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    with PlanStore(folder / "store") as st:
        ingest_paths(st, [folder / "plan.txt"])
    return folder / "store"


def _peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]) / 1024


def _ask(server, body: dict, timeout: float = 120) -> httpx.Response:
    return httpx.post(server.url + "/api/ask", json=body, timeout=timeout)


@pytest.fixture(scope="module")
def server(tmp_path_factory, live_server_factory):
    """Questions are not limited per client here (the flood comes from one address), two at a time."""
    srv = live_server_factory(_store(tmp_path_factory.mktemp("ask-bounds")), update_token=TOKEN, query_workers=0,
                              asks_per_client=0, ask_workers=2, ask_max_context_items=CONTEXT_CAP,
                              ask_timeout=120)
    assert _ask(srv, {"q": "岱山县有哪些重点项目？"}).status_code == 200  # the index is built
    return srv


def test_repeated_context_iris_are_deduplicated_and_capped(server):
    first = _ask(server, {"q": "岱山县有哪些重点项目？"}).json()
    assert first["intent"]["kind"] == "entities" and first["answers"], first
    ctx = first["intent"]
    # 4,000 copies of one division, then every division twice; and repeated years and words
    ctx["slots"]["places"] = [DIVISIONS[0]] * 4000 + DIVISIONS * 2
    ctx["slots"]["years"] = [2035] * 3000
    ctx["slots"]["soft_words"] = ["海岛"] * 3000
    r = _ask(server, {"q": "那耕地保有量呢？", "context": ctx})  # a follow-up keeping the places
    assert r.status_code == 200, r.text[:300]
    slots = r.json()["intent"]["slots"]
    assert slots["places"] == DIVISIONS[:CONTEXT_CAP], slots["places"]
    assert slots["years"] == [2035] and slots.get("soft_words", ["海岛"]) == ["海岛"], slots


def test_a_plan_property_context_is_deduplicated_and_capped(server):
    """A follow-up on a plan property ("…的规划期限？" then "基期年呢？") keeps its props list bounded too."""
    first = _ask(server, {"q": "岱山县规划的基期年是哪一年？"}).json()
    assert first["intent"]["kind"] == "meta", first["intent"]
    ctx = first["intent"]
    ctx["slots"]["props"] = ["baseYear"] * 3000 + ["visionYear", "no-such-prop"]
    r = _ask(server, {"q": "岱山县有多少个乡镇？", "context": ctx})
    assert r.status_code == 200, r.text[:300]
    assert "internal error (logged)" not in r.json().get("notes", []), r.json()


def test_long_question_against_a_long_title_stays_small(server):
    update = f"""PREFIX eli: <http://data.europa.eu/eli/ontology#>
        DELETE {{ GRAPH ?g {{ ?p eli:title ?t }} }}
        INSERT {{ GRAPH ?g {{ ?p eli:title "{LONG_TITLE}" ; eli:alternative "{LONG_TITLE[:8]}" }} }}
        WHERE {{ GRAPH ?g {{ ?p a <https://w3id.org/plankg/def#Plan> ; eli:title ?t }} }}"""
    r = httpx.post(server.url + "/sparql", content=update.encode(), timeout=60,
                   headers={"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204, r.text
    titles = httpx.get(server.url + "/api/plans", timeout=60).json()
    assert any(len(p["title"]) > 600 for p in titles), [p["title"][:20] for p in titles]
    assert _ask(server, {"q": "岱山县有哪些重点项目？"}).status_code == 200  # the index syncs (one triple more)
    before = _peak_rss_mb(server.proc.pid)
    for seed in (1, 2):
        r = _ask(server, {"q": long_question(seed=seed)})
        assert r.status_code == 200, r.text[:300]
    grown = _peak_rss_mb(server.proc.pid) - before
    assert grown < 300, f"peak memory grew by {grown:.0f} MB"  # unbounded: +2 GB at 1,000 characters


def test_healthz_answers_while_45_questions_run(server):
    statuses: list[int] = []
    done = threading.Event()

    def one(seed: int) -> None:
        try:
            statuses.append(_ask(server, {"q": long_question(seed=100 + seed)}, timeout=600).status_code)
        except httpx.HTTPError:
            statuses.append(-1)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(45)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # the flood is in: every question is open
    health = []
    for _ in range(5):
        t0 = time.perf_counter()
        r = httpx.get(server.url + "/healthz", timeout=5)
        health.append((r.status_code, time.perf_counter() - t0, len(statuses)))
    for t in threads:
        t.join(600)
    done.set()
    assert all(code == 200 for code, _, _ in health), health
    assert any(finished < 45 for _, _, finished in health), health  # asked while questions were still open
    assert sorted(set(statuses)) == [200], statuses


@pytest.fixture(scope="module")
def strict(tmp_path_factory, live_server_factory):
    return live_server_factory(_store(tmp_path_factory.mktemp("ask-strict")), query_workers=0, asks_per_client=1,
                               ask_workers=4, ask_timeout=0.1)


def test_a_question_past_its_deadline_is_stopped(strict):
    _ask(strict, {"q": "岱山县有哪些重点项目？"})  # the index is built (shared work, outside any deadline)
    r = _ask(strict, {"q": long_question(seed=3)})
    assert r.status_code == 503, r.text[:300]
    err = r.json()["error"]
    assert err["code"] == "PKG-402" and "PLANKG_ASK_TIMEOUT" in err["detail"], err
    assert httpx.get(strict.url + "/healthz", timeout=10).status_code == 200


def test_one_client_gets_a_limited_number_of_open_questions(strict):
    statuses: list[tuple[int, dict]] = []
    barrier = threading.Barrier(6)

    def one(seed: int) -> None:
        barrier.wait()
        r = _ask(strict, {"q": long_question(seed=200 + seed)})
        statuses.append((r.status_code, r.json().get("error", {})))

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    codes = [c for c, _ in statuses]
    assert len(codes) == 6 and set(codes) <= {200, 429, 503}, statuses
    assert 429 in codes and any(c != 429 for c in codes), codes
    refused = next(e for c, e in statuses if c == 429)
    assert refused["code"] == "PKG-609" and "PLANKG_ASKS_PER_CLIENT" in refused["detail"], refused
