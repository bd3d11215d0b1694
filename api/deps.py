"""What every router shares: the store, authorization, the write lock, per-client query slots.

Routers use these instead of reaching into each other's modules.
"""
from __future__ import annotations

import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request

from plankg import errors
from plankg.api.local_ingest import LOOPBACK
from plankg.graph.base import Store

WRITE_LOCK = threading.Lock()  # one writer at a time in this process


def get_store(request: Request) -> Store:
    """FastAPI dependency: the store opened in the app's lifespan."""
    return request.app.state.store


def require_token(request: Request) -> None:
    """Refuse a write unless it carries the configured bearer token (compared in constant time)."""
    token = request.app.state.settings.update_token
    if not token:
        raise errors.Forbidden("updates are disabled on this server", hint="set PLANKG_UPDATE_TOKEN to enable them")
    auth = request.headers.get("authorization", "")
    if not auth.lower().startswith("bearer "):
        raise errors.Unauthorized("this operation needs a bearer token")
    if not hmac.compare_digest(auth[7:].strip().encode(), token.encode()):
        raise errors.Forbidden("wrong bearer token")


def require_upload_token(request: Request) -> None:
    """A plan upload: the configured token, or the token `plankg serve` gave `plankg ingest` on this machine
    (api/local_ingest.py) from a loopback client."""
    local = getattr(request.app.state, "local_token", None)
    auth = request.headers.get("authorization", "")
    client = request.client.host if request.client else ""
    if local and client in LOOPBACK and auth.lower().startswith("bearer ") and \
            hmac.compare_digest(auth[7:].strip().encode(), local.encode()):
        return
    require_token(request)


@contextmanager
def writing(state) -> Iterator[Store]:
    """Hold the write lock; afterwards (success or not) tell readers and query workers."""
    with WRITE_LOCK:
        try:
            yield state.store
        finally:
            state.generation += 1
            state.queries.refresh()


def known_graphs(state) -> set[str]:
    """The store's named graphs, cached per write generation (asked every time on a shared store)."""
    if state.store.shared:
        return set(state.store.graphs())
    cached = getattr(state, "graph_cache", None)
    if cached and cached[0] == state.generation:
        return cached[1]
    graphs = set(state.store.graphs())
    state.graph_cache = (state.generation, graphs)
    return graphs


def client_key(request: Request) -> str:
    """Who a per-client limit counts against: the peer address, or, behind a reverse proxy listed in
    PLANKG_TRUSTED_PROXIES, the address that proxy forwarded (resolved by the server, which
    `plankg serve` configures; a forwarded header from any other peer is ignored)."""
    return request.client.host if request.client else "?"


class ClientSlots:
    """At most ``limit`` queries running at once per client address; more are refused with 429.

    Why: a few clients looping slow queries must not hold every query worker while other clients'
    trivial queries wait (docs/security.md).
    """

    def __init__(self, limit: int, what: str = "queries", setting: str = "PLANKG_QUERIES_PER_CLIENT"):
        self.limit, self.what, self.setting = limit, what, setting
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, client: str) -> Iterator[None]:
        with self._lock:
            if self.limit > 0 and self._running.get(client, 0) >= self.limit:
                raise errors.TooManyRequests(
                    f"this client already runs {self.limit} {self.what}",
                    hint=f"wait for them to finish ({self.setting} sets the limit)")
            self._running[client] = self._running.get(client, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._running[client] - 1
                if left:
                    self._running[client] = left
                else:
                    del self._running[client]
