"""The SQLite file the ask wing keeps beside an on-disk store (``<store>.ask.sqlite``): opened once per
table family (passages, names), in WAL mode, falling back to memory when the file cannot be used."""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def open_sidecar(path: Path | None, what: str, prepare: Callable[[sqlite3.Connection], None],
                 **connect: object) -> tuple[sqlite3.Connection, Path | None]:
    """(connection, the path in use): ``prepare`` creates or migrates the tables. An unreadable or unwritable
    file next to the store is no error — the search works from memory (and says so in the log)."""
    try:
        db = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False, **connect)
        if path:
            db.execute("PRAGMA journal_mode=WAL")
        prepare(db)
        return db, path
    except sqlite3.Error as exc:
        log.warning("%s %s unusable (%s); using memory", what, path, exc)
        if path is None:
            raise
        return open_sidecar(None, what, prepare, **connect)
