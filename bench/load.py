"""Bench: ``govgraph load`` against each engine's own bulk loader on the same release, and ``govgraph release``
against the floor of parsing and serialising the same statements with pyoxigraph. Prints the ratios.

Targets (issue 9): load within 1.5x of ``oxigraph load`` and of Virtuoso's ``ld_dir`` + ``rdf_loader_run``;
release within 2x of the floor. The release rows alternate over --rounds (medians): ``--revalidate`` (the first
records the passed validation, in a cache folder of the bench's own), then the release that finds it recorded
(HermiT still runs), and the release without its two checks. Virtuoso: its loader into an empty server, then
``govgraph load`` replacing the same graphs, then into an empty server. Needs a build (``--build-dir``, default
$GOVGRAPH_BUILD_DIR or ./build), the ``oxigraph`` command and virtuoso-t (``make system-deps``). Bounded: each
step is stopped after --limit seconds.

Jena TDB2: ``govgraph load --into jena-tdb2`` against ``tdb2.tdbloader`` on the same file, target 1.5x too
(Debian's libapache-jena-java, ``make system-deps``); the two alternate ``--tdb2-runs`` times, medians printed.

    .venv/bin/python bench/load.py --build-dir build
    .venv/bin/python bench/load.py --build-dir build --skip-release --skip-oxigraph --skip-tdb2  # Virtuoso only
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from processes import load  # noqa: E402

from govgraph.publishing import release as release_module  # noqa: E402
from govgraph.publishing.distributions import DISTRIBUTIONS  # noqa: E402
from govgraph.publishing.loaders import jena  # noqa: E402
from govgraph.publishing.loaders import oxigraph as oxigraph_loader  # noqa: E402
from govgraph.publishing.loaders import tdb2 as tdb2_loader  # noqa: E402
from govgraph.publishing.loaders import virtuoso as virtuoso_loader  # noqa: E402
from govgraph.publishing.loaders.staging import GRAPHS  # noqa: E402
from govgraph.publishing.release import write_release  # noqa: E402
from govgraph.store.location import build_dir  # noqa: E402
from tests.publishing.virtuoso_server import start_virtuoso  # noqa: E402


def timed(label: str, function) -> float:
    started = time.perf_counter()
    function()
    elapsed = time.perf_counter() - started
    print(f"  {label:<60} {elapsed:7.1f} s", flush=True)
    return elapsed


def floor(nquads: Path, out: Path) -> None:
    store = ox.Store()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    for distribution in DISTRIBUTIONS:
        store.dump(str(out / f"floor.{distribution.key}"), format=distribution.format,
                   **({} if distribution.format.supports_datasets else {"from_graph": ox.DefaultGraph()}))


def bench_tdb2(work: Path, release: Path, nq_gz: Path, args) -> dict[str, float]:
    """tdb2.tdbloader into a new folder against govgraph load into a new folder (and again into its own)."""
    print(f"jena tdb2 (medians of {args.tdb2_runs}; {load()})")
    native, ours, again = [], [], []
    for run in range(args.tdb2_runs):
        for folder in ("tdb2-native", "tdb2-govgraph"):
            shutil.rmtree(work / folder, ignore_errors=True)
        command = jena.command("tdb2.tdbloader", "--loc", str(work / "tdb2-native"), str(nq_gz), jars=jena.TDB2)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, timeout=args.limit)
        native.append(time.perf_counter() - started)
        started = time.perf_counter()
        tdb2_loader.load(work / "tdb2-govgraph", release, lambda message: None)
        ours.append(time.perf_counter() - started)
        if not args.skip_reload:
            started = time.perf_counter()
            tdb2_loader.load(work / "tdb2-govgraph", release, lambda message: None)
            again.append(time.perf_counter() - started)
    rows = {"tdb2.tdbloader --loc DIR govgraph.nq.gz": native, "govgraph load --into jena-tdb2 (new folder)": ours,
            "govgraph load --into jena-tdb2 (same release again)": again}
    for label, times in rows.items():
        if times:
            print(f"  {label:<52} {statistics.median(times):7.1f} s   runs: "
                  + " ".join(f"{t:.1f}" for t in times), flush=True)
    print(f"  after: {load()}")
    ratios = {"jena-tdb2: govgraph load / tdb2.tdbloader": statistics.median(ours) / statistics.median(native)}
    if again:
        ratios["jena-tdb2: reload / tdb2.tdbloader"] = statistics.median(again) / statistics.median(native)
    return ratios


def bench_release(build: Path, work: Path, rounds: int) -> dict[str, float]:
    """The release rows, alternating over ``rounds``; returns the ratios to the floor."""
    quiet = lambda message: None  # noqa: E731
    print(f"release ({rounds} rounds, alternating; {load()})")
    rows = {"floor": [], "revalidate": [], "recorded": [], "bare": []}
    for round_ in range(rounds):
        rows["revalidate"].append(timed("govgraph release --revalidate (validation + HermiT)",
                                        lambda: write_release(build, work / "dist", revalidate=True,
                                                              progress=quiet)))
        rows["floor"].append(timed("floor: pyoxigraph parse + serialise (5 formats)",
                                   lambda: floor(build / "govgraph.nq", work)))
        rows["recorded"].append(timed("govgraph release (validation recorded; HermiT)", lambda: write_release(
            build, work / "dist", progress=quiet)))
        rows["bare"].append(timed("govgraph release without its two checks", lambda: without_checks(
            lambda: write_release(build, work / "bare", revalidate=True, progress=quiet))))
    t = {key: statistics.median(values) for key, values in rows.items()}
    print(f"  medians: " + ", ".join(f"{key} {value:.1f} s" for key, value in t.items()))
    return {"release (validation recorded) / floor": t["recorded"] / t["floor"],
            "release --revalidate / floor": t["revalidate"] / t["floor"],
            "release without checks / floor": t["bare"] / t["floor"]}


def bench_oxigraph(work: Path, release: Path, nq_gz: Path, args) -> dict[str, float]:
    """``oxigraph load`` against ``govgraph load --into oxigraph`` on a store folder, alternating over --rounds
    (fresh folders each round), medians."""
    quiet = lambda message: None  # noqa: E731
    ratios = {}
    print(f"oxigraph (local store folder, {args.rounds} rounds, alternating; {load()})")
    binary = oxigraph_loader.oxigraph_binary()
    engine = oxigraph_loader.LocalOxigraph(work / "ox-govgraph", quiet)
    orows = {"native": [], "ours": [], "again": []}
    for round_ in range(args.rounds):
        for folder in ("ox-native", "ox-govgraph"):
            shutil.rmtree(work / folder, ignore_errors=True)
        orows["native"].append(timed("oxigraph load --file govgraph.nq.gz", lambda: subprocess.run(
            [binary, "load", "--location", str(work / "ox-native"), "--file", str(nq_gz)], check=True,
            capture_output=True, timeout=args.limit)))
        orows["ours"].append(timed("govgraph load --into oxigraph (empty store)",
                                   lambda: oxigraph_loader.load(engine, release, quiet)))
        if not args.skip_reload:
            orows["again"].append(timed("govgraph load --into oxigraph (same release again)",
                                        lambda: oxigraph_loader.load(engine, release, quiet)))
    o = {key: statistics.median(values) for key, values in orows.items() if values}
    print("  medians: " + ", ".join(f"{key} {value:.1f} s" for key, value in o.items()))
    ratios["oxigraph: govgraph load / oxigraph load"] = o["ours"] / o["native"]
    if not args.skip_reload:
        ratios["oxigraph: reload / oxigraph load"] = o["again"] / o["native"]
    return ratios


def without_checks(function):
    gates = (release_module.check_graph, release_module.check_ontology)
    release_module.check_graph, release_module.check_ontology = (lambda store: 0), (lambda store, workdir: None)
    try:
        return function()
    finally:
        release_module.check_graph, release_module.check_ontology = gates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=None)
    parser.add_argument("--limit", type=float, default=600, help="seconds allowed per step")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of the release rows (medians)")
    parser.add_argument("--skip-release", action="store_true",
                        help="skip the release rows (the release is written once, untimed)")
    parser.add_argument("--skip-oxigraph", action="store_true")
    parser.add_argument("--skip-virtuoso", action="store_true")
    parser.add_argument("--skip-reload", action="store_true", help="skip loading the same release twice")
    parser.add_argument("--skip-tdb2", action="store_true")
    parser.add_argument("--tdb2-runs", type=int, default=1, help="TDB2 loads of each kind, alternating")
    args = parser.parse_args()
    build = build_dir(args.build_dir)
    quiet = lambda message: None  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="govgraph-bench-load-") as work:
        work = Path(work)
        # passed validations are recorded here, not in the user's cache: the first --revalidate run records one
        os.environ["GOVGRAPH_CACHE_DIR"] = str(work / "cache")
        if args.skip_release:
            write_release(build, work / "dist", progress=quiet)
            ratios = {}
        else:
            ratios = bench_release(build, work, args.rounds)
        (release,) = (work / "dist").iterdir()
        nq_gz = next(release.glob("*.nq.gz"))

        if not args.skip_oxigraph:
            ratios.update(bench_oxigraph(work, release, nq_gz, args))

        if not args.skip_virtuoso:
            print(f"virtuoso ({load()})")
            server = start_virtuoso(work / "virtuoso")
            try:
                native = server.load_dir / "native"
                native.mkdir()
                (native / nq_gz.name).write_bytes(nq_gz.read_bytes())
                vengine = virtuoso_loader.Virtuoso(server.target, "dba", "dba", quiet, load_dir=server.load_dir)

                def empty() -> None:
                    vengine.drop([g for g in vengine.graph_counts() if g.startswith(GRAPHS)])
                    server.isql("DELETE FROM DB.DBA.load_list; checkpoint;")

                vrows = {"native": [], "fresh": [], "replace": []}
                for round_ in range(max(1, args.rounds - 1)):
                    empty()
                    vrows["native"].append(timed("ld_dir + rdf_loader_run + checkpoint (empty server)",
                                                 lambda: server.isql(
                        f"ld_dir('{native}', '*.nq.gz', 'https://w3id.org/govgraph/graph/unnamed'); "
                        "rdf_loader_run(); checkpoint;")))
                    vrows["replace"].append(timed("govgraph load --into virtuoso (replacing the same graphs)",
                                                  lambda: virtuoso_loader.load(vengine, release, quiet)))
                    empty()
                    vrows["fresh"].append(timed("govgraph load --into virtuoso (empty server)",
                                                lambda: virtuoso_loader.load(vengine, release, quiet)))
                v = {key: statistics.median(values) for key, values in vrows.items()}
                print(f"  medians: " + ", ".join(f"{key} {value:.1f} s" for key, value in v.items()))
                ratios["virtuoso: govgraph load (replacing) / ld_dir+rdf_loader_run"] = v["replace"] / v["native"]
                ratios["virtuoso: govgraph load (empty) / ld_dir+rdf_loader_run"] = v["fresh"] / v["native"]
            finally:
                server.stop()

        if not args.skip_tdb2:
            ratios.update(bench_tdb2(work, release, nq_gz, args))
    print(f"ratios (target: release 2x, loads 1.5x; {load()})")
    for label, ratio in ratios.items():
        print(f"  {label:<60} {ratio:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
