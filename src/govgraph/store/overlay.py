"""The built graph with the user's own files beside it, in memory: for analyses of a register not in the build.

The built store on disk stays read-only; its statements and the user's are loaded into a new in-memory store.
The user's files are parsed first, so a bad file is reported (file:line:column) before anything is loaded.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from govgraph.assembly.writer import NQUADS_FILE, built_file
from govgraph.rdf.parse import parse_file
from govgraph.store.embedded import EmbeddedStore
from govgraph.store.location import build_dir as resolve_build_dir


def store_with_files(paths: list[Path], build_dir: Path | None = None) -> EmbeddedStore:
    """The built graph and ``paths`` in one in-memory store; only the build when ``paths`` is empty.

    >>> store_with_files([Path("no-such.ttl")], Path("no-such-build"))
    Traceback (most recent call last):
    govgraph.errors.InputError: no-such.ttl: cannot read the file: No such file or directory
    """
    quads = [quad for path in paths for quad in parse_file(path)]
    folder = resolve_build_dir(build_dir)
    if not quads:
        return EmbeddedStore.from_build(folder)
    store = ox.Store()
    store.bulk_load(path=built_file(folder, NQUADS_FILE), format=ox.RdfFormat.N_QUADS)
    store.extend(quads)
    return EmbeddedStore(store, description=f"{folder} with {', '.join(map(str, paths))}")
