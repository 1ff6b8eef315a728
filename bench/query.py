#!/usr/bin/env python3
"""Benchmark: every library query on the built graph, embedded pyoxigraph store against rdflib's own engine.

Both stores are loaded from the same build/govgraph.nq (N-Quads: each library's fastest reader) in this one
process; each query runs with the
parameters of its first documented example, the answers are checked to agree, and the best of --repeat runs
is compared. Prints each ratio (rdflib time / embedded time) and, last, their geometric mean.

    python bench/query.py [--build-dir build] [--repeat 3]
"""

from __future__ import annotations

import argparse
import math
import shlex
import sys
import time
from pathlib import Path

from govgraph.queries import load_library, run_query
from govgraph.store import EmbeddedStore, RdflibStore

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=Path("build"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    dataset = args.build_dir / "govgraph.nq"
    if not dataset.is_file():
        print(f"{dataset} is missing: run 'govgraph build' first", file=sys.stderr)
        return 2

    embedded, embedded_load = timed_load(lambda: EmbeddedStore.from_files([dataset]))
    baseline, baseline_load = timed_load(lambda: RdflibStore.from_files([dataset]))
    print(f"load {dataset}: rdflib {baseline_load:.2f} s, embedded {embedded_load:.2f} s, "
          f"ratio {baseline_load / embedded_load:.1f}x")
    print()
    print(f"{'query':<20} {'rows':>5} {'rdflib s':>10} {'embedded s':>11} {'ratio':>8}")
    ratios, disagreements = [], []
    for name, query in load_library().items():
        params = example_parameters(query.examples[0]) if query.examples else {}
        slow, expected = best_time(lambda: run_query(baseline, query, params), args.repeat)
        fast, actual = best_time(lambda: run_query(embedded, query, params), args.repeat)
        if comparable(expected) != comparable(actual):
            disagreements.append(name)
        ratio = slow / fast
        ratios.append(ratio)
        print(f"{name:<20} {len(actual):>5} {slow:>10.4f} {fast:>11.4f} {ratio:>7.1f}x")
    mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print()
    if disagreements:
        print(f"ANSWERS DIFFER for: {', '.join(disagreements)}")
    else:
        print(f"answers agree on all {len(ratios)} queries")
    print(f"geometric mean speed-up: {mean:.1f}x (target {TARGET:.0f}x: {'met' if mean >= TARGET else 'NOT met'})")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
