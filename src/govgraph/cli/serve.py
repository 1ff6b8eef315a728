"""``govgraph serve``: serve the built graph over HTTP (SPARQL endpoint, query page, linked-data pages, API)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from govgraph.errors import InputError, UsageError
from govgraph.server.config import DEFAULT_HOST, DEFAULT_PORT, ServerConfig
from govgraph.store.location import add_build_dir_argument, build_dir
from govgraph.sparql.memory import parse_max_memory
from govgraph.store.timeout import parse_timeout

DEFAULTS = ServerConfig(Path("build"))
MAX_WORKERS = 64

EXAMPLE = f"""\
examples:
  $ govgraph serve
  $ govgraph serve --host 0.0.0.0 --port 8080 --build-dir /srv/govgraph/build --access-log /var/log/govgraph.log

then open http://127.0.0.1:{DEFAULT_PORT}/ (query page /query, endpoint /sparql, API /api/docs).
Limits: --timeout {DEFAULTS.timeout:g} s per query (its worker is stopped), --row-cap {DEFAULTS.row_cap:,} rows,
--max-queries {DEFAULTS.max_queries} at once (then 429 with Retry-After), --max-request-bytes {DEFAULTS.max_request_bytes:,}."""


def register(subparsers) -> None:
    """Add ``govgraph serve`` (address, build, limits, assets, access log) to ``subparsers``."""
    parser = subparsers.add_parser(
        "serve", help="serve the graph over HTTP", description=__doc__.split(": ", 1)[1],
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    add_build_dir_argument(parser)
    parser.add_argument("--timeout", type=parse_timeout, default=DEFAULTS.timeout, metavar="SECONDS",
                        help=f"per-query time limit; the query's worker is stopped (default: {DEFAULTS.timeout:g})")
    parser.add_argument("--row-cap", type=int, default=DEFAULTS.row_cap, metavar="N",
                        help=f"most rows (or triples) one answer carries (default: {DEFAULTS.row_cap:,})")
    parser.add_argument("--workers", type=int, default=DEFAULTS.workers, metavar="N",
                        help=f"query worker processes, at most {MAX_WORKERS} (default: {DEFAULTS.workers})")
    parser.add_argument("--max-memory", type=parse_max_memory, default=DEFAULTS.max_memory_mib, metavar="MIB",
                        help=f"data memory a query worker may use; beyond, the query gets 503 and the worker is "
                             f"replaced; 0 for no bound (default: {DEFAULTS.max_memory_mib:,})")
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
    if args.workers > MAX_WORKERS:
        raise UsageError(f"--workers {args.workers} is more than {MAX_WORKERS}",
                         hint="each worker is a process with the store open; a few per core is plenty")
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port number (1-65535)")
    return ServerConfig(build_dir(args.build_dir), timeout=args.timeout, row_cap=args.row_cap, workers=args.workers,
                        max_queries=args.max_queries, max_request_bytes=args.max_request_bytes,
                        assets_dir=args.assets, max_memory_mib=args.max_memory)


def setup_access_log(path: Path | None) -> None:
    """Send the access log, one line per request, to ``path`` (else to standard error)."""
    try:  # before the logger is touched: a file that cannot be opened leaves it as it was
        handler = logging.FileHandler(path, encoding="utf-8") if path else logging.StreamHandler(sys.stderr)
    except OSError as error:
        raise InputError(f"cannot write the access log: {error.strerror or error}", path=path,
                         hint="give a file in a folder you can write to") from None
    logger = logging.getLogger("govgraph.access")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.handlers[:] = [handler]


def check_address(host: str, port: int) -> None:
    """Refuse, in one line, an address the server could not listen on (an unknown host, a port in use), before
    the store is opened; uvicorn would log the error and exit with code 3.

    >>> check_address("no-such-host.invalid", 8080)
    Traceback (most recent call last):
    govgraph.errors.UsageError: cannot listen on no-such-host.invalid:8080: ... (give --host an address of this machine, e.g. 127.0.0.1, and a free --port)
    """
    import socket

    try:
        for family, kind, protocol, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
            with socket.socket(family, kind, protocol) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
    except OSError as error:
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}",
                         hint="give --host an address of this machine, e.g. 127.0.0.1, and a free --port") from None


def run(args: argparse.Namespace) -> int:
    """Serve the build over HTTP until stopped; 0, or 2 (raised) for a bad limit, address or store."""
    import uvicorn

    from govgraph.server.app import create_app

    config = config_from(args)
    app = create_app(config)  # a missing or damaged store first; the query workers start with the server
    check_address(args.host, args.port)
    setup_access_log(args.access_log)
    state = app.state.govgraph
    print(f"govgraph serve: http://{args.host}:{args.port}/ over {config.build_dir} "
          f"({state.statements:,} statements); query page /query, endpoint /sparql; Ctrl-C stops", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                proxy_headers=True, forwarded_allow_ips="127.0.0.1", timeout_graceful_shutdown=5)
    return 0
