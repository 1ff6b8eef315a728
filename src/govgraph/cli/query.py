"""``govgraph query``: run a query of the library on the embedded store or a SPARQL endpoint."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govgraph.errors import UsageError
from govgraph.queries import load_library, run_query
from govgraph.queries.runner import bind_parameters
from govgraph.queries.formatting import FORMATS, RENDERERS, select_columns
from govgraph.store import open_store
from govgraph.store.endpoint import DEFAULT_TIMEOUT

EXAMPLE = """\
examples:
  $ govgraph query --list
  $ govgraph query who-assigned-what
  $ govgraph query units-of-province --param province=31 --format csv
  $ govgraph query who-assigned-what --columns assigner_name,assigned_to,issued,status,tasks
  $ govgraph query office-holders --param unit=31 --param date=2025-09-01
  $ govgraph query unit-counts --endpoint http://127.0.0.1:7878/query

Parameters are bound as typed RDF terms (dates as xsd:date, codes as strings), never pasted into the query."""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "query", help="run a library query", description=__doc__.split(": ", 1)[1],
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", nargs="?", metavar="NAME", help="the query's name (see --list)")
    parser.add_argument("--list", action="store_true", help="list the queries of the library")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="bind a parameter; repeat for several")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="output format (default: table; it clips long cells, csv and json do not)")
    parser.add_argument("--columns", metavar="A,B,...", help="print only these columns, in this order")
    parser.add_argument("--endpoint", metavar="URL", help="query this SPARQL 1.1 endpoint instead of build/")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"endpoint timeout (default: {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--build-dir", type=Path, default=Path("build"), metavar="DIR",
                        help="where 'govgraph build' wrote the graph (default: build/)")
    parser.set_defaults(run=run)


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
    width = max(len(name) for name in library)
    lines = [f"{'name':<{width}}  title", f"{'-' * width}  -----"]
    for name, query in library.items():
        params = ", ".join(f"{p.name}:{p.type}{'' if p.required else '?'}" for p in query.parameters)
        lines.append(f"{name:<{width}}  {query.title}" + (f"  [{params}]" if params else ""))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    library = load_library()
    if args.list:
        sys.stdout.write(list_library(library))
        return 0
    if not args.name:
        raise UsageError("name a query to run", hint="see 'govgraph query --list'")
    if args.name not in library:
        raise UsageError(f"no query named {args.name!r}", hint="see 'govgraph query --list'")
    query = library[args.name]
    params = parse_params(args.param)
    bind_parameters(query, params)  # report a bad parameter before loading any data
    store = open_store(endpoint=args.endpoint, build_dir=args.build_dir, timeout=args.timeout)
    result = run_query(store, query, params)
    if args.columns:
        result = select_columns(result, [c.strip() for c in args.columns.split(",") if c.strip()])
    sys.stdout.write(RENDERERS[args.format](result))
    return 0
