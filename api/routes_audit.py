"""Audit routes: POST /api/audit, GET /api/plans/{id}/audit, GET /api/hierarchy.

An uploaded file is ingested into an overlay of the store (reads go through, writes stay in memory)
and audited there under the killable audit time limit (:mod:`plankg.api.audit_jobs`); it is written
to the real store only when the request asks for it (`keep=true`) and carries the update token.
"""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from plankg import errors
from plankg.api.audit_jobs import AuditJob
from plankg.api.deps import client_key, require_token, writing
from plankg.api.uploads import Upload, ingest_upload, read_upload
from plankg.graph.ingest import read_limits
from plankg.shapes import report as rep
from plankg.shapes.hierarchy import hierarchy

router = APIRouter(prefix="/api", tags=["audit"])
FORMATS = ("json", "md", "html", "ttl")

AUDIT_DOC = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary", "description": "lower plan file (.txt .md .docx .pdf)"},
        "plan": {"type": "string", "description": "or: id of an ingested lower plan"},
        "against": {"type": "string", "description": "higher plan id (default: from citations, else hierarchy)"},
        "format": {"type": "string", "enum": list(FORMATS)},
        "keep": {"type": "boolean", "description": "also ingest the file into the store (needs the bearer token)"}}}},
    "application/json": {"schema": {"type": "object", "required": ["plan"], "properties": {
        "plan": {"type": "string"}, "against": {"type": "string"}, "format": {"type": "string", "enum": list(FORMATS)}}}}}}}


def _respond(report, fmt: str) -> Response:
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


@router.get("/plans/{plan_id}/audit", summary="Audit an ingested plan against its higher plan")
def plan_audit(request: Request, plan_id: str, against: str | None = Query(None, description="higher plan id"),
               format: str = Query("json", description="json | md | html | ttl")) -> Response:
    job = AuditJob(plan_id, against, None, read_limits(request.app.state.settings))
    return _respond(request.app.state.audits.run(job, client_key(request)), format)


@router.post("/audit", summary="Audit an uploaded plan file, or a named plan", openapi_extra=AUDIT_DOC,
             responses={413: {"description": "file larger than PLANKG_MAX_DOCUMENT_BYTES"},
                        415: {"description": "neither multipart/form-data nor application/json"}})
async def post_audit(request: Request) -> Response:
    state = request.app.state
    limit = state.settings.max_document_bytes
    ctype = request.headers.get("content-type", "")
    upload: Upload | None = None
    if ctype.startswith("multipart/form-data"):
        upload = await read_upload(request, limit)
        fields = upload.fields
        if upload.data is None:
            upload = None
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
    if upload is None and not plan:
        raise errors.BadRequest("give a plan file ('file') or the id of an ingested plan ('plan')")
    if keep and upload is not None:
        require_token(request)

        def ingest_then_audit():
            with writing(state) as store:
                plan_id = ingest_upload(store, upload, read_limits(state.settings)).plan_id
            return state.audits.run(AuditJob(plan_id, against, None, read_limits(state.settings)), client_key(request))

        report = await run_in_threadpool(ingest_then_audit)
    else:
        job = AuditJob(None if upload else str(plan), against, upload, read_limits(state.settings))
        report = await run_in_threadpool(state.audits.run, job, client_key(request))
    return _respond(report, fmt)


@router.get("/hierarchy", summary="The plan hierarchy: nodes, based_on/cites edges and problems")
def get_hierarchy(request: Request) -> dict:
    return hierarchy(request.app.state.store).model_dump()
