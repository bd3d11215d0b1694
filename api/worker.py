"""Run SPARQL queries in killable worker processes, and encode their results.

Neither rdflib nor pyoxigraph can interrupt a running query (stack notes §9), so a query runs in a
worker process that opens a read-only checkpoint of the store; when the time limit passes the worker
is killed and replaced, and the request gets 503. Every write takes a new checkpoint (a read-only
RocksDB view does not see later writes). This module imports only pyoxigraph so workers start fast.
"""
from __future__ import annotations

import itertools
import json
import multiprocessing as mp
import os
import queue
import shutil
import threading
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

RESULT_TYPES = {  # media type -> result encoder key
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/trig": ox.RdfFormat.TRIG, "application/n-quads": ox.RdfFormat.N_QUADS,
}
DEFAULT_RESULT = "application/sparql-results+json"
DEFAULT_GRAPH = "text/turtle"


# ---------------------------------------------------------------------- content negotiation
def parse_accept(accept: str | None) -> list[tuple[str, float]]:
    """Accept header -> [(media range, q)], best first (stable for equal q)."""
    if not accept:
        return [("*/*", 1.0)]
    out = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        out.append((bits[0].lower(), q, -i))
    out.sort(key=lambda t: (t[1], t[2]), reverse=True)
    return [(m, q) for m, q, _ in out if q > 0]


def negotiate(accept: str | None, offered: list[str], default: str) -> str | None:
    """Pick the offered media type the client likes best; None when nothing fits (406)."""
    for rng, _q in parse_accept(accept):
        if rng == "*/*":
            return default
        if rng.endswith("/*"):
            major = rng[:-1]
            if default.startswith(major):
                return default
            for o in offered:
                if o.startswith(major):
                    return o
        elif rng in offered:
            return rng
    return None


# ---------------------------------------------------------------------- result encoders
def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": {"subject": _json_term(t.subject),
                                        "predicate": _json_term(t.predicate), "object": _json_term(t.object)}}


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return (f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}"
            f"</predicate><object>{_xml_term(t.object)}</object></triple>")


def _csv_cell(t) -> str:
    if t is None:
        return ""
    v = f"_:{t.value}" if isinstance(t, ox.BlankNode) else (t.value if hasattr(t, "value") else str(t))
    if any(c in v for c in ',"\r\n'):
        v = '"' + v.replace('"', '""') + '"'
    return v


def _tsv_cell(t) -> str:
    return "" if t is None else str(t).replace("\t", "\\t")


def _cached(fn):
    """Memoise a term encoder for one result: IRIs and values repeat a lot across rows."""
    memo: dict = {}

    def enc(t):
        v = memo.get(t)
        if v is None:
            v = memo[t] = fn(t)
        return v
    return enc


