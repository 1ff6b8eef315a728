"""Write the assembled dataset to ``build/`` in every serialization the build promises."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import InputError
from govgraph.namespaces import PREFIXES
from govgraph.store.disk import write_store
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
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    temporaries: dict[str, Path] = {}
    # dataset formats first; then the graphs are merged once, by the engine, for every triple format
    ordered = sorted(OUTPUTS.items(), key=lambda item: not item[1].supports_datasets)
    merged = False
    try:
        with ExitStack() as merging:
            for name, rdf_format in ordered:
                handle, temporary = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.")
                os.close(handle)
                temporaries[name] = Path(temporary)
                if rdf_format.supports_datasets:
                    store.dump(temporary, format=rdf_format, prefixes=PREFIXES)
                else:
                    if not merged:
                        merging.enter_context(merged_default_graph(store))
                        merged = True
                    store.dump(temporary, format=rdf_format, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
                os.chmod(temporary, 0o644)  # mkstemp creates files only the owner can read
        written[STORE_DIR] = write_store(temporaries[NQUADS_FILE], out_dir)
        for name, temporary in list(temporaries.items()):
            os.replace(temporary, out_dir / name)
            written[name] = out_dir / name
            del temporaries[name]
    finally:  # on failure: leave no half-written file behind
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
    return {name: written[name] for name in [*OUTPUTS, STORE_DIR]}
