"""Library queries answered by a Jena TDB2 database through ``tdb2.tdbquery`` (Debian packages no Fuseki, so no
query server): one Java process a query, the default graph the union of the named graphs, as on the other
engines."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from govgraph.publishing.loaders.tdb2 import run_jena
from govgraph.store.base import ResultTable
from govgraph.store.endpoint import term_from_json


class Tdb2Query:
    """A TDB2 database folder as a store the query runner can select from."""

    def __init__(self, location: Path):
        self.location = location

    def select(self, query: str) -> ResultTable:
        with tempfile.TemporaryDirectory(prefix="govgraph-tdb2-query-") as work:
            (Path(work) / "q.rq").write_text(query, encoding="utf-8")
            answer = json.loads(run_jena("tdb2.tdbquery", "--loc", str(self.location), "--results=json",
                                         "--set", "tdb2:unionDefaultGraph=true", "--query", str(Path(work) / "q.rq")))
        columns = answer["head"]["vars"]
        return ResultTable(columns, [tuple(term_from_json(b[c]) if c in b else None for c in columns)
                                     for b in answer["results"]["bindings"]])
