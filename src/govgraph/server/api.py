"""The query library over HTTP: ``/api/queries`` lists the ``.rq`` files, ``/api/queries/{name}`` runs one.

Parameters are validated and bound as typed RDF terms exactly as ``govgraph query`` binds them
(:func:`govgraph.queries.runner.bind_parameters`, then a ``VALUES`` block written from the terms), and the
query runs on the same worker pool, timeout and admission limit as ``/sparql``. Answers are SPARQL JSON
results or CSV (``Accept``, or ``?format=csv`` for a query without a ``format`` parameter).
``/api/openapi.json`` is an OpenAPI 3 document generated from the ``.rq`` headers; ``/api/docs`` shows it.
"""

from __future__ import annotations

import re
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from govgraph import __version__
from govgraph.errors import GovgraphError, NotAcceptable, PoolBusy, QueryFailed, QueryRefused, QueryTimeout
from govgraph.queries.library import LibraryQuery
from govgraph.queries.runner import bind_parameters
from govgraph.server.negotiation import choose
from govgraph.server.pages.html import Markup, join, layout, table, tag
from govgraph.server.responses import content_type
from govgraph.server.sparql_protocol import busy, query_error, run_admitted
from govgraph.store.values import with_values

FORMATS = {"json": "application/sparql-results+json", "csv": "text/csv"}
ALIASES = {"application/json": "application/sparql-results+json"}
SCHEMAS = {
    "string": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "boolean": {"type": "boolean"},
    "iri": {"type": "string", "format": "uri"},
}
_EXAMPLE_PARAM = re.compile(r"--param\s+([A-Za-z_][\w-]*)=(\S+)")


def example_parameters(query: LibraryQuery) -> dict[str, str]:
    """The parameter values of the query's first ``#+ example:`` line.

    >>> from govgraph.queries import load_library
    >>> example_parameters(load_library()["units-of-province"])
    {'province': '31'}
    """
    for example in query.examples:
        found = dict(_EXAMPLE_PARAM.findall(example))
        if found:
            return found
    return {}


def describe(query: LibraryQuery) -> dict:
    """A library query as the API lists it: name, title, description and parameters."""
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "parameters": [{"name": p.name, "type": p.type, "required": p.required, "description": p.description}
                       for p in query.parameters],
        "example": example_parameters(query),
        "url": f"/api/queries/{query.name}",
        "sparql": query.text,
    }


async def list_queries(request: Request) -> Response:
    """``/api/queries``: every query of the library as :func:`describe` gives it, as JSON ``{"queries": [...]}``."""
    library = request.app.state.govgraph.library
    return JSONResponse({"queries": [describe(q) for q in library.values()]})


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _as_json(response: Response) -> JSONResponse:
    """A plain-text error of the SPARQL endpoint (``query_error``, ``busy``) as the API's ``{"error": ...}``, with
    the headers that matter: ``Retry-After`` and ``Vary``."""
    return JSONResponse({"error": response.body.decode().strip()}, status_code=response.status_code,
                        headers={k: v for k, v in response.headers.items() if k in ("retry-after", "vary")})


def bound_text(query: LibraryQuery, raw: dict[str, str]) -> str:
    """The query text with the user's parameters bound as typed terms (``UsageError`` if one is wrong)."""
    return with_values(query.text, bind_parameters(query, raw))


async def run_library_query(request: Request) -> Response:
    """``/api/queries/{name}``: the answer of one library query, its parameters taken from the query string.

    SPARQL JSON results or CSV (``text/csv``), by ``Accept`` or ``?format=json|csv`` (when the query has no
    parameter of that name); ``X-Govgraph-Truncated`` when the answer is cut at the row cap, ``X-Govgraph-Note``
    (the query's ``empty:`` header) when it has no rows and every parameter names something. Errors are JSON
    ``{"error": ...}``: 404 no such query; 400 a parameter given twice, a bad format or parameter value, a query
    that failed, or no rows because a parameter names nothing in the graph (with the hint ``govgraph query``
    gives); 403 refused; 406 neither format acceptable (``Vary: Accept``); 429 every query slot taken (with
    ``Retry-After``); 503 the query ran past the timeout or out of memory.
    """
    state = request.app.state.govgraph
    name = request.path_params["name"]
    query = state.library.get(name)
    if query is None:
        return _error(404, f"no query named {name!r}; see /api/queries")
    raw: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in raw:
            return _error(400, f"parameter {key} is given twice")
        raw[key] = value
    wanted = raw.pop("format") if "format" in raw and not any(p.name == "format" for p in query.parameters) else None
    if wanted is not None and wanted not in FORMATS:
        return _error(400, f"format {wanted!r}: use json or csv")
    media_type = FORMATS[wanted] if wanted else choose(request.headers.get("accept"), list(FORMATS.values()), ALIASES)
    if media_type is None:
        return _error(406, "answers are application/sparql-results+json or text/csv", {"Vary": "Accept"})
    try:
        text = bound_text(query, raw)
    except GovgraphError as problem:
        return _error(400, str(problem))
    try:
        answer = await run_admitted(state, text, media_type)
    except (QueryTimeout, QueryRefused, QueryFailed, PoolBusy, NotAcceptable) as problem:
        return _as_json(query_error(state, problem))
    if answer is None:
        return _as_json(busy(state))
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["X-Govgraph-Truncated"] = f"true; the answer is cut at {state.config.row_cap:,} rows"
    if answer.count is not None and answer.count <= 0:  # no rows: a parameter that names nothing is a 400
        from anyio import to_thread

        problem = await to_thread.run_sync(empty_answer_problem, state, query, raw)
        if problem is not None:
            return _error(400, problem)
        headers["X-Govgraph-Note"] = query.empty.encode("ascii", "replace").decode() or "no rows"
    return Response(answer.body, media_type=content_type(answer.media_type), headers=headers)


