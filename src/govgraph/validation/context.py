"""The context a user's files are validated against: the built dataset (ontology, national structure, history,
curated facts), and the part of it pySHACL needs to see.

pySHACL works on rdflib graphs, where 330,000 context statements cost seconds to build and validate; the shapes
only follow a few links from the user's nodes. So pySHACL gets the user's statements, the ontology, and the
context statements within a few links of the user's nodes; the checks, which run on the embedded store, get
everything.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from govgraph.assembly.dataset import assemble
from govgraph.namespaces import ONTOLOGY_GRAPH

BUILT_DATASET = "govgraph.nq"
DEPTH = 3


def load_context(build_dir: Path | None = Path("build")) -> ox.Store:
    """The built dataset from ``build_dir`` when it has been built, else assembled in memory."""
    built = build_dir / BUILT_DATASET if build_dir is not None else None
    if built is not None and built.is_file():
        store = ox.Store()
        store.bulk_load(path=str(built), format=ox.RdfFormat.N_QUADS)
        return store
    return assemble()


def neighbourhood(store: ox.Store, quads: list[ox.Quad], depth: int = DEPTH) -> list[ox.Quad]:
    """The ontology, and the context statements about nodes within ``depth`` links of the given statements."""
    found = list(store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)))
    seen: set = set()
    frontier = {term for q in quads for term in (q.subject, q.object) if isinstance(term, ox.NamedNode)}
    for _ in range(depth):
        following = set()
        for node in frontier - seen:
            seen.add(node)
            for quad in store.quads_for_pattern(node, None, None, None):
                found.append(quad)
                if isinstance(quad.object, (ox.NamedNode, ox.BlankNode)):
                    following.add(quad.object)
        frontier = following
    return found
