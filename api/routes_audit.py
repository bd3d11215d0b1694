"""Audit routes: POST /api/audit, GET /api/plans/{id}/audit, GET /api/hierarchy.

An uploaded file is ingested into an in-memory copy of the store and audited there; it is written to
the real store only when the request asks for it (`keep=true`) and carries the update token.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from plankg import errors

router = APIRouter(prefix="/api", tags=["audit"])
FORMATS = ("json", "md", "html", "ttl")

AUDIT_DOC = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary", "description": "lower plan file (.txt .md .docx .pdf)"},
        "plan": {"type": "string", "description": "or: id of an ingested lower plan"},
        "against": {"type": "string", "description": "higher plan id (default: from citations, else hierarchy)"},
        "format": {"type": "string", "enum": list(FORMATS)},
        "keep": {"type": "boolean", "description": "also ingest the file into the store (needs the bearer token)"}}}},
    "application/json": {"schema": {"type": "object", "properties": {
        "plan": {"type": "string"}, "against": {"type": "string"}, "format": {"type": "string", "enum": list(FORMATS)}}}}}}}


def _respond(report, fmt: str) -> Response:
    from plankg.shapes import report as rep

    if fmt not in FORMATS:
        raise errors.BadOption(f"unknown format {fmt!r}", hint="use " + " | ".join(FORMATS))
    if fmt == "md":
        return PlainTextResponse(rep.markdown(report), media_type="text/markdown; charset=utf-8")
    if fmt == "html":
        return HTMLResponse(rep.html(report))
    if fmt == "ttl":
        return PlainTextResponse(report.ttl, media_type="text/turtle; charset=utf-8")
    body = report.public() | {"plan_title": report.plan_title, "against_title": report.against_title,
                              "found_by": report.found_by, "counts": report.counts(), "seconds": report.seconds}
    return JSONResponse(body)


def _audit_plan(store, plan: str, against: str | None):
    from plankg.shapes.audit import audit

    return audit(store, plan, against)


@router.get("/plans/{plan_id}/audit", summary="Audit an ingested plan against its higher plan")
def plan_audit(request: Request, plan_id: str, against: str | None = Query(None, description="higher plan id"),
               format: str = Query("json", description="json | md | html | ttl")) -> Response:
    return _respond(_audit_plan(request.app.state.store, plan_id, against), format)


@router.post("/audit", summary="Audit an uploaded plan file, or a named plan", openapi_extra=AUDIT_DOC)
async def post_audit(request: Request) -> Response:
    state = request.app.state
    ctype = request.headers.get("content-type", "")
    data, name = None, "plan.txt"
    if ctype.startswith("multipart/form-data"):
        limit = state.settings.max_document_bytes
        form = await request.form(max_files=1, max_fields=8)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        upload = form.get("file")
        if upload is not None and not isinstance(upload, str):
            data = await upload.read(limit + 1)
            if len(data) > limit:
                raise errors.RequestTooLarge(f"upload larger than {limit} bytes")
            name = Path(upload.filename or "").name or name
            if name in (".", ".."):
                name = "plan.txt"
    elif ctype.startswith("application/json"):
        try:
            fields = await request.json()
        except ValueError as exc:
            raise errors.BadRequest("the body is not JSON", detail=str(exc)) from exc
        if not isinstance(fields, dict):
            raise errors.BadRequest("the JSON body must be an object")
    else:
        raise errors.UnsupportedMediaType("send multipart/form-data (file) or application/json (plan)")
    plan, against = fields.get("plan"), fields.get("against") or None
    fmt = str(fields.get("format") or "json")
    keep = str(fields.get("keep", "")).lower() in ("1", "true", "yes")
    if data is None and not plan:
        raise errors.BadRequest("give a plan file ('file') or the id of an ingested plan ('plan')")
    if keep:
        from plankg.api.sparql import _authorize

        _authorize(request, state.settings)

    def work():
        from plankg.graph.ingest import ingest_file
        from plankg.shapes.cli import overlay_store

        if data is None:
            return _audit_plan(state.store, str(plan), against)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            if keep:
                from plankg.api.sparql import _write_lock, bump

                with _write_lock:
                    try:
                        plan_id = ingest_file(state.store, path, state.settings.max_document_bytes).plan_id
                    finally:
                        bump(state)
                return _audit_plan(state.store, plan_id, against)
            mem = overlay_store(state.store)
            try:
                plan_id = ingest_file(mem, path, state.settings.max_document_bytes).plan_id
                return _audit_plan(mem, plan_id, against)
            finally:
                mem.close()

    report = await run_in_threadpool(work)
    return _respond(report, fmt)


@router.get("/hierarchy", summary="The plan hierarchy: nodes, based_on/cites edges and problems")
def get_hierarchy(request: Request) -> dict:
    from plankg.shapes.hierarchy import hierarchy

    return hierarchy(request.app.state.store).model_dump()
