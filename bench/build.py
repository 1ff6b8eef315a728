#!/usr/bin/env python3
"""Benchmark: ``govgraph build`` against the floor of parsing its statements and writing its outputs with pyoxigraph.

Both run as fresh processes, their runs alternating (build, floor, floor, build, ...), into folders under
--workdir (never build/). The floor starts a bare Python with pyoxigraph only and, from the build's own
``govgraph.nq``, does the least work that yields the same outputs: parse the statements into a store, write
TriG and N-Quads, merge the named graphs inside the store (one SPARQL INSERT), write Turtle and N-Triples, and
bulk-load and compact the on-disk store ``store/``. The floor's files are checked to hold the same statements
(the same lines, sorted) as the build's. Medians of wall and CPU seconds are printed with the ratio
(target: the build within 1.3x of the floor), and the load average at the time, since the machine is shared.

``--profile`` instead runs one build in this process under cProfile (CPU time) and prints where time goes.

    python bench/build.py [--runs 5] [--workdir /tmp/govgraph-bench-build] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cold import timed  # noqa: E402  (wall and CPU seconds of a fresh process)

TARGET = 1.3
OUTPUTS = ("govgraph.trig", "govgraph.nq", "govgraph.ttl", "govgraph.nt")

FLOOR = """\
import json, sys, time
import pyoxigraph as ox
source, out, prefixes, stages = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
marks = [("start", time.perf_counter())]
store = ox.Store()
store.bulk_load(path=source, format=ox.RdfFormat.N_QUADS)
marks.append(("parse", time.perf_counter()))
store.dump(out + "/govgraph.trig", format=ox.RdfFormat.TRIG, prefixes=prefixes)
store.dump(out + "/govgraph.nq", format=ox.RdfFormat.N_QUADS)
marks.append(("write dataset formats", time.perf_counter()))
store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
marks.append(("merge graphs in the store", time.perf_counter()))
store.dump(out + "/govgraph.ttl", format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes)
store.dump(out + "/govgraph.nt", format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
marks.append(("write triple formats", time.perf_counter()))
disk = ox.Store(out + "/store")
disk.bulk_load(path=out + "/govgraph.nq", format=ox.RdfFormat.N_QUADS)
disk.optimize()
del disk
marks.append(("on-disk store", time.perf_counter()))
with open(stages, "w") as f:
    json.dump([(name, b - a) for (_, a), (name, b) in zip(marks, marks[1:])], f)
"""


def build_command(out: Path) -> list[str]:
    return [sys.executable, "-m", "govgraph", "build", "--out", str(out)]


def floor_command(source: Path, out: Path, prefixes: dict[str, str], stages: Path) -> list[str]:
    return [sys.executable, "-c", FLOOR, str(source), str(out), json.dumps(prefixes), str(stages)]


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def same_statements(a: Path, b: Path) -> list[str]:
    """The output files that hold different statements in two folders (empty: the same everywhere).

    Both sides are parsed: Turtle and TriG group statements in the order of the store that wrote them."""
    import pyoxigraph as ox

    formats = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
               ".nt": ox.RdfFormat.N_TRIPLES}
    differ = []
    for name in OUTPUTS:
        rdf_format = formats[Path(name).suffix]
        left, right = ({str(q) for q in ox.parse(path=str(folder / name), format=rdf_format)} for folder in (a, b))
        if left != right:
            differ.append(name)
    return differ


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def profile(workdir: Path, top: int) -> int:
    """One build in this process under cProfile, timed by process CPU time (the machine is shared)."""
    import cProfile
    import pstats

    from govgraph.cli.main import main as govgraph

    out = fresh(workdir / "profiled")
    profiler = cProfile.Profile(time.process_time)
    started, cpu = time.perf_counter(), time.process_time()
    profiler.enable()
    code = govgraph(["build", "--out", str(out)])
    profiler.disable()
    print(f"profiled build: {time.perf_counter() - started:.1f} s wall, {time.process_time() - cpu:.1f} s CPU, "
          f"load {load_average()}")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each, alternating (default 5)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/govgraph-bench-build"))
    parser.add_argument("--profile", action="store_true", help="profile one build in this process instead")
    parser.add_argument("--top", type=int, default=40, help="rows of the profile to print")
    args = parser.parse_args()
    if args.profile:
        return profile(args.workdir, args.top)
    from govgraph.namespaces import PREFIXES

    built, floored = args.workdir / "build", args.workdir / "floor"
    source, marks = args.workdir / "source.nq", args.workdir / "floor-stages.json"
    fresh(args.workdir)
    print(f"load average before: {load_average()}")
    timed(build_command(fresh(built)))  # the statements the floor parses: this build's own N-Quads
    shutil.copyfile(built / "govgraph.nq", source)
    builds, floors, stages = [], [], []
    for run in range(args.runs):
        order = ("build", "floor") if run % 2 == 0 else ("floor", "build")
        for which in order:
            if which == "build":
                builds.append(timed(build_command(fresh(built))))
            else:
                floors.append(timed(floor_command(source, fresh(floored), PREFIXES, marks)))
                stages.append(dict(json.loads(marks.read_text())))
        print(f"  run {run + 1}: build {builds[-1][0]:6.2f} s ({builds[-1][1]:5.2f} CPU)  "
              f"floor {floors[-1][0]:6.2f} s ({floors[-1][1]:5.2f} CPU)  load {load_average()}", flush=True)
    differ = same_statements(built, floored)
    statements = sum(1 for _ in source.open("rb"))
    build_wall, build_cpu = (statistics.median(x[i] for x in builds) for i in (0, 1))
    floor_wall, floor_cpu = (statistics.median(x[i] for x in floors) for i in (0, 1))
    ratio = build_wall / floor_wall
    print(f"govgraph build vs the pyoxigraph floor, {statements:,} statements, medians of {args.runs} "
          f"alternating runs (load average after: {load_average()}):")
    print(f"  govgraph build   {build_wall:7.2f} s wall  {build_cpu:7.2f} s CPU")
    print(f"  floor            {floor_wall:7.2f} s wall  {floor_cpu:7.2f} s CPU")
    for name in stages[0]:
        print(f"    {name:28} {statistics.median(s[name] for s in stages):6.2f} s")
    print(f"  ratio {ratio:.2f}x wall, {build_cpu / floor_cpu:.2f}x CPU (target {TARGET}x: "
          f"{'met' if ratio <= TARGET else 'NOT met'}); outputs "
          f"{'hold the same statements' if not differ else 'DIFFER: ' + ', '.join(differ)}")
    return 0 if ratio <= TARGET and not differ else 1


if __name__ == "__main__":
    sys.exit(main())
