"""``govgraph crosswalk``: re-key statistics (CSV or .xlsx) from former unit codes to the units of 1 July 2025."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from pathlib import Path

from govgraph.crosswalk import (NumberConvention, check_out, crosswalk, read_table, successor_table, write_atomically,
                                write_totals)
from govgraph.crosswalk.codes import LEVELS
from govgraph.crosswalk.numbers import DECIMAL_MARKS, THOUSANDS_MARKS, looks_grouped
from govgraph.crosswalk.readers import SEPARATORS
from govgraph.crosswalk.totals import check_columns, table_level
from govgraph.errors import UsageError
from govgraph.store import open_store
from govgraph.store.location import add_build_dir_argument, build_dir
from govgraph.store.timeout import DEFAULT_TIMEOUT, parse_timeout

EXAMPLE = """\
example:
  $ govgraph crosswalk population-2024.csv --code-column ma_xa --value-column dan_so > population-2025.csv
  population-2024.csv:14: 11656: split among 11446 Phường Phù Liễn, 11629 Xã An Lão: not carried (...)
  carried 9,560 of 10,035 commune-level rows exactly; 475 rows reported above (475 split units)

Values of a former unit that went whole into one new unit are summed into it. A unit that was split among
several new units cannot be carried exactly: its row is reported and left out, never divided silently.
Numbers are read as Vietnamese statistics write them (decimal comma, thousands dot: "6.084" is 6084, "2,5"
is 2.5) unless --decimal-mark/--thousands-mark say otherwise; a value that does not fit is refused. An empty
cell is a missing value, not 0; a code on two rows is carried on neither. Each total that lacks something
says so in the column "incomplete". Totals are written with '.' before decimals and no grouping.

exit codes: 0 every row carried exactly, 1 some rows reported (the totals are still written), 2 bad input."""


def register(subparsers) -> None:
    """Add ``govgraph crosswalk`` (the table, its columns, how to read it, ``--out``) to ``subparsers``."""
    parser = subparsers.add_parser(
        "crosswalk", help="re-key statistics from former units to current ones",
        description=__doc__.split(": ", 1)[1], epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, metavar="FILE", help="a CSV file with a header row, or an .xlsx workbook")
    parser.add_argument("--code-column", required=True, metavar="C", help="the column holding former unit codes")
    parser.add_argument("--value-column", action="append", default=[], metavar="V",
                        help="a column of numbers to sum; repeat for several")
    parser.add_argument("--level", choices=LEVELS,
                        help="the level of the codes (2, 3 or 5 digits); default: inferred from their widths")
    parser.add_argument("--decimal-mark", choices=DECIMAL_MARKS, default=",", metavar="MARK",
                        help="',' (default) or '.'")
    parser.add_argument("--thousands-mark", choices=list(THOUSANDS_MARKS), default=".", metavar="MARK",
                        help="'.' (default), ',', space, \"'\" or none")
    parser.add_argument("--encoding", metavar="NAME",
                        help="of a CSV file without a byte-order mark, e.g. cp1258 (default: UTF-8)")
    parser.add_argument("--separator", choices=[s for s in SEPARATORS if s != "\t"], metavar="SEP",
                        help="of a CSV file: ',', ';' or tab (default: the one under which the header names the "
                        "columns)")
    parser.add_argument("--sheet", metavar="NAME", help="the sheet of an .xlsx workbook (default: the first)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the totals here (default: standard output)")
    parser.add_argument("--endpoint", metavar="URL", help="read the history from this SPARQL endpoint")
    parser.add_argument("--timeout", type=parse_timeout, default=DEFAULT_TIMEOUT, metavar="SECONDS")
    add_build_dir_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Re-key the table to the current units; 0 all rows carried, 1 some rows reported, 2 (raised) bad input."""
    try:
        numbers = NumberConvention(args.decimal_mark, THOUSANDS_MARKS[args.thousands_mark])
    except ValueError as error:
        raise UsageError(str(error)) from None
    # header names are compared in NFC, as the file's text is read; a terminal may send decomposed text
    args.code_column = unicodedata.normalize("NFC", args.code_column)
    args.value_column = [unicodedata.normalize("NFC", name) for name in args.value_column]
    check_columns(args.code_column, args.value_column)
    if args.out:
        check_out(args.out, [args.file])
    table = read_table(args.file, [args.code_column, *args.value_column], encoding=args.encoding,
                       separator=args.separator, sheet=args.sheet)
    level = args.level or table_level(table, args.code_column)
    store = open_store(endpoint=args.endpoint, build_dir=build_dir(args.build_dir), timeout=args.timeout)
    result = crosswalk(table, code_column=args.code_column, value_columns=args.value_column,
                       formers=successor_table(store), level=level, numbers=numbers)
    if args.out:
        write_atomically(args.out, lambda handle: write_totals(result, handle))
    else:
        _quietly(lambda: write_totals(result, sys.stdout), sys.stdout)
    report = "".join(f"{args.file}:{issue.line}{f':{issue.column}' if issue.column else ''}: "
                     f"{issue.code or '(no code)'}: {issue.reason}\n" for issue in result.issues)
    for column in args.value_column:  # a decimal comma that may be a thousands comma: read by the convention, said
        texts = [cell for row in table.rows if isinstance(cell := row.cells.get(column), str)]
        if warning := looks_grouped(texts, numbers):
            report += f"{args.file}:{table.header_line}:{table.column(column)}: note: {column}: {warning}\n"
    _quietly(lambda: sys.stderr.write(report + result.summary() + "\n"), sys.stderr)
    return 1 if result.issues else 0


def _quietly(write, stream) -> None:
    """Write, and stop writing to ``stream`` once its reader has gone (``govgraph crosswalk ... | head -1``)."""
    try:
        write()
        stream.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # what is still buffered goes nowhere, instead of failing at exit
        os.close(devnull)
