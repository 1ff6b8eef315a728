"""``govgraph serve``: serve the built graph over HTTP (SPARQL endpoint, query page, linked-data pages, API)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from govgraph.errors import UsageError
from govgraph.server.config import DEFAULT_HOST, DEFAULT_PORT, ServerConfig
from govgraph.store.location import add_build_dir_argument, build_dir

DEFAULTS = ServerConfig(Path("build"))

EXAMPLE = f"""\
examples:
  $ govgraph serve
  $ govgraph serve --host 0.0.0.0 --port 8080 --build-dir /srv/govgraph/build --access-log /var/log/govgraph.log

then open http://127.0.0.1:{DEFAULT_PORT}/ (query page /query, endpoint /sparql, API /api/docs).
Limits: --timeout {DEFAULTS.timeout:g} s per query (its worker is stopped), --row-cap {DEFAULTS.row_cap:,} rows,
--max-queries {DEFAULTS.max_queries} at once (then 429 with Retry-After), --max-request-bytes {DEFAULTS.max_request_bytes:,}."""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="serve the graph over HTTP", description=__doc__.split(": ", 1)[1],
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    add_build_dir_argument(parser)
    parser.add_argument("--timeout", type=float, default=DEFAULTS.timeout, metavar="SECONDS",
                        help=f"per-query time limit; the query's worker is stopped (default: {DEFAULTS.timeout:g})")
    parser.add_argument("--row-cap", type=int, default=DEFAULTS.row_cap, metavar="N",
                        help=f"most rows (or triples) one answer carries (default: {DEFAULTS.row_cap:,})")
    parser.add_argument("--workers", type=int, default=DEFAULTS.workers, metavar="N",
                        help=f"query worker processes (default: {DEFAULTS.workers})")
    parser.add_argument("--max-queries", type=int, default=DEFAULTS.max_queries, metavar="N",
                        help=f"queries admitted at once, running or waiting; beyond: 429 (default: {DEFAULTS.max_queries})")
    parser.add_argument("--max-request-bytes", type=int, default=DEFAULTS.max_request_bytes, metavar="N",
                        help=f"largest query or request body; beyond: 413 (default: {DEFAULTS.max_request_bytes:,})")
    parser.add_argument("--assets", type=Path, metavar="DIR",
                        help="YASGUI's build folder (default: node_modules/@zazuko/yasgui/build of the checkout)")
    parser.add_argument("--access-log", type=Path, metavar="FILE",
                        help="append the access log here (default: standard error)")
    parser.set_defaults(run=run)


def config_from(args: argparse.Namespace) -> ServerConfig:
    """The server's configuration from the command line; a limit that is not positive is a usage error."""
    for name in ("timeout", "row_cap", "workers", "max_queries", "max_request_bytes"):
        if getattr(args, name) <= 0:
            raise UsageError(f"--{name.replace('_', '-')} must be positive, not {getattr(args, name)}")
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port number (1-65535)")
    return ServerConfig(build_dir(args.build_dir), timeout=args.timeout, row_cap=args.row_cap, workers=args.workers,
                        max_queries=args.max_queries, max_request_bytes=args.max_request_bytes,
                        assets_dir=args.assets)


def setup_access_log(path: Path | None) -> None:
    """Send the access log, one line per request, to ``path`` (else to standard error)."""
    logger = logging.getLogger("govgraph.access")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.FileHandler(path, encoding="utf-8") if path else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.handlers[:] = [handler]


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from govgraph.server.app import create_app

    config = config_from(args)
    app = create_app(config)
    setup_access_log(args.access_log)
    state = app.state.govgraph
    print(f"govgraph serve: http://{args.host}:{args.port}/ over {config.build_dir} "
          f"({state.statements:,} statements); query page /query, endpoint /sparql; Ctrl-C stops", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                proxy_headers=True, forwarded_allow_ips="127.0.0.1", timeout_graceful_shutdown=5)
    return 0
