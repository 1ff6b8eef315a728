"""The default store: pyoxigraph, on disk (``build/store/``, read-only) or in memory (user files)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from govgraph.store.base import ResultTable
from govgraph.store.disk import open_read_only
from govgraph.store.location import store_dir


class EmbeddedStore:
    """A pyoxigraph store queried with the default graph as the union of all named graphs (or of ``graphs``)."""

    def __init__(self, store: ox.Store, description: str = "embedded store",
                 graphs: list[ox.NamedNode] | None = None) -> None:
        self.oxigraph = store
        self.description = description
        self.graphs = graphs

    def within(self, graphs: list[ox.NamedNode]) -> "EmbeddedStore":
        """The same store, queried with the union of ``graphs`` alone as the default graph."""
        return EmbeddedStore(self.oxigraph, f"{self.description} ({len(graphs)} graphs)", graphs)

    @classmethod
    def from_build(cls, build_dir: Path) -> "EmbeddedStore":
        """Open, read-only, the on-disk store ``govgraph build`` wrote into ``build_dir/store/``."""
        return cls(open_read_only(build_dir), description=f"embedded store {store_dir(build_dir)}")

    @classmethod
    def from_files(cls, paths: list[Path], description: str = "embedded store") -> "EmbeddedStore":
        """Load RDF files; all are parsed before any is added, so a bad file leaves nothing loaded."""
        from govgraph.rdf.parse import parse_file

        quads = [quad for path in paths for quad in parse_file(path)]
        store = ox.Store()
        store.extend(quads)
        return cls(store, description)

    @classmethod
    def from_turtle(cls, text: str) -> "EmbeddedStore":
        """An in-memory store of the Turtle ``text`` (tests, examples).

        >>> store = EmbeddedStore.from_turtle('<http://e/a> <http://e/p> "1" .')
        >>> store.select("SELECT ?o WHERE { ?s ?p ?o }").cells
        [(<Literal value=1 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>,)]
        """
        store = ox.Store()
        store.load(text, format=ox.RdfFormat.TURTLE)
        return cls(store)

    def select(self, query: str) -> ResultTable:
        """The table of a SELECT ``query``, with the union of the named graphs (of ``graphs``, when given) as its
        default graph; any other form is a ``TypeError``.

        >>> store = EmbeddedStore.from_turtle("")
        >>> for graph in ("http://e/g1", "http://e/g2"):
        ...     store.oxigraph.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/in"), ox.Literal(graph),
        ...                                ox.NamedNode(graph)))
        >>> len(store.select("SELECT * { ?s ?p ?o }")), len(store.within([ox.NamedNode("http://e/g1")])
        ...                                                 .select("SELECT * { ?s ?p ?o }"))
        (2, 1)
        """
        if self.graphs is not None:
            solutions = self.oxigraph.query(query, default_graph=self.graphs)
        else:
            solutions = self.oxigraph.query(query, use_default_graph_as_union=True)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("only SELECT queries return tables")
        columns = [variable.value for variable in solutions.variables]
        return ResultTable(columns, [tuple(solution) for solution in solutions])  # pyoxigraph terms, see ResultTable
