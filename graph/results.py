"""SPARQL results for the protocol endpoint: content negotiation, encoders, and one query run.

``QueryTask`` is what the endpoint asks; ``run_task`` runs it on a pyoxigraph store and returns the
``Encoded`` body. Used in the app process and in the query workers (:mod:`plankg.graph.workers`);
this module imports only pyoxigraph so workers start fast.
"""
from __future__ import annotations

import itertools
import json
import re
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
DEFAULT_GRAPH_KEY = ""  # in QueryTask.default: the store's own default graph (not a named graph)
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


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(value: str) -> str:
    if _XML_ILLEGAL.search(value):
        raise NotXml(value[:80])
    return escape(value)


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_xml_text(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_xml_text(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{_xml_text(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{_xml_text(t.value)}</literal>"
        return f"<literal>{_xml_text(t.value)}</literal>"
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
    if fmt == ox.RdfFormat.RDF_XML:  # refuse what XML cannot carry instead of writing broken XML
        for t in triples:
            for term in (t.subject, t.predicate, t.object):
                if isinstance(term, (ox.Literal, ox.NamedNode)):
                    _xml_text(term.value)
    if fmt.supports_datasets:
        return ox.serialize((ox.Quad(t.subject, t.predicate, t.object) for t in triples), format=fmt)
    return ox.serialize(triples, format=fmt)


@dataclass
class Encoded:
    body: bytes
    media_type: str
    truncated: bool = False
    rows: int = 0


@dataclass(frozen=True)
class QueryTask:
    """One checked query as the endpoint runs it (picklable: it travels to the query workers)."""
    query: str                              # the guard's canonical text
    accept: str | None = None
    max_rows: int = 10000
    base: str | None = None
    default: tuple[str, ...] | None = None  # protocol / FROM dataset; None = the union of all graphs
    named: tuple[str, ...] | None = None


def run_query(store: ox.Store, task: QueryTask) -> Encoded:
    """Execute one query on a pyoxigraph store and encode it for the client's Accept header.

    A SELECT result is first written by Oxigraph's own encoder in one pass; only a result over the row
    cap (or the byte budget) is run again and encoded row by row up to the cap."""
    kwargs: dict = {"base_iri": task.base}
    if task.default is not None or task.named is not None:
        kwargs["default_graph"] = [ox.DefaultGraph() if g == DEFAULT_GRAPH_KEY else ox.NamedNode(g)
                                   for g in task.default or ()]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in task.named or ()]
    else:
        kwargs["use_default_graph_as_union"] = True
    res = store.query(task.query, **kwargs)
    if isinstance(res, ox.QuerySolutions):
        mt = negotiate(task.accept, list(RESULT_TYPES), DEFAULT_RESULT)
        if mt is None:
            raise NotAcceptable(list(RESULT_TYPES))
        whole = serialize_within_cap(res, RESULT_TYPES[mt], task.max_rows)
        if whole is not None:
            return Encoded(whole[0], mt, False, whole[1])
        res = store.query(task.query, **kwargs)
    return encode_result(res, task)


# ---------------------------------------------------------------------- one-pass encoding
OXIGRAPH_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                    "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
BYTES_PER_ROW = 2048  # the one-pass encoder stops past max_rows x this many bytes (the worker's memory) …
MIN_BYTES = 1 << 20   # … or past this, whichever is larger


class _Overflow(Exception):
    pass


class _Sink:
    """Where Oxigraph writes a result: chunks kept, the write stopped past ``limit`` bytes."""

    def __init__(self, limit: int):
        self.parts: list[bytes] = []
        self.size, self.limit = 0, limit

    def write(self, chunk) -> int:
        self.size += len(chunk)
        if self.size > self.limit:
            raise _Overflow()
        self.parts.append(bytes(chunk))
        return len(chunk)

    def flush(self) -> None:
        pass


def serialize_within_cap(res: ox.QuerySolutions, fmt: str, max_rows: int) -> tuple[bytes, int] | None:
    """(body, rows) written by Oxigraph's encoder, or None when the result has more than ``max_rows``
    rows or passes the byte budget (the caller then encodes row by row up to the cap)."""
    sink = _Sink(max(MIN_BYTES, max_rows * BYTES_PER_ROW))
    try:
        res.serialize(output=sink, format=OXIGRAPH_FORMATS[fmt])
    except _Overflow:
        return None
    body = b"".join(sink.parts)
    rows = count_rows(body, fmt)
    if rows > max_rows:
        return None
    if fmt == "xml":
        bad = _XML_ILLEGAL_BYTES.search(body)
        if bad:  # Oxigraph writes these raw, which no XML parser accepts
            raise NotXml(body[max(0, bad.start() - 40):bad.end() + 40].decode("utf-8", "replace"))
    return body, rows


_XML_ILLEGAL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_JSON_STRING_ENDS_LIKE_A_ROW = re.compile(rb'\},\{"[:,}\]]')  # a value ending in "},{" then its closing quote
_CSV_QUOTED = re.compile(rb'"(?:[^"]|"")*"')


def count_rows(body: bytes, fmt: str) -> int:
    """The number of solutions in a result as Oxigraph's encoders write it (no whitespace, strings escaped).

    JSON: every row after the first starts with ``},{"`` (a quote inside a string is always escaped, so
    the pattern is the structure, unless a string ends in ``},{``; empty rows ``{}`` are not preceded
    by it): then, and only then, the strings are removed and the structure counted.
    XML: ``<result>`` (a ``<`` in a value is written ``&lt;``). TSV: lines (values escape line breaks).
    CSV: lines, quoted values (which may hold line breaks) removed first."""
    if fmt == "json":
        if body.endswith(b"[]}}"):
            return 0
        if b"{}" in body or _JSON_STRING_ENDS_LIKE_A_ROW.search(body):
            return _JSON_STRING.sub(b"", body).count(b"},{") + 1
        return body.count(b'},{"') + 1
    if fmt == "xml":
        return body.count(b"<result>")
    if fmt == "tsv":
        return body.count(b"\n") - 1
    if b'"' in body:
        body = _CSV_QUOTED.sub(b"", body)
    return body.count(b"\r\n") - 1


def encode_result(res, task: QueryTask) -> Encoded:
    accept, max_rows = task.accept, task.max_rows
    if isinstance(res, (ox.QueryBoolean, bool)):
        mt = negotiate(accept, list(RESULT_TYPES), DEFAULT_RESULT)
        if mt is None:
            raise NotAcceptable(list(RESULT_TYPES))
        return Encoded(encode_boolean(bool(res), RESULT_TYPES[mt]), mt, rows=1)
    if isinstance(res, ox.QuerySolutions):
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


class NotXml(Exception):
    """A value holds a character XML 1.0 cannot carry (NUL, most C0 controls, U+FFFE/FFFF)."""