def empty_answer_problem(state, query: LibraryQuery, raw: dict[str, str]) -> str | None:
    """Why an answer has no rows when a parameter names nothing (the hints ``govgraph query`` gives), else None."""
    from govgraph.queries.hints import check_empty_answer
    from govgraph.store import EmbeddedStore

    try:
        check_empty_answer(EmbeddedStore(state.reader.store), query, raw, bind_parameters(query, raw))
    except GovgraphError as problem:
        return str(problem)
    return None


def openapi(library: dict[str, LibraryQuery]) -> dict:
    """An OpenAPI 3 document with one GET operation per library query, generated from the ``.rq`` headers.

    >>> from govgraph.queries import load_library
    >>> document = openapi(load_library())
    >>> document["openapi"], document["paths"]["/api/queries/units-of-province"]["get"]["parameters"][0]["name"]
    ('3.0.3', 'province')
    """
    error = {"description": "an error, with a message", "content": {"application/json": {"schema": {
        "type": "object", "properties": {"error": {"type": "string"}}}}}}
    results = {"description": "the answer: SPARQL 1.1 JSON results or CSV", "content": {
        "application/sparql-results+json": {"schema": {"$ref": "#/components/schemas/SparqlResults"}},
        "text/csv": {"schema": {"type": "string"}}}}
    paths: dict = {"/api/queries": {"get": {
        "operationId": "listQueries", "summary": "The queries of the library",
        "responses": {"200": {"description": "every query with its title, description and typed parameters",
                              "content": {"application/json": {"schema": {"type": "object"}}}}}}}}
    for query in library.values():
        examples = example_parameters(query)
        parameters = []
        for p in query.parameters:
            parameter = {"name": p.name, "in": "query", "required": p.required, "description": p.description,
                         "schema": dict(SCHEMAS[p.type])}
            if p.name in examples:
                parameter["example"] = examples[p.name]
            parameters.append(parameter)
        paths[f"/api/queries/{query.name}"] = {"get": {
            "operationId": re.sub(r"\W", "_", query.name),
            "summary": query.title,
            "description": query.description,
            "tags": ["library"],
            "parameters": parameters,
            "responses": {"200": results, "400": error, "404": error, "406": error,
                          "429": error | {"headers": {"Retry-After": {"schema": {"type": "integer"}}}},
                          "503": error},
        }}
    return {
        "openapi": "3.0.3",
        "info": {"title": "govgraph query library", "version": __version__,
                 "description": "The SPARQL queries of govgraph's library (queries/*.rq), each a GET operation. "
                                "Parameters are bound as typed RDF terms, never pasted into the query."},
        "paths": paths,
        "components": {"schemas": {"SparqlResults": {
            "type": "object", "description": "SPARQL 1.1 Query Results JSON Format",
            "properties": {"head": {"type": "object"}, "results": {"type": "object"}, "boolean": {"type": "boolean"}}}}},
    }


async def openapi_document(request: Request) -> Response:
    """``/api/openapi.json``: the OpenAPI 3 document of the library (:func:`openapi`, made as the server starts)."""
    return JSONResponse(request.app.state.govgraph.openapi)


INPUT_TYPES = {"date": "date", "integer": "number", "decimal": "text", "boolean": "text", "iri": "url", "string": "text"}


def docs_page(library: dict[str, LibraryQuery]) -> Markup:
    """The API's documentation for people: one section per query, with a form that runs it."""
    parts = [tag("h1", "Query API"),
             tag("p", join(["Every query of the library is a GET operation; the machine-readable description is ",
                            tag("a", "/api/openapi.json", href="/api/openapi.json"), ", the list ",
                            tag("a", "/api/queries", href="/api/queries"), ". Answers are SPARQL JSON results, or CSV "
                            "with Accept: text/csv or ?format=csv."]))]
    parts.append(tag("ul", join(tag("li", tag("a", q.title, href=f"#{q.name}")) for q in library.values())))
    for query in library.values():
        examples = example_parameters(query)
        rows = [[tag("code", p.name), p.type, "required" if p.required else "optional", p.description]
                for p in query.parameters]
        inputs = [tag("label", join([p.name, " ", Markup(
            f'<input name="{escape(p.name)}" type="{INPUT_TYPES[p.type]}" value="{escape(examples.get(p.name, ""))}"'
            f'{" required" if p.required else ""}>')])) for p in query.parameters]
        form = Markup(f'<form method="get" action="/api/queries/{query.name}">' + join(inputs, " ")
                      + ' <select name="format"><option>json</option><option>csv</option></select>'
                      ' <button type="submit">Run</button></form>')
        section = [tag("h2", join([query.title, " ", tag("small", f"GET /api/queries/{query.name}", class_="muted")]),
                       id=query.name), tag("p", query.description)]
        if rows:
            section.append(table(["parameter", "type", "", "description"], rows))
        section.append(form)
        parts.append(tag("section", join(section)))
    return layout("Query API", join(parts))


async def docs(request: Request) -> Response:
    """``/api/docs``: the API's documentation page (:func:`docs_page`), in HTML."""
    return HTMLResponse(docs_page(request.app.state.govgraph.library))
