"""A small on-disk store for the SPARQL tests: a few statements in two of govgraph's named graphs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.store.disk import write_store

DATA = """\
<https://w3id.org/govgraph/id/unit/31/2025-07-01> <https://w3id.org/govgraph/ontology#officialCode> "31" <https://w3id.org/govgraph/graph/reference> .
<https://w3id.org/govgraph/id/unit/31/2025-07-01> <http://www.w3.org/2000/01/rdf-schema#label> "Hải Phòng"@vi <https://w3id.org/govgraph/graph/reference> .
<https://w3id.org/govgraph/id/unit/31/2025-07-01> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/govgraph/ontology#CentrallyRunCity> <https://w3id.org/govgraph/graph/reference> .
<https://w3id.org/govgraph/id/unit/01/2025-07-01> <https://w3id.org/govgraph/ontology#officialCode> "01" <https://w3id.org/govgraph/graph/reference> .
<https://w3id.org/govgraph/id/unit/01/2025-07-01> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/govgraph/ontology#CentrallyRunCity> <https://w3id.org/govgraph/graph/reference> .
<https://w3id.org/govgraph/id/task/1> <https://w3id.org/govgraph/ontology#taskCount> "6084"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/govgraph/graph/curated> .
<https://w3id.org/govgraph/id/task/1> <https://w3id.org/govgraph/ontology#quote> "say \\"hi\\", then\\ttab\\nnew line" <https://w3id.org/govgraph/graph/curated> .
"""


@pytest.fixture(scope="session")
def small_build(tmp_path_factory) -> Path:
    """A build folder holding only ``store/`` (7 statements, 2 named graphs)."""
    folder = tmp_path_factory.mktemp("small-build")
    source = folder / "small.nq"
    source.write_text(DATA, encoding="utf-8")
    write_store(source, folder)
    return folder


@pytest.fixture(scope="session")
def small_store(small_build) -> Path:
    return small_build / "store"


@pytest.fixture(scope="session")
def pool(small_store):
    from govgraph.sparql.pool import QueryPool

    with QueryPool(small_store, workers=2, timeout=20, row_cap=3) as shared:
        yield shared


def reference(store_path: Path, query: str) -> ox.Store:
    """pyoxigraph's own answer, for comparing ours with."""
    return ox.Store.read_only(str(store_path)).query(query, use_default_graph_as_union=True)
