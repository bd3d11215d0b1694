"""Audits under a killable time limit (PLANKG_AUDIT_TIMEOUT).

For an embedded on-disk store the audit runs in a child process over a private checkpoint of the
store (hard links, milliseconds) wrapped in an ``OverlayStore``: the upload is ingested into the
overlay's memory layer, only the graphs the audit reads are read, and at the time limit the child is
killed and the request gets 503. Other stores (remote, in memory) audit in this process, still on an
overlay, with the remote endpoint's own timeout. At most ``PLANKG_QUERY_WORKERS`` audits run at once.
"""
from __future__ import annotations

import multiprocessing as mp
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from plankg import errors
from plankg.api.uploads import Upload, ingest_upload
from plankg.graph.base import Store
from plankg.graph.overlay import OverlayStore
from plankg.graph.store import PlanStore
from plankg.shapes.audit import AuditReport, audit


@dataclass(frozen=True)
class AuditJob:
    plan: str | None            # id of an ingested plan, or None when the upload is audited
    against: str | None
    upload: Upload | None
    max_bytes: int


def audit_on(store: Store, job: AuditJob) -> AuditReport:
    """Run one audit; an uploaded file goes to an overlay, never to ``store``."""
    if job.upload is None:
        return audit(store, str(job.plan), job.against)
    with OverlayStore(store) as view:
        plan_id = ingest_upload(view, job.upload, job.max_bytes).plan_id
        return audit(view, plan_id, job.against)


def _child(conn, checkpoint: str, job: AuditJob) -> None:
    try:
        store = PlanStore(checkpoint)
        try:
            conn.send(("ok", audit_on(store, job)))
        finally:
            store.close()
    except errors.PlankgError as exc:
        conn.send(("error", exc))
    except Exception as exc:  # reported to the app, which logs it and answers 500
        conn.send(("crash", f"{type(exc).__name__}: {exc}"))


class AuditRunner:
    def __init__(self, store: Store, size: int, timeout: float):
        self.store, self.timeout = store, timeout
        self._slots = threading.BoundedSemaphore(max(1, size))
        self._ctx = mp.get_context("spawn")  # never fork a process that runs threads

    def run(self, job: AuditJob) -> AuditReport:
        if not self._slots.acquire(timeout=self.timeout):
            raise errors.Busy("no audit slot became free within the time limit")
        try:
            if isinstance(self.store, PlanStore) and self.store.location is not None:
                return self._in_child(job)
            return audit_on(self.store, job)
        finally:
            self._slots.release()

    def _in_child(self, job: AuditJob) -> AuditReport:
        tmp = tempfile.mkdtemp(prefix="plankg-audit-")
        try:
            checkpoint = str(Path(tmp) / "store")
            self.store.checkpoint(checkpoint)
            parent, child = self._ctx.Pipe()
            proc = self._ctx.Process(target=_child, args=(child, checkpoint, job), daemon=True)
            proc.start()
            child.close()
            try:
                if not parent.poll(self.timeout):
                    raise errors.QueryTimeout(f"audit stopped after the {self.timeout:g} s time limit",
                                              hint="PLANKG_AUDIT_TIMEOUT sets the limit")
                kind, value = parent.recv()
            except EOFError as exc:
                raise errors.StoreError("the audit process stopped unexpectedly") from exc
            finally:
                proc.kill()
                proc.join(5)
                parent.close()
            if kind == "ok":
                return value
            if kind == "error":
                raise value
            raise RuntimeError(value)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
