#!/usr/bin/env python3
"""Benchmark: cold latency of ``govgraph query unit-counts`` as a fresh process, against bare pyoxigraph.

Both are fresh processes that open the same on-disk store read-only and run the same query text: the text
govgraph sends (the library's ``queries/unit-counts.rq`` with its ``date`` parameter, today, bound through its
VALUES row), so both print the same answer, which is checked byte for byte. Their runs alternate and the medians
are compared (target: govgraph within 1.5x of bare pyoxigraph, wall clock). Then the same on a store many times
larger: the built graph plus a SYNTHETIC register of 1,000,000 task assignments (bench/synthetic_register.py) in
its own named graph, written to a separate store under --workdir, never into build/. The query's cost should
stay flat as the graph grows.

Then the start of commands that run no query (target under 0.3 s): the top-level help, a query's help, the library
listing, the predeclared prefixes and every verb's help (its module's imports), beside ``python -c pass``.

Every child runs with Python's bytecode cache, as an installed package has it: this machine sets
PYTHONDONTWRITEBYTECODE, which would make govgraph compile its modules at every start, so the children get a
cache folder under --workdir (PYTHONPYCACHEPREFIX) that the warm-up runs fill.

    python bench/cold.py [--build-dir build] [--runs 11] [--assignments 1000000] [--workdir /tmp/govgraph-bench]
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import load, timed  # noqa: E402
from synthetic_register import write_register  # noqa: E402

from govgraph.cli.main import VERBS  # noqa: E402
from govgraph.queries import load_library  # noqa: E402
from govgraph.queries.library import checked_text  # noqa: E402
from govgraph.queries.runner import bind_parameters  # noqa: E402
from govgraph.store.location import build_dir, store_dir  # noqa: E402
from govgraph.store.values import with_values  # noqa: E402

TARGET = 1.5
START_TARGET = 0.3
BARE = """\
import sys
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
answer = store.query(sys.argv[2], use_default_graph_as_union=True)
sys.stdout.buffer.write(answer.serialize(format=ox.QueryResultsFormat.CSV))
"""
# The command as a user runs it: the console script installed beside this Python, else ``python -m govgraph``.
_SCRIPT = Path(sys.executable).with_name("govgraph")
GOVGRAPH = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "govgraph"]
STARTS = [
    ("python -c pass (the interpreter)", [sys.executable, "-c", "pass"]),
    ("govgraph --help", [*GOVGRAPH, "--help"]),
    ("govgraph query unit-counts --help", [*GOVGRAPH, "query", "unit-counts", "--help"]),
    ("govgraph query --list", [*GOVGRAPH, "query", "--list"]),
    ("govgraph sparql --prefixes", [*GOVGRAPH, "sparql", "--prefixes"]),
    *((f"govgraph {verb} --help", [*GOVGRAPH, verb, "--help"]) for verb in VERBS),
]


def govgraph_command(build: Path) -> list[str]:
    return [*GOVGRAPH, "query", "unit-counts", "--format", "csv", "--build-dir", str(build)]


def bare_command(build: Path, query: str) -> list[str]:
    return [sys.executable, "-c", BARE, str(store_dir(build)), query]


def child_environment(workdir: Path, today: str) -> dict[str, str]:
    """The children's environment: a bytecode cache under ``workdir``, and today pinned for both sides."""
    environment = dict(os.environ, PYTHONPYCACHEPREFIX=str(workdir / "pycache"), GOVGRAPH_TODAY=today)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def medians(commands: dict[str, list[str]], runs: int, environment: dict[str, str], *,
            same_answer: bool = False) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each command, their runs alternating, after one warm-up run each.

    With ``same_answer`` (the same query by two routes) the warm-up answers must be identical.
    """
    answers = {name: timed(command, env=environment).out for name, command in commands.items()}
    if same_answer and len(set(answers.values())) != 1:
        raise SystemExit("the answers differ: " + "; ".join(f"{n}: {a[:200]!r}" for n, a in answers.items()))
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(timed(command, env=environment)[:2])
    return {name: (statistics.median(w for w, _ in runs_), statistics.median(c for _, c in runs_))
            for name, runs_ in samples.items()}


def synthetic_build(build: Path, workdir: Path, assignments: int) -> tuple[Path, int]:
    """A build folder under ``workdir`` whose store holds the built graph plus the SYNTHETIC register."""
    folder = workdir / f"synthetic-{assignments}"
    marker = folder / "statements.txt"
    if marker.is_file() and store_dir(folder).is_dir():
        return folder, int(marker.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    register = folder / "SYNTHETIC-register.nq"
    built = ox.Store.read_only(str(store_dir(build)))
    write_register(built, assignments, register)
    del built
    store = ox.Store(str(store_dir(folder)))
    store.bulk_load(path=str(build / "govgraph.nq"), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=str(register), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    statements = len(store)
    del store
    register.unlink()
    marker.write_text(str(statements))
    return folder, statements


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--assignments", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "govgraph-bench")
    args = parser.parse_args()
    build = build_dir(args.build_dir).resolve()
    if not store_dir(build).is_dir():
        print(f"{store_dir(build)} is missing: run 'govgraph build' first", file=sys.stderr)
        return 2
    today = datetime.date.today().isoformat()
    os.environ["GOVGRAPH_TODAY"] = today
    library_query = load_library()["unit-counts"]
    query = with_values(checked_text(library_query), bind_parameters(library_query, {}))
    environment = child_environment(args.workdir, today)
    base_statements = len(ox.Store.read_only(str(store_dir(build))))
    started = time.perf_counter()
    big, big_statements = synthetic_build(build, args.workdir, args.assignments)
    print(f"synthetic store: {big_statements:,} statements ({big_statements / base_statements:.0f}x the built "
          f"graph's {base_statements:,}), ready in {time.perf_counter() - started:.0f} s, at {big}")
    print(f"govgraph runs as {' '.join(GOVGRAPH)}; at start: {load()}")
    print()
    print(f"{'store':<34} {'statements':>11}  {'govgraph wall/cpu s':>20}  {'bare wall/cpu s':>16}  "
          f"{'ratio wall/cpu':>14}")
    results = {}
    for label, folder, statements in (("built graph", build, base_statements),
                                      (f"+ SYNTHETIC {args.assignments:,} assignments", big, big_statements)):
        measured = medians({"govgraph": govgraph_command(folder), "bare": bare_command(folder, query)}, args.runs,
                           environment, same_answer=True)
        (ours, ours_cpu), (bare, bare_cpu) = measured["govgraph"], measured["bare"]
        results[label] = (ours, bare, ours_cpu, bare_cpu)
        print(f"{label:<34} {statements:>11,}  {ours:>9.3f} / {ours_cpu:<8.3f}  {bare:>7.3f} / {bare_cpu:<6.3f}  "
              f"{ours / bare:>5.2f}x / {ours_cpu / bare_cpu:.2f}x")
    (small, big_) = results.values()
    worst = max(o / b for o, b, _, _ in results.values())
    print()
    print(f"medians of {args.runs} alternating runs, identical answers (CSV, {today}); govgraph / bare pyoxigraph, "
          f"wall clock: worst {worst:.2f}x (target {TARGET}x: {'met' if worst <= TARGET else 'NOT met'})")
    print(f"growth {big_statements / base_statements:.0f}x in statements: govgraph {big_[0] / small[0]:.2f}x, "
          f"bare pyoxigraph {big_[1] / small[1]:.2f}x in wall-clock time")
    print()
    starts = medians({label: command for label, command in STARTS}, args.runs, environment)
    print(f"{'start of a command (no query)':<36} {'wall s':>7} {'cpu s':>7}")
    for label, (wall, cpu) in starts.items():
        print(f"{label:<36} {wall:>7.3f} {cpu:>7.3f}")
    slowest = max((wall, label) for label, (wall, _) in starts.items() if label.startswith("govgraph"))
    over = [label for label, (wall, _) in starts.items() if label.startswith("govgraph") and wall >= START_TARGET]
    print(f"slowest start: {slowest[1]}, {slowest[0]:.3f} s wall (target under {START_TARGET} s for every command: "
          f"{'met' if not over else 'NOT met, by ' + ', '.join(over)})")
    print(f"at end: {load()}")
    return 0 if worst <= TARGET and slowest[0] < START_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
