#!/usr/bin/env python3
"""Benchmark: govgraph validate against Apache Jena's SHACL and plain pySHACL on the same data and shapes.

The data is the full built graph plus a seeded SYNTHETIC task register (bench/synthetic_register.py), merged into
one N-Triples file (the set of statements), which every engine judges whole, against shapes/:

* Apache Jena's SHACL 4.5 (Debian's libapache-jena-java, run by bench/jena_shacl.py) as a fresh ``java``
  process: start, parse, validate, write its report;
* govgraph as a fresh Python process doing the same: start, load the file into the embedded store, run the
  shapes compiled to SPARQL (``shapes``), and the shapes and govgraph's checks (``shapes+checks``: rules
  queries/checks adds, which Jena does not run; through ``validate_store``, as ``govgraph validate`` runs them,
  the checks beside the shapes);
* plain ``pyshacl.validate`` (only at the side-by-side size: it takes minutes), in this process, on an rdflib
  graph of the same statements (building that graph is not counted).

Runs alternate (Jena, shapes, shapes+checks, Jena, ...) and medians are printed with CPU seconds, peak memory,
the ratio to Jena (target: at most 1.0x) and the load average, since the machine is shared. Results are
compared: govgraph's must equal Jena's as (focus, path, source shape, severity) and pySHACL's as (focus, source
shape, constraint component, severity, value); blank nodes compare as ``_:``. Sizes above --jena-max run
govgraph alone (Jena's memory grows with the data); µs per assignment shows how the time grows.

A small user file (examples/validate-task-register-SYNTHETIC.ttl) validated end to end, as a CI job runs it, is
printed first unless --skip-small; ``--small-only`` runs just that row.

    python bench/validate.py [--build-dir build] [--side-by-side 10000] [--assignments 100000 ...] [--runs 3]
                             [--jena-max 200000] [--big-runs 1] [--skip-small | --small-only]
"""

from __future__ import annotations

import argparse
import json
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

sys.path.insert(0, str(Path(__file__).parent))
from jena_shacl import JenaUnavailable, classpath, jena_validate  # noqa: E402
from processes import load, timed  # noqa: E402
from synthetic_register import write_register  # noqa: E402

from govgraph import resources  # noqa: E402
from govgraph.store.location import build_dir  # noqa: E402

JENA_TARGET = 1.0
SMALL_FILE = Path(__file__).resolve().parent.parent / "examples" / "validate-task-register-SYNTHETIC.ttl"
SMALL_TARGET = 2.0

# The govgraph side as a fresh process, like Jena's: load the merged file, judge everything, write the results.
WORKER = """\
import json, sys, time
started = time.perf_counter()
import pyoxigraph as ox
from govgraph.store.embedded import EmbeddedStore
from govgraph.validation import load_checks, load_shapes
from govgraph.validation.run import validate_store
from govgraph.validation.compiled import compile_shapes, run_compiled
data, out, mode = sys.argv[1:4]
marks = {"start": time.perf_counter() - started}
store = ox.Store()
store.bulk_load(path=data, format=ox.RdfFormat.N_TRIPLES)
marks["load"] = time.perf_counter() - started
if mode == "shapes+checks":  # as 'govgraph validate' judges a build: the checks beside the shapes
    timings = {}
    results = validate_store(store, shapes=load_shapes(), checks=load_checks(), timings=timings).results
    for phase, (seconds, _) in timings.items():
        marks["shapes and checks" if phase == "shapes" else phase] = marks[list(marks)[-1]] + seconds
else:
    results = run_compiled(EmbeddedStore(store), compile_shapes(load_shapes()))
    marks["shapes"] = time.perf_counter() - started
with open(out, "w", encoding="utf-8") as f:
    json.dump({"marks": marks, "results": [[r.focus, r.path, r.source_shape, r.constraint, r.severity.label, r.value]
                                           for r in results]}, f)
"""


