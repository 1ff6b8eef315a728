"""``govgraph load``: load a release into a triple store, replacing only govgraph's named graphs, all or nothing."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from govgraph import __version__

ENGINES = ("oxigraph", "virtuoso", "jena-tdb2")

EXAMPLE = f"""\
examples:
  $ govgraph load --into oxigraph /srv/oxigraph          # a store folder (no server may have it open)
  $ govgraph load --into oxigraph http://127.0.0.1:7878  # a running 'oxigraph serve'
  $ govgraph load --into virtuoso 127.0.0.1:1111 --password dba --load-dir /var/lib/virtuoso/load
  $ govgraph load --into jena-tdb2 /srv/tdb2            # a TDB2 database folder (no server may have it open)

The release is read from --release (default: dist/govgraph-{__version__}); its N-Quads are checked against its
SHA256SUMS, loaded under temporary graph names with the engine's bulk loader, and swapped in for govgraph's graphs
(https://w3id.org/govgraph/graph/...) in one transaction (jena-tdb2: loaded with the other graphs into a new
database, swapped in for the folder by one atomic rename); other graphs are left untouched. A failed load leaves
the engine as it was; loading the same release twice changes nothing.

exit codes: 0 loaded, 2 bad input, an engine error, or usage."""


def register(subparsers) -> None:
    """Add ``govgraph load`` (the target, ``--into``, ``--release``, Virtuoso's options) to ``subparsers``."""
    parser = subparsers.add_parser(
        "load", help="load a release into Oxigraph, Virtuoso or Jena TDB2", description=__doc__.split(": ", 1)[1],
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", metavar="PATH_OR_URL",
                        help="oxigraph: a store folder or a server URL; virtuoso: HOST:PORT of its SQL port (isql); "
                             "jena-tdb2: a database folder")
    parser.add_argument("--into", choices=ENGINES, required=True, help="the engine")
    parser.add_argument("--release", type=Path, default=None, metavar="DIR",
                        help=f"the release folder (default: dist/govgraph-{__version__})")
    parser.add_argument("--user", default="dba", help="virtuoso: SQL user (default: dba)")
    parser.add_argument("--password", default="dba", help="virtuoso: SQL password (default: dba)")
    parser.add_argument("--load-dir", type=Path, default=None, metavar="DIR",
                        help="virtuoso: a folder listed in the server's DirsAllowed, for the staged file "
                             "(default: a temporary folder, which must then be allowed)")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the release into the engine, all or nothing; 0 loaded, 2 (raised) bad input or an engine error."""
    def progress(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr)

    release = args.release or Path("dist") / f"govgraph-{__version__}"
    started = time.monotonic()
    if args.into == "oxigraph":
        from govgraph.publishing.loaders import oxigraph

        counts = oxigraph.load(oxigraph.engine_for(args.target, progress), release, progress)
    elif args.into == "jena-tdb2":
        from govgraph.publishing.loaders import tdb2

        counts = tdb2.load(Path(args.target), release, progress)
    else:
        from govgraph.publishing.loaders import virtuoso

        engine = virtuoso.Virtuoso(args.target, args.user, args.password, progress, load_dir=args.load_dir)
        counts = virtuoso.load(engine, release, progress)
    from govgraph.publishing.loaders.staging import GRAPHS
    from govgraph.store.endpoint import redact

    ours = {g: n for g, n in counts.items() if g.startswith(GRAPHS)}
    target = redact(args.target) if "://" in args.target else args.target
    print(f"loaded {release} into {args.into} {target}: {sum(ours.values()):,} statements in "
          f"{len(ours)} govgraph graphs, {len(counts) - len(ours)} other graphs untouched "
          f"({time.monotonic() - started:.1f} s)")
    return 0
