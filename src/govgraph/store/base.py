"""The store contract: ``select(query, bindings)`` returns a :class:`ResultTable` of rdflib terms."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from rdflib.term import Identifier

Bindings = Mapping[str, Identifier]


@dataclass(frozen=True)
class ResultTable:
    """The answer of a SELECT query: column names and rows of rdflib terms (``None`` where unbound).

    >>> from rdflib import Literal
    >>> table = ResultTable(["n"], [(Literal(1),)])
    >>> table.as_dicts()
    [{'n': rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))}]
    """

    columns: list[str]
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Identifier]]:
        return [{c: v for c, v in zip(self.columns, row) if v is not None} for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


class Store(Protocol):
    """What every command needs of a store. Queries see the union of all named graphs.

    Parameters reach a store already bound, by :func:`govgraph.queries.runner.run_query`.
    """

    description: str

    def select(self, query: str) -> ResultTable:
        """Run a SELECT query."""
        ...
