"""Write the assembled dataset to ``build/`` in every serialization the build promises."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import InputError
from govgraph.namespaces import PREFIXES
from govgraph.store.disk import load_store, swap_in
from govgraph.store.location import STORE_DIR

DATASET_FILE = "govgraph.trig"
NQUADS_FILE = "govgraph.nq"
OUTPUTS = {
    DATASET_FILE: ox.RdfFormat.TRIG,
    NQUADS_FILE: ox.RdfFormat.N_QUADS,
    "govgraph.ttl": ox.RdfFormat.TURTLE,
    "govgraph.nt": ox.RdfFormat.N_TRIPLES,
}


def built_file(build_dir: Path, name: str = DATASET_FILE) -> Path:
    """A file ``govgraph build`` wrote, or an error telling the user to build first."""
    path = build_dir / name
    if not path.is_file():
        raise InputError("the built graph is missing", path=path, hint="run 'govgraph build' first")
    return path


@contextmanager
def merged_default_graph(store: ox.Store) -> Iterator[None]:
    """Within the block, the default graph of ``store`` holds the union of its named graphs, merged by the engine.

    Used to write the triple formats (Turtle, N-Triples) once per build without copying statements through Python.

    >>> store = ox.Store()
    >>> store.load('<http://e/a> <http://e/p> "1" <http://e/g> .', format=ox.RdfFormat.N_QUADS)
    >>> with merged_default_graph(store):
    ...     len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    1
    >>> len(store)
    1
    """
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        raise ValueError("the assembled dataset must keep every statement in a named graph")
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    try:
        yield
    finally:
        store.clear_graph(ox.DefaultGraph())


def write_outputs(store: ox.Store, out_dir: Path) -> dict[str, Path]:
    """Write TriG and N-Quads (named graphs kept), Turtle and N-Triples (graphs merged), and the on-disk store.

    Every file is written to a temporary name first, and the files are renamed into place only once all of them
    and the store ``store/`` (swapped in whole, see :mod:`govgraph.store.disk`) are written: a reader never sees
    half a file, and a failed build (a full disk, an interrupt) leaves the previous build as it was and no
    temporary file behind.

    The engine releases Python's lock while it writes, so the work runs on every core the machine gives: TriG
    beside N-Quads; then the on-disk store, loaded from the N-Quads file, beside merging the named graphs and
    writing Turtle beside N-Triples.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    temporaries: dict[str, Path] = {}
    loading: Future[Path] | None = None
    pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="govgraph-write")
    try:
        for name in OUTPUTS:
            temporaries[name] = _temporary(out_dir, name)
        datasets = {name: pool.submit(_dump, store, temporaries[name], rdf_format)
                    for name, rdf_format in OUTPUTS.items() if rdf_format.supports_datasets}
        datasets[NQUADS_FILE].result()
        loading = pool.submit(load_store, temporaries[NQUADS_FILE], out_dir)
        _finish(datasets.values())
        with merged_default_graph(store):  # once, by the engine, for every triple format
            _finish([pool.submit(_dump, store, temporaries[name], rdf_format, ox.DefaultGraph())
                     for name, rdf_format in OUTPUTS.items() if not rdf_format.supports_datasets])
        written[STORE_DIR] = swap_in(loading.result(), out_dir)
        for name, temporary in list(temporaries.items()):
            os.replace(temporary, out_dir / name)
            written[name] = out_dir / name
            del temporaries[name]
    finally:  # on failure: once no thread writes any more, leave no half-written file behind
        pool.shutdown(wait=True, cancel_futures=True)
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        if loading is not None and STORE_DIR not in written and not loading.cancelled() and not loading.exception():
            shutil.rmtree(loading.result(), ignore_errors=True)
    return {name: written[name] for name in [*OUTPUTS, STORE_DIR]}


def _temporary(out_dir: Path, name: str) -> Path:
    """A new empty file beside ``out_dir/name``, readable by all (``mkstemp`` makes it the owner's only)."""
    handle, temporary = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.")
    os.close(handle)
    os.chmod(temporary, 0o644)
    return Path(temporary)


def _dump(store: ox.Store, path: Path, rdf_format: ox.RdfFormat, from_graph: ox.DefaultGraph | None = None) -> None:
    if from_graph is None:
        store.dump(str(path), format=rdf_format, prefixes=PREFIXES)
    else:
        store.dump(str(path), format=rdf_format, from_graph=from_graph, prefixes=PREFIXES)


def _finish(futures: Iterable[Future]) -> None:
    """Wait for every one of ``futures``, then raise the first one's error if any failed."""
    futures = list(futures)
    wait(futures)
    for future in futures:
        future.result()
