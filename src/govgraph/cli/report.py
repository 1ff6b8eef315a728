"""``govgraph report``: indicators computed from the graph (``kpi``: task indicators per group)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govgraph.analysis.kpi import GROUPINGS, kpi_table
from govgraph.errors import UsageError
from govgraph.queries.formatting import FORMATS, RENDERERS
from govgraph.store import open_store
from govgraph.store.overlay import store_with_files
from govgraph.store.location import add_build_dir_argument, build_dir

EXAMPLE = """\
examples:
  $ govgraph report kpi --by assignee --asof 2025-09-30
  $ govgraph report kpi --by assigner --from 2025-07-01 --to 2025-09-30 --format csv

Rates are percentages: completion = done / assigned; on time = done on time / done with a completion and a due
day. Overdue as of --asof counts tasks reported overdue and tasks in progress past their due day."""


def register(subparsers) -> None:
    """Add ``govgraph report`` (the indicator, ``--by``, the days, ``--data``) to ``subparsers``."""
    parser = subparsers.add_parser(
        "report", help="indicators: task KPIs per assignee, assigner, person, unit or province",
        description=__doc__.split(": ", 1)[1], epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("indicator", choices=["kpi"], help="kpi: task indicators")
    parser.add_argument("--by", choices=GROUPINGS, default="assignee", help="how to group (default: assignee)")
    parser.add_argument("--from", dest="from_", metavar="YYYY-MM-DD", help="tasks issued on or after this day")
    parser.add_argument("--to", metavar="YYYY-MM-DD", help="tasks issued on or before this day")
    parser.add_argument("--asof", metavar="YYYY-MM-DD", help="the report day for overdue tasks")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument("--data", type=Path, action="append", default=[], metavar="FILE",
                        help="also count the tasks of this RDF file (e.g. the output of govgraph ingest); repeatable")
    parser.add_argument("--endpoint", metavar="URL", help="compute on this SPARQL endpoint instead of the build")
    add_build_dir_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print an indicator table (an empty one with a note); 0, or 2 (raised) for bad input or usage."""
    parameters = {"by": args.by, "from": args.from_, "to": args.to, "asof": args.asof}
    if args.endpoint and args.data:
        raise UsageError("--data adds files to the built graph; an endpoint holds its own data")
    if args.endpoint:
        store = open_store(endpoint=args.endpoint)
    else:
        store = store_with_files(args.data, build_dir(args.build_dir))
    table = kpi_table(store, {k: v for k, v in parameters.items() if v})
    sys.stdout.write(RENDERERS[args.format](table))
    if not len(table):  # a true answer, but a bare empty table says nothing
        from govgraph.queries import load_library
        from govgraph.queries.notes import empty_note

        sys.stdout.flush()
        print(empty_note(load_library()["kpi"]), file=sys.stderr)
    return 0
