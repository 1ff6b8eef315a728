"""Every library query, with the parameters of its documented examples, answers the same rows on the embedded
store, on Oxigraph's server and on Virtuoso loaded by ``govgraph load``; the queries written for an engine's
dialect also on a Jena TDB2 database loaded by ``govgraph load`` (through ``tdb2.tdbquery``: a Java process a
query, too slow for the whole library in every run)."""

from __future__ import annotations

import shlex

import pytest

from govgraph.queries import load_library, run_query
from govgraph.store import EndpointStore

from .tdb2_query import Tdb2Query

from ..queries.test_queries import normalised  # rows compared by value, as the query tests compare them

LIBRARY = load_library()
# beside each documented example: parameters that take the other branches of the queries Virtuoso 7.2.5 answered
# differently before they were rewritten (a label in the other language; a period ending today, one office, one unit)
MORE = {"directives-due": [{"before": "2025-10-31", "lang": "vi"}],
        "turnover": [{"from": "2025-07-02"}, {"from": "2025-08-01", "to": "2025-10-31", "office": "committee-chair"},
                     {"from": "2025-07-01", "unit": "37"}]}
ON_TDB2 = {"directives-due", "turnover", "units-of-province", "unit-counts", "office-holders"}


def cases():
    for name, query in sorted(LIBRARY.items()):
        documented = []
        for example in query.examples:
            words = shlex.split(example)
            documented.append(dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param"))
        for params in documented + MORE.get(name, []):
            label = "-".join(f"{key}={value}" for key, value in sorted(params.items())) or "defaults"
            tdb2 = name in ON_TDB2 and (params in documented or "lang" in params)
            for engine in ("oxigraph", "virtuoso") + (("jena-tdb2",) if tdb2 else ()):
                yield pytest.param(engine, name, params, id=f"{engine}-{name}-{label}")


@pytest.fixture(scope="module")
def endpoints(request):
    """engine -> its SPARQL endpoint, each started (and loaded) only when a test asks for it."""
    return {"oxigraph": lambda: EndpointStore(request.getfixturevalue("oxigraph_endpoint"), timeout=60),
            "virtuoso": lambda: EndpointStore(request.getfixturevalue("virtuoso_with_release").sparql, timeout=120),
            "jena-tdb2": lambda: Tdb2Query(request.getfixturevalue("tdb2_with_release"))}


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("engine,name,params", list(cases()))
def test_every_engine_answers_the_same_rows(built_store, endpoints, engine, name, params, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_TODAY", "2026-11-27")
    expected = normalised(run_query(built_store, LIBRARY[name], params))
    assert normalised(run_query(endpoints[engine](), LIBRARY[name], params)) == expected
