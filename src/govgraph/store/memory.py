"""rdflib's own in-memory engine: the baseline the benchmarks compare against, and pySHACL's home."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.plugins.sparql import prepareQuery

from govgraph.store.base import ResultTable


class RdflibStore:
    """An rdflib Dataset whose default graph is the union of its named graphs."""

    def __init__(self, dataset: rdflib.Dataset, description: str = "rdflib in-memory store") -> None:
        self.dataset = dataset
        self.description = description

    @classmethod
    def from_files(cls, paths: list[Path]) -> "RdflibStore":
        """An rdflib dataset (default graph: the union) of the RDF files ``paths``, each parsed by its extension."""
        dataset = rdflib.Dataset(default_union=True)
        for path in paths:
            dataset.parse(path, format=rdflib.util.guess_format(str(path)) or "turtle")
        return cls(dataset, description=f"rdflib store over {', '.join(map(str, paths))}")

    def select(self, query: str) -> ResultTable:
        """The table of a SELECT ``query`` on rdflib's own engine (a baseline; slow on history queries)."""
        result = self.dataset.query(prepareQuery(query))
        columns = [str(v) for v in result.vars]
        return ResultTable(columns, [tuple(row) for row in result])
