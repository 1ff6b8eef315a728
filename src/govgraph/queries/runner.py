"""The one query runner, whatever the engine: check parameters, bind them as typed terms, select."""

from __future__ import annotations

from collections.abc import Mapping

from govgraph.errors import UsageError
from govgraph.queries.library import LibraryQuery, checked_text
from govgraph.queries.today import DEFAULTS
from govgraph.store.base import ResultTable, Store
from govgraph.store.values import with_values


def bind_parameters(query: LibraryQuery, raw: Mapping[str, str]) -> dict[str, object]:
    """Typed terms for the user's ``KEY=VALUE`` strings; unknown or missing parameters are errors, and so is a
    period that ends before it begins (``from`` after ``to``), which no row could match.

    >>> from govgraph.queries import load_library
    >>> bind_parameters(load_library()["turnover"], {"from": "2025-12-31", "to": "2025-07-01"})
    Traceback (most recent call last):
    govgraph.errors.UsageError: parameter from: 2025-12-31 is after to, 2025-07-01: the period is empty (give from on or before to)
    """
    bindings = {name: query.parameter(name).bind(value) for name, value in raw.items()}
    for parameter in query.parameters:  # a declared default (default=today) stands in for a value left out
        if parameter.default and parameter.name not in bindings:
            bindings[parameter.name] = parameter.bind(DEFAULTS[parameter.default]())
    missing = [p.name for p in query.parameters if p.required and p.name not in bindings]
    if missing:
        example = " ".join(f"--param {name}=..." for name in missing)
        raise UsageError(f"query {query.name} needs {', '.join(missing)}", hint=f"add {example}")
    start, end = (bindings.get(name) for name in ("from", "to"))
    if start is not None and end is not None and query.parameter("from").type == query.parameter("to").type == "date" \
            and start.value > end.value:  # xsd:date literals, YYYY-MM-DD: their text orders as the days do
        to = raw.get("to") or f"{end.value} (today)"
        raise UsageError(f"parameter from: {start.value} is after to, {to}: the period is empty",
                         hint="give from on or before to")
    return bindings


def run_query(store: Store, query: LibraryQuery, raw_parameters: Mapping[str, str] | None = None) -> ResultTable:
    """Run a library query on any store, the parameters bound the same way whatever the engine.

    Each parameter becomes a typed RDF term (checked against its declared type) and is bound through a
    one-row ``VALUES`` block at the head of the query's WHERE group, written from the term itself, so a
    value can never become query syntax (see :mod:`govgraph.store.values`). The query's own SPARQL is checked
    before it first runs (:func:`govgraph.queries.library.checked_text`).

    >>> from govgraph.queries import load_library
    >>> from govgraph.store import EmbeddedStore
    >>> store = EmbeddedStore.from_turtle('')
    >>> run_query(store, load_library()["unit-counts"]).rows
    []
    """
    bindings = bind_parameters(query, raw_parameters or {})
    return store.select(with_values(checked_text(query), bindings))
