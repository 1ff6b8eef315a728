"""``govgraph release``: write a versioned, checked release of the built graph (dumps, checksums, DCAT, docs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govgraph.store.location import add_build_dir_argument, build_dir

EXAMPLE = """\
examples:
  $ govgraph release --out dist/
  $ govgraph release --out dist/ --previous dist/govgraph-0.1.0

The release is written into OUT/govgraph-VERSION/ (VERSION is the package's version): the dataset in TriG,
N-Quads, Turtle, N-Triples and JSON-LD (gzip), context.jsonld, the ontology (Turtle, RDF/XML, JSON-LD and an HTML
page), catalog.ttl (DCAT-AP and VoID), CHANGELOG.txt and changelog.ttl, and SHA256SUMS.
Nothing is written unless the ontology is consistent under HermiT (needs Java and the 'release' extra) and the
graph validates (skipped when 'govgraph validate' or a release recorded that the same statements validate under
the same shapes, checks and validator; --revalidate runs it anyway).

exit codes: 0 written, 1 refused (inconsistent ontology or validation violations), 2 bad input or usage."""


def register(subparsers) -> None:
    """Add ``govgraph release`` (``--out``, ``--previous``, ``--date``, ``--revalidate``) to ``subparsers``."""
    parser = subparsers.add_parser(
        "release", help="write a versioned release of the built graph into dist/",
        description=__doc__.split(": ", 1)[1], epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("dist"), metavar="DIR",
                        help="folder to write the release folder into (default: dist/)")
    parser.add_argument("--previous", type=Path, default=None, metavar="DIR",
                        help="a previous release folder: the changelog lists what changed since it")
    parser.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                        help="the release day (default: today, or $GOVGRAPH_TODAY)")
    parser.add_argument("--revalidate", action="store_true",
                        help="validate the graph even if a validation that passed recorded the same statements, "
                             "shapes, checks and validator (see the README's Publishing section)")
    parser.add_argument("--quiet", action="store_true", help="print only the release folder")
    add_build_dir_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write a checked release; 0 written, 1 refused (inconsistent or violations), 2 (raised) bad input."""
    from govgraph.publishing.release import ReleaseRefused, write_release  # heavy: not for --help

    def progress(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr)

    try:
        release = write_release(build_dir(args.build_dir), args.out, previous=args.previous, day=args.date,
                                revalidate=args.revalidate, progress=progress)
    except ReleaseRefused as refused:
        print(f"govgraph: {refused}", file=sys.stderr)
        return 1
    print(f"wrote {release.folder} ({release.statements:,} statements, {len(release.files)} files, "
          f"version {release.version})")
    return 0
