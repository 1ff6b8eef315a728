"""``govgraph``: build, validate and query the knowledge graph of Vietnam's two-tier local government.

Every verb is a module with ``register(subparsers)`` and ``run(args) -> int``. Errors a user can cause are
:class:`govgraph.errors.GovgraphError`s, printed as one line with exit code 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from govgraph import __version__
from govgraph.cli import build, crosswalk, query, validate
from govgraph.errors import GovgraphError

VERBS = (build, validate, query, crosswalk)

EPILOG = """\
examples:
  govgraph build
  govgraph validate
  govgraph query who-assigned-what
  govgraph query units-of-province --param province=31
  govgraph crosswalk stats.csv --code-column code --value-column population

exit codes: 0 success (or conforms), 1 validation found violations, 2 bad input or usage."""


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors raise instead of exiting, so main() owns every exit code."""

    def error(self, message: str):  # noqa: D401 - argparse's name
        raise GovgraphError(message, hint=f"see '{self.prog} --help'")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="govgraph", description=__doc__.splitlines()[0].strip("`").split(": ", 1)[-1],
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"govgraph {__version__}")
    subparsers = parser.add_subparsers(dest="verb", metavar="COMMAND", parser_class=_Parser)
    for verb in VERBS:
        verb.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    >>> main(["query", "--list"]) == 0  # doctest: +ELLIPSIS
    name...
    True
    """
    # rdflib logs a traceback for every ill-typed literal; the validation report already names each one.
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        if args.verb is None:
            parser.print_help()
            return 2
        return args.run(args)
    except GovgraphError as error:
        print(f"govgraph: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("govgraph: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exit_:  # --help and --version
        return int(exit_.code or 0)


if __name__ == "__main__":
    sys.exit(main())
