"""The endpoint's everyday request, answered before the web framework: ``GET /sparql?query=…``.

Per request the framework (routing through every route, the request object, dependency handling)
costs about as much as a small query itself. A GET whose only parameter is ``query``, that asks for a
result rather than the editor page and passes the guard's quick check, is answered here, in a plain
ASGI layer inside the app's other middleware (CORS, error handlers), by the very code the ``/sparql``
route runs for it (:func:`plankg.api.sparql.answer_quick`). Every other request goes on to the route.
"""
from __future__ import annotations

from urllib.parse import parse_qs

from fastapi.responses import JSONResponse
from starlette.datastructures import URL, Headers

from plankg import errors
from plankg.api import sparql


class FastQueries:
    """Pure ASGI middleware: answers plain query GETs on ``/sparql``, passes everything else on."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != "/sparql":
            return await self.app(scope, receive, send)
        params = parse_qs(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        query = params.get("query")
        if len(params) != 1 or query is None or len(query) != 1:
            return await self.app(scope, receive, send)
        accept = Headers(scope=scope).get("accept")
        if sparql.wants_editor(accept):
            return await self.app(scope, receive, send)  # a browser: the editor page, from the route
        state = scope["app"].state
        client = scope["client"][0] if scope.get("client") else "?"
        base = str(URL(scope=scope).replace(query=""))
        try:
            response = await sparql.answer_quick(state, query[0], accept, base, client)
        except errors.PlankgError as exc:  # the same envelope the app's error handler writes
            response = JSONResponse({"error": exc.to_dict()}, status_code=exc.http_status)
        if response is None:  # the query needs the full check: the route does it
            return await self.app(scope, receive, send)
        await response(scope, receive, send)
