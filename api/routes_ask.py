"""Chat search over HTTP: ``GET/POST /api/ask``, the chat page at ``/``, entity and plan pages.

Plain ``def`` endpoints: the store calls block, so FastAPI runs them in its thread pool. A question is
the exception: it runs on a thread of its own limiter (``PLANKG_ASK_WORKERS`` at once; the rest wait
without holding a thread, so a flood of questions leaves the shared pool to every other route), at most
``PLANKG_ASKS_PER_CLIENT`` open per client (429 beyond), under a deadline that counts from the request's
arrival (``PLANKG_ASK_TIMEOUT``; the engine checks it between pieces of work, 503 ``PKG-402``).
"""
from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

import anyio
from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from plankg import errors
from plankg import ask as engine
from plankg.api.deps import ClientSlots, client_key


@asynccontextmanager
async def _warm_on_start(app: FastAPI) -> AsyncIterator[None]:
    """Open the name index and load jieba as the server starts (the app's lifespan has opened the store),
    off the event loop: the server answers /healthz at once, and the first question finds the index ready
    or waits only for the rest of its opening (seconds from a current sidecar file, never a store copy)."""
    settings = app.state.settings
    app.state.ask_slots = ClientSlots(settings.asks_per_client, "questions", "PLANKG_ASKS_PER_CLIENT")
    app.state.ask_limiter = anyio.CapacityLimiter(max(1, settings.ask_workers))
    warm = threading.Thread(target=_warm, args=(app.state.store,), daemon=True, name="ask-warm")
    warm.start()
    yield
    # before the app closes the store: a warm-up still reading it would keep the store directory locked
    # (the next `serve --get` in this process could not open it); a long first build is not waited for
    warm.join(timeout=WARM_WAIT_SECONDS)


router = APIRouter(lifespan=_warm_on_start)  # FastAPI runs a router's lifespan inside the app's
MAX_Q = 20_000
WARM_WAIT_SECONDS = 15.0  # how long shutting down waits for the start-up warm-up to finish
STATIC = {"chat.js": "text/javascript", "chat.css": "text/css", "entity.js": "text/javascript",
          "plan.js": "text/javascript", "common.js": "text/javascript"}


class Turn(BaseModel):
    question: str = ""
    intent: dict | None = None


class AskBody(BaseModel):
    q: str = Field(..., max_length=MAX_Q, description="The question")
    context: dict | None = Field(None, description="The previous answer's `intent`, for follow-ups")
    history: list[Turn] = Field(default_factory=list, description="The conversation so far (latest last)")
    lang: str | None = Field(None, pattern="^(zh|en)$")


async def _answer(request: Request, q: str, ctx: dict | None, lang: str | None) -> dict:
    """One question within its client's slots, on the ask limiter's threads, under its deadline."""
    state = request.app.state
    limits = engine.AskLimits.from_settings(state.settings)
    deadline = time.monotonic() + limits.timeout  # waiting for a turn counts too
    with state.ask_slots.slot(client_key(request)):
        return await anyio.to_thread.run_sync(
            lambda: engine.ask(state.store, q, ctx, lang, limits=limits, deadline=deadline),
            limiter=state.ask_limiter)


@router.get("/api/ask", tags=["ask"])
async def ask_get(request: Request, q: str = Query(..., max_length=MAX_Q, description="The question"),
                  lang: str | None = Query(None, pattern="^(zh|en)$")) -> dict:
    """Answer one question: answers, one-sentence text, SPARQL used, evidence passages."""
    return await _answer(request, q, None, lang)


@router.post("/api/ask", tags=["ask"])
async def ask_post(request: Request, body: AskBody) -> dict:
    """Answer a question inside a conversation (``context`` or ``history`` carry the previous intent)."""
    ctx = body.context
    if ctx is None:
        for turn in reversed(body.history):
            if turn.intent and turn.intent.get("kind") not in (None, "search", "none"):
                ctx = turn.intent
                break
    return await _answer(request, body.q, ctx, body.lang)


@router.get("/api/ask/examples", tags=["ask"])
def ask_examples(request: Request) -> dict:
    """Example questions (zh and en) built from the ingested plans."""
    return engine.examples(request.app.state.store)


@router.get("/api/ask/entity", tags=["ask"])
def entity_facts(request: Request, iri: str = Query(..., max_length=2000)) -> dict:
    """Facts, neighbours and source passages of one node (for the entity page)."""
    res = engine.entity_facts(request.app.state.store, iri)
    if res is None:
        raise errors.NotFound(f"no node {iri}")
    return res


@router.get("/api/ask/plan", tags=["ask"])
def plan_outline(request: Request, iri: str = Query(..., max_length=2000)) -> dict:
    """A plan's metadata and section outline (for the plan page)."""
    res = engine.plan_outline(request.app.state.store, iri)
    if res is None:
        raise errors.UnknownPlan(f"no plan {iri}")
    return res


def _page(name: str) -> HTMLResponse:
    text = resources.files("plankg.api.static").joinpath(name).read_text(encoding="utf-8")
    return HTMLResponse(text)


@router.get("/", include_in_schema=False)
def chat_page(request: Request) -> HTMLResponse:
    # warm the name index and jieba while the user reads the page (the first question is then fast)
    threading.Thread(target=_warm, args=(request.app.state.store,), daemon=True).start()
    return _page("index.html")


def _warm(store) -> None:
    try:
        engine.get_index(store, trust_recorded=True)  # the store's count is checked right after, off the request path
        engine.tokens("预热")
    except Exception:  # noqa: BLE001 - warming is best effort; the first question builds what is missing
        pass


@router.get("/entity", include_in_schema=False)
def entity_page() -> HTMLResponse:
    return _page("entity.html")


@router.get("/plan", include_in_schema=False)
def plan_page() -> HTMLResponse:
    return _page("plan.html")


@router.get("/assets/ask/{name}", include_in_schema=False)
def asset(name: str) -> Response:
    if name not in STATIC:
        raise errors.NotFound(f"no asset {name}")
    data = resources.files("plankg.api.static").joinpath(name).read_bytes()
    return Response(data, media_type=STATIC[name], headers={"Cache-Control": "no-cache"})
