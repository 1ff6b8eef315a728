"""A real ``govgraph serve`` process on a free 127.0.0.1 port, and a hostile client: a runaway query is stopped
at the timeout while others are answered, writes and outside access change nothing and connect nowhere,
a flood beyond the admission limit gets 429 with Retry-After."""

from __future__ import annotations

import os
import select
import socket
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from tests.server.conftest import get

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
TIMEOUT = 3  # the fixture's --timeout


def sparql(server, query: str, accept: str = "text/csv", timeout: float = 60):
    body = urllib.parse.urlencode({"query": query}).encode()
    return get(server.url + "/sparql", data=body, timeout=timeout,
               headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})


def statements(server) -> int:
    status, _, body = sparql(server, COUNT)
    assert status == 200
    return int(body.decode().split()[1])


def test_the_process_serves_pages_queries_and_logs_them(live_server):
    assert live_server.health()["status"] == "ok"
    status, headers, body = get(live_server.url + "/id/unit/31/2025-07-01", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle") and "Hải Phòng".encode() in body
    status, _, body = get(live_server.url + "/api/queries/unit-counts", headers={"Accept": "text/csv"})
    assert status == 200 and len(body.decode().strip().splitlines()) == 35
    deadline = time.monotonic() + 5  # the line is written once the response has gone out
    while time.monotonic() < deadline:
        log = live_server.log.read_text(encoding="utf-8").splitlines()
        if any('"GET /api/queries/unit-counts HTTP/1.1" 200' in line for line in log):
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"no access log line for the query: {log[-3:]}")


def test_a_cross_product_is_stopped_at_the_timeout_and_the_server_keeps_answering(live_server):
    before = set(live_server.health()["worker_pids"])
    runaway: dict = {}

    def run_away():
        started = time.monotonic()
        runaway["answer"] = sparql(live_server, CROSS_PRODUCT)
        runaway["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_away)
    thread.start()
    time.sleep(0.5)
    quick = []
    while thread.is_alive():  # meanwhile, other clients are answered at once
        started = time.monotonic()
        status, _, body = get(live_server.url + "/api/queries/task-statistics", headers={"Accept": "text/csv"})
        quick.append((status, time.monotonic() - started))
        time.sleep(0.2)
    thread.join()
    status, _, body = runaway["answer"]
    assert status == 503 and b"stopped after 3 s" in body
    assert TIMEOUT <= runaway["seconds"] < TIMEOUT + 5
    assert len(quick) >= 3 and all(s == 200 for s, _ in quick)
    assert max(seconds for _, seconds in quick) < TIMEOUT
    after = set(live_server.health()["worker_pids"])
    stopped = before - after
    assert len(stopped) == 1 and len(after) == 2  # the runaway's worker was killed and replaced
    assert not os.path.exists(f"/proc/{stopped.pop()}")


def test_update_load_and_service_change_nothing_and_connect_nowhere(live_server):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    try:
        before = statements(live_server)
        attempts = [
            ("update", "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "application/x-www-form-urlencoded"),
            ("update", "DROP ALL", "application/x-www-form-urlencoded"),
            ("query", f"LOAD <http://127.0.0.1:{port}/data.ttl>", "application/x-www-form-urlencoded"),
            ("query", f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
             "application/x-www-form-urlencoded"),
            ("query", f"SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
             "application/x-www-form-urlencoded"),
            (None, f"LOAD <http://127.0.0.1:{port}/data.ttl>", "application/sparql-update"),
            (None, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/q> {{ ?s ?p ?o }} }}",
             "application/sparql-query"),
        ]
        for field, text, media in attempts:
            body = urllib.parse.urlencode({field: text}).encode() if field else text.encode()
            status, _, answer = get(live_server.url + "/sparql", data=body, headers={"Content-Type": media})
            assert status == 403, (text, answer)
            assert answer.startswith(b"refused:")
        readable, _, _ = select.select([listener], [], [], 1.0)
        assert readable == []  # nobody connected to the local listener
        assert statements(live_server) == before
    finally:
        listener.close()


def test_a_flood_beyond_the_limit_gets_429_with_retry_after(live_server):
    limit = live_server.health()["queries"]["limit"]

    def slow(_):
        return sparql(live_server, CROSS_PRODUCT)

    with ThreadPoolExecutor(max_workers=limit * 3) as clients:
        answers = list(clients.map(slow, range(limit * 3)))
    statuses = [status for status, _, _ in answers]
    refused = [headers for status, headers, _ in answers if status == 429]
    assert len(refused) >= limit * 3 - limit - 1 and statuses.count(503) >= 1
    assert set(statuses) <= {429, 503}
    assert all(int(headers["retry-after"]) > 0 for headers in refused)
    assert live_server.health()["queries"]["running_or_waiting"] == 0
    status, _, _ = get(live_server.url + "/api/queries/unit-counts")
    assert status == 200
