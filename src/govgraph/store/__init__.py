"""One store abstraction for every command: embedded pyoxigraph, rdflib in memory, or a remote endpoint.

>>> from govgraph.store import EmbeddedStore
>>> store = EmbeddedStore.from_turtle('<http://e/a> <http://e/p> "1" .')
>>> store.select("SELECT ?o WHERE { ?s ?p ?o }").rows
[(rdflib.term.Literal('1'),)]
"""

from govgraph.store.base import ResultTable, Store
from govgraph.store.embedded import EmbeddedStore
from govgraph.store.endpoint import EndpointStore
from govgraph.store.memory import RdflibStore
from govgraph.store.open import open_store

__all__ = ["EmbeddedStore", "EndpointStore", "RdflibStore", "ResultTable", "Store", "open_store"]
