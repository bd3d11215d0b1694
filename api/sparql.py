"""`/sparql` (SPARQL 1.1 Protocol: query and update) and `/store` (Graph Store HTTP Protocol).

Every request is checked by :mod:`plankg.graph.guard` and the guard's canonical text is what runs.
Queries go through the app's ``QueryService`` (killable worker processes for an embedded on-disk
store), at most ``PLANKG_QUERIES_PER_CLIENT`` at a time per client; updates run in the app process
under the write lock (:mod:`plankg.api.deps`).
"""
from __future__ import annotations

import logging
from importlib import resources
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from plankg import errors
from plankg.api.deps import client_key, known_graphs, require_token, writing
from plankg.graph import endpoint, guard, versions
from plankg.graph.results import DEFAULT_GRAPH, DEFAULT_RESULT, GRAPH_TYPES, RESULT_TYPES, Encoded, QueryTask, negotiate

log = logging.getLogger("plankg.api")
router = APIRouter(tags=["sparql"])

SD = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .
<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query{update} ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,
    fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:RDF_XML, fmt:JSON-LD, fmt:TriG, fmt:N-Quads ;
  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""  # SERVICE is refused, so sd:BasicFederatedQuery is not advertised


# ---------------------------------------------------------------------- request parsing
def _media_type(request: Request) -> tuple[str, str | None]:
    ct = request.headers.get("content-type")
    if not ct:
        return "", None
    parts = [p.strip() for p in ct.split(";")]
    charset = next((p.split("=", 1)[1].strip('"').lower() for p in parts[1:] if p.lower().startswith("charset=")),
                   None)
    return parts[0].lower(), charset


async def _read_body(request: Request, limit: int, setting: str) -> bytes:
    declared = request.headers.get("content-length")
    too_large = errors.RequestTooLarge(f"request body larger than {limit} bytes", hint=f"the limit is {setting}")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
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


# ---------------------------------------------------------------------- running
def run_checked(request: Request, task: QueryTask) -> Encoded:
    """Run a checked query within this client's query slots (blocking: call from a worker thread)."""
    state = request.app.state
    with state.client_slots.slot(client_key(request)):
        return state.queries.run(task)


def do_update(state, text: str, using: list[str], using_named: list[str], base: str) -> None:
    checked = guard.check_update(text)
    text = checked.text
    if (using or using_named) and checked.has_using:
        raise errors.BadRequest("using-graph-uri/using-named-graph-uri given together with USING or WITH")
    if using or using_named:
        guard.check_graphs(using + using_named, known_graphs(state), "using-graph-uri")
        text = guard.add_using(text, using, using_named)
    with writing(state) as store:
        before = store.graphs()
        store.update(text, base)
        # plan graphs the update may have changed get their content stamp again (the chat index follows it)
        versions.restamp(store, versions.graphs_an_update_touches(text, set(before) | set(store.graphs())))


# ---------------------------------------------------------------------- /sparql
def _service_description(request: Request, state) -> Response:
    update = ", sd:SPARQL11Update" if state.settings.update_token else ""
    ttl = SD.format(endpoint=_base(request), update=update)
    mt = negotiate(request.headers.get("accept"), list(GRAPH_TYPES), DEFAULT_GRAPH)
    if mt is None:
        raise errors.NotAcceptable("no acceptable media type for the service description",
                                   detail=", ".join(GRAPH_TYPES))
    return Response(endpoint.turtle_as(ttl, mt), media_type=mt)


def wants_editor(accept: str | None) -> bool:
    """A GET with a query that a browser sends (HTML before any result type): the editor page answers it."""
    return negotiate(accept, ["text/html", *RESULT_TYPES, *GRAPH_TYPES], DEFAULT_RESULT) == "text/html"


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
        if wants_editor(accept):
            return editor_page()  # a browser following a link: the editor opens with the query and runs it
        return await _answer_query(request, state, query, params)

    mt, charset = _media_type(request)
    body = await _read_body(request, settings.max_request_bytes, "PLANKG_MAX_REQUEST_BYTES")
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
    default, named = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
    if not (default or named):
        quick = await answer_quick(state, query, request.headers.get("accept"), _base(request), client_key(request))
        if quick is not None:
            return quick
    _check_size(state, query)

    def work() -> Encoded:
        checked = guard.check_query(query)
        wanted = list(default) + list(named) + list(checked.default_graphs) + list(checked.named_graphs)
        if wanted:
            guard.check_graphs(wanted, known_graphs(state), "the query's dataset")
        dataset: dict = {}
        if default or named:  # the protocol dataset overrides FROM / FROM NAMED
            dataset = {"default": tuple(default), "named": tuple(named)}
        elif checked.default_graphs or checked.named_graphs:  # the query's own dataset, not the union
            dataset = {"default": checked.default_graphs, "named": checked.named_graphs}
        task = QueryTask(checked.text, request.headers.get("accept"), state.settings.max_rows, _base(request),
                         **dataset)
        return run_checked(request, task)

    return _query_response(state, await run_in_threadpool(work))


