"""Query results longer than a pipe buffer, against a real uvicorn on 127.0.0.1 (uvloop when installed, as
under `plankg serve`): a worker's reply awaited on the event loop arrives whole, and the same worker then
answers a query taken through the threaded path (a dataset given) as well."""
from __future__ import annotations

import json
import shutil

import httpx
import pytest

ALL = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
PIPE_BUFFER = 64 * 1024


@pytest.fixture(scope="module")
def server(live_server_factory, api_sample_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("large") / "store"
    shutil.copytree(api_sample_store, store)
    # one worker: every query, quick path or threaded, goes to the same process and the same pipe
    return live_server_factory(store, query_workers=1, queries_per_client=0, max_rows=20_000)


def _graphs(server) -> list[str]:
    r = httpx.get(server.url + "/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
                  headers={"accept": "application/sparql-results+json"}, timeout=60)
    assert r.status_code == 200, r.text[:300]
    return [b["g"]["value"] for b in r.json()["results"]["bindings"]]


def test_long_replies_arrive_whole_on_both_paths(server):
    graphs = _graphs(server)
    assert graphs
    sizes = []
    with httpx.Client(timeout=60) as client:
        for round_ in range(6):
            params = {"query": ALL}
            if round_ % 2:  # a dataset in the request: checked and answered on a thread
                params = {"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "default-graph-uri": graphs}
            r = client.get(server.url + "/sparql", params=params,
                           headers={"accept": "application/sparql-results+json"})
            assert r.status_code == 200, (round_, r.text[:300])
            rows = len(json.loads(r.content)["results"]["bindings"])
            assert rows == int(r.headers["x-plankg-rows"]) > 0
            sizes.append(len(r.content))
    assert min(sizes) > 4 * PIPE_BUFFER, sizes  # the replies did not fit one pipe write
