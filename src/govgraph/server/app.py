"""``create_app``: the Starlette application ``govgraph serve`` runs under uvicorn.

>>> from pathlib import Path
>>> from govgraph.server.config import ServerConfig
>>> callable(create_app)
True
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

import anyio
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from govgraph import resources
from govgraph.queries.library import LibraryQuery, load_library
from govgraph.server import api, health, linked_data, sparql_protocol, void
from govgraph.server.access_log import AccessLog
from govgraph.server.config import ServerConfig
from govgraph.server.graph import GraphReader
from govgraph.server.limits import Admission
from govgraph.server.negotiation import choose
from govgraph.server.pages.home import home_page, search_page
from govgraph.server.pages.query_page import query_page
from govgraph.server.search import UnitIndex, validity
from govgraph.store.location import store_dir

STATIC = Path(__file__).resolve().parent / "static"
LOGGER = logging.getLogger("govgraph.server")


def default_assets_dir() -> Path:
    """Where ``make assets`` (``npm ci``) puts YASGUI's build in a checkout (``--assets`` names another)."""
    return resources.project_root() / "node_modules" / "@zazuko" / "yasgui" / "build"


@dataclass
class ServerState:
    """What every route reads: settings, the store, the library, the query pool and the admission gate."""

    config: ServerConfig
    reader: GraphReader
    library: dict[str, LibraryQuery]
    admission: Admission
    openapi: dict
    statements: int
    assets_dir: Path
    pool: object | None = None
    query_threads: anyio.CapacityLimiter | None = None
    void_stats: list | None = None
    _index: UnitIndex | None = None
    _index_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def assets(self) -> bool:
        """Whether YASGUI's build is installed in ``assets_dir`` (else the query page offers a plain form)."""
        return (self.assets_dir / "yasgui.min.js").is_file()

    async def unit_index(self) -> UnitIndex:
        """The unit search index, read from the store in a worker thread by the first caller; later callers wait
        for it and then share it."""
        async with self._index_lock:
            if self._index is None:
                self._index = await run_in_threadpool(UnitIndex.load, self.reader)
        return self._index


def open_pool(config: ServerConfig):
    """The query worker pool over the built store (``govgraph.sparql.pool``)."""
    from govgraph.sparql.pool import QueryPool

    return QueryPool(store_dir(config.build_dir), workers=config.workers, timeout=config.timeout,
                     row_cap=config.row_cap, max_memory_mib=config.max_memory_mib)


async def home(request: Request) -> Response:
    """``/``: the home page (what the service offers, the search form, the number of statements), in HTML."""
    return HTMLResponse(home_page(request.app.state.govgraph.statements))


async def query(request: Request) -> Response:
    """``/query``: the SPARQL query page, a tab per library query (YASGUI, or a plain form without its assets)."""
    state = request.app.state.govgraph
    return HTMLResponse(query_page(state.library, api.example_parameters, state.assets))


async def search(request: Request) -> Response:
    """``/search`` and ``/api/search``: the unit versions whose name or code matches ``?q=`` (its first 200
    characters; none for a blank one). JSON ``{"query": ..., "results": [...]}`` at ``/api/search`` or when
    ``Accept`` prefers ``application/json`` to ``text/html``, else the HTML search page; ``Vary: Accept``.
    """
    state = request.app.state.govgraph
    text = request.query_params.get("q", "")[:200]
    index = await state.unit_index()
    results = await run_in_threadpool(index.search, text) if text.strip() else []
    wants_json = request.url.path.startswith("/api/") or choose(
        request.headers.get("accept"), ["text/html", "application/json"]) == "application/json"
    if wants_json:
        return JSONResponse({"query": text, "results": results}, headers={"Vary": "Accept"})
    return HTMLResponse(search_page(text, results, validity), headers={"Vary": "Accept"})


def create_app(config: ServerConfig, *, pool=None, reader: GraphReader | None = None) -> Starlette:
    """The application over ``config.build_dir``; ``pool`` overrides the query pool (tests)."""
    reader = reader or GraphReader.open(config.build_dir)
    library = load_library(check=True)  # every query's SPARQL checked before the server offers it
    state = ServerState(
        config=config, reader=reader, library=library, admission=Admission(config.max_queries),
        openapi=api.openapi(library), statements=len(reader.store),
        assets_dir=config.assets_dir or default_assets_dir(), pool=pool)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        state.query_threads = anyio.CapacityLimiter(max(1, config.max_queries))
        owned = None
        if state.pool is None:
            owned = state.pool = await run_in_threadpool(open_pool, config)
        warming = asyncio.create_task(state.unit_index())  # the search index, built while the server answers
        try:
            yield
        finally:
            warming.cancel()
            if owned is not None:
                await run_in_threadpool(owned.close)

    routes = [
        Route("/", home),
        Route("/query", query),
        Route("/sparql", sparql_protocol.sparql, methods=["GET", "POST"]),
        Route("/api/queries", api.list_queries),
        Route("/api/queries/{name}", api.run_library_query),
        Route("/api/openapi.json", api.openapi_document),
        Route("/api/docs", api.docs),
        Route("/api/search", search),
        Route("/search", search),
        Route("/health", health.health),
        Route("/.well-known/void", void.void),
        Route("/.well-known/void.{ext}", void.void),
        Route("/dumps/{name}", void.dump),
        Mount("/static/yasgui", app=StaticFiles(directory=state.assets_dir, check_dir=False), name="yasgui"),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
        Route("/{path:path}", linked_data.linked_data),
    ]
    middleware = [
        Middleware(AccessLog),
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                   allow_headers=["Accept", "Content-Type", "If-None-Match"],
                   expose_headers=["ETag", "Retry-After", "Vary", "X-Govgraph-Truncated"], max_age=600),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.govgraph = state
    return app
