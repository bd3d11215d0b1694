"""Ingest through a running server. `plankg serve` holds an embedded store's lock, so `plankg ingest` on the
same store cannot open it; instead it sends its files to the server. While it serves an on-disk store,
`plankg serve` keeps ``<store>.serve.json`` (readable by its owner only) with its URL and a random token for
this run; the server accepts that token for plan uploads from loopback clients only, beside
PLANKG_UPDATE_TOKEN. Whoever can read the file could stop the server and write the store anyway."""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def serve_file(location: str | Path) -> Path:
    loc = Path(str(location))
    return loc.parent / f"{loc.name}.serve.json"


def announce(location: str | Path, host: str, port: int) -> str:
    """Write the serve file (owner-only) and return this run's token."""
    token = secrets.token_urlsafe(32)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{port}"
    path = serve_file(location)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"url": url, "pid": os.getpid(), "token": token}, f)
    return token


def withdraw(location: str | Path, token: str) -> None:
    """Remove the serve file if it is still this run's."""
    found = read_announcement(location)
    if found and found.get("token") == token:
        serve_file(location).unlink(missing_ok=True)


def read_announcement(location: str | Path) -> dict | None:
    """The running server's URL and token, when its process is alive."""
    try:
        data = json.loads(serve_file(location).read_text(encoding="utf-8"))
        os.kill(int(data["pid"]), 0)  # signal 0: does the process exist
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data if isinstance(data.get("url"), str) and isinstance(data.get("token"), str) else None
