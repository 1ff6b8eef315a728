"""The pieces every page is made of: escaping, the layout, links and terms.

>>> local_path("https://w3id.org/govgraph/id/unit/31/2025-07-01")
'/id/unit/31/2025-07-01'
>>> local_path("https://w3id.org/govgraph/ontology#Ward")
'/ontology#Ward'
>>> local_path("http://www.wikidata.org/entity/Q2389082") is None
True
>>> str(text("<b>"))
'&lt;b&gt;'
"""

from __future__ import annotations

from html import escape

import pyoxigraph as ox

from rdflib import URIRef

from govgraph.namespaces import BASE
from govgraph.queries.formatting import short_text
from govgraph.server.graph import Labels


class Markup(str):
    """Text that is already HTML: joining and formatting never escape it twice."""


def text(value: object) -> Markup:
    """``value`` as HTML text, escaped (already-built ``Markup`` passes through)."""
    return value if isinstance(value, Markup) else Markup(escape(str(value), quote=True))


def join(parts, separator: str = "") -> Markup:
    """The parts (escaped unless already markup) joined by ``separator``."""
    return Markup(separator.join(text(part) for part in parts))


def tag(name: str, content: object = "", **attributes: object) -> Markup:
    """``<name attr="...">content</name>``; attribute names ending in ``_`` lose it (``class_``)."""
    attrs = "".join(f' {key.rstrip("_").replace("_", "-")}="{escape(str(value), quote=True)}"'
                    for key, value in attributes.items() if value is not None)
    return Markup(f"<{name}{attrs}>{text(content)}</{name}>")


def local_path(iri: str) -> str | None:
    """The path on this server that answers for ``iri``, or ``None`` for an IRI outside the dataset."""
    if iri.startswith(BASE):
        return "/" + iri[len(BASE):]
    return None


def prefixed(iri: str) -> str:
    """``iri`` as a prefixed name where a known prefix fits, else whole.

    >>> prefixed("http://www.w3.org/2000/01/rdf-schema#label")
    'rdfs:label'
    """
    return short_text(URIRef(iri))


def iri_link(iri: str, labels: Labels | None = None, lang: str = "vi") -> Markup:
    """A link to the local page of a dataset IRI, labelled; outside IRIs are shown as text only."""
    label = labels.best(iri, lang) if labels else None
    shown = label or prefixed(iri)
    path = local_path(iri)
    if path is None:
        inner = tag("span", shown, class_="iri", title=iri)
    else:
        inner = tag("a", shown, href=path, title=iri)
    if label:
        inner = Markup(inner + " " + tag("small", prefixed(iri), class_="muted"))
    return inner


def literal(value: ox.Literal) -> Markup:
    """A literal as HTML: its value, with its language tag or datatype."""
    shown = tag("span", value.value, class_="literal")
    if value.language:
        return Markup(shown + " " + tag("small", "@" + value.language, class_="lang"))
    if value.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return Markup(shown + " " + tag("small", prefixed(value.datatype.value), class_="muted"))
    return shown


def term(value, labels: Labels | None = None, lang: str = "vi") -> Markup:
    """Any RDF term as HTML."""
    if isinstance(value, ox.NamedNode):
        return iri_link(value.value, labels, lang)
    if isinstance(value, ox.Literal):
        return literal(value)
    return tag("span", "[blank node]", class_="muted")


def table(headers: list[str], rows: list[list[object]], class_: str = "data") -> Markup:
    """An HTML table; the header row is left out when every header is empty."""
    head = tag("thead", tag("tr", join(tag("th", h) for h in headers))) if any(headers) else Markup("")
    body = join(tag("tr", join(tag("td", cell) for cell in row)) for row in rows)
    return tag("table", Markup(head + tag("tbody", body)), class_=class_)


NAV = (("/", "Home"), ("/query", "SPARQL"), ("/search", "Search units"), ("/ontology", "Ontology"),
       ("/api/docs", "Query API"), ("/.well-known/void", "VoID"))


def layout(title: str, body: object, *, alternates: dict[str, str] | None = None, head: object = "") -> Markup:
    """A whole page: title, the shared style sheet, navigation and ``body``.

    ``alternates`` maps media types to same-server paths of the same data (``<link rel="alternate">``).
    """
    links = join(Markup(f'<link rel="alternate" type="{escape(media)}" href="{escape(path)}">')
                 for media, path in (alternates or {}).items())
    nav = join((tag("a", label, href=path) for path, label in NAV), " ")
    return Markup(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(title)} · govgraph</title>"
        '<link rel="stylesheet" href="/static/govgraph.css">'
        f"{links}{text(head)}</head><body>"
        f'<header><a class="brand" href="/">govgraph</a> <nav>{nav}</nav></header>'
        f"<main>{text(body)}</main>"
        "<footer>govgraph: Vietnam's two-tier local government as linked data. "
        "Data and ontology CC BY 4.0.</footer></body></html>\n")
