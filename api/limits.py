"""Request body limits for every route, enforced before a handler reads the body.

A declared ``Content-Length`` over the limit is answered 413 at once; a body without one (chunked)
is counted as it streams and stopped at the limit. Uploads (plan files, audit uploads, Graph Store
writes) may be ``PLANKG_MAX_DOCUMENT_BYTES`` plus room for the multipart envelope; every other body
``PLANKG_MAX_REQUEST_BYTES``. The 413 names the setting that applies.
"""
from __future__ import annotations

import json

from starlette.exceptions import HTTPException

from plankg import errors
from plankg.settings import Settings

MULTIPART_ROOM = 64 * 1024  # form field names, boundaries and the small fields beside the file
UPLOADS = {("POST", "/api/plans"), ("POST", "/api/audit"), ("PUT", "/store"), ("POST", "/store")}


def body_limit(method: str, path: str, settings: Settings) -> tuple[int, str]:
    """The byte limit for a request body, and the setting it comes from."""
    if (method, path.rstrip("/") or "/") in UPLOADS:
        return settings.max_document_bytes + MULTIPART_ROOM, "PLANKG_MAX_DOCUMENT_BYTES"
    return settings.max_request_bytes, "PLANKG_MAX_REQUEST_BYTES"


def too_large(limit: int, setting: str) -> errors.RequestTooLarge:
    return errors.RequestTooLarge(f"request body larger than {limit} bytes", hint=f"the limit is {setting}")


class BodyLimit:
    """Pure ASGI middleware (no buffering of its own)."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, setting = body_limit(scope["method"], scope["path"], self.settings)
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return await _refuse(send, too_large(limit, setting))
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:  # an HTTPException: FastAPI's body parsing re-raises it as it is (→ 413)
                    exc = too_large(limit, setting)
                    raise HTTPException(413, detail=f"{exc.message}; {exc.hint}")
            return message

        return await self.app(scope, counted, send)


async def _refuse(send, exc: errors.PlankgError) -> None:
    body = json.dumps({"error": exc.to_dict()}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": exc.http_status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
