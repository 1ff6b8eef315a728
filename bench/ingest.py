"""Benchmark: `govgraph ingest` against the floor, and `govgraph report kpi` against plain SPARQL, side by side.

Registers are SYNTHETIC (bench/synthetic_task_register.py), written to a temporary folder, never shipped.

- ingest: rows per second of `govgraph ingest` (in-process) against the floor of reading the same file with the
  reader library alone (csv, openpyxl) plus writing the same triples with pyoxigraph (the triples govgraph wrote,
  parsed beforehand, so the floor does no work govgraph is not also doing). Target: within 3x, linear growth.
- kpi: `kpi_table` (the kpi library queries, the median from the completion-day counts) against the same
  aggregation written directly in SPARQL and run on the same embedded store. Target: within 1.5x.

    python bench/ingest.py [--build-dir build] [--sizes 100000,1000000] [--no-xlsx-at 1000000] [--no-kpi]
    python bench/ingest.py --kpi-data tasks.nt [--kpi-runs 3]   (the KPI part alone, on an ingest's output)

A run at a million rows takes minutes on a busy machine: the parts can run one at a time (each under the shared
bench lock), the KPI part on the output of an earlier `govgraph ingest`.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).parent))
from processes import load  # noqa: E402
from synthetic_task_register import write_csv, write_xlsx  # noqa: E402

from govgraph.analysis.kpi import kpi_table, median_days  # noqa: E402
from govgraph.cli.main import main  # noqa: E402
from govgraph.store.disk import writable_copy  # noqa: E402
from govgraph.store.embedded import EmbeddedStore  # noqa: E402

# The same table written for one grouping (by assignee, as of 30 September 2025) in plain SPARQL: labels, counts
# and rates, with none of the library query's parameters (period, grouping) to honour. A task is what has an
# assignee (gg:assignee's domain is gg:TaskAssignment: no type test) and is not a counted batch (MINUS), as in the
# library's queries; the days query skips the test for counted batches (none is done) and subtracts days with the
# engine's own date arithmetic.
BASELINE_KPI = """
PREFIX gg: <https://w3id.org/govgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?assignee (SAMPLE(?l) AS ?label) (COUNT(?task) AS ?assigned) (SUM(?d) AS ?done)
       (SUM(?ontime) AS ?done_on_time) (SUM(?late) AS ?done_late) (SUM(?open) AS ?in_progress)
       (SUM(?over) AS ?overdue) (ROUND(10000 * SUM(?d) / COUNT(?task)) / 100 AS ?completion_rate)
       (ROUND(10000 * SUM(?ontime) / (SUM(?ontime) + SUM(?late))) / 100 AS ?on_time_rate)
