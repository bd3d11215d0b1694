"""Run SPARQL queries in killable worker processes over read-only checkpoints of an embedded store.

Neither rdflib nor pyoxigraph can interrupt a running query (stack notes §9), so a query runs in a
worker process that opens a read-only checkpoint of the store; when the time limit passes the worker
is killed and replaced, and the request gets 503. Every write takes a new checkpoint (a read-only
RocksDB view does not see later writes). Workers import only pyoxigraph and graph.results.
"""
from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
import queue
import shutil
import threading
from collections.abc import Callable

import pyoxigraph as ox

from plankg.graph.results import NotAcceptable, NotXml, QueryTask, run_query


def _worker_main(conn) -> None:
    store, opened = None, None
    while True:
        try:
            snapshot, task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if snapshot != opened:
                store, opened = ox.Store.read_only(snapshot), snapshot
            conn.send(("ok", run_query(store, task)))
        except NotAcceptable as exc:
            conn.send(("406", exc.offered))
        except NotXml as exc:
            conn.send(("notxml", str(exc)))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
        except Exception as exc:  # reported to the app, which logs it and answers 500
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class Worker:
    """One killable worker process running ``main(conn)``, spoken to over a pipe."""

    def __init__(self, ctx, main=None):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=main or _worker_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of query worker processes; a worker past the time limit is killed and replaced.

    Workers read immutable checkpoints of the store (``checkpoint(path)``: hard links, milliseconds),
    refreshed after every write: opening a live RocksDB directory read-only races with compaction.
    """

    KEEP = 4  # snapshots kept, so a query still running on an older one can finish

    def __init__(self, checkpoint: Callable[[str], None], snapshot_root: str, size: int, timeout: float):
        self.checkpoint, self.timeout = checkpoint, timeout
        self.root = snapshot_root
        shutil.rmtree(self.root, ignore_errors=True)
        os.makedirs(self.root)
        self._n = 0
        self._snapshots: list[str] = []
        self.refresh()
        self.ctx = mp.get_context("spawn")  # never fork a process that runs threads
        # last in, first out: at low load the same worker (its store's caches warm) takes every query
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        for _ in range(max(1, size)):
            self._add()

    def _add(self) -> None:
        w = Worker(self.ctx)
        with self._lock:
            self._all.add(w)
        self._idle.put(w)

    def refresh(self) -> None:
        """The store was written: take a new checkpoint for the workers (call under the write lock)."""
        self._n += 1
        path = os.path.join(self.root, str(self._n))
        self.checkpoint(path)
        self._snapshots.append(path)
        while len(self._snapshots) > self.KEEP:
            shutil.rmtree(self._snapshots.pop(0), ignore_errors=True)

    def run(self, task: QueryTask, timeout: float | None = None) -> tuple:
        """Return the worker's reply tuple, or ("timeout",) after killing the worker."""
        limit = self.timeout if timeout is None else timeout
        try:
            w = self._idle.get(timeout=limit)
        except queue.Empty:
            return ("busy",)
        outcome: tuple = ("timeout",)
        try:
            w.conn.send((self._snapshots[-1], task))
            if w.conn.poll(limit):
                reply = w.conn.recv()
                self._idle.put(w)
                return reply
        except (EOFError, OSError):
            outcome = ("crashed",)
        self._retire(w)
        return outcome

    async def arun(self, task: QueryTask, timeout: float | None = None) -> tuple:
        """``run`` from the event loop. An idle worker gets the task at once and its reply is awaited on
        the pipe (no thread hop each way: on a busy machine every wake-up costs); with none idle, the
        wait for one happens on a thread, as in ``run``."""
        try:
            w = self._idle.get_nowait()
        except queue.Empty:
            return await asyncio.to_thread(self.run, task, timeout)
        limit = self.timeout if timeout is None else timeout
        loop = asyncio.get_running_loop()
        ready: asyncio.Future = loop.create_future()
        outcome: tuple = ("timeout",)
        try:
            w.conn.send((self._snapshots[-1], task))
            fd = w.conn.fileno()
            loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
            try:
                await asyncio.wait_for(ready, limit)
            finally:
                loop.remove_reader(fd)
                # uvloop leaves the pipe non-blocking: a reply longer than the pipe buffer would then fail
                # half-read (BlockingIOError). Its sender is already writing, so the read is short.
                os.set_blocking(fd, True)
            reply = w.conn.recv()
            self._idle.put(w)
            return reply
        except asyncio.TimeoutError:
            pass
        except (EOFError, OSError):
            outcome = ("crashed",)
        except asyncio.CancelledError:  # the client went away: the worker may still be busy, so replace it
            self._retire(w)
            raise
        self._retire(w)
        return outcome

    def _retire(self, w: Worker) -> None:
        """Kill a worker past its time limit (or in an unknown state) and replace it off the request path."""
        with self._lock:
            self._all.discard(w)
        w.kill()
        threading.Thread(target=self._add, daemon=True).start()

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for w in workers:
            w.kill()
        shutil.rmtree(self.root, ignore_errors=True)