def _value(text):
    try:
        return str(Decimal(text).normalize())
    except (InvalidOperation, TypeError, ValueError):
        return text


def _node(text):
    return "_:" if text and text.startswith("_:") else text


def pyshacl_keys(results) -> set[tuple]:
    """(focus, source shape, constraint, severity, value) of results (ValidationResult or worker rows)."""
    rows = [(r.focus, r.path, r.source_shape, r.constraint, r.severity.label, r.value) if hasattr(r, "focus") else r
            for r in results]
    return {(_node(f), shape, constraint, severity, _node(_value(value)))
            for f, _, shape, constraint, severity, value in rows}


def jena_keys(rows) -> set[tuple]:
    """(focus, path, source shape, severity) of the worker's shape results, as bench/jena_shacl.py reads Jena's."""
    return {(_node(f), path, shape, severity) for f, path, shape, constraint, severity, _ in rows
            if not constraint.startswith("https://w3id.org/govgraph/checks#")}


def merged_data(build: Path, assignments: int, workdir: Path) -> tuple[Path, int, int]:
    """Build + SYNTHETIC register as one N-Triples file of distinct statements: (file, statements, synthetic)."""
    store = ox.Store()
    store.bulk_load(path=str(build / "govgraph.nq"), format=ox.RdfFormat.N_QUADS)
    register = workdir / f"register-{assignments}.nq"
    register.unlink(missing_ok=True)
    synthetic = write_register(store, assignments, register)
    store.bulk_load(path=str(register), format=ox.RdfFormat.N_QUADS)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    merged = workdir / f"merged-{assignments}.nt"
    store.dump(str(merged), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    statements = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    register.unlink()
    return merged, statements, synthetic


def govgraph_process(data: Path, mode: str, workdir: Path) -> tuple[float, dict, dict]:
    """``mode`` (shapes, shapes+checks) over ``data`` in a fresh process: wall s, usage, the worker's output."""
    out, errors = workdir / f"govgraph-{mode}.json", workdir / "govgraph.err"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(Path(resources.__file__).parents[1]),
                                                                     os.environ.get("PYTHONPATH")])))
    with errors.open("wb") as err:
        run = timed([sys.executable, "-c", WORKER, str(data), str(out), mode], ok=None, peak_memory=True,
                    stdout=subprocess.DEVNULL, stderr=err, env=env)
    if run.status != 0:
        raise SystemExit(f"govgraph {mode} failed: {errors.read_text(encoding='utf-8')[-2000:]}")
    return run.wall, {"cpu_s": run.cpu, "max_rss_mb": run.peak_mb}, json.loads(out.read_text(encoding="utf-8"))


def small_file(build_dir: Path, runs: int = 5) -> bool:
    """End-to-end seconds of ``govgraph validate SMALL_FILE`` in a fresh process; prints the row."""
    argv = [sys.executable, "-m", "govgraph", "validate", "--build-dir", str(build_dir), "--quiet", str(SMALL_FILE)]
    times, cpu, summary = [], [], ""
    for _ in range(runs):
        run = timed(argv, ok=None, text=True)
        times.append(run.wall)
        cpu.append(run.cpu)
        summary = run.out.strip() or run.err.strip()
    median = statistics.median(times)
    lines = len(SMALL_FILE.read_text(encoding="utf-8").splitlines())
    met = median < SMALL_TARGET
    print(f"small user file ({SMALL_FILE.name}, {lines} lines), end to end in a fresh process:")
    print(f"  median {median:.2f} s of {runs} runs (min {min(times):.2f} s, max {max(times):.2f} s, "
          f"CPU {statistics.median(cpu):.2f} s; {load()}); target < {SMALL_TARGET:.0f} s: "
          f"{'met' if met else 'NOT met'}")
    print(f"  {summary}")
    return met


