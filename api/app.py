"""The FastAPI application: ``create_app(settings)``.

The store is opened once in ``lifespan`` (an embedded Oxigraph directory, or a remote SPARQL 1.1
endpoint); routers per concern are mounted; every error leaves as one JSON envelope
``{"error": {"code", "message", "detail"?}}`` and never as a traceback.
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from plankg import errors
from plankg.api import local_ingest, rest, routes_ask, routes_audit, routes_monitor, routes_pages, sparql
from plankg.api import routes_versions
from plankg.api.audit_jobs import AuditRunner
from plankg.api.deps import ClientSlots
from plankg.api.limits import BodyLimit
from plankg.api.sparql_fast import FastQueries
from plankg.graph.endpoint import QueryService
from plankg.graph.store import open_store
from plankg.settings import Settings, get_settings

log = logging.getLogger("plankg.api")

HTTP_CODES = {404: "PKG-302", 405: "PKG-607", 413: "PKG-605", 415: "PKG-604"}


class ErrorBody(BaseModel):
    code: str
    message: str
    detail: str | None = None


class ErrorEnvelope(BaseModel):
    error: ErrorBody


def envelope(status: int, code: str, message: str, detail: str | None = None, headers=None) -> JSONResponse:
    err = {"code": code, "message": message}
    if detail:
        err["detail"] = detail
    return JSONResponse({"error": err}, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(errors.PlankgError)
    async def plankg_error(_request: Request, exc: errors.PlankgError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
        return JSONResponse({"error": exc.to_dict()}, status_code=exc.http_status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:  # Starlette names only the first matching route's methods
            headers["Allow"] = ", ".join(_allowed_methods(request))
        return envelope(exc.status_code, HTTP_CODES.get(exc.status_code, f"HTTP-{exc.status_code}"),
                        str(exc.detail), headers=headers or None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError):
        detail = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return envelope(422, "PKG-606", "invalid request parameters", detail[:2000])

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception):
        log.exception("unhandled error", exc_info=exc)  # the traceback goes to the log, never to the client
        return envelope(500, "PKG-000", "internal server error")


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (for the ``Allow`` header of a 405)."""
    allowed = []
    for method in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


def open_backend(app: FastAPI, settings: Settings, store=None) -> None:
    """Open the store and its query service (killable workers for an embedded on-disk store)."""
    state = app.state
    state.settings = settings
    state.generation = 0
    state.owns_store = store is None
    state.store = store if store is not None else open_store(settings.store)
    state.queries = QueryService(state.store, settings.query_workers, settings.query_timeout)
    state.client_slots = ClientSlots(settings.queries_per_client)
    state.audits = AuditRunner(state.store, settings.query_workers, settings.audit_timeout, settings.audits_per_client,
                               settings.audit_memory_mb, settings.audit_recycle_mb)
    if getattr(state, "announce", False) and getattr(state.store, "location", None):
        state.local_token = local_ingest.announce(settings.store, settings.host, settings.port)


def close_backend(app: FastAPI) -> None:
    state = app.state
    if getattr(state, "local_token", None):
        local_ingest.withdraw(state.settings.store, state.local_token)
        state.local_token = None
    if getattr(state, "queries", None) is not None:
        state.queries.close()
        state.queries = None
    if getattr(state, "audits", None) is not None:
        state.audits.close()
        state.audits = None
    if getattr(state, "owns_store", False) and getattr(state, "store", None) is not None:
        state.store.close()
        state.store = None


def create_app(settings: Settings | None = None, *, store=None) -> FastAPI:
    """Build the app. ``store`` lets a caller (tests, ``serve --get``) pass an already-open store."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        open_backend(app, settings, store)
        try:
            yield
        finally:
            close_backend(app)

    app = FastAPI(title="plankg", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,  # offline docs: routes_pages
                  description="Knowledge graph of Chinese territorial spatial plans: SPARQL 1.1 endpoint and REST API.",
                  responses={400: {"model": ErrorEnvelope}, 404: {"model": ErrorEnvelope},
                             422: {"model": ErrorEnvelope}, 503: {"model": ErrorEnvelope}})
    app.state.settings = settings
    _install_error_handlers(app)
    app.add_middleware(FastQueries)  # inside CORS and the body limit, outside the routes
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "OPTIONS"],
                           allow_headers=["Accept", "Content-Type", "Authorization"],
                           expose_headers=["X-PlanKG-Truncated", "X-PlanKG-Rows"])

    app.add_middleware(BodyLimit, settings=settings)
    app.include_router(sparql.router)
    app.include_router(rest.router)
    app.include_router(routes_ask.router)
    app.include_router(routes_audit.router)
    app.include_router(routes_monitor.router)
    app.include_router(routes_pages.router)
    app.include_router(routes_versions.router)

    @app.get("/healthz", tags=["meta"])
    def healthz(request: Request) -> dict:
        st = request.app.state
        return {"status": "ok", "store": "remote" if st.store.shared else "embedded",
                "graphs": len(st.store.graphs()), "queryWorkers": st.queries.killable}

    return app
