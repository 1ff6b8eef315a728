"""``govgraph build``: assemble ontology, reference structure and curated facts into ``build/``."""

from __future__ import annotations

import argparse
import errno
import os
import sys
import tempfile
import time
from pathlib import Path

from govgraph.assembly.dataset import SourceRecords, assemble
from govgraph.assembly.writer import write_outputs
from govgraph.errors import OutputError

EXAMPLE = """\
example:
  $ govgraph build --out build/
  wrote build/govgraph.trig
  ...
  wrote build/store
  ... statements in 6 named graphs, ... s"""


def register(subparsers) -> None:
    """Add ``govgraph build`` (the ``--out`` folder) to ``subparsers``."""
    parser = subparsers.add_parser(
        "build", help="build the graph into build/", description=__doc__.split(": ", 1)[1],
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                        help="output folder (default: build/)")
    parser.set_defaults(run=run)


def check_output_folder(out: Path) -> None:
    """Fail early, before minutes of assembling, when ``out`` cannot be a folder to write into."""
    if out.exists() and not out.is_dir():
        raise OutputError("--out names a file, not a folder", path=out,
                          hint="give a folder: govgraph build --out DIR")
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=out, prefix=".write-probe.")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise cannot_write(error, out) from None


def cannot_write(error: OSError, out: Path) -> OutputError:
    """One line for a failed write, with the fix for its cause.

    >>> print(cannot_write(OSError(errno.ENOSPC, "No space left on device"), Path("build")))
    build: cannot write the build: No space left on device (free some space, or choose another folder with --out)
    """
    fixes = {errno.ENOSPC: "free some space, or choose another folder with --out",
             errno.EDQUOT: "free some space, or choose another folder with --out",
             errno.EROFS: "choose a writable folder with --out",
             errno.EACCES: "choose a folder you may write to with --out",
             errno.EPERM: "choose a folder you may write to with --out"}
    return OutputError(f"cannot write the build: {error.strerror or error}", path=out,
                       hint=fixes.get(error.errno, "check the folder given with --out"))


def run(args: argparse.Namespace) -> int:
    """Build the graph into ``--out``; 0, or 2 (raised) when the folder cannot be written."""
    started = time.perf_counter()
    check_output_folder(args.out)
    records = SourceRecords.read()  # once, for the graphs and for the notes
    store = assemble(records=records)
    try:
        written = write_outputs(store, args.out)
    except OSError as error:
        raise cannot_write(error, args.out) from None
    for line in records.notes():
        print(f"note: source data: {line}", file=sys.stderr)
    graphs = sum(1 for _ in store.named_graphs())  # the assembled store holds no empty named graph
    for name, path in written.items():
        print(f"wrote {path}")
    print(f"{len(store):,} statements in {graphs} named graphs, {time.perf_counter() - started:.1f} s")
    return 0