def _row(name: str, seconds: list[float], usages: list[dict], results: int, note: str = "") -> None:
    print(f"  {name:34} {statistics.median(seconds):8.2f} s  CPU {statistics.median(u['cpu_s'] for u in usages):6.2f} s"
          f"  peak {max(u['max_rss_mb'] for u in usages):6,.0f} MB  {results:7,} results{note}", flush=True)


def _stages(output: dict) -> str:
    marks, previous, parts = output["marks"], 0.0, []
    for name, at in marks.items():
        parts.append(f"{name} {at - previous:.1f}")
        previous = at
    return ", ".join(parts)


def side_by_side(build: Path, assignments: int, workdir: Path, shapes_paths: list[Path], jena: bool) -> bool:
    """pySHACL, Jena and govgraph on one size, once each; True when all results agree."""
    import pyshacl  # noqa: F401  (imported here so its import is not counted below)

    from govgraph.rdf.parse import parse_file
    from govgraph.rdf.convert import rdflib_graph
    from govgraph.validation import load_shapes
    from govgraph.validation.shacl import validate_graph

    data, statements, synthetic = merged_data(build, assignments, workdir)
    print(f"side by side: built graph + {assignments:,} synthetic assignments = {statements:,} statements "
          f"({synthetic:,} synthetic), {load()}")
    started = time.perf_counter()
    graph = rdflib_graph(parse_file(data))
    convert = time.perf_counter() - started
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    plain = validate_graph(graph, load_shapes(shapes_paths))
    plain_time = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    del graph
    plain_usage = {"cpu_s": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
                   "max_rss_mb": after.ru_maxrss / 1024}
    _row("plain pyshacl.validate (in process)", [plain_time], [plain_usage], len(plain.results),
         f"  (+ {convert:.1f} s building its rdflib graph)")
    jena_time = None
    if jena:
        stats: dict = {}
        jena_time, jena_found = jena_validate(data, shapes_paths, workdir=workdir, stats=stats)
        _row("Apache Jena SHACL 4.5 (process)", [jena_time], [stats], len(jena_found))
    seconds, usage, ours = govgraph_process(data, "shapes", workdir)
    _row("govgraph shapes (process)", [seconds], [usage], len(ours["results"]), f"  ({_stages(ours)})")
    same_plain = pyshacl_keys(plain.results) == pyshacl_keys(ours["results"])
    same_jena = not jena or jena_keys(ours["results"]) == jena_found
    print(f"  results {'identical' if same_plain else 'DIFFER'} to pySHACL's"
          + (f", {'identical' if same_jena else 'DIFFER'} to Jena's" if jena else "")
          + f"; govgraph's time is 1/{plain_time / seconds:.0f} of pySHACL's"
          + (f", {seconds / jena_time:.2f}x Jena's" if jena_time else ""))
    data.unlink()
    return same_plain and same_jena


