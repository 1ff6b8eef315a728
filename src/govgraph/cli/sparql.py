"""``govgraph sparql``: run your own SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the built store or an endpoint."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govgraph.errors import InputError, UsageError
from govgraph.sparql.memory import DEFAULT_MAX_MEMORY_MIB, parse_max_memory
from govgraph.store.timeout import DEFAULT_TIMEOUT, parse_timeout
from govgraph.store.location import add_build_dir_argument, build_dir, store_dir

DEFAULT_ROW_CAP = 10_000
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld", "rdfxml")
FORMATS_FOR = {"solutions": FORMATS[:5], "boolean": ("table", "json", "xml"), "graph": ("table",) + FORMATS[5:]}

EXAMPLE = f"""\
examples:
  $ govgraph sparql 'SELECT (COUNT(*) AS ?units) WHERE {{ ?u a gg:Ward }}'
  $ govgraph sparql -f my.rq --format csv > answer.csv
  $ echo 'ASK {{ ?u gg:officialCode "31" }}' | govgraph sparql
  $ govgraph sparql 'DESCRIBE <https://w3id.org/govgraph/id/unit/31/2025-07-01>' --format jsonld
  $ govgraph sparql --prefixes
  $ govgraph sparql 'SELECT * {{ ?s ?p ?o }} LIMIT 5' --endpoint http://127.0.0.1:7878/query

formats: table (default), csv, tsv, json, xml for SELECT and ASK; turtle (default), ntriples, jsonld,
rdfxml for CONSTRUCT and DESCRIBE. The default graph is the union of the named graphs.
Read-only: updates, LOAD, SERVICE and FROM with a graph outside govgraph's are refused before any engine
sees the query, and nothing is fetched from the network. Limits: --timeout {DEFAULT_TIMEOUT:g} s (the query's
worker process is killed at the deadline), --row-cap {DEFAULT_ROW_CAP:,} rows or triples."""


def register(subparsers) -> None:
    """Add ``govgraph sparql`` (the query or ``-f FILE``, ``--format``, the limits) to ``subparsers``."""
    parser = subparsers.add_parser(
        "sparql", help="run your own SPARQL query", description=__doc__.split(": ", 1)[1],
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("query", nargs="?", metavar="QUERY", help="the query text (else -f FILE, else standard input)")
    parser.add_argument("-f", "--file", type=Path, metavar="FILE.rq", help="read the query from this file")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="answer format (default: table, or turtle for CONSTRUCT and DESCRIBE)")
    parser.add_argument("--prefixes", action="store_true", help="list the predeclared prefixes and exit")
    parser.add_argument("--endpoint", metavar="URL", help="send the query to this SPARQL 1.1 endpoint instead")
    parser.add_argument("--timeout", type=parse_timeout, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"stop the query after this long (default: {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--row-cap", type=int, default=DEFAULT_ROW_CAP, metavar="N",
                        help=f"keep at most N rows or triples, 0 for no cap (default: {DEFAULT_ROW_CAP:,})")
    parser.add_argument("--max-memory", type=parse_max_memory, default=DEFAULT_MAX_MEMORY_MIB, metavar="MIB",
                        help=f"stop a query whose worker needs more memory than this, 0 for no bound "
                             f"(default: {DEFAULT_MAX_MEMORY_MIB:,})")
    add_build_dir_argument(parser)
    parser.set_defaults(run=run)


def decode_query(data: bytes, path: Path) -> str:
    """A query file's text: UTF-8, with or without a byte-order mark; anything else is one line naming the line.

    >>> decode_query(b"\\xef\\xbb\\xbfASK {}", Path("q.rq"))
    'ASK {}'
    >>> decode_query("ASK {}".encode("utf-16"), Path("q.rq"))
    Traceback (most recent call last):
    govgraph.errors.InputError: q.rq:1: the query is not UTF-8: byte 0xff cannot be decoded (save it as UTF-8)
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        from govgraph.tabular.decoding import undecodable  # only on this error: not at every command's start

        raise undecodable(error, path, "the query is not UTF-8", "save it as UTF-8") from None


def read_query(args: argparse.Namespace) -> str:
    """The query from the argument, ``-f FILE`` (``-`` for standard input), or standard input."""
    if args.query is not None and args.file is not None:
        raise UsageError("give the query either as an argument or with -f, not both")
    if args.query is not None:
        text = args.query
    elif args.file is not None and str(args.file) != "-":
        try:
            data = args.file.read_bytes()
        except OSError as error:
            raise InputError(f"cannot read the query: {error.strerror or error}", path=args.file) from None
        text = decode_query(data, args.file)
    elif sys.stdin is None or sys.stdin.isatty():
        raise UsageError("give a query", hint="govgraph sparql 'SELECT ...', -f FILE.rq, or a query on standard input")
    else:
        stdin = getattr(sys.stdin, "buffer", None)
        text = decode_query(stdin.read(), Path("<stdin>")) if stdin is not None else sys.stdin.read()
    if not text.strip():
        raise UsageError("the query is empty", path=args.file)
    return text


def wanted_media_type(fmt: str, kind: str) -> str:
    """The media type to ask for: the table is drawn from SPARQL JSON, graphs default to Turtle."""
    from govgraph.sparql.media import NAMES, SPARQL_JSON, TURTLE

    if fmt == "table":
        return TURTLE if kind == "graph" else SPARQL_JSON
    return NAMES[fmt]


def run(args: argparse.Namespace) -> int:
    """Run the user's read-only query (or list the prefixes); 0, or 2 (raised) for a refused query or bad input."""
    from govgraph.sparql.guard import check

    if args.prefixes:
        from govgraph.sparql.prefixes import listing

        sys.stdout.write(listing())
        return 0
    if args.row_cap < 0:
        raise UsageError("--row-cap must be 0 (no cap) or more")
    checked = check(read_query(args))  # refused before any engine sees it
    if checked.form is not None and args.format not in FORMATS_FOR[checked.kind]:
        names = FORMATS_FOR[checked.kind]
        raise UsageError(f"--format {args.format} does not fit a {checked.form} query",
                         hint=f"use {', '.join(names[:-1])} or {names[-1]}")
    media_type = wanted_media_type(args.format, checked.kind)
    if args.endpoint:
        from govgraph.store.endpoint import EndpointStore

        _, body = EndpointStore(args.endpoint, timeout=args.timeout).answer(checked.with_prefixes(), media_type)
        truncated, kind = False, checked.kind
    else:
        from govgraph.sparql.pool import QueryPool

        with QueryPool(store_dir(build_dir(args.build_dir)), workers=1, timeout=args.timeout,
                       row_cap=args.row_cap, max_memory_mib=args.max_memory) as pool:
            answer = pool.run(checked.text, media_type)
        body, truncated, kind = answer.body, answer.truncated, answer.kind
    if args.format == "table" and kind != "graph":
        from govgraph.sparql.table import as_text

        try:
            sys.stdout.write(as_text(body))
        except (ValueError, KeyError, TypeError):
            raise InputError("the answer is not SPARQL JSON results", path=args.endpoint,
                             hint="try --format csv or --format json") from None
    else:
        text = body.decode("utf-8", "replace")
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    if truncated:
        print(f"note: the answer was cut at {args.row_cap:,} {'triples' if kind == 'graph' else 'rows'} "
              "(raise --row-cap, or add a LIMIT)", file=sys.stderr)
    return 0
