#!/usr/bin/env python3
"""Benchmark: govgraph validate against plain pySHACL on the same data and shapes, then govgraph alone at scale.

1. Side by side, in this one process: the full built graph plus a SYNTHETIC task register (bench/synthetic_register.py)
   validated against shapes/ by plain ``pyshacl.validate`` and by govgraph's engine (the shapes compiled to SPARQL
   on the embedded store). Both must find the same results (focus, shape, constraint, severity, value); the
   ratio is printed. govgraph's checks (queries/checks), which plain pySHACL does not run, are timed apart.
2. govgraph alone, shapes and checks, at larger registers (default 100,000 and 1,000,000 assignments), printing
   the time per assignment at each size so the growth can be read.
3. A small user file (examples/validate-task-register-SYNTHETIC.ttl, 46 lines) validated end to end, as a CI job
   runs it: ``govgraph validate FILE`` in a fresh process (imports, shapes, the build's store, the judged scope),
   median of 5 runs; target under 2 s. ``--small-only`` runs just this row.

    python bench/validate.py [--build-dir build] [--side-by-side 10000] [--scale 100000 1000000] [--small-only]
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pyshacl

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_register import write_register  # noqa: E402

from govgraph.rdf.convert import rdflib_graph  # noqa: E402
from govgraph.store.embedded import EmbeddedStore  # noqa: E402
from govgraph.store.location import build_dir  # noqa: E402
from govgraph.validation import load_checks, load_shapes, run_checks  # noqa: E402
from govgraph.validation.compiled import compile_shapes, run_compiled  # noqa: E402
from govgraph.validation.shacl import validate_graph  # noqa: E402

TARGET = 10.0
SMALL_FILE = Path(__file__).resolve().parent.parent / "examples" / "validate-task-register-SYNTHETIC.ttl"
SMALL_TARGET = 2.0


def _value(text):
    try:
        return str(Decimal(text).normalize())
    except (InvalidOperation, TypeError, ValueError):
        return text


def keys(results):
    return {(r.focus, r.source_shape, r.constraint, r.severity.label, _value(r.value)) for r in results}


def load(build_dir: Path, assignments: int, workdir: Path) -> tuple[ox.Store, int, float]:
    store = ox.Store()
    store.bulk_load(path=str(build_dir / "govgraph.nq"), format=ox.RdfFormat.N_QUADS)
    register = workdir / f"register-{assignments}.nq"
    register.unlink(missing_ok=True)
    started = time.perf_counter()
    statements = write_register(store, assignments, register)
    store.bulk_load(path=str(register), format=ox.RdfFormat.N_QUADS)
    return store, statements, time.perf_counter() - started


def small_file(build_dir: Path, runs: int = 5) -> bool:
    """End-to-end seconds of ``govgraph validate SMALL_FILE`` in a fresh process; prints the row."""
    argv = [sys.executable, "-m", "govgraph", "validate", "--build-dir", str(build_dir), "--quiet", str(SMALL_FILE)]
    times, cpu, summary = [], [], ""
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        summary = done.stdout.strip() or done.stderr.strip()
    median = statistics.median(times)
    lines = len(SMALL_FILE.read_text(encoding="utf-8").splitlines())
    met = median < SMALL_TARGET
    load = os.getloadavg()[0]
    print(f"small user file ({SMALL_FILE.name}, {lines} lines), end to end in a fresh process:")
    print(f"  median {median:.2f} s of {runs} runs (min {min(times):.2f} s, max {max(times):.2f} s, "
          f"CPU {statistics.median(cpu):.2f} s; load average {load:.1f}); target < {SMALL_TARGET:.0f} s: "
          f"{'met' if met else 'NOT met'}")
    print(f"  {summary}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=None,
                        help="the build (default: $GOVGRAPH_BUILD_DIR, else ./build)")
    parser.add_argument("--side-by-side", type=int, default=10_000, metavar="N")
    parser.add_argument("--scale", type=int, nargs="*", default=[100_000, 1_000_000], metavar="N")
    parser.add_argument("--small-only", action="store_true", help="only the small user file row")
    args = parser.parse_args()
    args.build_dir = build_dir(args.build_dir)
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    if not (args.build_dir / "govgraph.nq").is_file():
        print(f"{args.build_dir}/govgraph.nq is missing: run 'govgraph build' first", file=sys.stderr)
        return 2
    small_met = small_file(args.build_dir)
    if args.small_only:
        return 0 if small_met else 1
    print()
    shapes, checks = load_shapes(), load_checks()
    workdir = Path(tempfile.mkdtemp(prefix="govgraph-bench-"))

    store, statements, _ = load(args.build_dir, args.side_by_side, workdir)
    print(f"side by side: built graph + {args.side_by_side:,} synthetic assignments = {len(store):,} statements "
          f"({statements:,} synthetic)")
    started = time.perf_counter()
    data = rdflib_graph(store)
    convert = time.perf_counter() - started
    started = time.perf_counter()
    plain = validate_graph(data, shapes)
    plain_time = time.perf_counter() - started
    embedded = EmbeddedStore(store)
    started = time.perf_counter()
    ours = run_compiled(embedded, compile_shapes(shapes))
    ours_time = time.perf_counter() - started
    started = time.perf_counter()
    checked = run_checks(embedded, checks)
    checks_time = time.perf_counter() - started
    same = keys(plain.results) == keys(ours)
    ratio = plain_time / ours_time
    print(f"  plain pyshacl.validate   {plain_time:8.2f} s  {len(plain.results):6,} results "
          f"(+ {convert:.2f} s to build its rdflib graph, not counted)")
    print(f"  govgraph (shapes)        {ours_time:8.2f} s  {len(ours):6,} results")
    print(f"  govgraph checks          {checks_time:8.2f} s  {len(checked):6,} results (rules plain pySHACL does not run)")
    print(f"  results {'identical' if same else 'DIFFER'}; speed-up {ratio:.1f}x "
          f"(target {TARGET:.0f}x: {'met' if ratio >= TARGET and same else 'NOT met'})")
    del data, store, embedded

    print("\ngovgraph alone (shapes and checks):")
    print(f"  {'assignments':>12} {'statements':>12} {'validate s':>11} {'µs/assignment':>14} {'results':>8}")
    for size in args.scale:
        store, _, _ = load(args.build_dir, size, workdir)
        embedded = EmbeddedStore(store)
        started = time.perf_counter()
        found = run_compiled(embedded, compile_shapes(shapes)) + run_checks(embedded, checks)
        seconds = time.perf_counter() - started
        print(f"  {size:>12,} {len(store):>12,} {seconds:>11.2f} {1e6 * seconds / size:>14.1f} {len(found):>8,}",
              flush=True)
        del store, embedded
    return 0 if same and small_met else 1


if __name__ == "__main__":
    sys.exit(main())
