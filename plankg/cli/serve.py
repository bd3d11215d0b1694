"""`plankg serve`: the API under uvicorn, plus a datasette-style ``serve --get PATH``."""
from __future__ import annotations

import asyncio
import gc
import os
import sys
import urllib.parse
from typing import Optional

import typer

from plankg import errors
from plankg.cli.common import fail
from plankg.graph.namespaces import ONTOLOGY_GRAPH
from plankg.graph.store import open_store
from plankg.settings import get_settings


def _plan_graphs(store) -> int:
    return len([g for g in store.graphs() if g != ONTOLOGY_GRAPH])


def ensure_sample_data(spec: str) -> int:
    """Ingest the bundled sample plans into an embedded store that holds no plan yet (first start)."""
    from plankg.graph.ingest import bundled_examples, ingest_paths  # why here: loads spaCy (seconds)

    store = open_store(spec)
    try:
        return 0 if _plan_graphs(store) else len(ingest_paths(store, bundled_examples()))
    finally:
        store.close()
        del store
        gc.collect()  # RocksDB's lock is released only when the pyoxigraph Store object is freed


async def _asgi_get(app, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """Run one GET through the whole ASGI stack (lifespan included) without opening a port."""
    raw_path, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": urllib.parse.unquote(raw_path), "raw_path": raw_path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 0)}
    status, out_headers, body = 500, {}, bytearray()

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        nonlocal status, out_headers
        if message["type"] == "http.response.start":
            status = message["status"]
            out_headers = {k.decode(): v.decode() for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    async with app.router.lifespan_context(app):
        await app(scope, receive, send)
    return status, out_headers, bytes(body)


def proxy_options(trusted: str) -> dict:
    """uvicorn's proxy settings: X-Forwarded-For names the client only when the peer is one of the
    configured reverse proxies (PLANKG_TRUSTED_PROXIES: addresses or networks). uvicorn's own default
    trusts any loopback peer, which lets a client behind a local proxy pick its own address."""
    hosts = [h.strip() for h in trusted.split(",") if h.strip()]
    return {"proxy_headers": bool(hosts), "forwarded_allow_ips": hosts or None}


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(store: Optional[str] = typer.Option(None, "--store", metavar="DIR|URL", help="Store directory or http(s):// SPARQL endpoint "
                                                  "(default: $PLANKG_STORE or ./plankg-data)"),
              host: Optional[str] = typer.Option(None, "--host", metavar="ADDRESS", help="Address to bind (default 127.0.0.1)"),
              port: Optional[int] = typer.Option(None, "--port", metavar="PORT", help="Port (default 8000)"),
              workers: int = typer.Option(1, "--workers", metavar="N", help="uvicorn worker processes (more than 1 needs a "
                                          "shared http(s):// store)"),
              get: Optional[str] = typer.Option(None, "--get", metavar="PATH", help="Run one GET request in-process, print the "
                                                "response body and exit (e.g. --get /healthz)"),
              accept: Optional[str] = typer.Option(None, "--accept", metavar="MEDIA-TYPE", help="Accept header for --get"),
              no_samples: bool = typer.Option(False, "--no-samples", help="Don't ingest the bundled sample plans "
                                              "into an empty default store")) -> None:
        """Serve the SPARQL endpoint, the REST API and the web pages."""
        import uvicorn  # why here: the app and the server load every wing (seconds); other commands need none

        from plankg.api.app import create_app

        base = get_settings()
        update = {k: v for k, v in {"store": store, "host": host, "port": port}.items() if v is not None}
        settings = base.model_copy(update=update)
        remote = settings.store.startswith(("http://", "https://"))
        try:
            if workers > 1 and not remote:
                raise errors.BadOption("--workers > 1 needs a shared store",
                                       hint="an embedded store is locked by one process; use --store http(s)://…")
            if not remote and not no_samples and store is None:
                n = ensure_sample_data(settings.store)
                if n:
                    typer.echo(f"ingested {n} bundled sample plan file(s) into {settings.store}", err=True)
            if get is not None:
                status, headers, body = asyncio.run(_asgi_get(create_app(settings), get,
                                                              {"accept": accept} if accept else {}))
                sys.stdout.buffer.write(body)
                if not body.endswith(b"\n"):
                    sys.stdout.buffer.write(b"\n")
                raise typer.Exit(0 if status < 400 else 1)
        except errors.PlankgError as exc:
            fail(exc)
        typer.echo(f"plankg serving {settings.store} on http://{settings.host}:{settings.port}/ "
                   f"(SPARQL: /sparql, API docs: /docs)", err=True)
        proxies = proxy_options(settings.trusted_proxies)
        if workers > 1:
            os.environ.update({"PLANKG_STORE": settings.store})
            uvicorn.run("plankg.api.app:create_app", factory=True, host=settings.host, port=settings.port,
                        workers=workers, log_level="info", **proxies)
        else:
            app = create_app(settings)
            # an on-disk store is locked by this process: `plankg ingest` on it sends its files here instead
            app.state.announce = not remote  # (api/local_ingest.py; written and removed by the app's lifespan)
            uvicorn.run(app, host=settings.host, port=settings.port, log_level="info", **proxies)
