"""Show a query answer to a person: SPARQL JSON results as the aligned table of ``govgraph query``.

>>> print(as_text(b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"7",'
...               b'"datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}'), end="")
n
-
7
(1 row)
>>> print(as_text(b'{"head":{},"boolean":true}'), end="")
true
"""

from __future__ import annotations

import json


def as_text(body: bytes) -> str:
    """An aligned table of SPARQL 1.1 JSON solutions, or ``true``/``false`` for a boolean answer."""
    from govgraph.queries.formatting import as_table
    from govgraph.store.base import ResultTable
    from govgraph.store.terms import from_json

    document = json.loads(body)
    if "boolean" in document:
        return "true\n" if document["boolean"] else "false\n"
    columns = [str(c) for c in document["head"]["vars"]]
    rows = [tuple(from_json(b[c]) if c in b else None for c in columns)
            for b in document["results"]["bindings"]]
    return as_table(ResultTable(columns, rows))
