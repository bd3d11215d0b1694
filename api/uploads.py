"""The one upload handler: a multipart plan file read within its limit, ingested from a temp file."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request

from plankg import errors
from plankg.graph.base import Store
from plankg.extract.loaders import ReadLimits
from plankg.graph.ingest import IngestReport, ingest_file


@dataclass
class Upload:
    data: bytes | None          # the file's bytes; None when the form had no file part
    name: str                   # a safe base name (never a path)
    fields: dict[str, str] = field(default_factory=dict)


def _safe_name(filename: str | None) -> str:
    name = Path(filename or "").name
    return "plan.txt" if name in ("", ".", "..") else name


async def read_upload(request: Request, max_bytes: int, max_fields: int = 8) -> Upload:
    """Read a multipart/form-data request: its 'file' part (≤ max_bytes) and its text fields."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise errors.UnsupportedMediaType("send the plan as multipart/form-data with a 'file' field")
    form = await request.form(max_files=1, max_fields=max_fields)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    part = form.get("file")
    if part is None or isinstance(part, str):
        return Upload(None, "plan.txt", fields)
    data = await part.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise errors.RequestTooLarge(f"upload larger than {max_bytes} bytes",
                                     hint="the limit is PLANKG_MAX_DOCUMENT_BYTES")
    return Upload(data, _safe_name(part.filename), fields)


def ingest_upload(store: Store, upload: Upload, limits: ReadLimits, folder: str | None = None) -> IngestReport:
    """Ingest the uploaded file into ``store`` (all or nothing, as every ingest). The file is written
    into ``folder`` when given (a job folder its owner removes, even if this process is killed)."""
    if upload.data is None:
        raise errors.BadRequest("the form has no 'file' part")
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        path = Path(tmp) / upload.name
        path.write_bytes(upload.data)
        return ingest_file(store, path, limits=limits)
