"""One store abstraction for every command: embedded pyoxigraph, rdflib in memory, or a remote endpoint.

The names below are imported on first use, so a command pays only for the store it opens (rdflib's SPARQL
engine, behind :class:`RdflibStore`, takes longer to import than a query on the on-disk store takes to run).

>>> from govgraph.store import EmbeddedStore
>>> store = EmbeddedStore.from_turtle('<http://e/a> <http://e/p> "1" .')
>>> store.select("SELECT ?o WHERE { ?s ?p ?o }").rows
[(rdflib.term.Literal('1'),)]
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (about 10 ms of every command's start)

_HOMES = {
    "ResultTable": "govgraph.store.base",
    "Store": "govgraph.store.base",
    "EmbeddedStore": "govgraph.store.embedded",
    "EndpointStore": "govgraph.store.endpoint",
    "RdflibStore": "govgraph.store.memory",
    "open_store": "govgraph.store.open",
}

__all__ = sorted(_HOMES)

if TYPE_CHECKING:
    from govgraph.store.base import ResultTable, Store
    from govgraph.store.embedded import EmbeddedStore
    from govgraph.store.endpoint import EndpointStore
    from govgraph.store.memory import RdflibStore
    from govgraph.store.open import open_store


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'govgraph.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
