"""Fixtures for the server tests: the app in-process, a real ``govgraph serve`` process, headless Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from govgraph.server.app import create_app
from govgraph.server.config import ServerConfig
from tests.ports import free_port
from tests.server.processes import stop

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ROW_CAP = 500
REQUEST_CAP = 4096


@pytest.fixture(scope="session")
def app(build_dir):
    return create_app(ServerConfig(build_dir, timeout=20, row_cap=ROW_CAP, workers=2, max_queries=8,
                                   max_request_bytes=REQUEST_CAP))


@pytest.fixture(scope="session")
def client(app):
    """The application in-process (Starlette's TestClient), its query pool started and stopped with it."""
    from starlette.testclient import TestClient

    with TestClient(app) as test_client:
        yield test_client


def get(url: str, *, data: bytes | None = None, headers: dict | None = None, timeout: float = 30):
    """(status, headers with lower-case names, body) of an HTTP request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


class LiveServer:
    def __init__(self, url: str, process: subprocess.Popen, log: Path) -> None:
        self.url, self.process, self.log = url, process, log

    def health(self) -> dict:
        return json.loads(get(self.url + "/health")[2])


@pytest.fixture(scope="session")
def live_server(build_dir, tmp_path_factory):
    """``govgraph serve`` as a real process on a free 127.0.0.1 port, short timeout and small limits.

    Stopped by its PID (SIGTERM, then SIGKILL) when the session ends.
    """
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "access.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "govgraph", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--build-dir", str(build_dir), "--timeout", "3", "--workers", "2", "--max-queries", "4",
         "--access-log", str(log)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                if get(url + "/health", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"govgraph serve did not start: {process.stderr.read().decode()[:800]}")
            time.sleep(0.2)
        yield LiveServer(url, process, log)
    finally:
        stop(process)
