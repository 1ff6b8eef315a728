#!/usr/bin/env python3
"""Benchmark: ``govgraph serve`` against Oxigraph's own server (``oxigraph serve-read-only``) on the same store.

Both servers open the same on-disk store (``BUILD/store``, written by ``govgraph build``) read-only, with the
default graph as the union of the named graphs and the same timeout; govgraph's row cap is lifted so both send
the same rows. The workload is every library query with its documented example parameters, bound as typed terms
the way ``govgraph query`` binds them. The answers of the two servers are checked to agree (row counts), then
1, 4 and 16 concurrent clients (threads with keep-alive connections) share --rounds passes over the workload
(each pass starting at another query), against each server in turn. Prints throughput (queries per second), p50
and p95 latency, the CPU time each server (with its worker processes) spent per query, and the ratios; target:
at least 0.8x Oxigraph's throughput at 16 clients. On a machine shared with other work, throughput moves with
the load the others put on it; CPU per query much less.

    python bench/serve.py [--build-dir build] [--rounds 2] [--repeat 2] [--clients 1,4,16] [--workers 2]

Bounded in time: the workload is fixed (one pass is about 17 s of single-threaded engine time on the 2-core
machine), so a run takes about 3 levels x 2 servers x repeat x rounds x 10 s, plus the servers' start.
Each level runs --repeat times per server, the two servers taking turns, and the best run of each is kept.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from govgraph.queries import load_library
from govgraph.queries.runner import bind_parameters
from govgraph.server.api import example_parameters
from govgraph.store.location import build_dir, store_dir
from govgraph.store.values import with_values

TARGET = 0.8
ACCEPT = "application/sparql-results+json"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def workload() -> list[tuple[str, str]]:
    """(name, query text) for every library query, its example parameters bound."""
    return [(name, with_values(query.text, bind_parameters(query, example_parameters(query))))
            for name, query in load_library().items()]


class Server:
    def __init__(self, name: str, argv: list[str], port: int, path: str) -> None:
        self.name, self.port, self.path = name, port, path
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while True:
            try:
                status, _ = self.post("ASK {}", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{name} did not start: {self.process.stderr.read().decode()[:500]}")
            time.sleep(0.2)

    def post(self, query: str, connection: http.client.HTTPConnection | None = None, timeout: float = 120):
        own = connection is None
        connection = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("POST", self.path, body=urllib.parse.urlencode({"query": query}),
                               headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            if own:
                connection.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its live children, from /proc: what the server spent."""
    tick = os.sysconf("SC_CLK_TCK")

    def own(stat: str) -> float:
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if int(entry) == pid or parent == pid:
            total += own(stat)
    return total


def rows(body: bytes) -> int:
    document = json.loads(body)
    return len(document["results"]["bindings"]) if "results" in document else 1


