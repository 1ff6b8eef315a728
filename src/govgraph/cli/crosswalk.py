"""``govgraph crosswalk``: re-key a CSV of statistics from former unit codes to the units of 1 July 2025."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govgraph.crosswalk import crosswalk, read_rows, successor_table, write_totals
from govgraph.store import open_store
from govgraph.store.endpoint import DEFAULT_TIMEOUT

EXAMPLE = """\
example:
  $ govgraph crosswalk population-2024.csv --code-column ma_xa --value-column dan_so > population-2025.csv
  population-2024.csv:14: 11656: split among 11446 Phường Phù Liễn, 11629 Xã An Lão: not carried (...)
  carried 9,560 of 10,035 rows exactly; 475 rows not carried (listed above)

Values of a former unit that went whole into one new unit are summed into it. A unit that was split among
several new units cannot be carried exactly: its row is reported and left out, never divided silently.

exit codes: 0 every row carried exactly, 1 some rows reported (the totals are still written), 2 bad input."""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "crosswalk", help="re-key statistics from former units to current ones",
        description=__doc__.split(": ", 1)[1], epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, metavar="FILE.csv", help="a CSV file with a header row")
    parser.add_argument("--code-column", required=True, metavar="C", help="the column holding former unit codes")
    parser.add_argument("--value-column", action="append", default=[], metavar="V",
                        help="a column of numbers to sum; repeat for several")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the totals here (default: standard output)")
    parser.add_argument("--endpoint", metavar="URL", help="read the history from this SPARQL endpoint")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS")
    parser.add_argument("--build-dir", type=Path, default=Path("build"), metavar="DIR")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rows = read_rows(args.file, args.code_column, args.value_column)
    store = open_store(endpoint=args.endpoint, build_dir=args.build_dir, timeout=args.timeout)
    result = crosswalk(rows, code_column=args.code_column, value_columns=args.value_column,
                       successors=successor_table(store))
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            write_totals(result, handle)
    else:
        write_totals(result, sys.stdout)
    for issue in result.issues:
        print(f"{args.file}:{issue.line}: {issue.code or '(no code)'}: {issue.reason}", file=sys.stderr)
    print(f"carried {result.carried:,} of {result.rows:,} rows exactly; {len(result.issues):,} rows not carried"
          + (" (listed above)" if result.issues else ""), file=sys.stderr)
    return 1 if result.issues else 0
