#!/usr/bin/env python3
"""Benchmark: ``govgraph serve`` against Oxigraph's own server (``oxigraph serve-read-only``) on the same store.

Both servers open the same on-disk store (``BUILD/store``, written by ``govgraph build``) read-only, with the
default graph as the union of the named graphs and the same timeout; govgraph's row cap is lifted so both send
the same rows. The workload is every library query with its documented example parameters, bound as typed terms
the way ``govgraph query`` binds them. The answers of the two servers are checked to agree (row counts), and
every answer in the timed runs must hold those rows to count (Oxigraph's server answers 200 with a body cut off by
an error message when its timeout cancels a query: that is a failure, not an answer). Then
1, 4 and 16 concurrent clients (threads with keep-alive connections) share --passes passes over the workload
(each pass in another shuffled order, the same for both servers). That is one turn; --turns turns are run, the
servers taking turns level by level (the first to go alternates), so a change in the machine's other load hits
both. Prints per server and level the median throughput (queries per second), p50 and p95 latency over all
turns, the CPU time the server spent per query (for govgraph: its own process and its query workers apart),
then the median of the turns' paired ratios and their range; target: at least 0.8x Oxigraph's throughput at
16 clients. On a machine shared with other work, throughput moves with the load the others put on it; CPU per
query less, though it too grows with that load (the cores share their caches).

    python bench/serve.py [--build-dir build] [--passes 1,1,2] [--turns 3] [--clients 1,4,16] [--workers 2]

Bounded in time: one pass is 5 to 9 s of single-threaded engine time (more on a busier machine), so on the
2-core machine a turn of the default passes takes about 2 servers x (1 + 1/2 + 2/2) passes: with the servers'
start and the check of the answers, 2.5 minutes at load average 3, and a few more under heavier load.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.ports import free_port  # noqa: E402  (one helper with the tests' server fixtures)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import load  # noqa: E402

from govgraph.queries import load_library  # noqa: E402
from govgraph.queries.runner import bind_parameters  # noqa: E402
from govgraph.server.api import example_parameters  # noqa: E402
from govgraph.sparql.pool import MALLOC_TUNABLE  # noqa: E402
from govgraph.store.location import build_dir, store_dir  # noqa: E402
from govgraph.store.values import with_values  # noqa: E402

TARGET = 0.8
ACCEPT = "application/sparql-results+json"


def workload() -> list[tuple[str, str]]:
    """(name, query text) for every library query, its example parameters bound."""
    return [(name, with_values(query.text, bind_parameters(query, example_parameters(query))))
            for name, query in load_library().items()]


class Server:
    def __init__(self, name: str, argv: list[str], port: int, path: str, env: dict[str, str] | None = None) -> None:
        self.name, self.port, self.path = name, port, path
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        env=None if env is None else {**os.environ, **env})
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


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU time (user + system) of a process, and of its live children, from /proc: what the server spent."""
    tick = os.sysconf("SC_CLK_TCK")
    own = children = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        spent = (int(fields[11]) + int(fields[12])) / tick
        if int(entry) == pid:
            own += spent
        elif int(fields[1]) == pid:
            children += spent
    return own, children


def rows(body: bytes) -> int | None:
    """The rows of a SPARQL JSON answer (1 for a boolean); None when it is not one (e.g. cut off mid-answer)."""
    try:
        document = json.loads(body)
        return len(document["results"]["bindings"]) if "results" in document else 1
    except (ValueError, KeyError, TypeError):
        return None


