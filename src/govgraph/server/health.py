"""``/health``: whether the server is up, which build it serves, and how busy it is (JSON, never cached)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from govgraph import __version__


async def health(request: Request) -> JSONResponse:
    """``/health``: always 200 with ``"status": "ok"``, the version, the build id, the number of statements, the
    query limits, how many queries are running or waiting and how many were refused, and the process ids of the
    live query workers; never cached.
    """
    state = request.app.state.govgraph
    return JSONResponse({
        "status": "ok",
        "version": __version__,
        "build": state.reader.build_id,
        "statements": state.statements,
        "queries": {"running_or_waiting": state.admission.in_flight, "limit": state.config.max_queries,
                    "refused": state.admission.refused, "workers": state.config.workers,
                    "timeout_s": state.config.timeout, "row_cap": state.config.row_cap},
        "worker_pids": state.pool.pids() if state.pool is not None and hasattr(state.pool, "pids") else [],
    }, headers={"Cache-Control": "no-store"})
