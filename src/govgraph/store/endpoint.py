"""A remote SPARQL 1.1 endpoint (Oxigraph, Virtuoso, Fuseki, GraphDB), over the SPARQL protocol.

The HTTP exchange is written here (``http.client``) so that the timeout bounds the whole request: connecting,
sending, the answer's headers and every byte of its body. A server that trickles its answer is cut off at the
deadline. Credentials in the URL (``user:pass@`` or a token in the query string) are sent but never printed.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import ssl
import threading
import time
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

import govgraph
from govgraph.errors import EndpointError, UsageError, one_line
from govgraph.store.base import ResultTable
from govgraph.store.terms import from_json as term_from_json
from govgraph.store.timeout import DEFAULT_TIMEOUT, MAX_TIMEOUT, is_timeout

__all__ = ["EndpointStore", "redact", "term_from_json"]

MAX_ANSWER_BYTES = 512 * 1024 * 1024
SECRET_PARAMETERS = ("token", "key", "secret", "password", "passwd", "pwd", "auth", "sig", "signature", "session",
                     "credential", "jwt", "bearer")
RESULTS_JSON = "application/sparql-results+json"
DETAIL_LIMIT = 160  # characters of a server's text quoted in a message


def redact(url: str) -> str:
    """``url`` as it may be printed: no user or password, no value of a secret-looking query parameter.

    >>> redact("https://alice:s3cret@example.org/sparql?access_token=abc&default-graph-uri=x")
    'https://***@example.org/sparql?access_token=***&default-graph-uri=x'
    """
    try:
        parts = urlsplit(url)
        host = parts.netloc.rpartition("@")[2]
        netloc = f"***@{host}" if "@" in parts.netloc else host
        query = "&".join(f"{k}=***" if _is_secret(k) else f"{k}={v}" if v or "=" in pair else k
                         for pair in parts.query.split("&") if pair
                         for k, _, v in [pair.partition("=")])
        return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    except ValueError:
        return "<the endpoint URL>"


def _is_secret(name: str) -> bool:
    lowered = unquote(name).lower().replace("-", "_")
    return any(word in lowered for word in SECRET_PARAMETERS)


class EndpointStore:
    """Queries a remote endpoint within a deadline; results come back as terms (see :func:`term_from_json`)."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.printable_url = redact(url)
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            raise UsageError(f"not a valid endpoint URL: {self.printable_url!r}") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"not an http(s) SPARQL endpoint: {self.printable_url!r}",
                             hint="give a URL such as http://127.0.0.1:7878/query")
        if not is_timeout(timeout):
            raise UsageError(f"the timeout must be a positive number of seconds up to {MAX_TIMEOUT:g}, "
                             f"not {timeout!r}")
        self.url = url
        self.timeout = float(timeout)
        self.description = f"SPARQL endpoint {self.printable_url}"
        self._parts = parts
        self._secrets = [unquote(s) for s in (parts.username, parts.password) if s] + [
            unquote(v) for k, _, v in (pair.partition("=") for pair in parts.query.split("&")) if v and _is_secret(k)]

    def _fail(self, reason: str, hint: str | None = None) -> EndpointError:
        for secret in self._secrets:  # a server may echo the request back
            reason = reason.replace(secret, "***")
        return EndpointError(f"the endpoint failed: {reason}", path=self.printable_url,
                             hint=hint or f"check the URL and that the server is up; timeout {self.timeout:g} s")

    def select(self, query: str) -> ResultTable:
        """The table of a SELECT ``query`` sent to the endpoint; a failure of any kind is one ``EndpointError``."""
        return self._parse(*self.answer(query))

    def _parse(self, content_type: str, body: bytes) -> ResultTable:
        if "html" in content_type.lower() or body.lstrip()[:1] == b"<":
            raise self._fail("it answered with an HTML or XML page, not SPARQL JSON results",
                             hint="is this the endpoint's query URL? for Oxigraph it ends in /query")
        try:
            document = json.loads(body.decode("utf-8"))
            columns = [str(c) for c in document["head"]["vars"]]
            rows = [tuple(term_from_json(b[c]) if c in b else None for c in columns)
                    for b in document["results"]["bindings"]]
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError) as error:
            what = "not JSON" if isinstance(error, (UnicodeDecodeError, json.JSONDecodeError)) else \
                f"JSON, but not SPARQL results (no {error})" if isinstance(error, KeyError) else \
                "JSON, but not SPARQL results"
            raise self._fail(f"its answer ({len(body):,} bytes, {one_line(content_type, 60) or 'no type'}) "
                             f"is {what}", hint="is this a SPARQL 1.1 endpoint?") from None
        return ResultTable(columns, rows)

    def answer(self, query: str, accept: str | None = None) -> tuple[str, bytes]:
        """Any query form, the answer as the server sent it (``accept``: the media types wanted, default SPARQL
        JSON results): its content type and body. Statuses other than 200 are errors."""
        status, reason, content_type, body = self._post(query, accept=accept)
        if status != 200:
            detail = one_line(body.decode("utf-8", "replace"), DETAIL_LIMIT) if body else ""
            if 300 <= status < 400:
                raise self._fail(f"HTTP {status} {reason} (a redirect)", hint="give the endpoint's final URL")
            raise self._fail(f"HTTP {status} {reason}" + (f": {detail}" if detail else ""))
        return content_type, body

    def _post(self, query: str, accept: str | None = None) -> tuple[int, str, str, bytes]:
        """POST the query; the status, reason, content type and body, all within the deadline."""
        parts = self._parts
        deadline = time.monotonic() + self.timeout
        expired = threading.Event()
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parts.hostname, parts.port, timeout=self.timeout)
        headers = {"Accept": accept or f"{RESULTS_JSON}, application/json;q=0.9",
                   "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                   "User-Agent": f"govgraph/{govgraph.__version__}"}
        if parts.username is not None:
            user_pass = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(user_pass).decode("ascii")
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

        def expire() -> None:  # a hard stop: a blocked read returns once the socket is shut
            expired.set()
            if connection.sock is not None:
                try:
                    connection.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        timer = threading.Timer(self.timeout, expire)
        timer.daemon = True
        timer.start()
        try:
            connection.request("POST", target, body=urlencode({"query": query}).encode("utf-8"), headers=headers)
            response = connection.getresponse()
            chunks, size = [], 0
            while chunk := response.read1(65536):
                size += len(chunk)
                if size > MAX_ANSWER_BYTES:
                    raise self._fail(f"its answer is larger than {MAX_ANSWER_BYTES // 2**20} MB")
                chunks.append(chunk)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    expired.set()
                    break
                if connection.sock is not None:
                    connection.sock.settimeout(remaining)
            if expired.is_set():
                raise TimeoutError
            return response.status, response.reason, response.getheader("Content-Type", ""), b"".join(chunks)
        except EndpointError:
            raise
        except (TimeoutError, socket.timeout):
            raise self._fail(f"no complete answer within {self.timeout:g} s",
                             hint="raise --timeout, or simplify the query") from None
        except (OSError, http.client.HTTPException, ssl.SSLError, ValueError) as error:
            if expired.is_set():
                raise self._fail(f"no complete answer within {self.timeout:g} s",
                                 hint="raise --timeout, or simplify the query") from None
            reason = getattr(error, "strerror", None) or one_line(str(error), DETAIL_LIMIT) or type(error).__name__
            raise self._fail(f"{type(error).__name__}: {reason}" if not getattr(error, "strerror", None)
                             else reason) from None
        finally:
            timer.cancel()
            connection.close()
