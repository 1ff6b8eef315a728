"""``govgraph validate``: check the built graph, or your own files, against govgraph's shapes and checks."""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from govgraph import resources
from govgraph.assembly.writer import built_file
from govgraph.publishing import validated
from govgraph.store.location import add_build_dir_argument, build_dir
from govgraph.validation import Severity, load_checks, load_shapes, validate_files
from govgraph.validation.context import BUILT_DATASET, load_context
from govgraph.validation.formats import FORMATS, RENDERERS
from govgraph.validation.rules import rule_catalog
from govgraph.validation.run import ENGINES, locate, validate_store

EXAMPLE = """\
examples:
  $ govgraph validate
  0 violations, 0 warnings, 10 infos in 341,967 statements: conforms
  $ govgraph validate my-tasks.ttl --format json
  $ govgraph validate data/*.ttl --format sarif > govgraph.sarif
  $ govgraph validate data/*.ttl --format github --fail-on warning

Given files are validated together with the built dataset (ontology, national structure, history, curated
facts), so they may refer to units, organs and posts by their govgraph IRIs. Judged: the subjects of the files'
statements, and the nodes whose validity depends on them (a unit's children, the assignments and holdings that
use it), each consequence reported at the line of the statement it follows from. Statements about gg: terms and
statements into govgraph's named graphs are refused (violations). Literals are normalised to Unicode NFC.

formats: text (people), json, turtle (a SHACL validation report), junit (one test case per shape and check),
sarif (SARIF 2.1.0 for code scanning), github (workflow annotations).

exit codes: 0 conforms, 1 results at or above --fail-on, 2 bad input or usage."""


def register(subparsers) -> None:
    """Add ``govgraph validate`` (files, ``--format``, ``--fail-on``, ``--engine``) to ``subparsers``."""
    parser = subparsers.add_parser(
        "validate", help="validate the graph or given files against the shapes and checks",
        description=__doc__.split(": ", 1)[1], epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="RDF files to validate (default: the built graph)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("--fail-on", choices=[s.label for s in reversed(Severity)], default="violation",
                        help="lowest severity that fails the run (default: violation)")
    parser.add_argument("--quiet", action="store_true", help="print only the summary (or an empty report)")
    parser.add_argument("--engine", choices=ENGINES, default="sparql",
                        help="sparql: shapes compiled to SPARQL on the embedded store (default, fast); "
                             "pyshacl: the same shapes through pySHACL")
    add_build_dir_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate the build, or files with it; 0 conforms, 1 results at or above ``--fail-on``, 2 (raised) bad input."""
    threshold = Severity.parse(args.fail_on)
    shapes, checks = load_shapes(), load_checks()
    build = build_dir(args.build_dir)
    if args.files:
        report = validate_files(args.files, build_dir=build, shapes=shapes, checks=checks, engine=args.engine)
    else:
        built_file(build, BUILT_DATASET)  # one line telling the user to build first
        with ThreadPoolExecutor(max_workers=1) as pool:  # the key is hashed meanwhile (hashlib frees the GIL)
            key = pool.submit(validated.validation_key, build)
            report = validate_store(load_context(build), shapes=shapes, checks=checks, engine=args.engine)
            if report.conforms():  # 'govgraph release' need not validate the same statements again
                validated.record(key.result())
        # results about hand-edited facts point into the files they come from
        sources = resources.turtle_files(resources.ontology_dir()) + resources.turtle_files(resources.data_dir())
        report = locate(report, sources)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    sys.stdout.write(RENDERERS[args.format](report, threshold, quiet=args.quiet, rules=rule_catalog(shapes, checks)))
    return report.exit_code(threshold)