def run_level(server: Server, queries: list[tuple[str, str]], clients: int, rounds: int) -> dict:
    """``rounds`` passes over the workload, shared by ``clients`` threads on their own keep-alive connections."""
    work: queue.SimpleQueue = queue.SimpleQueue()
    for round_ in range(rounds):
        for index in range(len(queries)):  # each round starts at another query, so the slow ones spread out
            work.put(queries[(index + round_ * 7) % len(queries)])
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start_gate = threading.Barrier(clients + 1)

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        mine, errors = [], []
        start_gate.wait()
        while True:
            try:
                name, text = work.get_nowait()
            except queue.Empty:
                break
            began = time.perf_counter()
            try:
                status, _ = server.post(text, connection)
            except (OSError, http.client.HTTPException) as problem:
                errors.append(f"{name}: {problem}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
                continue
            if status == 200:
                mine.append(time.perf_counter() - began)
            else:
                errors.append(f"{name}: HTTP {status}")
        connection.close()
        with lock:
            latencies.extend(mine)
            failures.extend(errors)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    cpu_before = cpu_seconds(server.process.pid)
    start_gate.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    cpu = cpu_seconds(server.process.pid) - cpu_before
    ordered = sorted(latencies)
    pick = (lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan"))
    return {"queries": len(latencies), "failures": failures, "throughput": len(latencies) / elapsed,
            "seconds": elapsed, "p50": pick(0.50), "p95": pick(0.95),
            "cpu_per_query": cpu / len(latencies) if latencies else float("nan")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default=None, help="the build (default: $GOVGRAPH_BUILD_DIR, else ./build)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="passes over the workload at each level, shared by the clients (default: 2)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each level per server, taking turns; the best is kept (default: 2)")
    parser.add_argument("--clients", default="1,4,16", help="concurrency levels (default: 1,4,16)")
    parser.add_argument("--workers", type=int, default=2, help="govgraph serve --workers (default: 2)")
    parser.add_argument("--timeout", type=int, default=20,
                        help="per-query timeout on both servers; a query over it is left out of the mix (default: 20)")
    args = parser.parse_args(argv)
    build = build_dir(args.build_dir)
    store = store_dir(build)
    if not store.is_dir():
        print(f"bench/serve.py: no store in {build}: run 'govgraph build --out {build}'", file=sys.stderr)
        return 2
    oxigraph = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not oxigraph:
        print("bench/serve.py: the oxigraph server is missing: pip install -e '.[test]'", file=sys.stderr)
        return 2
    levels = [int(n) for n in args.clients.split(",")]
    queries = workload()
    print(f"store {store}; {len(queries)} library queries with their example parameters; "
          f"{args.rounds} passes per level, best of {args.repeat} turns; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f}")

    servers = []
    try:
        port = free_port()
        servers.append(Server("govgraph serve", [
            sys.executable, "-m", "govgraph", "serve", "--port", str(port), "--build-dir", str(build),
            "--workers", str(args.workers), "--timeout", str(args.timeout), "--row-cap", "100000000",
            "--max-queries", "64", "--access-log", os.devnull], port, "/sparql"))
        port = free_port()
        servers.append(Server("oxigraph serve-read-only", [
            oxigraph, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
            "--union-default-graph", "--timeout-s", str(args.timeout)], port, "/query"))

        counts, timed, excluded = {}, [], []
        for name, text in queries:
            answers = []
            for server in servers:
                began = time.perf_counter()
                status, body = server.post(text)
                answers.append((status, body, time.perf_counter() - began))
            if any(status != 200 for status, _, _ in answers):
                excluded.append(f"{name} (HTTP {'/'.join(str(a[0]) for a in answers)}, "
                                f"{'/'.join(f'{a[2]:.1f}' for a in answers)} s)")
                continue
            counts[name] = [rows(body) for _, body, _ in answers]
            if counts[name][0] != counts[name][1]:
                print(f"answers differ on {name}: {counts[name]} rows")
                return 1
            timed.append((name, text))
        print(f"answers agree on all {len(timed)} queries ({sum(c[0] for c in counts.values()):,} rows in all)")
        if excluded:
            print(f"left out of the mix, over the {args.timeout} s timeout on one server or both: {'; '.join(excluded)}")
        queries = timed

        results: dict[str, dict[int, dict]] = {server.name: {} for server in servers}
        for clients in levels:
            for _ in range(args.repeat):  # the servers take turns, so a change in the machine's load hits both
                for server in servers:
                    result = run_level(server, queries, clients, args.rounds)
                    best = results[server.name].get(clients)
                    if best is None or result["throughput"] > best["throughput"]:
                        results[server.name][clients] = result
    finally:
        for server in servers:
            server.stop()

    print(f"{'server':<26}{'clients':>8}{'queries':>9}{'s':>8}{'q/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
          f"{'CPU ms/q':>10}{'failed':>8}")
    for server in servers:
        for clients, r in results[server.name].items():
            print(f"{server.name:<26}{clients:>8}{r['queries']:>9}{r['seconds']:>8.1f}{r['throughput']:>8.2f}"
                  f"{r['p50'] * 1000:>9.1f}{r['p95'] * 1000:>9.1f}{r['cpu_per_query'] * 1000:>10.0f}"
                  f"{len(r['failures']):>8}")
    ours, theirs = (results[s.name] for s in servers)
    for clients in levels:
        ratio = ours[clients]["throughput"] / theirs[clients]["throughput"]
        efficiency = theirs[clients]["cpu_per_query"] / ours[clients]["cpu_per_query"]
        line = (f"at {clients:>2} clients: CPU per query oxigraph / govgraph {efficiency:.2f}x; "
                f"throughput govgraph / oxigraph {ratio:.2f}x")
        if clients == max(levels):
            line += f" (target {TARGET}x: {'met' if ratio >= TARGET else 'NOT met'})"
        print(line)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    failures = [f for r in (*ours.values(), *theirs.values()) for f in r["failures"]]
    if failures:
        print(f"{len(failures)} failed requests, e.g. {failures[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
