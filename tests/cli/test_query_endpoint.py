"""``govgraph query --endpoint`` against tiny misbehaving HTTP servers on 127.0.0.1: every failure is one line with
exit 2, the timeout bounds the whole request, and credentials in the URL are never printed."""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from govgraph.errors import UsageError
from govgraph.store import EndpointStore

from .helpers import one_line_error, run

STOP = threading.Event()
RESULTS = {"head": {"vars": ["code", "name", "total"]}, "results": {"bindings": [
    {"code": {"type": "literal", "value": "31"}, "name": {"type": "literal", "value": "Thành phố Hải Phòng"},
     "total": {"type": "literal", "value": "114", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}


class Handler(BaseHTTPRequestHandler):
    """One behaviour per path."""

    seen: list[dict] = []

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        Handler.seen.append({"path": self.path, "authorization": self.headers.get("Authorization"),
                             "accept": self.headers.get("Accept"), "body": self.rfile.read(length)})
        path = self.path.split("?")[0]
        if path == "/valid":
            self._send(200, "application/sparql-results+json", json.dumps(RESULTS).encode())
        elif path == "/trickle":  # headers at once, then one byte at a time, without end
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            try:
                while not STOP.wait(0.2):
                    self.wfile.write(b" ")
                    self.wfile.flush()
            except OSError:
                pass
        elif path == "/trickle-headers":  # even the status line comes one byte at a time
            try:
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 10_000:
                    if STOP.wait(0.2):
                        break
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            except OSError:
                pass
            self.close_connection = True
        elif path == "/silent":
            STOP.wait(30)
        elif path == "/html":
            self._send(200, "text/html; charset=utf-8", b"<!doctype html><html><body><h1>Login</h1></body></html>")
        elif path == "/garbage":
            self._send(200, "application/sparql-results+json", b"\x00\xff\xfe garbage \x1b[31m")
        elif path == "/not-results":
            self._send(200, "application/json", b'{"error": "none"}')
        elif path == "/error":  # a server that echoes the request, secrets included
            self._send(500, "text/plain", f"Internal error\nwhile serving {self.path}\n".encode())
        else:
            self._send(404, "text/plain", b"not found")


@pytest.fixture(scope="module")
def server():
    STOP.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    STOP.set()
    httpd.shutdown()
    httpd.server_close()


def test_a_valid_answer(capsys, server):
    code, out, err = run(capsys, "query", "unit-counts", "--endpoint", f"{server}/valid", "--format", "csv")
    assert (code, err) == (0, "")
    assert out == "code,name,total\r\n31,Thành phố Hải Phòng,114\r\n"
    request = Handler.seen[-1]
    assert request["accept"].startswith("application/sparql-results+json")
    assert request["body"].startswith(b"query=")


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers", "/silent"])
def test_the_timeout_bounds_the_whole_request(capsys, server, path):
    started = time.monotonic()
    code, _, err = run(capsys, "query", "unit-counts", "--endpoint", f"{server}{path}", "--timeout", "1")
    elapsed = time.monotonic() - started
    one_line_error(code, err)
    assert "no complete answer within 1 s" in err
    assert elapsed < 3, f"took {elapsed:.1f} s for a 1 s timeout"


@pytest.mark.parametrize("path,message", [
    ("/html", "an HTML or XML page, not SPARQL JSON results"),
    ("/garbage", "is not JSON"),
    ("/not-results", "JSON, but not SPARQL results"),
    ("/error", "HTTP 500"),
    ("/nowhere", "HTTP 404"),
])
def test_bad_answers_are_one_line(capsys, server, path, message):
    code, _, err = run(capsys, "query", "unit-counts", "--endpoint", f"{server}{path}", "--timeout", "5")
    one_line_error(code, err)
    assert message in err
    assert "\x1b" not in err and "\x00" not in err


@pytest.mark.parametrize("path", ["/error", "/html", "/trickle"])
def test_credentials_are_sent_but_never_printed(capsys, server, path):
    url = server.replace("http://", "http://alice:s3cr3t-pw@") + f"{path}?access_token=tok-9876&graph=g"
    code, _, err = run(capsys, "query", "unit-counts", "--endpoint", url, "--timeout", "1")
    one_line_error(code, err)
    assert "s3cr3t-pw" not in err and "tok-9876" not in err and "alice" not in err
    assert "***@127.0.0.1" in err and "access_token=***" in err and "graph=g" in err
    request = next(r for r in reversed(Handler.seen) if r["path"].startswith(path))
    assert request["authorization"] == "Basic " + base64.b64encode(b"alice:s3cr3t-pw").decode()
    assert "access_token=tok-9876" in request["path"]


def test_a_refused_connection_is_one_line_without_secrets(capsys):
    code, _, err = run(capsys, "query", "unit-counts", "--endpoint", "http://u:hunter2@127.0.0.1:9/sparql?key=k1",
                       "--timeout", "2")
    one_line_error(code, err)
    assert "the endpoint failed" in err and "hunter2" not in err and "k1" not in err


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "0", "-1", "abc", ""])
def test_the_timeout_must_be_a_positive_finite_number(capsys, value):
    code, _, err = run(capsys, "query", "unit-counts", "--endpoint", "http://127.0.0.1:9/sparql", f"--timeout={value}")
    one_line_error(code, err)
    assert "--timeout" in err and "positive number of seconds" in err


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 0, -1, "30"])
def test_the_store_refuses_a_bad_timeout_too(value):
    with pytest.raises(UsageError, match="positive number of seconds"):
        EndpointStore("http://127.0.0.1:9/sparql", timeout=value)


def test_a_bad_url_never_echoes_its_secret(capsys):
    code, _, err = run(capsys, "query", "unit-counts", "--endpoint", "ftp://bob:pw-1234@example.org/sparql")
    one_line_error(code, err)
    assert "pw-1234" not in err
