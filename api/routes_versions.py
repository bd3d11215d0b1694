"""Version routes: GET /api/plans/{id}/versions and GET /api/plans/{id}/diff (thin: the changes wing does the work).

``old`` and ``new`` name stored versions of the plan only (a status such as 征求意见稿, or a graph IRI
listed by /versions); the default compares the latest version with the one before it.
"""
from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from plankg import errors
from plankg.api.deps import get_store
from plankg.changes import diff
from plankg.changes.facts import read_facts
from plankg.changes.render import as_json, html_table, markdown
from plankg.changes.versions import plan_versions, previous_and_current, resolve

router = APIRouter(prefix="/api", tags=["versions"])
FORMATS = ("json", "md", "html")


@router.get("/plans/{plan_id}/versions", summary="The stored versions of a plan, oldest first")
def versions(request: Request, plan_id: str) -> JSONResponse:
    rows = plan_versions(get_store(request), plan_id)
    if not rows:
        raise errors.UnknownPlan(f"no plan {plan_id!r}")
    return JSONResponse({"plan": plan_id, "current": rows[-1].graph, "versions": [asdict(v) for v in rows]})


@router.get("/plans/{plan_id}/diff", summary="What changed between two versions of a plan")
def plan_diff(request: Request, plan_id: str,
              old: str | None = Query(None, description="earlier version: status (征求意见稿) or graph IRI"),
              new: str | None = Query(None, description="later version (default: the current one)"),
              format: str = Query("json", description="json | md | html (the table alone)")) -> Response:
    if format not in FORMATS:
        raise errors.BadOption(f"unknown format {format!r}", hint="use " + " | ".join(FORMATS))
    store = get_store(request)
    known = {v.graph: v for v in plan_versions(store, plan_id)}
    if not known:
        raise errors.UnknownPlan(f"no plan {plan_id!r}")
    if old is None or new is None:
        previous, current = previous_and_current(store, plan_id)
        old, new = old or previous.graph, new or current.graph
    refs = [ref if ref in known else f"{plan_id}@{ref}" for ref in (old, new)]
    a, b = (read_facts(resolve(ref, store, files=False)) for ref in refs)
    changes = diff(a, b)
    names = [f"{f.title}（{f.status}）" if f.status else f.title for f in (a, b)]
    if format == "md":
        return PlainTextResponse(markdown(changes, *names), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(html_table(changes))
    return JSONResponse(as_json(changes, *names))
