"""``govgraph build``: assemble ontology, reference structure and curated facts into ``build/``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from govgraph.assembly.dataset import assemble
from govgraph.assembly.writer import write_outputs
from govgraph.reference.history import former_name_notes
from govgraph.reference.source import read_current_units, read_former_units
from govgraph.reference.structure import type_disagreements

EXAMPLE = """\
example:
  $ govgraph build --out build/
  wrote build/govgraph.trig (145,466 statements in 3 named graphs) ..."""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build the graph into build/", description=__doc__.split(": ", 1)[1],
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                        help="output folder (default: build/)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    store = assemble()
    written = write_outputs(store, args.out)
    for line in type_disagreements(read_current_units()[1]) + former_name_notes(read_former_units().units):
        print(f"note: source data: {line}", file=sys.stderr)
    graphs = {q.graph_name for q in store}
    for name, path in written.items():
        print(f"wrote {path}")
    print(f"{len(store):,} statements in {len(graphs)} named graphs, {time.perf_counter() - started:.1f} s")
    return 0