def at_scale(build: Path, assignments: int, workdir: Path, shapes_paths: list[Path], runs: int, jena: bool) -> bool:
    """Jena (when ``jena``), govgraph shapes and govgraph shapes+checks, alternating; True when targets are met."""
    data, statements, synthetic = merged_data(build, assignments, workdir)
    print(f"built graph + {assignments:,} synthetic assignments = {statements:,} statements "
          f"({data.stat().st_size / 1e6:,.0f} MB of N-Triples), "
          + (f"{runs} alternating runs, medians:" if runs > 1 else "one run:"), flush=True)
    engines = (["jena"] if jena else []) + ["shapes", "shapes+checks"]
    seconds: dict[str, list[float]] = {e: [] for e in engines}
    usages: dict[str, list[dict]] = {e: [] for e in engines}
    outputs: dict[str, dict] = {}
    jena_found: set = set()
    loads = []
    for _ in range(runs):
        loads.append(load())
        for engine in engines:
            if engine == "jena":
                stats: dict = {}
                wall, jena_found = jena_validate(data, shapes_paths, workdir=workdir, stats=stats)
                seconds[engine].append(wall)
                usages[engine].append(stats)
            else:
                wall, usage, outputs[engine] = govgraph_process(data, engine, workdir)
                seconds[engine].append(wall)
                usages[engine].append(usage)
    if jena:
        _row("Apache Jena SHACL 4.5 (process)", seconds["jena"], usages["jena"], len(jena_found))
    ok = True
    for engine in ("shapes", "shapes+checks"):
        ratio = f", {statistics.median(seconds[engine]) / statistics.median(seconds['jena']):.2f}x Jena" if jena else ""
        _row(f"govgraph {engine} (process)", seconds[engine], usages[engine], len(outputs[engine]["results"]),
             f"  ({_stages(outputs[engine])} s{ratio})")
    median = statistics.median(seconds["shapes+checks"])
    print(f"  govgraph shapes+checks: {1e6 * median / assignments:.1f} µs per assignment, "
          f"{1e6 * median / statements:.2f} µs per statement")
    if jena:
        same = jena_keys(outputs["shapes"]["results"]) == jena_found == jena_keys(outputs["shapes+checks"]["results"])
        met = {engine: statistics.median(seconds[engine]) <= JENA_TARGET * statistics.median(seconds["jena"])
               for engine in ("shapes", "shapes+checks")}
        print(f"  results {'identical' if same else 'DIFFER'} to Jena's ({len(jena_found):,}); target at most "
              f"{JENA_TARGET:.1f}x Jena: shapes {'met' if met['shapes'] else 'NOT met'}, shapes+checks "
              f"{'met' if met['shapes+checks'] else 'NOT met'}")
        ok = same and all(met.values())
    print(f"  at the start of each round: {'; '.join(loads)}")
    data.unlink()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=None,
                        help="the build (default: $GOVGRAPH_BUILD_DIR, else ./build)")
    parser.add_argument("--side-by-side", type=int, default=10_000, metavar="N",
                        help="assignments for the row with pySHACL (0: skip it)")
    parser.add_argument("--assignments", type=int, nargs="*", default=[100_000], metavar="N",
                        help="register sizes for Jena against govgraph (default 100,000: 1.3M statements)")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs per size (medians printed)")
    parser.add_argument("--jena-max", type=int, default=200_000, metavar="N",
                        help="larger registers run govgraph alone (Jena holds everything in memory)")
    parser.add_argument("--big-runs", type=int, default=1, help="runs per size above --jena-max")
    parser.add_argument("--workdir", type=Path, default=None, help="for the merged data (default: a temp folder)")
    parser.add_argument("--skip-small", action="store_true", help="skip the small user file row")
    parser.add_argument("--small-only", action="store_true", help="only the small user file row")
    args = parser.parse_args()
    args.build_dir = build_dir(args.build_dir)
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    if not (args.build_dir / "govgraph.nq").is_file():
        print(f"{args.build_dir}/govgraph.nq is missing: run 'govgraph build' first", file=sys.stderr)
        return 2
    ok = True
    if not args.skip_small:
        ok = small_file(args.build_dir)
        if args.small_only:
            return 0 if ok else 1
        print()
    try:
        classpath()
        jena = True
    except JenaUnavailable as error:
        print(f"Jena SHACL unavailable, govgraph runs alone: {error}")
        jena = False
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="govgraph-bench-validate-"))
    workdir.mkdir(parents=True, exist_ok=True)
    shapes_paths = resources.turtle_files(resources.shapes_dir())
    if args.side_by_side:
        ok = side_by_side(args.build_dir, args.side_by_side, workdir, shapes_paths, jena) and ok
        print()
    for size in args.assignments:
        runs = args.runs if size <= args.jena_max else args.big_runs
        ok = at_scale(args.build_dir, size, workdir, shapes_paths, runs, jena and size <= args.jena_max) and ok
        if jena and size > args.jena_max:
            print(f"  (Jena not run above --jena-max {args.jena_max:,} assignments: it keeps the whole graph "
                  f"in the JVM's heap)")
        print()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
