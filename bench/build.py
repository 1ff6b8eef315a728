#!/usr/bin/env python3
"""Benchmark: ``govgraph build`` against the floor of parsing its statements and writing its outputs with pyoxigraph.

All run as fresh processes into folders under --workdir (never build/), their order rotating from run to run
(build, floor, overlapped floor; then floor, overlapped floor, build; ...) so that a change in the shared machine's
load hits each alike. The floor starts a bare Python with pyoxigraph only and, from the build's own
``govgraph.nq``, does the least work that yields the same outputs: parse the statements into a store, write
TriG and N-Quads, merge the named graphs inside the store (one SPARQL INSERT), write Turtle and N-Triples, and
bulk-load and compact the on-disk store ``store/``, one step after the other. The overlapped floor does the same
work on both cores as the build does (pyoxigraph releases Python's lock while it writes): TriG beside N-Quads,
then the on-disk store beside the merge and Turtle beside N-Triples. Both floors' files are checked to hold the
same statements as the build's; with --reference DIR (a build of main) the build's four files must also be
byte-identical to DIR's.

Printed: every run with the load average when it started; medians of wall and CPU seconds; the ratio of the
medians and the median of the per-run ratios (each run's contenders ran minutes apart at most) against each
floor (target: the build within 1.3x of the floor). The machine is shared: compare the CPU column too.

``--profile`` instead runs one build in this process under cProfile (CPU time) and prints where time goes.

    python bench/build.py [--runs 5] [--budget 480] [--workdir /tmp/govgraph-bench-build] [--reference DIR]
    python bench/build.py --profile
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
from processes import load, timed  # noqa: E402  (wall and CPU seconds of a fresh process)

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

OVERLAPPED_FLOOR = """\
import json, sys
from concurrent.futures import ThreadPoolExecutor
import pyoxigraph as ox
source, out, prefixes = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
store = ox.Store()
store.bulk_load(path=source, format=ox.RdfFormat.N_QUADS)

def disk_store():
    disk = ox.Store(out + "/store")
    disk.bulk_load(path=out + "/govgraph.nq", format=ox.RdfFormat.N_QUADS)
    disk.optimize()

with ThreadPoolExecutor(3) as pool:
    trig = pool.submit(store.dump, out + "/govgraph.trig", format=ox.RdfFormat.TRIG, prefixes=prefixes)
    store.dump(out + "/govgraph.nq", format=ox.RdfFormat.N_QUADS)
    loading = pool.submit(disk_store)
    trig.result()
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    ttl = pool.submit(store.dump, out + "/govgraph.ttl", format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                      prefixes=prefixes)
    store.dump(out + "/govgraph.nt", format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    ttl.result()
    loading.result()
"""

CONTENDERS = ("build", "floor", "overlapped floor")


def build_command(out: Path) -> list[str]:
    return [sys.executable, "-m", "govgraph", "build", "--out", str(out)]


def floor_command(source: Path, out: Path, prefixes: dict[str, str], stages: Path) -> list[str]:
    return [sys.executable, "-c", FLOOR, str(source), str(out), json.dumps(prefixes), str(stages)]


def overlapped_floor_command(source: Path, out: Path, prefixes: dict[str, str]) -> list[str]:
    return [sys.executable, "-c", OVERLAPPED_FLOOR, str(source), str(out), json.dumps(prefixes)]


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


def same_bytes(a: Path, b: Path) -> list[str]:
    """The output files whose bytes differ between two folders."""
    return [name for name in OUTPUTS if (a / name).read_bytes() != (b / name).read_bytes()]


def dataset_size(nquads: Path) -> tuple[int, int]:
    """Statements and named graphs of an N-Quads file written by pyoxigraph (one statement a line)."""
    import pyoxigraph as ox

    graphs = {q.graph_name for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)}
    return sum(1 for _ in nquads.open("rb")), len(graphs)


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
          f"{load()}")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each, order rotating (default 5)")
    parser.add_argument("--budget", type=float, default=480,
                        help="start no new run after this many seconds, once 3 runs are done (default 480)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/govgraph-bench-build"))
    parser.add_argument("--reference", type=Path, metavar="DIR",
                        help="a build (of main) whose four files the build's must equal byte for byte")
    parser.add_argument("--profile", action="store_true", help="profile one build in this process instead")
    parser.add_argument("--top", type=int, default=40, help="rows of the profile to print")
    args = parser.parse_args()
    if args.profile:
        return profile(args.workdir, args.top)
    from govgraph.namespaces import PREFIXES

    began = time.perf_counter()
    built, floored, overlapped = args.workdir / "build", args.workdir / "floor", args.workdir / "overlapped"
    source, marks = args.workdir / "source.nq", args.workdir / "floor-stages.json"
    fresh(args.workdir)
    print(f"before: {load()} ({os.cpu_count()} cores, shared)")
    timed(build_command(fresh(built)))  # warm-up; the statements the floors parse: this build's own N-Quads
    shutil.copyfile(built / "govgraph.nq", source)
    commands = {
        "build": lambda: build_command(fresh(built)),
        "floor": lambda: floor_command(source, fresh(floored), PREFIXES, marks),
        "overlapped floor": lambda: overlapped_floor_command(source, fresh(overlapped), PREFIXES),
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in CONTENDERS}
    stages = []
    runs = 0
    while runs < args.runs and (runs < 3 or time.perf_counter() - began < args.budget):
        order = CONTENDERS[runs % 3:] + CONTENDERS[:runs % 3]
        at_start = load()
        for name in order:
            samples[name].append(timed(commands[name]()))
        stages.append(dict(json.loads(marks.read_text())))
        runs += 1
        print(f"  run {runs} ({at_start}): " + "  ".join(
            f"{name} {samples[name][-1][0]:6.2f} s ({samples[name][-1][1]:5.2f} CPU)" for name in CONTENDERS),
            flush=True)
    differ = sorted(set(same_statements(built, floored)) | set(same_statements(built, overlapped)))
    statements, graphs = dataset_size(built / "govgraph.nq")
    median = {name: tuple(statistics.median(x[i] for x in samples[name]) for i in (0, 1)) for name in CONTENDERS}
    print(f"govgraph build vs the pyoxigraph floor, {statements:,} statements in {graphs} named graphs, medians of "
          f"{runs} runs in rotating order (after: {load()}):")
    for name in CONTENDERS:
        print(f"  {name:17} {median[name][0]:7.2f} s wall  {median[name][1]:7.2f} s CPU")
        if name == "floor":
            for stage in stages[0]:
                print(f"    {stage:28} {statistics.median(s[stage] for s in stages):6.2f} s")
    met = True
    for floor in ("floor", "overlapped floor"):
        ratio = median["build"][0] / median[floor][0]
        per_run = statistics.median(b[0] / f[0] for b, f in zip(samples["build"], samples[floor]))
        met = met and ratio <= TARGET
        print(f"  build / {floor:17} {ratio:.2f}x wall (median of per-run ratios {per_run:.2f}x), "
              f"{median['build'][1] / median[floor][1]:.2f}x CPU (target {TARGET}x: "
              f"{'met' if ratio <= TARGET else 'NOT met'})")
    print(f"  outputs: {'the floors hold the same statements' if not differ else 'DIFFER: ' + ', '.join(differ)}")
    byte_differ = []
    if args.reference:
        byte_differ = same_bytes(built, args.reference)
        print(f"  against {args.reference}: " + (
            "the four files byte-identical" if not byte_differ else "BYTES DIFFER: " + ", ".join(byte_differ)))
    return 0 if met and not differ and not byte_differ else 1


if __name__ == "__main__":
    sys.exit(main())