def run_level(server: Server, passes: list[list[tuple[str, str]]], clients: int, expected: dict[str, int]) -> dict:
    """The queries of ``passes``, in order, shared by ``clients`` threads on their own keep-alive connections.

    Only a complete answer counts: a 200 whose body does not hold the ``expected`` rows is a failure
    (Oxigraph's server answers 200 and ends the body with an error message when its timeout cancels a query).
    """
    work: queue.SimpleQueue = queue.SimpleQueue()
    for one_pass in passes:
        for item in one_pass:
            work.put(item)
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
                status, body = server.post(text, connection)
            except (OSError, http.client.HTTPException) as problem:
                errors.append(f"{name}: {problem}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
                continue
            took = time.perf_counter() - began
            if status != 200:
                errors.append(f"{name}: HTTP {status}")
            elif rows(body) != expected[name]:
                errors.append(f"{name}: incomplete answer after {took:.1f} s: {body[-60:]!r}")
            else:
                mine.append(took)
        connection.close()
        with lock:
            latencies.extend(mine)
            failures.extend(errors)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    own_before, children_before = cpu_seconds(server.process.pid)
    start_gate.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    own, children = cpu_seconds(server.process.pid)
    return {"queries": len(latencies), "failures": failures, "throughput": len(latencies) / elapsed,
            "seconds": elapsed, "latencies": latencies, "cpu_own": own - own_before,
            "cpu_children": children - children_before}


def summary(runs: list[dict]) -> dict:
    """One server at one level over its turns: median throughput, pooled latencies, CPU per query."""
    ordered = sorted(latency for run in runs for latency in run["latencies"])
    pick = (lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan"))
    queries = sum(run["queries"] for run in runs) or 1
    return {"queries": sum(run["queries"] for run in runs), "seconds": sum(run["seconds"] for run in runs),
            "throughput": statistics.median(run["throughput"] for run in runs), "p50": pick(0.50),
            "p95": pick(0.95), "cpu_own": sum(run["cpu_own"] for run in runs) / queries,
            "cpu_children": sum(run["cpu_children"] for run in runs) / queries,
            "failures": [failure for run in runs for failure in run["failures"]]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default=None, help="the build (default: $GOVGRAPH_BUILD_DIR, else ./build)")
    parser.add_argument("--passes", default="1,1,2",
                        help="passes over the workload in a turn at each level (one number: the same at every "
                             "level), shared by the clients (default: 1,1,2)")
    parser.add_argument("--turns", type=int, default=3,
                        help="turns: each runs every level on both servers, one after the other (default: 3)")
    parser.add_argument("--clients", default="1,4,16", help="concurrency levels (default: 1,4,16)")
    parser.add_argument("--workers", type=int, default=2, help="govgraph serve --workers (default: 2)")
    parser.add_argument("--timeout", type=int, default=60,
                        help="per-query timeout on both servers; a query over it in the check of the answers is "
                             "left out of the mix (default: 60: Oxigraph's counts time waiting for the CPU, and "
                             "16 clients share 2 cores)")
    parser.add_argument("--oxigraph-malloc", action="store_true",
                        help=f"start Oxigraph's server with govgraph's worker allocator setting too ({MALLOC_TUNABLE})")
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
    passes = [int(n) for n in args.passes.split(",")]
    if len(passes) == 1:
        passes *= len(levels)
    if len(passes) != len(levels) or min(passes + levels) < 1:
        print("bench/serve.py: --passes gives one number, or one for each of --clients", file=sys.stderr)
        return 2
    queries = workload()
    plan = ", ".join(f"{n} clients {p}" for n, p in zip(levels, passes))
    print(f"store {store}; {len(queries)} library queries with their example parameters; {args.turns} turns, "
          f"passes in a turn: {plan}; govgraph serve --workers {args.workers}; {os.cpu_count()} cores; "
          f"{load()}")

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
            "--union-default-graph", "--timeout-s", str(args.timeout)], port, "/query",
            env={"GLIBC_TUNABLES": MALLOC_TUNABLE} if args.oxigraph_malloc else None))

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
            if counts[name][0] != counts[name][1] or counts[name][0] is None:
                print(f"answers differ on {name}: {counts[name]} rows")
                return 1
            timed.append((name, text))
        print(f"answers agree on all {len(timed)} queries ({sum(c[0] for c in counts.values()):,} rows in all)")
        if excluded:
            print(f"left out of the mix, over the {args.timeout} s timeout on one server or both: {'; '.join(excluded)}")
        queries = timed
        expected = {name: found[0] for name, found in counts.items()}

        shuffle = random.Random(20250701)
        runs: dict[str, dict[int, list[dict]]] = {server.name: {n: [] for n in levels} for server in servers}
        started = time.monotonic()
        for turn in range(args.turns):
            for index, (clients, count) in enumerate(zip(levels, passes)):
                orders = [shuffle.sample(queries, len(queries)) for _ in range(count)]
                first = servers if (turn + index) % 2 == 0 else servers[::-1]  # who goes first alternates
                for server in first:
                    runs[server.name][clients].append(run_level(server, orders, clients, expected))
            print(f"turn {turn + 1}: {time.monotonic() - started:.0f} s, {load()}",
                  flush=True)
    finally:
        for server in servers:
            server.stop()

    print(f"{'server':<26}{'clients':>8}{'queries':>9}{'q/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
          f"{'CPU ms/q':>10}{'(server':>9}{'+ workers)':>11}{'failed':>8}")
    results = {server.name: {n: summary(runs[server.name][n]) for n in levels} for server in servers}
    for server in servers:
        for clients, r in results[server.name].items():
            split = (f"{r['cpu_own'] * 1000:>9.0f}{r['cpu_children'] * 1000:>11.0f}" if r["cpu_children"]
                     else f"{'':>20}")
            print(f"{server.name:<26}{clients:>8}{r['queries']:>9}{r['throughput']:>8.2f}"
                  f"{r['p50'] * 1000:>9.1f}{r['p95'] * 1000:>9.1f}"
                  f"{(r['cpu_own'] + r['cpu_children']) * 1000:>10.0f}{split}{len(r['failures']):>8}")
    ours, theirs = (runs[s.name] for s in servers)
    for clients in levels:
        ratios = [a["throughput"] / b["throughput"] for a, b in zip(ours[clients], theirs[clients])]
        ratio = statistics.median(ratios)
        cpu = [results[s.name][clients] for s in servers]
        efficiency = (cpu[1]["cpu_own"] + cpu[1]["cpu_children"]) / (cpu[0]["cpu_own"] + cpu[0]["cpu_children"])
        line = (f"at {clients:>2} clients: CPU per query oxigraph / govgraph {efficiency:.2f}x; throughput "
                f"govgraph / oxigraph median {ratio:.2f}x over {len(ratios)} turns "
                f"({', '.join(f'{r:.2f}' for r in ratios)})")
        if clients == max(levels):
            line += (f"; target {TARGET}x: {'met' if ratio >= TARGET else 'NOT met'} by the median, "
                     f"{sum(r >= TARGET for r in ratios)} of {len(ratios)} turns")
        print(line)
    print(f"at the end: {load()}; {time.monotonic() - started:.0f} s of turns")
    for server in servers:
        failures = [f for r in results[server.name].values() for f in r["failures"]]
        if failures:
            print(f"{server.name}: {len(failures)} failed requests (not counted as answered), e.g. {failures[:2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
