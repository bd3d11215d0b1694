"""`plankg ingest` through the `plankg serve` that holds the store (api/local_ingest.py): each file is posted
to its POST /api/plans with the token the server left beside the store, and stored on its own."""
from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plankg.graph.ingest import IngestReport


def _multipart(path: Path) -> tuple[bytes, str]:
    boundary = "plankg-" + secrets.token_hex(12)
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode("utf-8")
    return head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), boundary


def post_file(server: dict, path: Path, timeout: float = 600.0) -> "IngestReport":
    """Upload one file; a refusal raises ValueError with the server's error code and message."""
    from plankg.graph.ingest import IngestReport  # why here: it loads the extraction (spaCy, jieba)

    body, boundary = _multipart(path)
    req = urllib.request.Request(server["url"] + "/api/plans", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Bearer {server['token']}"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - the URL is the local server's own
            return IngestReport(**json.loads(resp.read()))
    except urllib.error.HTTPError as exc:
        try:
            err = json.loads(exc.read())["error"]
            raise ValueError(f"{err['code']} {err['message']}") from exc
        except (ValueError, KeyError, TypeError) as bad:
            if isinstance(bad, ValueError) and str(bad).startswith("PKG-"):
                raise
            raise ValueError(f"HTTP {exc.code}") from exc


def ingest_via_server(server: dict, files: list[Path]) -> tuple[list["IngestReport"], list[str]]:
    reports, bad = [], []
    for f in files:
        try:
            reports.append(post_file(server, f))
        except (ValueError, OSError) as exc:
            bad.append(f"{f}: {exc}")
    return reports, bad
