"""Capped answers written by pyoxigraph's serializers: the cut falls on a row, across the writer's chunks."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from govgraph.sparql.results import FORMATS, serialize_solutions

QUERY = "SELECT ?s ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?s"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """5,000 rows: many of the serializer's chunks, with tabs, line breaks and quotes in the literals."""
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"http://e/{n:05}"), ox.NamedNode("http://e/p"),
                         ox.Literal(f'row {n}\tsays "hi"\nthen {"x" * (n % 50)}')) for n in range(5000))
    return store


@pytest.mark.parametrize("media_type", FORMATS)  # the same bytes as pyoxigraph's own answer with a LIMIT
@pytest.mark.parametrize("cap, kept, cut", [(4321, 4321, True), (5000, 5000, False), (0, 5000, False),
                                            (1, 1, True)])
def test_cap_keeps_the_first_rows_exactly(store, media_type, cap, kept, cut):
    body, truncated, rows = serialize_solutions(store.query(QUERY), media_type, cap)
    assert (truncated, rows) == (cut, kept)
    assert body == store.query(f"{QUERY} LIMIT {kept}").serialize(format=FORMATS[media_type])