WHERE {
  ?task gg:issuedOn ?issued ; gg:status ?status ; gg:assignee ?assignee .
  MINUS { ?task gg:taskCount ?n }
  OPTIONAL { ?task gg:dueDate ?due } OPTIONAL { ?task gg:completedOn ?completed }
  OPTIONAL { ?assignee rdfs:label ?l FILTER (LANG(?l) = "vi") }
  BIND (?status = <https://w3id.org/govgraph/id/status/done> AS ?isDone)
  BIND (IF(?isDone, 1, 0) AS ?d)
  BIND (IF(?isDone && ?completed <= ?due, 1, 0) AS ?ontime)
  BIND (IF(?isDone && ?completed > ?due, 1, 0) AS ?late)
  BIND (BOUND(?due) && ?due < "2025-09-30"^^<http://www.w3.org/2001/XMLSchema#date> AS ?past)
  BIND (IF(?status = <https://w3id.org/govgraph/id/status/overdue>
           || (?status = <https://w3id.org/govgraph/id/status/in-progress> && ?past), 1, 0) AS ?over)
  BIND (IF(?status = <https://w3id.org/govgraph/id/status/in-progress> && !?past, 1, 0) AS ?open)
}
GROUP BY ?assignee"""
BASELINE_DAYS = """
PREFIX gg: <https://w3id.org/govgraph/ontology#>
SELECT ?assignee ?days (COUNT(?task) AS ?tasks) WHERE {
  ?task gg:issuedOn ?issued ; gg:completedOn ?completed ; gg:assignee ?assignee ;
        gg:status <https://w3id.org/govgraph/id/status/done> .
  BIND ((?completed - ?issued) AS ?days)
} GROUP BY ?assignee ?days"""


def _floor_read(path: Path) -> int:
    if path.suffix == ".xlsx":
        import openpyxl
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
        book.close()
        return count
    with open(path, encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle))


def ingest_row(register: Path, build_dir: Path, folder: Path) -> tuple[float, float, int]:
    out = folder / f"{register.stem}-{register.suffix[1:]}.nt"
    started = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):
        code = main(["ingest", str(register), "--build-dir", str(build_dir), "--out", str(out),
                     "--issued", "2025-09-30"])
    govgraph = time.perf_counter() - started
    assert code == 0, f"ingest failed on {register}"
    triples = list(ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES))  # not timed
    started = time.perf_counter()
    _floor_read(register)
    ox.serialize(triples, str(folder / "floor.nt"), ox.RdfFormat.N_TRIPLES)
    floor = time.perf_counter() - started
    return govgraph, floor, len(triples)


def _days(duration: str) -> int:
    """Whole days of an xsd:dayTimeDuration such as P12D (PT0S for none)."""
    found = re.fullmatch(r"P(?:(\d+)D)?(?:T0S)?", duration)
    assert found, f"not a number of days: {duration}"
    return int(found[1] or 0)


def kpi_row(build_dir: Path, tasks: Path, runs: int = 1) -> tuple[float, float, int, int]:
    """Median seconds of ``kpi_table`` and of the plain SPARQL, alternating, on the build plus ``tasks``.

    The tasks join a private copy of the built store by pyoxigraph's bulk loader (what `govgraph report kpi --data`
    does statement by statement: minutes for ten million statements, and not what is timed).
    """
    native = writable_copy(build_dir)
    native.bulk_load(path=str(tasks), format=ox.RdfFormat.N_TRIPLES)
    store = EmbeddedStore(native, description=f"{build_dir} with {tasks}")
    ours, plain = [], []
    for _ in range(runs):
        started = time.perf_counter()
        table = kpi_table(store, {"by": "assignee", "asof": "2025-09-30"})
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        counts = list(store.oxigraph.query(BASELINE_KPI, use_default_graph_as_union=True))
        days = list(store.oxigraph.query(BASELINE_DAYS, use_default_graph_as_union=True))
        plain.append(time.perf_counter() - started)
    columns = ("label", "assigned", "done", "done_on_time", "done_late", "in_progress", "overdue",
               "completion_rate", "on_time_rate")
    ours_rows = {str(r[0]): [str(v) for v in r[1:10]] for r in table.rows}
    theirs = {s["assignee"].value: [s[c].value if s[c] is not None else "None" for c in columns] for s in counts}
    assert ours_rows == theirs, "the KPI report and the plain SPARQL aggregation disagree"
    histogram: dict[str, dict[int, int]] = {}
    for solution in days:
        days_between = _days(solution["days"].value)
        histogram.setdefault(solution["assignee"].value, {})[days_between] = int(solution["tasks"].value)
    medians = {str(r[0]): r[10] for r in table.rows}
    assert all(float(str(medians[key])) == median_days(counts) for key, counts in histogram.items()), \
        "the medians disagree"
    tasks_counted = sum(int(r[2]) for r in table.rows)
    return statistics.median(ours), statistics.median(plain), len(ours_rows), tasks_counted


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=Path("build"))
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--no-xlsx-at", type=int, default=None,
                        help="skip workbooks from this many rows (writing a 1M-row workbook takes minutes)")
    parser.add_argument("--no-kpi", action="store_true", help="time the ingest only")
    parser.add_argument("--kpi-data", type=Path, metavar="TASKS.nt",
                        help="time the KPI report only, on this output of govgraph ingest")
    parser.add_argument("--kpi-runs", type=int, default=1, help="alternating runs of each side (median)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{load()} (2 cores)")
    with tempfile.TemporaryDirectory(prefix="govgraph-bench-ingest-") as temporary:
        folder = Path(temporary)
        largest = args.kpi_data
        if largest is None:
            print("SYNTHETIC registers (Vietnamese headers, dd/mm/yyyy dates); in-process, one run each")
            print(f"{'rows':>10} {'file':>5} {'govgraph s':>11} {'floor s':>8} {'ratio':>6} {'rows/s':>9} "
                  f"{'triples':>10}")
        for size in sizes if largest is None else []:
            for suffix in ("csv", "xlsx"):
                if suffix == "xlsx" and args.no_xlsx_at and size >= args.no_xlsx_at:
                    continue
                register = folder / f"register-{size}.{suffix}"
                (write_xlsx if suffix == "xlsx" else write_csv)(register, size)
                govgraph, floor, triples = ingest_row(register, args.build_dir, folder)
                print(f"{size:>10,} {suffix:>5} {govgraph:>11.2f} {floor:>8.2f} {govgraph / floor:>5.2f}x "
                      f"{size / govgraph:>9,.0f} {triples:>10,}", flush=True)
                register.unlink()
                if suffix == "csv":
                    largest = folder / f"register-{size}-csv.nt"
        if not args.no_kpi:
            govgraph, baseline, groups, tasks = kpi_row(args.build_dir, largest, args.kpi_runs)
            print(f"kpi on {tasks:,} tasks by assignee ({groups} groups): govgraph {govgraph:.2f} s, plain SPARQL "
                  f"{baseline:.2f} s, ratio {govgraph / baseline:.2f}x (target 1.5x); counts and medians agree"
                  + (f"; medians of {args.kpi_runs} alternating runs" if args.kpi_runs > 1 else ""))
        print(load())
    return 0


if __name__ == "__main__":
    sys.exit(run())
