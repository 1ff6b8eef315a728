"""``/sparql``: the SPARQL 1.1 Protocol (query operation), read-only.

GET with ``?query=``, POST with an urlencoded form or an ``application/sparql-query`` body. The answer's
format follows ``Accept``: SPARQL JSON, XML, CSV or TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD or
RDF/XML for CONSTRUCT and DESCRIBE. Without a query the endpoint describes itself (Service Description).

Status codes: 400 malformed request or query, 403 update/LOAD/SERVICE/remote FROM (read-only), 406 no
acceptable format, 413 request larger than the cap, 415 unknown body type, 429 more queries than the
server admits (with ``Retry-After``), 503 the query ran past the timeout and was stopped.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import anyio
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from govgraph.errors import NotAcceptable, PoolBusy, QueryFailed, QueryOutOfMemory, QueryRefused, QueryTimeout
from govgraph.server.negotiation import ALIASES, HTML, RDF_FORMATS, choose
from govgraph.server.responses import content_type, error, serialize
from govgraph.server.service_description import service_description
from govgraph.sparql.guard import check

RESULT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"]
RESULT_ALIASES = {"application/json": "application/sparql-results+json",
                  "application/xml": "application/sparql-results+xml", "text/xml": "application/sparql-results+xml"}
GRAPH_TYPES = list(RDF_FORMATS)


class RequestTooLarge(Exception):
    """Raised by :func:`read_body` when the body is over the cap: the request is answered 413."""

    pass


async def read_body(request: Request, cap: int) -> bytes:
    """The request body, refusing (before and while reading) anything over ``cap`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise RequestTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            raise RequestTooLarge
    return bytes(body)


def _single(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name, [])
    if len(found) > 1:
        raise ValueError(f"the request gives {name} {len(found)} times; give it once")
    return found[0] if found else None


def too_large(cap: int) -> Response:
    """The 413 answer to a request over ``cap`` bytes."""
    return error(413, f"request too large: the limit is {cap:,} bytes (govgraph serve --max-request-bytes)")


def busy(state) -> Response:
    """The 429 answer when every query slot is taken, with Retry-After."""
    return error(429, f"too many queries at once (limit {state.config.max_queries}); retry in "
                      f"{state.config.retry_after} s", headers={"Retry-After": str(state.config.retry_after)})


async def run_admitted(state, query: str, media_type: str):
    """Run ``query`` on the pool if the server admits one more query; ``None`` when it does not (answer 429)."""
    if not state.admission.try_enter():
        return None
    try:
        return await anyio.to_thread.run_sync(state.pool.run, query, media_type, limiter=state.query_threads)
    finally:
        state.admission.leave()


def query_error(state, problem: Exception) -> Response:
    """The response for an error raised while answering a query."""
    if isinstance(problem, QueryTimeout):
        return error(503, f"{problem} (the per-query timeout is {state.config.timeout:g} s)")
    if isinstance(problem, QueryOutOfMemory):
        return error(503, str(problem))
    if isinstance(problem, QueryRefused):
        return error(403, f"refused: {problem}")
    if isinstance(problem, PoolBusy):
        return busy(state)
    if isinstance(problem, NotAcceptable):
        return error(406, str(problem), headers={"Vary": "Accept"})
    return error(400, f"query failed: {problem}")


async def sparql(request: Request) -> Response:
    """``/sparql``, GET or POST: the answer to the request's query, in the format ``Accept`` prefers among those
    the query's form allows (``Vary: Accept``, never cached, ``X-Govgraph-Truncated`` when cut at the row cap);
    without a query, the Service Description (:func:`describe_service`). The status codes are those the module
    lists; a parameter given twice, or ``default-graph-uri``/``named-graph-uri``, is a 400.
    """
    state = request.app.state.govgraph
    cap = state.config.max_request_bytes
    values = parse_qs(request.url.query, keep_blank_values=True)
    if len(request.url.query.encode()) > cap:
        return too_large(cap)
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            body = await read_body(request, cap)
        except RequestTooLarge:
            return too_large(cap)
        if media == "application/x-www-form-urlencoded":
            for key, found in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                values.setdefault(key, []).extend(found)
        elif media == "application/sparql-query":
            values.setdefault("query", []).append(body.decode("utf-8", "replace"))
        elif media == "application/sparql-update":
            return error(403, "refused: this endpoint is read-only; SPARQL updates are not accepted")
        else:
            return error(415, f"unsupported body type {media or '(none)'!r}: send application/sparql-query "
                              "or an application/x-www-form-urlencoded form with query=")
    try:
        query = _single(values, "query")
        update = _single(values, "update")
    except ValueError as problem:
        return error(400, str(problem))
    if update is not None:
        return error(403, "refused: this endpoint is read-only; SPARQL updates are not accepted")
    if values.get("default-graph-uri") or values.get("named-graph-uri"):
        return error(400, "default-graph-uri and named-graph-uri are not supported: the default graph is the "
                          "union of the named graphs; use GRAPH <https://w3id.org/govgraph/graph/...> in the query")
    accept = request.headers.get("accept")
    if query is None:
        return describe_service(request, accept)
    try:
        kind = check(query).kind
    except QueryRefused as problem:
        return error(403, f"refused: {problem}")
    offers, aliases = {"graph": (GRAPH_TYPES, ALIASES), "boolean": (RESULT_TYPES[:2], RESULT_ALIASES)}.get(
        kind, (RESULT_TYPES, RESULT_ALIASES))
    media_type = choose(accept, offers, aliases)
    if media_type is None:
        return error(406, f"cannot answer this query as {accept!r}: acceptable types are {', '.join(offers)}",
                     headers={"Vary": "Accept"})
    try:
        answer = await run_admitted(state, query, media_type)
    except (QueryTimeout, QueryRefused, QueryFailed, PoolBusy, NotAcceptable) as problem:
        return query_error(state, problem)
    if answer is None:
        return busy(state)
    headers = {"Vary": "Accept", "Cache-Control": "no-store"}
    if answer.truncated:
        headers["X-Govgraph-Truncated"] = f"true; the answer is cut at {state.config.row_cap:,} rows"
    return Response(answer.body, media_type=content_type(answer.media_type), headers=headers)


def describe_service(request: Request, accept: str | None) -> Response:
    """The Service Description, in the RDF format asked for; a browser is sent to the query page."""
    media_type = choose(accept, GRAPH_TYPES + [HTML])
    if media_type == HTML:
        return RedirectResponse("/query", status_code=303, headers={"Vary": "Accept"})
    if media_type is None:
        return error(406, f"the service description is available as {', '.join(GRAPH_TYPES)}",
                     headers={"Vary": "Accept"})
    base = str(request.base_url)
    graphs = request.app.state.govgraph.reader.graph_names()
    body = serialize(service_description(base + "sparql", base + ".well-known/void", graphs), media_type)
    return Response(body, media_type=content_type(media_type), headers={"Vary": "Accept"})
