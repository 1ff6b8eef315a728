"""``govgraph validate``: check the built graph, or your own files, against govgraph's shapes and checks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govgraph import resources
from govgraph.assembly.writer import built_file
from govgraph.rdf.parse import parse_file
from govgraph.validation import Severity, load_checks, load_shapes, validate_files, validate_quads
from govgraph.validation.formats import FORMATS, RENDERERS
from govgraph.validation.rules import rule_catalog
from govgraph.validation.run import ENGINES, locate

EXAMPLE = """\
examples:
  $ govgraph validate
  0 violations, 0 warnings, 10 infos in 330,472 statements: conforms
  $ govgraph validate my-tasks.ttl --format json
  $ govgraph validate data/*.ttl --format sarif > govgraph.sarif
  $ govgraph validate data/*.ttl --format github --fail-on warning

Given files are validated together with the ontology, the national structure and its history, so they may
refer to units, organs and posts by their govgraph IRIs; only the files' own nodes are judged, and each result
names the file and line where its node is described.

formats: text (people), json, turtle (a SHACL validation report), junit (one test case per shape and check),
sarif (SARIF 2.1.0 for code scanning), github (workflow annotations).

exit codes: 0 conforms, 1 results at or above --fail-on, 2 bad input or usage."""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate", help="validate the graph or given files against the shapes and checks",
        description=__doc__.split(": ", 1)[1], epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="RDF files to validate (default: the built graph build/govgraph.trig)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("--fail-on", choices=[s.label for s in reversed(Severity)], default="violation",
                        help="lowest severity that fails the run (default: violation)")
    parser.add_argument("--quiet", action="store_true", help="print only the summary (or an empty report)")
    parser.add_argument("--engine", choices=ENGINES, default="sparql",
                        help="sparql: shapes compiled to SPARQL on the embedded store (default, fast); "
                             "pyshacl: the same shapes through pySHACL")
    parser.add_argument("--build-dir", type=Path, default=Path("build"), metavar="DIR",
                        help="where 'govgraph build' wrote the graph (default: build/)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    threshold = Severity.parse(args.fail_on)
    shapes, checks = load_shapes(), load_checks()
    if args.files:
        report = validate_files(args.files, build_dir=args.build_dir, shapes=shapes, checks=checks,
                                engine=args.engine)
    else:
        report = validate_quads(parse_file(built_file(args.build_dir)), shapes=shapes, checks=checks,
                                engine=args.engine)
        # results about hand-edited facts point into the files they come from
        sources = resources.turtle_files(resources.ontology_dir()) + resources.turtle_files(resources.data_dir())
        report = locate(report, sources)
    sys.stdout.write(RENDERERS[args.format](report, threshold, quiet=args.quiet, rules=rule_catalog(shapes, checks)))
    return report.exit_code(threshold)
