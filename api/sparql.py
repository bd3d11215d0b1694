"""`/sparql` (SPARQL 1.1 Protocol: query and update) and `/store` (Graph Store HTTP Protocol).

Every request is checked by :mod:`plankg.api.guard` before a backend sees it. Queries run in killable
worker processes (:mod:`plankg.api.worker`) for an on-disk store; updates run in the app process
under a lock and bump the write generation so workers reopen their read-only view.
"""
from __future__ import annotations

import json
import logging
import re
import threading
from importlib import resources
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from plankg import errors
from plankg.api import guard
from plankg.api.worker import (DEFAULT_GRAPH, DEFAULT_RESULT, GRAPH_TYPES, RESULT_TYPES, Encoded, NotAcceptable,
                               encode_result, negotiate, run_query)

log = logging.getLogger("plankg.api")
router = APIRouter(tags=["sparql"])
_write_lock = threading.Lock()

SD = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .
<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query{update} ;
  sd:feature sd:UnionDefaultGraph, sd:BasicFederatedQuery ;
  sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,
    fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:RDF_XML, fmt:JSON-LD, fmt:TriG, fmt:N-Quads ;
  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
""".replace(", sd:BasicFederatedQuery", "")  # SERVICE is refused, so it is not advertised


# ---------------------------------------------------------------------- request parsing
def _media_type(request: Request) -> tuple[str, str | None]:
    ct = request.headers.get("content-type")
    if not ct:
        return "", None
    parts = [p.strip() for p in ct.split(";")]
    charset = next((p.split("=", 1)[1].strip('"').lower() for p in parts[1:] if p.lower().startswith("charset=")),
                   None)
    return parts[0].lower(), charset


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise errors.RequestTooLarge(f"request body larger than {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise errors.RequestTooLarge(f"request body larger than {limit} bytes")
    return bytes(body)


def _utf8(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise errors.UnsupportedMediaType(f"charset {charset} not supported", detail="send UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise errors.BadRequest("request body is not valid UTF-8", detail=str(exc)) from exc


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise errors.BadRequest(f"more than one '{name}' parameter")
    return values[0] if values else None


def _base(request: Request) -> str:
    return str(request.url.replace(query=""))


# ---------------------------------------------------------------------- store access
def known_graphs(state) -> set[str]:
    if hasattr(state.store, "ox_query"):  # a shared store changes behind our back: ask every time
        return set(state.store.graphs())
    cached = getattr(state, "graph_cache", None)
    if cached and cached[0] == state.generation:
        return cached[1]
    graphs = set(state.store.graphs())
    state.graph_cache = (state.generation, graphs)
    return graphs


def bump(state) -> None:
    state.generation += 1
    if state.pool is not None:
        state.pool.bump()


def execute_query(state, task: dict) -> Encoded:
    """Run a checked query on the configured backend (blocking: call from a worker thread)."""
    if state.pool is not None:
        reply = state.pool.run(task)
        kind = reply[0]
        if kind == "ok":
            return reply[1]
        if kind == "406":
            raise errors.NotAcceptable("no acceptable media type for this result", detail=", ".join(reply[1]))
        if kind == "syntax":
            raise errors.BadQuery("SPARQL syntax error", detail=reply[1])
        if kind == "timeout":
            raise errors.QueryTimeout(f"query stopped after the {state.settings.query_timeout:g} s time limit")
        if kind == "crashed":
            raise errors.StoreError("the query worker stopped unexpectedly", hint="retry; see the server log")
        if kind == "busy":
            raise errors.Busy("no query worker became free within the time limit")
        raise RuntimeError(reply[1])
    try:
        if hasattr(state.store, "ox_query"):  # remote SPARQL endpoint
            res = state.store.ox_query(task["query"], task.get("default"), task.get("named"), task.get("base"))
            return encode_result(res, task, task["max_rows"])
        return run_query(state.store.ox, task)
    except NotAcceptable as exc:
        raise errors.NotAcceptable("no acceptable media type for this result", detail=", ".join(exc.offered)) from exc
    except SyntaxError as exc:
        raise errors.BadQuery("SPARQL syntax error", detail=str(exc)) from exc


def _authorize(request: Request, settings) -> None:
    token = settings.update_token
    if not token:
        raise errors.Forbidden("updates are disabled on this server", hint="set PLANKG_UPDATE_TOKEN to enable them")
    auth = request.headers.get("authorization", "")
    if not auth.lower().startswith("bearer "):
        raise errors.Unauthorized("this operation needs a bearer token")
    import hmac

    if not hmac.compare_digest(auth[7:].strip().encode(), token.encode()):
        raise errors.Forbidden("wrong bearer token")


def do_update(state, text: str, using: list[str], using_named: list[str], base: str) -> None:
    checked = guard.check_update(text)
    if (using or using_named) and checked.has_using:
        raise errors.BadRequest("using-graph-uri/using-named-graph-uri given together with USING or WITH")
    if using or using_named:
        guard.check_graphs(using + using_named, known_graphs(state), "using-graph-uri")
        text = guard.add_using(text, using, using_named)
    with _write_lock:
        try:
            if hasattr(state.store, "ox_query"):
                state.store.update(text, base)
            else:
                state.store.ox.update(text, base_iri=base)
        except SyntaxError as exc:
            raise errors.BadQuery("SPARQL update syntax error", detail=str(exc)) from exc
        finally:
            bump(state)


# ---------------------------------------------------------------------- /sparql
def _service_description(request: Request, state) -> Response:
    update = ", sd:SPARQL11Update" if state.settings.update_token else ""
    ttl = SD.format(endpoint=_base(request), update=update)
    mt = negotiate(request.headers.get("accept"), list(GRAPH_TYPES), DEFAULT_GRAPH)
    if mt is None:
        raise errors.NotAcceptable("no acceptable media type for the service description",
                                   detail=", ".join(GRAPH_TYPES))
    if mt != DEFAULT_GRAPH:
        body = ox.serialize(ox.parse(ttl, format=ox.RdfFormat.TURTLE), format=GRAPH_TYPES[mt])
    else:
        body = ttl.encode()
    return Response(body, media_type=mt)


def editor_page() -> HTMLResponse:
    html = resources.files("plankg.api.static").joinpath("sparql.html").read_text(encoding="utf-8")
    return HTMLResponse(html)


ASSETS = {"sparql.js": "text/javascript", "sparql.css": "text/css"}


@router.get("/assets/sparql/{name}", include_in_schema=False)
def asset(name: str) -> Response:
    if name not in ASSETS:
        raise errors.NotFound(f"no asset {name}")
    data = resources.files("plankg.api.static").joinpath(name).read_bytes()
    return Response(data, media_type=ASSETS[name], headers={"Cache-Control": "no-cache"})


@router.api_route("/sparql", methods=["GET", "POST"], include_in_schema=False)
async def sparql_endpoint(request: Request) -> Response:
    state = request.app.state
    settings = state.settings
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "GET":
        if "update" in params:
            raise errors.BadRequest("SPARQL updates must be sent with POST")
        query = _one(params, "query")
        accept = request.headers.get("accept")
        if query is None:
            if negotiate(accept, ["text/html", *GRAPH_TYPES], DEFAULT_GRAPH) == "text/html":
                return editor_page()
            return _service_description(request, state)
        if negotiate(accept, ["text/html", *RESULT_TYPES, *GRAPH_TYPES], DEFAULT_RESULT) == "text/html":
            return editor_page()  # a browser following a link: the editor opens with the query and runs it
        return await _answer_query(request, state, query, params)

    mt, charset = _media_type(request)
    body = await _read_body(request, settings.max_request_bytes)
    if mt == "application/x-www-form-urlencoded":
        form = parse_qs(_utf8(body, charset), keep_blank_values=True)
        for k, v in form.items():
            params.setdefault(k, []).extend(v)
        query, update = _one(params, "query"), _one(params, "update")
        if query is not None and update is not None:
            raise errors.BadRequest("give either 'query' or 'update', not both")
        if query is not None:
            return await _answer_query(request, state, query, params)
        if update is not None:
            return await _answer_update(request, state, update, params)
        raise errors.BadRequest("form has neither 'query' nor 'update'")
    if mt == "application/sparql-query":
        if "query" in params:
            raise errors.BadRequest("query given both in the URL and in the body")
        return await _answer_query(request, state, _utf8(body, charset), params)
    if mt == "application/sparql-update":
        return await _answer_update(request, state, _utf8(body, charset), params)
    raise errors.UnsupportedMediaType(
        f"unsupported request media type {mt or '(none)'}",
        detail="use application/x-www-form-urlencoded, application/sparql-query or application/sparql-update")


async def _answer_query(request: Request, state, query: str, params: dict) -> Response:
    if len(query.encode()) > state.settings.max_request_bytes:
        raise errors.RequestTooLarge("query text too large")
    default, named = params.get("default-graph-uri", []), params.get("named-graph-uri", [])

    def work() -> Encoded:
        checked = guard.check_query(query)
        wanted = list(default) + list(named) + list(checked.default_graphs) + list(checked.named_graphs)
        if wanted:
            guard.check_graphs(wanted, known_graphs(state), "the query's dataset")
        task = {"query": query, "accept": request.headers.get("accept"), "max_rows": state.settings.max_rows,
                "base": _base(request), "default": None, "named": None}
        if default or named:  # the protocol dataset overrides FROM / FROM NAMED
            task["default"], task["named"] = list(default), list(named)
        elif checked.default_graphs or checked.named_graphs:  # the query's own dataset, not the union
            task["default"], task["named"] = list(checked.default_graphs), list(checked.named_graphs)
        return execute_query(state, task)

    enc = await run_in_threadpool(work)
    headers = {"X-PlanKG-Rows": str(enc.rows), "Vary": "Accept"}
    if enc.truncated:
        headers["X-PlanKG-Truncated"] = f"true; max-rows={state.settings.max_rows}"
    media = enc.media_type + ("; charset=utf-8" if enc.media_type.startswith("text/") else "")
    return Response(enc.body, media_type=media, headers=headers)


async def _answer_update(request: Request, state, update: str, params: dict) -> Response:
    _authorize(request, state.settings)
    using, using_named = params.get("using-graph-uri", []), params.get("using-named-graph-uri", [])
    await run_in_threadpool(do_update, state, update, list(using), list(using_named), _base(request))
    return Response(status_code=204)


# ---------------------------------------------------------------------- /store (Graph Store Protocol)
UPLOAD_TYPES = {**{k: v for k, v in GRAPH_TYPES.items() if k != "text/plain"}, "text/plain": ox.RdfFormat.N_TRIPLES}
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _remote_context(node) -> bool:
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("@context", "@import") and _has_string(v):
                return True
            if _remote_context(v):
                return True
    elif isinstance(node, list):
        return any(_remote_context(v) for v in node)
    return False


def _has_string(v) -> bool:
    if isinstance(v, str):
        return True
    if isinstance(v, list):
        return any(_has_string(x) for x in v)
    if isinstance(v, dict):
        return _remote_context(v) or ("@import" in v)
    return False


def parse_upload(body: bytes, media_type: str, base: str) -> list:
    """Parse an uploaded graph safely: no XML DOCTYPE/entities, no remote JSON-LD contexts."""
    fmt = UPLOAD_TYPES.get(media_type)
    if fmt is None:
        raise errors.UnsupportedMediaType(f"cannot read {media_type or '(no media type)'}",
                                          detail=", ".join(UPLOAD_TYPES))
    if fmt == ox.RdfFormat.RDF_XML and _DOCTYPE.search(body):
        raise errors.BadRequest("RDF/XML with a DOCTYPE or ENTITY declaration is refused")
    if fmt == ox.RdfFormat.JSON_LD:
        try:
            doc = json.loads(body)
        except ValueError as exc:
            raise errors.BadRequest("invalid JSON-LD", detail=str(exc)) from exc
        if _remote_context(doc):
            raise errors.BadRequest("JSON-LD with a remote @context is refused; inline the context")
    try:
        quads = list(ox.parse(body, format=fmt, base_iri=base))
    except (SyntaxError, ValueError) as exc:
        raise errors.BadRequest("cannot parse the uploaded graph", detail=str(exc)) from exc
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]


def _graph_target(params: dict) -> ox.NamedNode | ox.DefaultGraph:
    graph, default = _one(params, "graph"), "default" in params
    if (graph is None) == (not default):
        raise errors.BadRequest("give exactly one of ?graph=IRI or ?default")
    if graph is None:
        return ox.DefaultGraph()
    try:
        return ox.NamedNode(graph)
    except ValueError as exc:
        raise errors.BadRequest("graph is not an absolute IRI", detail=str(exc)) from exc


@router.api_route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"], include_in_schema=False)
async def graph_store(request: Request) -> Response:
    state = request.app.state
    params = parse_qs(request.url.query, keep_blank_values=True)
    target = _graph_target(params)
    if request.method in ("GET", "HEAD"):
        mt = negotiate(request.headers.get("accept"), list(GRAPH_TYPES), DEFAULT_GRAPH)
        if mt is None:
            raise errors.NotAcceptable("no acceptable RDF media type", detail=", ".join(GRAPH_TYPES))
        body = await run_in_threadpool(_get_graph, state, target, GRAPH_TYPES[mt])
        return Response(b"" if request.method == "HEAD" else body, media_type=mt)
    _authorize(request, state.settings)
    if request.method == "DELETE":
        await run_in_threadpool(_drop_graph, state, target)
        return Response(status_code=204)
    mt, _charset = _media_type(request)
    body = await _read_body(request, state.settings.max_document_bytes)
    base = target.value if isinstance(target, ox.NamedNode) else _base(request)
    triples = parse_upload(body, mt, base)
    created = await run_in_threadpool(_write_graph, state, target, triples, request.method == "PUT")
    return Response(status_code=201 if created else 204)


def _exists(state, target) -> bool:
    if isinstance(target, ox.DefaultGraph):
        return True
    return target.value in set(state.store.graphs())


def _get_graph(state, target, fmt) -> bytes:
    if not _exists(state, target):
        raise errors.NotFound("no such graph in the store", detail=target.value)
    if hasattr(state.store, "ox_query"):
        triples = state.store.graph_triples(target)
    else:
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in state.store.ox.quads_for_pattern(None, None, None, target)]
    from plankg.api.worker import encode_triples

    return encode_triples(triples, fmt)


def _drop_graph(state, target) -> None:
    if not _exists(state, target):
        raise errors.NotFound("no such graph in the store", detail=target.value)
    with _write_lock:
        try:
            if hasattr(state.store, "ox_query"):
                state.store.update("DROP DEFAULT" if isinstance(target, ox.DefaultGraph)
                                   else f"DROP GRAPH <{target.value}>", None)
            elif isinstance(target, ox.DefaultGraph):
                state.store.ox.clear_graph(target)
            else:
                state.store.ox.remove_graph(target)
        finally:
            bump(state)


def _write_graph(state, target, triples: list, replace: bool) -> bool:
    created = not _exists(state, target)
    with _write_lock:
        try:
            if hasattr(state.store, "ox_query"):
                state.store.write_triples(target, triples, replace)
            elif replace and isinstance(target, ox.NamedNode):
                # PlanStore.replace_graph stages and MOVEs: the old graph survives a failure
                state.store.replace_graph(target.value, [tuple(map(_rdflib_term, (t.subject, t.predicate, t.object)))
                                                         for t in triples])
                state.store.ox.add_graph(target)  # keep an empty PUT as an (empty) graph
            else:
                if replace:
                    state.store.ox.clear_graph(target)
                if isinstance(target, ox.NamedNode):
                    state.store.ox.add_graph(target)
                state.store.ox.extend([ox.Quad(t.subject, t.predicate, t.object, target) for t in triples])
        finally:
            bump(state)
    return created


def _rdflib_term(t):
    from rdflib import BNode, Literal, URIRef

    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    return Literal(t.value, datatype=URIRef(t.datatype.value), normalize=False)  # keep the lexical form
