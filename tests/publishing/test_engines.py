"""Every library query, with the parameters of its documented examples, answers the same rows on the embedded
store, on Oxigraph's server and on Virtuoso loaded by ``govgraph load``."""

from __future__ import annotations

import shlex

import pytest

from govgraph.queries import load_library, run_query
from govgraph.store import EndpointStore

from ..queries.test_queries import normalised  # rows compared by value, as the query tests compare them

LIBRARY = load_library()
# measured 2026-11-27 with virtuoso-opensource 7.2.5.1 (Debian 12); not yet rewritten so that Virtuoso agrees:
# directives-due (in a FILTER inside an OPTIONAL, Virtuoso does not see ?language, bound outside it, nor a VALUES
# parameter: the directive's title stays unbound), turnover (Virtuoso fails: "SQ200: No column P1DD")
VIRTUOSO_DIFFERS = {("directives-due", ("before",)), ("turnover", ("from", "to"))}


def cases():
    for name, query in sorted(LIBRARY.items()):
        for example in query.examples:
            words = shlex.split(example)
            params = dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param")
            key = (name, tuple(sorted(params)))
            for engine in ("oxigraph", "virtuoso"):
                marks = []
                if engine == "virtuoso" and key in VIRTUOSO_DIFFERS:
                    marks.append(pytest.mark.xfail(strict=True, reason="Virtuoso 7.2.5 answers differently: query "
                                                                       "not yet rewritten"))
                yield pytest.param(engine, name, params, marks=marks,
                                   id=f"{engine}-{name}-{'-'.join(sorted(params)) or 'defaults'}")


@pytest.fixture(scope="module")
def endpoints(request):
    """engine -> its SPARQL endpoint, each started (and loaded) only when a test asks for it."""
    return {"oxigraph": lambda: EndpointStore(request.getfixturevalue("oxigraph_endpoint"), timeout=60),
            "virtuoso": lambda: EndpointStore(request.getfixturevalue("virtuoso_with_release").sparql, timeout=120)}


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("engine,name,params", list(cases()))
def test_every_engine_answers_the_same_rows(built_store, endpoints, engine, name, params, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_TODAY", "2026-11-27")
    expected = normalised(run_query(built_store, LIBRARY[name], params))
    assert normalised(run_query(endpoints[engine](), LIBRARY[name], params)) == expected