def encode_solutions(names: list[str], rows: list, fmt: str, truncated: bool, max_rows: int) -> bytes:
    if fmt == "json":
        jt = _cached(_json_term)
        bindings = [{n: jt(t) for n, t in zip(names, r) if t is not None} for r in rows]
        doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
        if truncated:
            doc["plankg"] = {"truncated": True, "maxRows": max_rows}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    if fmt == "xml":
        head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        if truncated:
            head += f'<link href="urn:plankg:truncated:max-rows:{max_rows}"/>'
        xt, qnames = _cached(_xml_term), [quoteattr(n) for n in names]
        body = "".join(
            "<result>" + "".join(f"<binding name={qn}>{xt(t)}</binding>"
                                 for qn, t in zip(qnames, r) if t is not None) + "</result>" for r in rows)
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head>{head}</head><results>{body}</results></sparql>").encode()
    if fmt == "csv":
        ct = _cached(_csv_cell)
        lines = [",".join(names)] + [",".join(ct(t) if t is not None else "" for t in r) for r in rows]
        return ("\r\n".join(lines) + "\r\n").encode()
    tt = _cached(_tsv_cell)
    lines = ["\t".join("?" + n for n in names)] + ["\t".join(tt(t) if t is not None else "" for t in r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def encode_boolean(value: bool, fmt: str) -> bytes:
    v = "true" if value else "false"
    if fmt == "json":
        return f'{{"head":{{}},"boolean":{v}}}'.encode()
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{v}</boolean></sparql>").encode()
    return f"{'?_askResult' if fmt == 'tsv' else '_askResult'}\n{v}\n".encode()


def encode_triples(triples: list, fmt: ox.RdfFormat) -> bytes:
    if fmt.supports_datasets:
        return ox.serialize((ox.Quad(t.subject, t.predicate, t.object) for t in triples), format=fmt)
    return ox.serialize(triples, format=fmt)


@dataclass
class Encoded:
    body: bytes
    media_type: str
    truncated: bool = False
    rows: int = 0


def run_query(store: ox.Store, task: dict) -> Encoded:
    """Execute one query on a pyoxigraph store and encode it for the client's Accept header."""
    kwargs = {"base_iri": task.get("base")}
    if task.get("default") is not None or task.get("named") is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in task.get("default") or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in task.get("named") or []]
    else:
        kwargs["use_default_graph_as_union"] = True
    res = store.query(task["query"], **kwargs)
    return encode_result(res, task, task["max_rows"])


def encode_result(res, task: dict, max_rows: int) -> Encoded:
    accept = task.get("accept")
    if isinstance(res, ox.QueryBoolean) or isinstance(res, bool):
        mt = negotiate(accept, list(RESULT_TYPES), DEFAULT_RESULT)
        if mt is None:
            raise NotAcceptable(list(RESULT_TYPES))
        return Encoded(encode_boolean(bool(res), RESULT_TYPES[mt]), mt, rows=1)
    if isinstance(res, ox.QuerySolutions) or task.get("kind") == "select":
        mt = negotiate(accept, list(RESULT_TYPES), DEFAULT_RESULT)
        if mt is None:
            raise NotAcceptable(list(RESULT_TYPES))
        names = [v.value for v in res.variables]
        rows = [list(r) for r in itertools.islice(res, max_rows + 1)]
        truncated = len(rows) > max_rows
        rows = rows[:max_rows]
        return Encoded(encode_solutions(names, rows, RESULT_TYPES[mt], truncated, max_rows), mt, truncated, len(rows))
    mt = negotiate(accept, list(GRAPH_TYPES), DEFAULT_GRAPH)
    if mt is None:
        raise NotAcceptable(list(GRAPH_TYPES))
    triples = list(itertools.islice(res, max_rows + 1))
    truncated = len(triples) > max_rows
    triples = triples[:max_rows]
    return Encoded(encode_triples(triples, GRAPH_TYPES[mt]), mt, truncated, len(triples))


class NotAcceptable(Exception):
    def __init__(self, offered: list[str]):
        super().__init__("no acceptable media type")
        self.offered = offered


# ---------------------------------------------------------------------- worker process
def _worker_main(conn) -> None:
    store, opened = None, None
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if task["snapshot"] != opened:
                store, opened = ox.Store.read_only(task["snapshot"]), task["snapshot"]
            conn.send(("ok", run_query(store, task)))
        except NotAcceptable as exc:
            conn.send(("406", exc.offered))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
        except Exception as exc:  # reported to the app, which logs it and answers 500
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of query worker processes; a worker past the time limit is killed and replaced.

    Workers read immutable checkpoints of the store (``Store.backup``: hard links, milliseconds),
    refreshed after every write: opening a live RocksDB directory read-only races with compaction.
    """

    KEEP = 4  # snapshots kept, so a query still running on an older one can finish

    def __init__(self, store: ox.Store, snapshot_root: str, size: int, timeout: float):
        self.store, self.timeout = store, timeout
        self.root = snapshot_root
        shutil.rmtree(self.root, ignore_errors=True)
        os.makedirs(self.root)
        self._n = 0
        self._snapshots: list[str] = []
        self.refresh()
        self.ctx = mp.get_context("spawn")  # never fork a process that runs threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(max(1, size)):
            self._add()

    def _add(self) -> None:
        w = _Worker(self.ctx)
        with self._lock:
            self._all.add(w)
        self._idle.put(w)

    def refresh(self) -> None:
        """The store was written: take a new checkpoint for the workers (call under the write lock)."""
        self._n += 1
        path = os.path.join(self.root, str(self._n))
        self.store.backup(path)
        self._snapshots.append(path)
        while len(self._snapshots) > self.KEEP:
            shutil.rmtree(self._snapshots.pop(0), ignore_errors=True)

    bump = refresh

    def run(self, task: dict) -> tuple:
        """Return the worker's reply tuple, or ("timeout",) after killing the worker."""
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return ("busy",)
        task = {**task, "snapshot": self._snapshots[-1]}
        outcome = ("timeout",)
        try:
            w.conn.send(task)
            if w.conn.poll(self.timeout):
                reply = w.conn.recv()
                self._idle.put(w)
                return reply
        except (EOFError, OSError):
            outcome = ("crashed",)
        with self._lock:
            self._all.discard(w)
        w.kill()
        threading.Thread(target=self._add, daemon=True).start()  # replace it off the request path
        return outcome

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for w in workers:
            w.kill()
        shutil.rmtree(self.root, ignore_errors=True)
