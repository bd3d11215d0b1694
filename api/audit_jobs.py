"""Audits under a killable time limit (PLANKG_AUDIT_TIMEOUT).

For an embedded on-disk store the audit runs in a warm worker process over a private checkpoint of
the store (hard links, milliseconds) wrapped in an ``OverlayStore``: the upload is ingested into the
overlay's memory layer, only the graphs the audit reads are read, and at the time limit the worker is
killed (and replaced on the next audit) and the request gets 503. Other stores (remote, in memory)
audit in this process, still on an overlay, with the remote endpoint's own timeout. At most
``PLANKG_QUERY_WORKERS`` audits run at once; one more is refused at once (503 ``PKG-403``).
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
from plankg.extract.loaders import ReadLimits
from plankg.graph.base import Store
from plankg.graph.overlay import OverlayStore
from plankg.graph.store import PlanStore
from plankg.graph.workers import Worker
from plankg.shapes.audit import AuditReport, audit


@dataclass(frozen=True)
class AuditJob:
    plan: str | None            # id of an ingested plan, or None when the upload is audited
    against: str | None
    upload: Upload | None
    limits: ReadLimits


def audit_on(store: Store, job: AuditJob) -> AuditReport:
    """Run one audit; an uploaded file goes to an overlay, never to ``store``."""
    if job.upload is None:
        return audit(store, str(job.plan), job.against)
    with OverlayStore(store) as view:
        plan_id = ingest_upload(view, job.upload, job.limits).plan_id
        return audit(view, plan_id, job.against)


def _worker_main(conn) -> None:
    """A warm audit process: spaCy, pySHACL and the shapes stay loaded between audits."""
    while True:
        try:
            checkpoint, job = conn.recv()
        except (EOFError, OSError):
            return
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
    """Runs audits: in warm worker processes (started on first use, killed at the time limit and
    replaced) for an embedded on-disk store, in this process otherwise."""

    def __init__(self, store: Store, size: int, timeout: float):
        self.store, self.timeout, self.size = store, timeout, max(1, size)
        self._slots = threading.BoundedSemaphore(self.size)
        self._ctx = mp.get_context("spawn")  # never fork a process that runs threads
        self._idle: list[Worker] = []
        self._lock = threading.Lock()

    def run(self, job: AuditJob) -> AuditReport:
        # Refuse at once rather than queue: waiting requests would each hold a server thread.
        if not self._slots.acquire(blocking=False):
            raise errors.Busy(f"all {self.size} audit slots are busy", hint="retry in a moment")
        try:
            if isinstance(self.store, PlanStore) and self.store.location is not None:
                return self._in_worker(job)
            return audit_on(self.store, job)
        finally:
            self._slots.release()

    def _take(self) -> Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return Worker(self._ctx, _worker_main)

    def _in_worker(self, job: AuditJob) -> AuditReport:
        tmp = tempfile.mkdtemp(prefix="plankg-audit-")
        worker = self._take()
        try:
            checkpoint = str(Path(tmp) / "store")
            self.store.checkpoint(checkpoint)  # a private, consistent copy (hard links, milliseconds)
            try:
                worker.conn.send((checkpoint, job))
                if not worker.conn.poll(self.timeout):
                    worker.kill()
                    raise errors.QueryTimeout(f"audit stopped after the {self.timeout:g} s time limit",
                                              hint="PLANKG_AUDIT_TIMEOUT sets the limit")
                kind, value = worker.conn.recv()
            except (EOFError, OSError) as exc:
                worker.kill()
                raise errors.StoreError("the audit process stopped unexpectedly") from exc
            with self._lock:
                self._idle.append(worker)
            if kind == "ok":
                return value
            if kind == "error":
                raise value
            raise RuntimeError(value)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            workers, self._idle = self._idle, []
        for w in workers:
            w.kill()
