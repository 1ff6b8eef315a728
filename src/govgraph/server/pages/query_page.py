"""The query page: YASGUI from npm (``@zazuko/yasgui``, pinned in package.json), served by this server,
with one ready tab per query of the library (its example parameters bound as typed terms)."""

from __future__ import annotations

import json

from govgraph.errors import GovgraphError
from govgraph.queries.library import LibraryQuery
from govgraph.queries.runner import bind_parameters
from govgraph.server.pages.html import Markup, join, layout, tag
from govgraph.sparql.prefixes import PREDECLARED
from govgraph.store.values import with_values


def example_text(query: LibraryQuery, parameters: dict[str, str]) -> str:
    """The query's text with its example parameters bound, ready to run; unbound if they do not bind."""
    try:
        return with_values(query.text, bind_parameters(query, parameters))
    except GovgraphError:
        return query.text


def examples(library: dict[str, LibraryQuery], parameters_of) -> list[dict[str, str]]:
    """The library's queries as examples for the query page: name, title and runnable text."""
    return [{"name": q.name, "title": q.title, "query": example_text(q, parameters_of(q))} for q in library.values()]


def query_page(library: dict[str, LibraryQuery], parameters_of, assets: bool) -> Markup:
    """The page; without the YASGUI assets installed it says how to install them and offers a plain form."""
    data = json.dumps(examples(library, parameters_of), ensure_ascii=False).replace("</", "<\\/")
    prefixes = json.dumps(PREDECLARED).replace("</", "<\\/")
    intro = tag("p", join(["Run SPARQL on the graph: each tab holds a query of the library, its example parameters "
                           "bound; the endpoint is ", tag("code", "/sparql"), ". The default graph is the union of "
                           "the named graphs; the prefixes of ", tag("code", "govgraph sparql --prefixes"),
                           " are predeclared; queries are read-only, with a time limit and a row cap."]))
    if not assets:
        fallback = Markup('<form method="get" action="/sparql"><textarea name="query" rows="12" cols="100">'
                          'SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea><br><button type="submit">Run</button>'
                          "</form>")
        body = join([tag("h1", "SPARQL query"), intro,
                     tag("p", join(["The query editor (YASGUI) is not installed: run ", tag("code", "make assets"),
                                    " (npm ci) in the checkout, then restart the server."])), fallback])
        return layout("SPARQL query", body)
    body = join([tag("h1", "SPARQL query"), intro, Markup('<div id="yasgui"></div>'),
                 Markup(f'<script type="application/json" id="library-queries">{data}</script>'),
                 Markup(f'<script type="application/json" id="prefixes">{prefixes}</script>'),
                 Markup('<script src="/static/yasgui/yasgui.min.js"></script>'),
                 Markup('<script src="/static/query.js"></script>')])
    return layout("SPARQL query", body, head=Markup('<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">'))