async def answer_quick(state, query: str, accept: str | None, base: str, client: str) -> Response | None:
    """The common case: no dataset to check, no parse needed (the guard's quick check), no thread hop.
    None when the query needs the full check. Also called before the framework (api/sparql_fast.py)."""
    _check_size(state, query)
    quick = guard.check_query_quick(query)
    if quick is None:
        return None
    task = QueryTask(quick.text, accept, state.settings.max_rows, base)
    with state.client_slots.slot(client):
        return _query_response(state, await state.queries.arun(task))


def _check_size(state, query: str) -> None:
    if len(query.encode()) > state.settings.max_request_bytes:
        raise errors.RequestTooLarge("query text too large", hint="the limit is PLANKG_MAX_REQUEST_BYTES")


def _query_response(state, enc: Encoded) -> Response:
    headers = {"X-PlanKG-Rows": str(enc.rows), "Vary": "Accept"}
    if enc.truncated:
        headers["X-PlanKG-Truncated"] = f"true; max-rows={state.settings.max_rows}"
    media = enc.media_type + ("; charset=utf-8" if enc.media_type.startswith("text/") else "")
    return Response(enc.body, media_type=media, headers=headers)


async def _answer_update(request: Request, state, update: str, params: dict) -> Response:
    require_token(request)
    using, using_named = params.get("using-graph-uri", []), params.get("using-named-graph-uri", [])
    await run_in_threadpool(do_update, state, update, list(using), list(using_named), _base(request))
    return Response(status_code=204)


# ---------------------------------------------------------------------- /store (Graph Store Protocol)
def _graph_target(params: dict) -> str | None:
    graph, default = _one(params, "graph"), "default" in params
    if (graph is None) == (not default):
        raise errors.BadRequest("give exactly one of ?graph=IRI or ?default")
    return endpoint.graph_iri(graph)


@router.api_route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"], include_in_schema=False)
async def graph_store(request: Request) -> Response:
    state = request.app.state
    params = parse_qs(request.url.query, keep_blank_values=True)
    graph = _graph_target(params)
    if request.method in ("GET", "HEAD"):
        mt = negotiate(request.headers.get("accept"), list(GRAPH_TYPES), DEFAULT_GRAPH)
        if mt is None:
            raise errors.NotAcceptable("no acceptable RDF media type", detail=", ".join(GRAPH_TYPES))
        if not await run_in_threadpool(endpoint.graph_exists, state.store, graph):
            raise errors.NotFound("no such graph in the store", detail=graph)
        if request.method == "HEAD":  # cheap: existence and media type only, the graph is never read
            return Response(media_type=mt)
        task = endpoint.graph_read_task(graph, mt, state.settings.max_rows)
        enc = await run_in_threadpool(run_checked, request, task)
        headers = {"X-PlanKG-Rows": str(enc.rows)}
        if enc.truncated:
            headers["X-PlanKG-Truncated"] = f"true; max-rows={state.settings.max_rows}"
        return Response(enc.body, media_type=enc.media_type, headers=headers)
    require_token(request)
    if request.method == "DELETE":
        await run_in_threadpool(_locked, state, endpoint.graph_store_delete, graph)
        return Response(status_code=204)
    mt, _charset = _media_type(request)
    body = await _read_body(request, state.settings.max_document_bytes, "PLANKG_MAX_DOCUMENT_BYTES")
    base = graph or _base(request)
    created = await run_in_threadpool(_locked, state, endpoint.graph_store_write, graph, body, mt, base,
                                      request.method == "PUT")
    return Response(status_code=201 if created else 204)


def _locked(state, action, *args):
    with writing(state) as store:
        return action(store, *args)
