"""Audits under a killable time limit (PLANKG_AUDIT_TIMEOUT).

For an embedded on-disk store the audit runs in a warm worker process over a private checkpoint of
the store (hard links, milliseconds) wrapped in an ``OverlayStore``: the upload is ingested into the
overlay's memory layer, only the graphs the audit reads are read, and at the time limit the worker is
killed (and replaced on the next audit) and the request gets 503. Other stores (remote, in memory)
audit in this process, still on an overlay, with the remote endpoint's own timeout. At most
``PLANKG_QUERY_WORKERS`` audits run at once; one more is refused at once (503 ``PKG-403``), and one
client may hold ``PLANKG_AUDITS_PER_CLIENT`` of them (429 ``PKG-609``), so others still find a slot.

Each audit has a job folder beside the store (a hard-linked checkpoint needs the store's filesystem),
holding the checkpoint and the uploaded file; the app removes it however the audit ends, the worker's
kill at the time limit included. A worker whose resident memory passes ``PLANKG_AUDIT_MEMORY_MB`` is
killed (413 ``PKG-116``), and one whose peak passed ``PLANKG_AUDIT_RECYCLE_MB`` is replaced after its
audit: Python keeps the memory it freed, and the next audit would start from that.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import resource
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from plankg import errors
from plankg.api.deps import ClientSlots
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
    folder: str | None = None   # where the upload is written (the job folder); None: a temp folder


def audit_on(store: Store, job: AuditJob) -> AuditReport:
    """Run one audit; an uploaded file goes to an overlay, never to ``store``."""
    if job.upload is None:
        return audit(store, str(job.plan), job.against)
    with OverlayStore(store) as view:
        plan_id = ingest_upload(view, job.upload, job.limits, job.folder).plan_id
        return audit(view, plan_id, job.against)


WATCH_EVERY = 0.2  # seconds between two looks at a running audit's resident memory


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def resident_mb(pid: int) -> float:
    """A process's resident memory (Linux /proc); 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


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
                reply = ("ok", audit_on(store, job))
            finally:
                store.close()
        except MemoryError:
            reply = ("memory", None)
        except errors.PlankgError as exc:
            reply = ("error", exc)
        except Exception as exc:  # reported to the app, which logs it and answers 500
            reply = ("crash", f"{type(exc).__name__}: {exc}")
        conn.send(reply + (_peak_mb(),))
        if reply[0] == "memory":
            return  # a process that ran out of memory is not trusted with the next audit


class AuditRunner:
    """Runs audits: in warm worker processes (started on first use, killed at the time limit and
    replaced) for an embedded on-disk store, in this process otherwise."""

    def __init__(self, store: Store, size: int, timeout: float, per_client: int = 0,
                 memory_mb: int = 0, recycle_mb: int = 0):
        self.store, self.timeout, self.size = store, timeout, max(1, size)
        self.memory_mb, self.recycle_mb = memory_mb, recycle_mb
        self._slots = threading.BoundedSemaphore(self.size)
        self._clients = ClientSlots(per_client, what="audits", setting="PLANKG_AUDITS_PER_CLIENT")
        self._ctx = mp.get_context("spawn")  # never fork a process that runs threads
        self._idle: list[Worker] = []
        self._lock = threading.Lock()
        self._root: Path | None = None
        location = store.location if isinstance(store, PlanStore) else None
        if location is not None:
            self._root = location.parent / f".{location.name}.audits"
            shutil.rmtree(self._root, ignore_errors=True)  # job folders a stopped server left behind

    def run(self, job: AuditJob, client: str = "?") -> AuditReport:
        with self._clients.slot(client):
            # Refuse at once rather than queue: waiting requests would each hold a server thread.
            if not self._slots.acquire(blocking=False):
                raise errors.Busy(f"all {self.size} audit slots are busy", hint="retry in a moment")
            try:
                if self._root is not None:
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
        self._root.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix="job-", dir=self._root)  # beside the store: the checkpoint is hard links
        worker = self._take()
        try:
            checkpoint = str(Path(tmp) / "store")
            self.store.checkpoint(checkpoint)  # a private, consistent copy (hard links, milliseconds)
            if job.upload is not None:
                job = replace(job, folder=tmp)
            try:
                worker.conn.send((checkpoint, job))
                self._watch(worker)
                kind, value, peak_mb = worker.conn.recv()
            except (EOFError, OSError) as exc:
                worker.kill()
                raise errors.StoreError("the audit process stopped unexpectedly") from exc
            if kind == "memory" or (self.recycle_mb > 0 and peak_mb > self.recycle_mb):
                worker.kill()  # replaced by a fresh process on the next audit
            else:
                with self._lock:
                    self._idle.append(worker)
            if kind == "ok":
                return value
            if kind == "error":
                raise value
            if kind == "memory":
                raise errors.AuditOutOfMemory("the audit process ran out of memory")
            raise RuntimeError(value)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _watch(self, worker: Worker) -> None:
        """Wait for the worker's reply; kill it at the time limit or past the memory limit."""
        deadline = time.monotonic() + self.timeout
        while not worker.conn.poll(max(0.0, min(WATCH_EVERY, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                worker.kill()
                raise errors.QueryTimeout(f"audit stopped after the {self.timeout:g} s time limit",
                                          hint="PLANKG_AUDIT_TIMEOUT sets the limit")
            if self.memory_mb > 0 and resident_mb(worker.proc.pid) > self.memory_mb:
                worker.kill()
                raise errors.AuditOutOfMemory(f"audit stopped: it needed more than {self.memory_mb} MiB of memory")

    def close(self) -> None:
        with self._lock:
            workers, self._idle = self._idle, []
        for w in workers:
            w.kill()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
