"""The front page and the unit search page."""

from __future__ import annotations

from html import escape

from govgraph.namespaces import ID
from govgraph.server.pages.html import Markup, join, layout, table, tag


def search_form(value: str = "") -> Markup:
    """The unit search form, holding ``value``."""
    return Markup('<form class="search" method="get" action="/search">'
                  f'<input type="search" name="q" value="{escape(value, quote=True)}" '
                  'placeholder="Hải Phòng, hai phong, cat hai, 31 …" aria-label="unit name or code"> '
                  '<button type="submit">Search units</button></form>')


def home_page(statements: int) -> Markup:
    """The home page: what the service offers, and the search form."""
    links = [("/query", "SPARQL query page", "run your own queries, or the library's, in the browser"),
             ("/sparql", "SPARQL endpoint", "SPARQL 1.1 Protocol, GET and POST; a Service Description without a query"),
             ("/id/unit/31/2025-07-01", "Thành phố Hải Phòng", "a unit's page: organs, holders, predecessors"),
             ("/ontology", "Ontology", "every class and property, in Vietnamese and English"),
             ("/api/docs", "Query API", "the query library as REST, with an OpenAPI 3 document"),
             ("/.well-known/void", "VoID and DCAT", "statistics per named graph, licence, dumps"),
             ("/health", "Health", "is the server up, and on which build")]
    body = join([
        tag("h1", "govgraph"),
        tag("p", f"Vietnam's two-tier local government as linked data: {statements:,} statements."),
        search_form(),
        table(["", ""], [[tag("a", title, href=path), text] for path, title, text in links]),
        tag("p", join(["Every IRI under ", tag("code", ID), " is answered at the matching path here, as HTML "
                       "or as Turtle, N-Triples, JSON-LD or RDF/XML (Accept, or .ttl .nt .jsonld .rdf)."])),
    ])
    return layout("govgraph", body)


def search_page(text: str, results: list[dict], validity) -> Markup:
    """The unit search page: the form, and the unit versions found for ``text``."""
    parts = [tag("h1", "Search units"), search_form(text)]
    if text:
        parts.append(tag("p", f"{len(results)} unit version{'s' if len(results) != 1 else ''} for “{text}” "
                              "(diacritics and case ignored)", class_="muted"))
    for result in results:
        head = join([tag("a", result["name"], href=result["path"]), " ",
                     tag("span", result["code"], class_="badge"), tag("span", result["type"], class_="badge"),
                     tag("small", validity(result), class_="muted"),
                     tag("small", f" · in {result['parent']}", class_="muted") if result["parent"] else ""])
        rows = []
        for label, key in (("formed from", "formerUnits"), ("went into", "successors")):
            for link in result[key]:
                rows.append([label, join([tag("a", link["name"], href=link["path"]), " ",
                                          tag("small", link["code"], class_="muted")]),
                             validity(link), "whole" if link["whole"] else "partial",
                             link["legalBasis"] or ""])
        parts.append(tag("section", join([tag("h2", head)] + (
            [table(["", "unit", "valid", "whole or partial", "legal basis"], rows)] if rows else [])),
            class_="unit-result"))
    return layout(f"Search: {text}" if text else "Search units", join(parts))
