#!/usr/bin/env python3
"""Benchmark: every library query on the built graph, embedded pyoxigraph store against rdflib's own engine.

Both stores are loaded from the same build/govgraph.nq (N-Quads: each library's fastest reader) in this one
process; each query runs with the parameters of its first documented example, the answers are checked to agree,
and the best of --repeat runs is compared. Prints each ratio (rdflib time / embedded time) and, last, their
geometric mean over all library queries.

rdflib's engine does not finish some history queries in minutes and grows past 14 GB on them, so each rdflib
query runs in a forked child with a wall-clock cap (--cap seconds for all its runs) and an address-space limit
(--memory-gb above what the loaded graph already takes); a query that hits either is stopped and reported as
">Nx" (N = cap / embedded time, a lower bound), and the geometric mean is then a lower bound too.

    python bench/query.py [--build-dir build] [--repeat 3] [--cap 30] [--memory-gb 4]
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import resource
import shlex
import sys
import time
from pathlib import Path

from govgraph.queries import load_library, run_query
from govgraph.store import EmbeddedStore, RdflibStore
from govgraph.store.location import build_dir

TARGET = 10.0


def example_parameters(example: str) -> dict[str, str]:
    """The ``--param`` values of a documented example command line."""
    words = shlex.split(example)
    return dict(words[i + 1].split("=", 1) for i, word in enumerate(words) if word == "--param")


def best_time(function, repeat: int):
    best, result = math.inf, None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def comparable(table):
    """Rows as values: numbers by value, '; '-joined lists as sets, the rest as text (see tests/queries)."""
    def value(term):
        if term is None:
            return None
        if "; " in str(term):
            return tuple(sorted(str(term).split("; ")))
        python = term.toPython()
        if isinstance(python, (int, float)) or type(python).__name__ == "Decimal":
            return round(float(python), 6)
        return str(term)
    return table.columns, [tuple(value(v) for v in row) for row in table.rows]


def timed_load(loader):
    started = time.perf_counter()
    store = loader()
    return store, time.perf_counter() - started


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[0]) * resource.getpagesize()


def _capped_child(connection, store, query, params, repeat: int, memory_bytes: int) -> None:
    limit = _address_space() + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        seconds, table = best_time(lambda: run_query(store, query, params), repeat)
        connection.send(("ok", seconds, comparable(table), len(table)))
    except MemoryError:
        connection.send(("memory", None, None, None))
    finally:
        connection.close()


def capped_run(store, query, params, *, repeat: int, cap: float, memory_bytes: int):
    """(status, best seconds, comparable answer, rows) of ``query`` on ``store`` in a forked child.

    status is ``ok``, ``time`` (the cap passed: the child was killed) or ``memory`` (its allocation failed).
    """
    context = multiprocessing.get_context("fork")  # the child shares the loaded graph, copy-on-write
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_capped_child, args=(sender, store, query, params, repeat, memory_bytes))
    child.start()
    sender.close()
    try:
        if receiver.poll(cap):
            return receiver.recv()
        return ("time", None, None, None)
    except EOFError:  # the child died without a word: out of memory
        return ("memory", None, None, None)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cap", type=float, default=30.0, help="seconds for all runs of one rdflib query")
    parser.add_argument("--memory-gb", type=float, default=4.0,
                        help="address space an rdflib query may add to the loaded graph")
    args = parser.parse_args()
    dataset = build_dir(args.build_dir) / "govgraph.nq"
    if not dataset.is_file():
        print(f"{dataset} is missing: run 'govgraph build' first", file=sys.stderr)
        return 2

    embedded, embedded_load = timed_load(lambda: EmbeddedStore.from_files([dataset]))
    baseline, baseline_load = timed_load(lambda: RdflibStore.from_files([dataset]))
    print(f"load {dataset}: rdflib {baseline_load:.2f} s, embedded {embedded_load:.2f} s, "
          f"ratio {baseline_load / embedded_load:.1f}x")
    print(f"rdflib queries capped at {args.cap:g} s and {args.memory_gb:g} GB each")
    print()
    print(f"{'query':<22} {'rows':>5} {'rdflib s':>10} {'embedded s':>11} {'ratio':>8}")
    ratios, disagreements, capped = [], [], []
    for name, query in load_library().items():
        params = example_parameters(query.examples[0]) if query.examples else {}
        fast, actual = best_time(lambda: run_query(embedded, query, params), args.repeat)
        status, slow, expected, _ = capped_run(baseline, query, params, repeat=args.repeat, cap=args.cap,
                                               memory_bytes=int(args.memory_gb * 2**30))
        if status == "ok":
            if expected != comparable(actual):
                disagreements.append(name)
            ratio = slow / fast
            shown_slow, shown_ratio = f"{slow:>10.4f}", f"{ratio:>7.{1 if ratio >= 1 else 2}f}x"
        else:
            capped.append(f"{name} ({'time' if status == 'time' else 'memory'})")
            ratio = args.cap / fast  # a lower bound
            shown_slow = (f">{args.cap:g}" if status == "time" else f">{args.memory_gb:g}GB").rjust(10)
            shown_ratio = f">{ratio:.0f}x".rjust(8)
        ratios.append(ratio)
        print(f"{name:<22} {len(actual):>5} {shown_slow} {fast:>11.4f} {shown_ratio}")
    mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print()
    if disagreements:
        print(f"ANSWERS DIFFER for: {', '.join(disagreements)}")
    else:
        print(f"answers agree on all {len(ratios) - len(capped)} queries rdflib finished")
    if capped:
        print(f"rdflib stopped at its cap on {len(capped)}: {', '.join(capped)}")
    bound = ">" if capped else ""
    print(f"geometric mean speed-up over all {len(ratios)} queries: {bound}{mean:.1f}x"
          f"{' (a lower bound)' if capped else ''} (target {TARGET:.0f}x: {'met' if mean >= TARGET else 'NOT met'})")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
