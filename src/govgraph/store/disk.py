"""The on-disk store ``DIR/store/`` that ``govgraph build`` writes and every other command opens read-only.

It is written whole or not at all: the statements are loaded into ``DIR/.store-new-<pid>/``, which is then
swapped in for ``DIR/store/`` (:mod:`govgraph.swap`: one atomic exchange, or where the system has none, the old
store renamed ``DIR/.store-old-<pid>/`` and the new one ``DIR/store/``) and the old one removed. A failed or
interrupted build removes its temporary folder and leaves the previous store as it was; folders left behind by
a build that was killed are cleaned (or, if the swap was cut between its two renames, put back) by the next one.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "g.nq").write_text('<http://e/a> <http://e/p> "1" <http://e/g> .\\n')
>>> write_store(folder / "g.nq", folder)
PosixPath('/.../store')
>>> len(open_read_only(folder))
1
>>> sorted(p.name for p in folder.iterdir())
['g.nq', 'store']
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import InputError, one_line
from govgraph.store.location import STORE_DIR, store_dir

SWAP = ".store-{kind}-{pid}"  # what a build keeps beside DIR/store/: .store-new-<pid>, .store-old-<pid>


def _swap(build: Path):
    from govgraph.swap import FolderSwap  # here and in the other writers, not at the top: few commands write

    return FolderSwap(store_dir(build), SWAP, what="store", run="build")


def clean_stale(build: Path) -> None:
    """Remove the temporary folders of builds that are no longer running.

    If a build was stopped between its two renames, ``store/`` is missing and its old store is put back.
    """
    _swap(build).clean()


def write_store(nquads: Path, build: Path) -> Path:
    """Load an N-Quads file into a new on-disk store and swap it in for ``build/store``; returns its path."""
    return swap_in(load_store(nquads, build), build)


def load_store(nquads: Path, build: Path) -> Path:
    """Load an N-Quads file into a new on-disk store beside ``build/store``, not yet in use; returns its folder.

    :func:`swap_in` puts it in place; a caller that does not must remove the folder. (``govgraph build`` loads
    it while it writes its other files, and swaps it in only once they are all written.)
    """
    import gc
    import shutil

    clean_stale(build)
    new = _swap(build).path("new")
    try:
        store = ox.Store(str(new))
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        store.optimize()  # compacted: fewer files for every read-only opener to look through
        del store
        gc.collect()  # the RocksDB instance closes when its last reference goes
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return new


def swap_in(new: Path, build: Path) -> Path:
    """Put the store :func:`load_store` wrote in place of ``build/store``; returns its path."""
    return _swap(build).swap_in(new)


def writable_copy(build: Path) -> ox.Store:
    """A private, writable copy of the built store, for a user's statements to join the built graph.

    It is a RocksDB checkpoint of ``build/store/`` (its files hard-linked: milliseconds, whatever the build's
    size) in a temporary folder removed when the process ends; the built store is untouched.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "g.nq").write_text('<http://e/a> <http://e/p> "1" <http://e/g> .\\n')
    >>> _ = write_store(folder / "g.nq", folder)
    >>> copy = writable_copy(folder)
    >>> copy.add(ox.Quad(ox.NamedNode("http://e/b"), ox.NamedNode("http://e/p"), ox.Literal("2")))
    >>> len(copy), len(open_read_only(folder))
    (2, 1)
    """
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="govgraph-store-copy-"))
    try:
        copy = copy_into(build, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    atexit.register(shutil.rmtree, folder, True)
    return copy


def copy_into(build: Path, folder: Path) -> ox.Store:
    """A writable checkpoint of ``build/store/`` written into ``folder/store/``; the caller removes ``folder``.

    A store that cannot be copied (a full disk, a damaged store) is an :class:`InputError`.
    """
    source = open_read_only(build)
    try:
        source.backup(str(folder / STORE_DIR))
        return ox.Store(str(folder / STORE_DIR))
    except (OSError, RuntimeError) as error:
        reason = one_line(str(error)) or type(error).__name__
        raise InputError(f"cannot copy the built store: {reason}", path=store_dir(build),
                         hint="run govgraph build again") from None


def open_read_only(build: Path) -> ox.Store:
    """The store ``govgraph build`` wrote into ``build``, opened read-only."""
    path = store_dir(build)
    if not path.is_dir():
        raise InputError(f"the built store {STORE_DIR}/ is missing", path=build,
                         hint="run 'govgraph build' (or pass --build-dir or set GOVGRAPH_BUILD_DIR)")
    try:
        return ox.Store.read_only(str(path))
    except (OSError, RuntimeError) as error:  # RocksDB says "Corruption: ..." (a RuntimeError) for a damaged store
        reason = one_line(str(error)) or type(error).__name__
        raise InputError(f"cannot open the built store: {reason}", path=path,
                         hint="run govgraph build again") from None

