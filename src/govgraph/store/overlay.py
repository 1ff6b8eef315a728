"""The built graph with the user's own files beside it: for analyses of a register not in the build.

The built store on disk stays read-only; the user's statements join a private writable copy of it (a checkpoint:
milliseconds, see :func:`govgraph.store.disk.writable_copy`). The user's files are parsed first, so a bad file is
reported (file:line:column) before anything is copied.
"""

from __future__ import annotations

from pathlib import Path

from govgraph.rdf.parse import parse_file
from govgraph.store.disk import writable_copy
from govgraph.store.embedded import EmbeddedStore
from govgraph.store.location import build_dir as resolve_build_dir


def store_with_files(paths: list[Path], build_dir: Path | None = None) -> EmbeddedStore:
    """The built graph and ``paths`` in one store; only the (read-only) build when ``paths`` is empty.

    >>> store_with_files([Path("no-such.ttl")], Path("no-such-build"))
    Traceback (most recent call last):
    govgraph.errors.InputError: no-such.ttl: cannot read the file: No such file or directory
    """
    quads = [quad for path in paths for quad in parse_file(path)]
    folder = resolve_build_dir(build_dir)
    if not quads:
        return EmbeddedStore.from_build(folder)
    store = writable_copy(folder)
    store.extend(quads)
    return EmbeddedStore(store, description=f"{folder} with {', '.join(map(str, paths))}")
