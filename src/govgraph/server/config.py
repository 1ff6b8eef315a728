"""The server's settings and their defaults (``govgraph serve --help`` lists the same)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080


@dataclass(frozen=True)
class ServerConfig:
    """Everything ``create_app`` needs.

    >>> ServerConfig(Path("build")).timeout
    30.0
    """

    build_dir: Path
    timeout: float = 30.0            # seconds a SPARQL query may run before its worker is stopped
    row_cap: int = 10_000            # solutions (or triples) a query may return; the rest are cut
    workers: int = 2                 # query worker processes
    max_memory_mib: int = 2048       # data memory a worker may use (0: no bound); beyond: 503, the worker replaced
    max_queries: int = 32            # queries admitted at once (running plus waiting); beyond: 429
    max_request_bytes: int = 64 * 1024  # a request body or query string larger than this: 413
    retry_after: int = 2             # seconds a client told 429 is asked to wait
    assets_dir: Path | None = None   # the YASGUI build (node_modules/@zazuko/yasgui/build) if not the default
