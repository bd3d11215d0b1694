"""Monitoring route: GET /api/plans/{id}/monitor — the yearly check of a plan (a thin shell over plankg.monitor).

A plain ``def`` endpoint: the store calls block, so FastAPI runs it in its thread pool."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from plankg import errors
from plankg.monitor import render
from plankg.monitor.gather import monitor_plan

router = APIRouter(prefix="/api", tags=["monitor"])
FORMATS = ("json", "md", "html")


@router.get("/plans/{plan_id}/monitor", summary="Observed values against the plan's targets, with path and status")
def plan_monitor(request: Request, plan_id: str,
                 year: int | None = Query(None, ge=1900, le=2100, description="year to check (default: latest observed)"),
                 format: str = Query("json", description="json | md | html")) -> Response:
    if format not in FORMATS:
        raise errors.BadOption(f"unknown format {format!r}", hint="use " + " | ".join(FORMATS))
    result = monitor_plan(request.app.state.store, plan_id, year)
    if format == "md":
        return PlainTextResponse(render.markdown(result), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(render.html(result))
    return JSONResponse(result)
