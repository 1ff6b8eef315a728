"""``govgraph query``: run a query of the library on the embedded store or a SPARQL endpoint."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govgraph.errors import InputError, UsageError, one_line
from govgraph.queries import LibraryQuery, load_library, run_query
from govgraph.queries.formatting import FORMATS, RENDERERS, select_columns
from govgraph.queries.notes import day_note, empty_note
from govgraph.queries.runner import bind_parameters
from govgraph.store.open import open_store
from govgraph.store.timeout import DEFAULT_TIMEOUT, parse_timeout
from govgraph.store.location import add_build_dir_argument, build_dir, store_dir

EXAMPLE = """\
examples:
  $ govgraph query --list
  $ govgraph query who-assigned-what
  $ govgraph query units-of-province --help       (a query's description, parameters and examples)
  $ govgraph query units-of-province --param province=31 --format csv
  $ govgraph query who-assigned-what --columns assigner_name,assigned_to,issued,status,tasks
  $ govgraph query office-holders --param unit=31 --param date=2025-09-01
  $ govgraph query unit-counts --endpoint http://127.0.0.1:7878/query

Parameters are bound as typed RDF terms (dates as xsd:date, codes as strings), never pasted into the query."""


def register(subparsers) -> None:
    """Add ``govgraph query`` (the name, ``--param``, ``--format``, ``--endpoint``...) to ``subparsers``."""
    parser = subparsers.add_parser(
        "query", help="run a library query", description=__doc__.split(": ", 1)[1],
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter, add_help=False)
    parser.add_argument("-h", "--help", action="store_true",
                        help="show this help, or with NAME the query's description, parameters and examples")
    parser.add_argument("name", nargs="?", metavar="NAME", help="the query's name (see --list)")
    parser.add_argument("--list", action="store_true", help="list the queries of the library")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="bind a parameter; repeat for several")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="output format (default: table; it clips long cells, csv and json do not)")
    parser.add_argument("--columns", metavar="A,B,...", help="print only these columns, in this order")
    parser.add_argument("--endpoint", metavar="URL", help="query this SPARQL 1.1 endpoint instead of build/")
    parser.add_argument("--timeout", type=parse_timeout, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"bound on the whole endpoint request, in seconds (default: {DEFAULT_TIMEOUT:g})")
    add_build_dir_argument(parser)
    parser.set_defaults(run=run, parser=parser)


def parse_params(items: list[str]) -> dict[str, str]:
    """``["a=1", "b=x=y"]`` -> ``{"a": "1", "b": "x=y"}``.

    >>> parse_params(["province=31"])
    {'province': '31'}
    """
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--param {item!r} is not KEY=VALUE", hint="for example --param province=31")
        if key in params:
            raise UsageError(f"--param {key} is given twice")
        params[key] = value
    return params


def list_library(library) -> str:
    """The library as a text table: one line per query, its title and its parameters."""
    width = max(len(name) for name in library)
    lines = [f"{'name':<{width}}  title", f"{'-' * width}  -----"]
    for name, query in library.items():
        params = ", ".join(f"{p.name}:{p.type}{'' if p.required else '?'}" for p in query.parameters)
        lines.append(f"{name:<{width}}  {query.title}" + (f"  [{params}]" if params else ""))
    return "\n".join(lines) + "\n"


def query_help(query: LibraryQuery) -> str:
    """What ``govgraph query NAME --help`` prints: the query's title, description, parameters and examples."""
    import textwrap  # here, as difflib in find_query: a query that runs needs neither

    wrap = textwrap.TextWrapper(width=100, initial_indent="  ", subsequent_indent="  ")
    lines = [f"usage: govgraph query {query.name}"
             + "".join(f" --param {p.name}={p.type.upper()}" if p.required else f" [--param {p.name}=...]"
                       for p in query.parameters)
             + " [--format table|csv|json] [--columns A,B,...] [--endpoint URL]",
             "", f"{query.title}", "", *wrap.wrap(query.description), "", "parameters:"]
    if not query.parameters:
        lines.append("  none")
    for parameter in query.parameters:
        kind = [parameter.type, "required" if parameter.required else "optional"]
        if parameter.values:
            kind.append("one of " + ", ".join(parameter.values))
        if parameter.default:
            kind.append(f"default {parameter.default}")
        lines.append(f"  {parameter.name} ({'; '.join(kind)})")
        lines += textwrap.wrap(parameter.description, width=100, initial_indent="      ",
                               subsequent_indent="      ")
    if query.empty:
        lines += ["", "an answer with no rows:", *wrap.wrap(query.empty)]
    lines += ["", "examples:", *(f"  $ {example}" for example in query.examples),
              "", "Other options: see 'govgraph query --help'."]
    return "\n".join(lines) + "\n"


def find_query(library: dict[str, LibraryQuery], name: str) -> LibraryQuery:
    """The query named ``name``, or an error suggesting the closest names.

    >>> find_query(load_library(), "units-of-provinces")
    Traceback (most recent call last):
    govgraph.errors.UsageError: no query named 'units-of-provinces' (did you mean units-of-province? see 'govgraph query --list')
    """
    if name in library:
        return library[name]
    import difflib

    close = difflib.get_close_matches(name, library, n=3, cutoff=0.6)
    guess = f"did you mean {' or '.join(close)}? " if close else ""
    raise UsageError(f"no query named {name!r}", hint=f"{guess}see 'govgraph query --list'")


def run(args: argparse.Namespace) -> int:
    """Run a library query (or ``--list``, or a query's ``--help``); 0, or 2 (raised) for bad input or usage."""
    library = load_library()
    if args.help:
        sys.stdout.write(query_help(find_query(library, args.name)) if args.name else args.parser.format_help())
        return 0
    if args.list:
        sys.stdout.write(list_library(library))
        return 0
    if not args.name:
        raise UsageError("name a query to run", hint="see 'govgraph query --list'")
    query = find_query(library, args.name)
    params = parse_params(args.param)
    bindings = bind_parameters(query, params)  # report a bad parameter before loading any data
    folder = build_dir(args.build_dir)
    try:
        store = open_store(endpoint=args.endpoint, build_dir=folder, timeout=args.timeout)
        result = run_query(store, query, params)
        if not len(result):
            from govgraph.queries.hints import check_empty_answer  # only an empty answer needs the unit names

            check_empty_answer(store, query, params, bindings)
            note = empty_note(query)
        else:
            note = day_note(store, query, bindings, params)
    except InputError as error:
        raise damaged_build(error, folder) from None
    except (OSError, RuntimeError) as error:  # pyoxigraph on a damaged store: RuntimeError("Corruption: ...")
        if args.endpoint:
            raise
        raise InputError(f"cannot read the built store: {one_line(str(error), 200)}",
                         path=store_dir(folder), hint="the build is damaged or incomplete: run govgraph build again"
                         ) from None
    if args.columns is not None:
        columns = [c.strip() for c in args.columns.split(",") if c.strip()]
        if not columns:
            raise UsageError(f"--columns {args.columns!r} names no column",
                             hint=f"name some of {', '.join(result.columns)}")
        result = select_columns(result, columns)
    sys.stdout.write(RENDERERS[args.format](result))
    if note:
        sys.stdout.flush()
        print(note, file=sys.stderr)
    return 0


def damaged_build(error: InputError, folder: Path) -> InputError:
    """A file of the build that cannot be read is damaged: the fix is to build again, not to edit it.

    >>> from pathlib import Path
    >>> print(damaged_build(InputError("unexpected end", path=Path("b/govgraph.trig"), line=9, hint="fix"), Path("b")))
    b/govgraph.trig:9: unexpected end (the build is damaged or incomplete: run govgraph build again)
    """
    path = error.path
    if path is None or folder not in getattr(path, "parents", ()) or "govgraph build" in (error.hint or ""):
        return error
    return InputError(error.message, path=path, line=error.line, column=error.column,
                      hint="the build is damaged or incomplete: run govgraph build again")
