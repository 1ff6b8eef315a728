"""``govgraph``: build, validate and query the knowledge graph of Vietnam's two-tier local government.

Every verb is a module with ``register(subparsers)`` and ``run(args) -> int``. Errors a user can cause are
:class:`govgraph.errors.GovgraphError`s, printed as one line with exit code 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

import govgraph
from govgraph.errors import GovgraphError, one_line

# The verbs, each a module of govgraph.cli, with the one line 'govgraph --help' shows (the help its module registers,
# tests/cli checks they agree). A command imports only its own verb's module (see build_parser), so it starts fast.
VERBS = {
    "build": "build the graph into build/",
    "validate": "validate the graph or given files against the shapes and checks",
    "query": "run a library query",
    "sparql": "run your own SPARQL query",
    "serve": "serve the graph over HTTP",
    "crosswalk": "re-key statistics from former units to current ones",
    "ingest": "turn a task register (CSV/XLSX) into RDF task assignments",
    "report": "indicators: task KPIs per assignee, assigner, person, unit or province",
    "graph": "networks: assignments, chain of command, lineage (summary, export, picture)",
    "release": "write a versioned release of the built graph into dist/",
    "load": "load a release into Oxigraph, Virtuoso or Jena TDB2",
}

EPILOG = """\
examples:
  govgraph build
  govgraph validate
  govgraph query who-assigned-what
  govgraph query units-of-province --param province=31
  govgraph sparql 'SELECT (COUNT(*) AS ?wards) WHERE { ?u a gg:Ward }'
  govgraph serve --port 8080
  govgraph crosswalk stats.csv --code-column code --value-column population

exit codes: 0 success (or conforms), 1 validation found violations, 2 bad input or usage."""


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors raise instead of exiting, so main() owns every exit code."""

    def error(self, message: str):
        """Raise the usage error as a :class:`GovgraphError`, where argparse would print it and exit."""
        raise GovgraphError(message, hint=f"see '{self.prog} --help'")


class _Version(argparse.Action):
    """``--version``, with the version looked up only when asked for (it costs every start time otherwise)."""

    def __init__(self, option_strings, dest, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"govgraph {govgraph.__version__}")
        parser.exit()


class _QuietRdflibLog:
    """rdflib logs a traceback for every ill-typed literal, and warns on a boolean it cannot read; the validation
    report already names each one.

    Its logger is set to CRITICAL as rdflib is first imported, by this one-shot import hook (it takes itself off
    ``sys.meta_path`` then): a command that never imports rdflib (a query) need not import ``logging`` either.
    """

    @staticmethod
    def install() -> None:
        """Quiet rdflib's log now if rdflib is imported already, else at its first import."""
        if "rdflib" in sys.modules:
            _QuietRdflibLog.quiet()
        elif not any(isinstance(finder, _QuietRdflibLog) for finder in sys.meta_path):
            sys.meta_path.insert(0, _QuietRdflibLog())

    @staticmethod
    def quiet() -> None:
        """Set rdflib's ``rdflib.term`` logger to CRITICAL, and ignore its warning on a weird boolean."""
        import logging
        import warnings

        logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
        warnings.filterwarnings("ignore", message="Parsing weird boolean", category=UserWarning,
                                module=r"rdflib\.term")

    def find_spec(self, name, path=None, target=None):
        """At the import of ``rdflib``: unhook, quiet its log; None, so other finders import it."""
        if name == "rdflib":
            sys.meta_path.remove(self)
            self.quiet()
        return None  # the import itself is left to the other finders


def build_parser(argv: Sequence[str] = (), *, every_verb: bool = False) -> argparse.ArgumentParser:
    """The parser of the verb ``argv`` starts with: a command imports no other verb's code.

    Without a verb (``govgraph --help``, a mistyped verb) the verbs are listed from :data:`VERBS`, none imported;
    ``every_verb`` registers every verb's own parser.

    >>> build_parser(["sparql"]).parse_args(["sparql", "--prefixes"]).prefixes
    True
    """
    parser = _Parser(prog="govgraph", description=__doc__.splitlines()[0].strip("`").split(": ", 1)[-1],
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    subparsers = parser.add_subparsers(dest="verb", metavar="COMMAND", parser_class=_Parser)
    chosen = list(VERBS) if every_verb else [argv[0]] if argv and argv[0] in VERBS else []
    for name in chosen:
        importlib.import_module(f"govgraph.cli.{name}").register(subparsers)
    if not chosen and list(argv) != ["--version"]:
        for name, summary in VERBS.items():
            subparsers.add_parser(name, help=summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    >>> main(["query", "--list"]) == 0  # doctest: +ELLIPSIS
    name...
    True
    """
    _QuietRdflibLog.install()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
        if args.verb is None:
            parser.print_help()
            return 2
        return args.run(args)
    except GovgraphError as error:
        print(f"govgraph: error: {one_line(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("govgraph: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exit_:  # --help and --version
        return int(exit_.code or 0)


if __name__ == "__main__":
    sys.exit(main())
