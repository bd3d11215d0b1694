"""Issue 8 §1: the SSRF bypass (a comment ended by a bare CR hid SERVICE from the guard), fuzzed.

A loopback HTTP listener counts every request it gets. Mutations of comments, line terminators,
whitespace, escapes and case around SERVICE, LOAD, FROM and the graph-uri parameters are sent to a
real uvicorn server by GET, form POST and direct POST; none may reach the listener. The same trick
through `plankg query` must not reach it either.
"""
from __future__ import annotations

import http.server
import itertools
import random
import shutil
import subprocess
import sys
import threading

import httpx
import pytest

from plankg.graph import guard

TOKEN = "ssrf-token"
MIN_MUTATIONS = 500


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def _hit(self):
        type(self).hits += 1
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"urn:leaked"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _hit

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def listener():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture(scope="module")
def server(live_server_factory, api_sample_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("ssrf") / "store"
    shutil.copytree(api_sample_store, store)
    return live_server_factory(store, update_token=TOKEN, query_timeout=5)


# ---------------------------------------------------------------------- mutations
COMMENT_ENDS = ["\r", "\n", "\r\n", "\n\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\t"]
SPACES = [" ", "\t", "\n", "\r", "\r\n", "  \r ", "\x0c"]
COMMENTS = ["#", "# x", "#\\", "#'", '#"', "#<", "#}", "#{ ", "# SERVICE"]


def _case(word: str, rnd: random.Random) -> str:
    return "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in word)


def query_mutations(target: str) -> list[str]:
    rnd = random.Random(8)
    out = []
    for comment, end, space in itertools.product(COMMENTS, COMMENT_ENDS, SPACES[:3]):
        kw = _case("SERVICE", rnd)
        out.append(f"SELECT ?s WHERE {{ {comment}{end}{kw}{space}<{target}> {{ ?s ?p ?o }}\n}}")
    for end, space in itertools.product(COMMENT_ENDS, SPACES):
        kw = _case("service", rnd)
        out.append(f"SELECT * {{{space}#{end}{kw} SILENT <{target}>{space}{{ ?s ?p ?o }} }}")
        out.append(f"ASK {{ FILTER EXISTS {{ #{end}{kw} <{target}> {{ ?s ?p ?o }} }} }}")
        out.append(f"SELECT * FROM <{target}> {{ #{end} ?s ?p ?o }}")
        out.append(f"SELECT * {{ #{end}SERV\\u0049CE <{target}> {{ ?s ?p ?o }} }}")
        out.append(f"PREFIX x: <{target}>{space}SELECT * {{ #{end}{kw} x: {{ ?s ?p ?o }} }}")
        out.append(f"SELECT * {{ BIND(\"#\" AS ?x) #{end}{kw} <{target}> {{ ?s ?p ?o }} }}")
        out.append(f"SELECT * {{ ?s <urn:p> '''#{end}''' . #{end}{kw} <{target}> {{ ?s ?p ?o }} }}")
        out.append(f"SELECT * {{ {{ SELECT * {{ #{end}{kw} <{target}> {{ ?s ?p ?o }} }} }} }}")
    return out


def update_mutations(target: str) -> list[str]:
    rnd = random.Random(9)
    out = []
    for comment, end in itertools.product(COMMENTS[:5], COMMENT_ENDS):
        out.append(f"INSERT DATA {{ <urn:a> <urn:b> 1 }} ; {comment}{end}{_case('LOAD', rnd)} <{target}/x.ttl>")
        out.append(f"{comment}{end}{_case('load', rnd)} SILENT <{target}/y.ttl> INTO GRAPH <urn:g>")
        out.append(f"INSERT {{ <urn:a> <urn:b> ?o }} WHERE {{ {comment}{end}{_case('SERVICE', rnd)} <{target}> "
                   f"{{ ?s ?p ?o }} }}")
    return out


def test_guard_sees_what_the_engine_runs():
    """The canonical text has no comment left, and a CR-ended comment no longer hides what follows."""
    checked_text = guard.canonical("SELECT ?s WHERE { #\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n}")
    assert "#" not in checked_text and "\r" not in checked_text and "SERVICE" in checked_text
    with pytest.raises(Exception) as info:
        guard.check_query("SELECT ?s WHERE { #\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n}")
    assert getattr(info.value, "code", "") == "PKG-202"
    # strings and IRIs keep their '#' and line breaks
    assert guard.canonical('SELECT * { ?s <urn:x#a> "a#b" , """l1\r\nl2""" } # tail') == \
        'SELECT * { ?s <urn:x#a> "a#b" , """l1\r\nl2""" } '


@pytest.mark.slow
def test_fuzzed_service_load_and_from_never_reach_the_listener(server, listener):
    queries, updates = query_mutations(listener + "/sparql"), update_mutations(listener)
    assert len(queries) + len(updates) >= MIN_MUTATIONS, f"only {len(queries) + len(updates)} mutations"
    _Counter.hits = 0
    auth = {"Authorization": f"Bearer {TOKEN}"}
    statuses = []
    with httpx.Client(base_url=server.url, timeout=30) as c:
        for i, q in enumerate(queries):
            how = i % 3
            if how == 0:
                r = c.get("/sparql", params={"query": q})
            elif how == 1:
                r = c.post("/sparql", data={"query": q})
            else:
                r = c.post("/sparql", content=q.encode(), headers={"content-type": "application/sparql-query"})
            statuses.append(r.status_code)
            assert "urn:leaked" not in r.text
        for i, u in enumerate(updates):
            if i % 2:
                r = c.post("/sparql", data={"update": u}, headers=auth)
            else:
                r = c.post("/sparql", content=u.encode(), headers={**auth, "content-type": "application/sparql-update"})
            statuses.append(r.status_code)
        # the protocol's own graph parameters, pointing at the listener
        for name in ("default-graph-uri", "named-graph-uri"):
            r = c.get("/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 1", name: listener + "/g"})
            statuses.append(r.status_code)
            assert r.status_code == 400
        r = c.post("/sparql", params={"using-graph-uri": listener + "/g"}, headers=auth,
                   data={"update": "INSERT { <urn:a> <urn:b> ?o } WHERE { ?s ?p ?o }"})
        assert r.status_code == 400
    assert _Counter.hits == 0, f"{_Counter.hits} requests reached the loopback listener"
    assert 500 not in statuses
    assert statuses.count(400) >= len(queries) // 2  # most mutations are refused outright


def test_cli_query_does_not_run_a_hidden_service(api_sample_store, tmp_path, listener):
    store = tmp_path / "store"
    shutil.copytree(api_sample_store, store)
    _Counter.hits = 0
    q = f"SELECT ?s WHERE {{ #\rSERVICE <{listener}/sparql> {{ ?s ?p ?o }}\n}}"
    r = subprocess.run([sys.executable, "-m", "plankg.cli", "query", q, "--store", str(store)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "PKG-202" in r.stderr
    assert _Counter.hits == 0
