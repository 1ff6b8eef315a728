"""The access log: one line per request, in the Common Log Format plus the time taken, on the
``govgraph.access`` logger (``govgraph serve`` writes it to standard error or to ``--access-log FILE``).

>>> log_line("127.0.0.1", "GET", "/health", "HTTP/1.1", 200, 42, 0.0012, when=0)
'127.0.0.1 - - [01/Jan/1970:00:00:00 +0000] "GET /health HTTP/1.1" 200 42 1.2ms'
"""

from __future__ import annotations

import logging
import time

LOGGER = logging.getLogger("govgraph.access")


def log_line(client: str, method: str, target: str, protocol: str, status: int, size: int, seconds: float,
             when: float | None = None) -> str:
    """One access-log line, in the common log format followed by the time taken."""
    stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(time.time() if when is None else when))
    return f'{client} - - [{stamp}] "{method} {target} {protocol}" {status} {size} {seconds * 1000:.1f}ms'


class AccessLog:
    """ASGI middleware writing :func:`log_line` when a response is finished."""

    def __init__(self, app, logger: logging.Logger = LOGGER) -> None:
        self.app = app
        self.logger = logger

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        seen = {"status": 500, "size": 0}

        async def sending(message):
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["size"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            target = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
            if scope.get("query_string"):
                target += "?" + scope["query_string"].decode("latin-1")
            client = scope["client"][0] if scope.get("client") else "-"
            self.logger.info(log_line(client, scope["method"], target[:2000], f"HTTP/{scope.get('http_version', '1.1')}",
                                      seen["status"], seen["size"], time.perf_counter() - started))
