"""The default store: pyoxigraph in memory, loaded from ``build/``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from govgraph.assembly.writer import built_file
from govgraph.rdf.convert import to_rdflib
from govgraph.rdf.parse import parse_file
from govgraph.store.base import ResultTable


class EmbeddedStore:
    """A pyoxigraph store queried with the default graph as the union of all named graphs."""

    def __init__(self, store: ox.Store, description: str = "embedded store") -> None:
        self.oxigraph = store
        self.description = description

    @classmethod
    def from_build(cls, build_dir: Path) -> "EmbeddedStore":
        """Load ``build/govgraph.trig`` written by ``govgraph build``."""
        path = built_file(build_dir)
        return cls.from_files([path], description=f"embedded store over {path}")

    @classmethod
    def from_files(cls, paths: list[Path], description: str = "embedded store") -> "EmbeddedStore":
        """Load RDF files; all are parsed before any is added, so a bad file leaves nothing loaded."""
        quads = [quad for path in paths for quad in parse_file(path)]
        store = ox.Store()
        store.extend(quads)
        return cls(store, description)

    @classmethod
    def from_turtle(cls, text: str) -> "EmbeddedStore":
        store = ox.Store()
        store.load(text, format=ox.RdfFormat.TURTLE)
        return cls(store)

    def select(self, query: str) -> ResultTable:
        solutions = self.oxigraph.query(query, use_default_graph_as_union=True)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("only SELECT queries return tables")
        columns = [variable.value for variable in solutions.variables]
        rows = [tuple(None if term is None else to_rdflib(term) for term in solution) for solution in solutions]
        return ResultTable(columns, rows)
