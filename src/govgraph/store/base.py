"""The store contract: ``select(query)`` returns a :class:`ResultTable`, rows of rdflib terms to every caller."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (about 10 ms of every command's start)
if TYPE_CHECKING:
    from typing import Protocol

    from rdflib.term import Identifier

    from govgraph.store.terms import Term
else:
    Protocol = object  # Store is a Protocol to type checkers, a plain class when the program runs

Bindings = Mapping[str, "Term"]


class ResultTable:
    """The answer of a SELECT query: column names and rows of terms (``None`` where unbound).

    ``rows`` are rdflib terms, whatever the store. ``cells`` are the same rows as the store gave them: pyoxigraph
    terms from the embedded store, converted to rdflib's only when ``rows`` is first read; the formats read
    ``cells`` (:mod:`govgraph.store.terms` reads both kinds), so a query command never imports rdflib.

    >>> import pyoxigraph as ox
    >>> integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    >>> table = ResultTable(["n"], [(ox.Literal("1", datatype=integer),)])
    >>> table.cells
    [(<Literal value=1 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>,)]
    >>> table.as_dicts()
    [{'n': rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))}]
    """

    __slots__ = ("columns", "cells", "_rows")

    def __init__(self, columns: list[str], rows: Sequence[tuple] = ()) -> None:
        self.columns = columns
        self.cells: list[tuple] = list(rows)
        self._rows: list[tuple] | None = None

    @property
    def rows(self) -> list[tuple[Identifier | None, ...]]:
        """The rows as rdflib terms (None where a variable is unbound), converted on first use."""
        if self._rows is None:
            from govgraph.store.terms import to_rdflib_row

            self._rows = [to_rdflib_row(row) for row in self.cells]
        return self._rows

    def as_dicts(self) -> list[dict[str, Identifier]]:
        """Each row as ``{column: term}``, unbound columns left out.

        >>> from rdflib import Literal
        >>> ResultTable(["code", "name"], [(Literal("31"), None)]).as_dicts()
        [{'code': rdflib.term.Literal('31')}]
        """
        return [{c: v for c, v in zip(self.columns, row) if v is not None} for row in self.rows]

    def cell_dicts(self) -> list[dict[str, object]]:
        """Each row as ``{column: term}`` with the terms the store gave (pyoxigraph's from the embedded store, not
        converted to rdflib's, which would normalise what they read), unbound columns left out.

        >>> import pyoxigraph as ox
        >>> ResultTable(["code", "name"], [(ox.Literal("31"), None)]).cell_dicts()
        [{'code': <Literal value=31 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>}]
        """
        return [{c: v for c, v in zip(self.columns, row) if v is not None} for row in self.cells]

    def __len__(self) -> int:
        return len(self.cells)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ResultTable):
            return NotImplemented
        return self.columns == other.columns and self.rows == other.rows

    def __repr__(self) -> str:
        return f"ResultTable(columns={self.columns!r}, rows={self.rows!r})"


class Store(Protocol):
    """What every command needs of a store. Queries see the union of all named graphs.

    Parameters reach a store already bound, by :func:`govgraph.queries.runner.run_query`.
    """

    description: str

    def select(self, query: str) -> ResultTable:
        """Run a SELECT query."""
        ...
