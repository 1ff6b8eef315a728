"""The page of one IRI: labels in both languages, types, every property, provenance, incoming links."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from govgraph.server.graph import GraphReader
from govgraph.server.negotiation import RDF_FORMATS
from govgraph.server.pages.html import Markup, join, layout, local_path, prefixed, table, tag, term
from govgraph.server.pages.unit import is_unit, unit_sections

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
QUOTE = "https://w3id.org/govgraph/ontology#quote"
SOURCE_FIELDS = ("http://purl.org/dc/terms/publisher", "http://purl.org/dc/terms/issued",
                 "http://purl.org/dc/terms/source", "http://purl.org/dc/terms/license")
FORMAT_NAMES = {"text/turtle": "Turtle", "application/n-triples": "N-Triples",
                "application/ld+json": "JSON-LD", "application/rdf+xml": "RDF/XML"}


def format_links(path: str) -> Markup:
    """Links to the same data in each RDF serialization, by extension."""
    return tag("p", join([tag("span", "Download: ", class_="muted")] + [
        tag("a", FORMAT_NAMES[media], href=f"{path}.{ext}") for media, (ext, _) in RDF_FORMATS.items()], " "),
        class_="formats")


def alternates(path: str) -> dict[str, str]:
    """The addresses of a resource's page in each RDF format, by media type."""
    return {media: f"{path}.{ext}" for media, (ext, _) in RDF_FORMATS.items()}


def _value_cell(values, triples_by_subject, labels, lang) -> Markup:
    items = []
    for value in values:
        if isinstance(value, ox.BlankNode):
            nested = [[term(t.predicate, labels, "en"), term(t.object, labels, lang)]
                      for t in triples_by_subject.get(value, [])]
            items.append(table(["property", "value"], nested, class_="data nested"))
        else:
            items.append(term(value, labels, lang))
    return join((tag("div", item) for item in items))


def _provenance(reader: GraphReader, iri: str, triples: list[ox.Triple], labels, lang) -> Markup:
    node = ox.NamedNode(iri)
    sources = [t.object for t in triples if t.subject == node and t.predicate.value == DERIVED_FROM]
    quotes = [t.object for t in triples if t.subject == node and t.predicate.value == QUOTE]
    graphs = sorted({q.graph_name.value for q in reader.store.quads_for_pattern(node, None, None)
                     if isinstance(q.graph_name, ox.NamedNode)})
    parts: list[Markup] = []
    for source in sources:
        facts = [term(source, labels, lang)]
        for predicate in SOURCE_FIELDS:
            for quad in reader.store.quads_for_pattern(source, ox.NamedNode(predicate), None):
                facts.append(join([tag("small", prefixed(predicate) + ": ", class_="muted"), term(quad.object)]))
        parts.append(tag("li", join(facts, " · ")))
    for quote in quotes:
        parts.append(tag("li", join([tag("span", "quote: ", class_="muted"),
                                     tag("blockquote", quote.value, lang=quote.language or None)])))
    for graph in graphs:
        details = [term(ox.NamedNode(graph), labels, lang)]
        for predicate in ("http://purl.org/dc/terms/source", DERIVED_FROM):
            for quad in reader.store.quads_for_pattern(ox.NamedNode(graph), ox.NamedNode(predicate), None):
                details.append(join([tag("small", prefixed(predicate) + ": ", class_="muted"), term(quad.object)]))
        parts.append(tag("li", join([tag("span", "stated in named graph ", class_="muted")] + details, " · ")))
    if not parts:
        return Markup("")
    return join([tag("h2", "Provenance"), tag("ul", join(parts))])


def resource_page(reader: GraphReader, iri: str, lang: str = "vi") -> Markup:
    """The HTML page of ``iri`` (which the graph holds)."""
    node = ox.NamedNode(iri)
    triples = reader.description(iri)
    incoming, incoming_total = reader.incoming(iri)
    by_subject: dict = defaultdict(list)
    for triple in triples:
        by_subject[triple.subject].append(triple)
    own = by_subject.get(node, [])
    sources = [t.object for t in own if t.predicate.value == DERIVED_FROM]
    graphs = {q.graph_name for q in reader.store.quads_for_pattern(node, None, None)}
    nodes = ([node] + [t.predicate for t in triples] + [t.object for t in triples]
             + [n for pair in incoming for n in pair] + sources + list(graphs))
    labels = reader.labels(nodes)
    vi, en = labels.get(iri, "vi"), labels.get(iri, "en")
    plain = labels.get(iri, "")
    title = vi or en or plain or prefixed(iri)
    subtitle = en if vi and en else None
    types = [t.object for t in own if t.predicate.value == RDF_TYPE]
    path = local_path(iri).split("#")[0]

    parts = [tag("h1", title, lang="vi" if vi else ("en" if en else None))]
    if subtitle:
        parts.append(tag("p", subtitle, class_="subtitle", lang="en"))
    parts.append(tag("p", join([tag("code", iri)] + [tag("span", term(t, labels, lang), class_="badge")
                                                      for t in types], " ")))
    parts.append(format_links(path))
    if is_unit(own):
        parts.append(unit_sections(reader, iri, lang))
    if reader.is_graph(iri):
        parts.append(tag("p", join([f"Named graph of {reader.graph_size(iri):,} statements: its statistics, "
                                    "classes and properties are in the ", tag("a", "VoID description",
                                                                             href="/.well-known/void"), "."])))

    grouped: dict = defaultdict(list)
    for triple in own:
        grouped[triple.predicate].append(triple.object)
    rows = [[term(predicate, labels, "en"), _value_cell(values, by_subject, labels, lang)]
            for predicate, values in sorted(grouped.items(), key=lambda item: (item[0].value != RDF_TYPE,
                                                                               prefixed(item[0].value)))]
    parts.append(tag("h2", f"Properties: {len(own)} statements"))
    parts.append(table(["property", "value"], rows))
    parts.append(_provenance(reader, iri, triples, labels, lang))
    if incoming:
        shown = f" (first {len(incoming)})" if incoming_total > len(incoming) else ""
        parts.append(tag("h2", f"Incoming links: {incoming_total}{shown}"))
        parts.append(table(["from", "property"],
                           [[term(s, labels, lang), term(p, labels, "en")] for s, p in incoming]))
    return layout(title, join(parts), alternates=alternates(path))
