"""Write the assembled dataset to ``build/`` in every serialization the build promises."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import InputError
from govgraph.namespaces import PREFIXES

DATASET_FILE = "govgraph.trig"
OUTPUTS = {
    DATASET_FILE: ox.RdfFormat.TRIG,
    "govgraph.nq": ox.RdfFormat.N_QUADS,
    "govgraph.ttl": ox.RdfFormat.TURTLE,
    "govgraph.nt": ox.RdfFormat.N_TRIPLES,
}


def built_file(build_dir: Path, name: str = DATASET_FILE) -> Path:
    """A file ``govgraph build`` wrote, or an error telling the user to build first."""
    path = build_dir / name
    if not path.is_file():
        raise InputError("the built graph is missing", path=path, hint="run 'govgraph build' first")
    return path


def write_outputs(store: ox.Store, out_dir: Path) -> dict[str, Path]:
    """Write TriG and N-Quads (named graphs kept) and Turtle and N-Triples (graphs merged).

    Each file is written to a temporary name and renamed, so a reader never sees half a file.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name, rdf_format in OUTPUTS.items():
        target = out_dir / name
        handle, temporary = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.")
        os.close(handle)
        if rdf_format.supports_datasets:
            store.dump(temporary, format=rdf_format, prefixes=PREFIXES)
        else:
            merged = ox.Store()
            merged.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
            merged.dump(temporary, format=rdf_format, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
        os.chmod(temporary, 0o644)  # mkstemp creates files only the owner can read
        os.replace(temporary, target)
        written[name] = target
    return written
