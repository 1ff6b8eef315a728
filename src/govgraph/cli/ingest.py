"""``govgraph ingest``: turn a task register (CSV or XLSX, one row per task) into RDF task assignments."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import InputError, UsageError
from govgraph.files import check_out
from govgraph.namespaces import ID, PREFIXES
from govgraph.registers.directory import Directory
from govgraph.registers.fields import match_headers
from govgraph.registers.ingest import IngestResult, print_progress, read_mapping, read_tasks
from govgraph.registers.rdf import RegisterGraph, slug
from govgraph.tabular.stream import read_table
from govgraph.store import EmbeddedStore
from govgraph.store.location import add_build_dir_argument, build_dir

EXAMPLE = """\
examples:
  $ govgraph ingest examples/register-synthetic.csv --out tasks.ttl
  $ govgraph ingest register.xlsx --mapping my-headers.yaml --assigner-role "Chủ tịch UBND" --assigner-unit 31
  $ govgraph ingest register.csv --keep-going --out tasks.ttl   (writes the good rows, lists the rest)

Dates are day/month/year (dd/mm/yyyy) or ISO; statuses Đã hoàn thành / Đang thực hiện / Quá hạn (or English).
Exit codes: 0 every row became a task; 2 a row was refused (with --keep-going the good rows are still written)."""

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}
WRITE_BATCH = 1024  # tasks whose lines are joined into one write (2 MB: reused memory, where 8 MB were mapped anew)
PREFIXES_OUT = {k: PREFIXES[k] for k in ("gg", "dct", "prov", "org", "eli", "foaf", "rdfs", "xsd", "status", "unit")}


def register(subparsers) -> None:
    """Add ``govgraph ingest`` (the register, ``--mapping``, the assigner, ``--out``) to ``subparsers``."""
    parser = subparsers.add_parser(
        "ingest", help="turn a task register (CSV/XLSX) into RDF task assignments",
        description=__doc__.split(": ", 1)[1], epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("register", type=Path, metavar="REGISTER", help="a .csv or .xlsx file, one row per task")
    parser.add_argument("--mapping", type=Path, metavar="MAPPING.yaml",
                        help="your headers -> govgraph's fields, and defaults for every row")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here (.ttl or .nt) instead of standard output")
    parser.add_argument("--encoding", metavar="NAME", help="the CSV's encoding when it has no byte-order mark and "
                        "is not UTF-8, e.g. cp1258 (Windows-1258)")
    parser.add_argument("--keep-going", action="store_true", help="write the good rows even when some are refused")
    parser.add_argument("--assigner-role", metavar="ROLE", help="the assigning post's role for every row")
    parser.add_argument("--assigner-unit", metavar="CODE", help="the assigning unit's code for every row")
    parser.add_argument("--assigner-person", metavar="NAME", help="the assigning person for every row")
    parser.add_argument("--base", metavar="IRI", help="IRIs of the register's tasks start with this "
                        "(default: https://w3id.org/govgraph/id/register/<file name>/)")
    parser.add_argument("--issued", type=_day, metavar="YYYY-MM-DD",
                        help="the register's date, as its source's dct:issued (default: today)")
    add_build_dir_argument(parser)
    parser.set_defaults(run=run)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--issued {text!r} is not a YYYY-MM-DD date") from None


def run(args: argparse.Namespace) -> int:
    """Turn the register into task assignments; 0 every row a task, 2 rows refused (listed) or bad input."""
    out_format = _out_format(args.out, args.register)
    columns, defaults = read_mapping(args.mapping) if args.mapping else ({}, {})
    options = {k: v for k, v in (("assigner_role", args.assigner_role), ("assigner_unit", args.assigner_unit),
                                 ("assigner_person", args.assigner_person)) if v}
    defaults.update(options)
    directory = Directory.from_store(EmbeddedStore.from_build(build_dir(args.build_dir)))
    table = read_table(args.register, args.encoding)
    _refuse_options_a_column_overrides(options, args.register, table.headers, columns, defaults)
    base = args.base or f"{ID}register/{slug(args.register.stem)}/"
    graph = RegisterGraph(base, f"Task register {args.register.name}", args.issued or dt.date.today())
    result = IngestResult()

    def batches():  # the lines of WRITE_BATCH tasks at a time, joined
        batch, lines_of = [graph.header()], graph.task
        for task in read_tasks(table.headers, table.rows, directory, result, mapping=columns, defaults=defaults,
                               path=args.register, progress=print_progress):
            batch.append(lines_of(task))
            if len(batch) >= WRITE_BATCH:
                yield b"".join(batch)
                batch = []
        batch.append(graph.holdings())
        yield b"".join(batch)
    written = _write(batches(), args.out, out_format, keep=lambda: args.keep_going or not result.errors)
    for error in sorted(result.errors, key=lambda e: e.row):
        print(error.render(str(args.register)), file=sys.stderr)
    if result.errors and not args.keep_going:
        print(f"{result.refused_rows:,} of {result.rows:,} rows refused; nothing written "
              "(fix them, or --keep-going to write the good rows)", file=sys.stderr)
        return 2
    summary = f"{result.tasks_read:,} tasks from {result.rows:,} rows"
    if result.errors:
        summary += f"; {result.refused_rows:,} rows refused (listed above)"
    print(summary + (f"; wrote {args.out}" if written else ""), file=sys.stderr)
    return 2 if result.errors else 0


def _refuse_options_a_column_overrides(options: dict[str, str], register: Path, headers: list,
                                       mapping: dict[str, str], defaults: dict[str, str]) -> None:
    """``--assigner-role``, ``--assigner-unit`` and ``--assigner-person`` (``options``, by field) are for every
    row: when the register also has a column for the field, its cells would win row by row (the option filling
    only blank cells), and the tasks would not say what the command line said. That is refused, before anything
    is read."""
    if not options:
        return
    columns = match_headers(headers, mapping, given=set(defaults), path=register)
    for name, value in options.items():
        if name in columns:
            raise UsageError(f"--{name.replace('_', '-')} {value!r} is for every row, but the register has a column "
                             f"for it too ({headers[columns[name]]!r}), whose cells would win",
                             path=register, line=1, column=columns[name] + 1,
                             hint="drop the option, or the column")


def _out_format(out: Path | None, register: Path) -> ox.RdfFormat:
    if out is None:
        return ox.RdfFormat.TURTLE
    if out.suffix.lower() not in FORMATS:
        raise UsageError(f"--out {out}: write .ttl or .nt")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)  # ingest makes the output's folder; check_out wants it
    except OSError as error:
        raise InputError(f"cannot make the folder: {error.strerror}", path=out.parent) from None
    check_out(out, [register])
    return FORMATS[out.suffix.lower()]


def _write(batches, out: Path | None, rdf_format: ox.RdfFormat, *, keep) -> bool:
    """Write batches of N-Triples lines (UTF-8 bytes) to a temporary file (beside ``out``), then, only
    if ``keep()`` says so once every row is read, put it in place: as it is for .nt, converted by pyoxigraph for
    Turtle. Returns whether it wrote. A batch is written by a thread while the next is made (the write itself
    does not hold the interpreter)."""
    folder = None if out is None else out.parent
    try:
        handle, lines_file = tempfile.mkstemp(dir=folder, prefix=f".{out.name}." if out else "govgraph-ingest-")
    except OSError as error:
        raise InputError(f"cannot write here: {error.strerror}", path=out) from None
    final = lines_file + ".out"
    try:
        with os.fdopen(handle, "wb") as stream, ThreadPoolExecutor(1) as writer:
            pending = None
            for batch in batches:
                if pending is not None:
                    pending.result()  # the batch before is written (or its error raised) before this one is sent
                pending = writer.submit(stream.write, batch)
            if pending is not None:
                pending.result()
        if not keep():
            return False
        if rdf_format == ox.RdfFormat.N_TRIPLES:
            os.replace(lines_file, final)
        else:
            ox.serialize(ox.parse(path=lines_file, format=ox.RdfFormat.N_TRIPLES), final, rdf_format,
                         prefixes=PREFIXES_OUT)
        if out is None:
            sys.stdout.flush()
            with open(final, "rb") as written:
                shutil.copyfileobj(written, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            os.chmod(final, 0o644)
            os.replace(final, out)
        return True
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror}", path=out) from None
    finally:
        for leftover in (lines_file, final):
            Path(leftover).unlink(missing_ok=True)
