"""``govgraph validate``: check the built graph, or your own files, against govgraph's shapes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from govgraph.build.dataset import history_quads, ontology_quads, reference_quads
from govgraph.errors import InputError
from govgraph.rdf.parse import parse_file
from govgraph.validation import Severity, validate_quads
from govgraph.validation.render import FORMATS, RENDERERS

EXAMPLE = """\
examples:
  $ govgraph validate
  0 violations, 0 warnings, 0 infos in 145,466 statements: conforms
  $ govgraph validate my-tasks.ttl --format json

Given files are validated together with the ontology, the national structure and its history, so they may
refer to units, organs and posts by their govgraph IRIs; only the files' own nodes are judged.

exit codes: 0 conforms, 1 results at or above --fail-on, 2 bad input or usage."""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate", help="validate the graph or given files against the shapes",
        description=__doc__.split(": ", 1)[1], epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="RDF files to validate (default: the built graph build/govgraph.trig)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("--fail-on", choices=[s.label for s in reversed(Severity)], default="violation",
                        help="lowest severity that fails the run (default: violation)")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    parser.add_argument("--build-dir", type=Path, default=Path("build"), metavar="DIR",
                        help="where 'govgraph build' wrote the graph (default: build/)")
    parser.set_defaults(run=run)


def read_files(files: list[Path]) -> list[ox.Quad]:
    """Every statement of the given files; each file must parse and hold at least one statement."""
    quads = []
    for path in files:
        parsed = parse_file(path)
        if not parsed:
            raise InputError("the file holds no RDF statements", path=path, hint="give a file with data in it")
        quads.extend(parsed)
    return quads


def focus_of(quads: list[ox.Quad]) -> list[URIRef] | None:
    """The subjects of the user's files, the nodes to check; ``None`` (check all) if any is a blank node,
    since pySHACL takes IRIs only as focus nodes."""
    subjects = {q.subject for q in quads}
    if any(not isinstance(s, ox.NamedNode) for s in subjects):
        return None
    return sorted(URIRef(s.value) for s in subjects)


def run(args: argparse.Namespace) -> int:
    threshold = Severity.parse(args.fail_on)
    if args.files:
        user = read_files(args.files)
        quads, focus = user + ontology_quads() + reference_quads() + history_quads(), focus_of(user)
    else:
        built = args.build_dir / "govgraph.trig"
        if not built.is_file():
            raise InputError("the built graph is missing", path=built, hint="run 'govgraph build' first")
        quads, focus = parse_file(built), None
    report = validate_quads(quads, focus=focus)
    sys.stdout.write(RENDERERS[args.format](report, threshold, quiet=args.quiet))
    return report.exit_code(threshold)
