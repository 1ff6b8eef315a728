"""The ontology's page: every class and property of gg:, in Vietnamese and English, each at its own anchor,
so ``https://w3id.org/govgraph/ontology#Term`` opens on the term."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from govgraph.namespaces import GG, ONTOLOGY_GRAPH, ONTOLOGY_IRI
from govgraph.server.graph import GraphReader
from govgraph.server.pages.html import Markup, join, layout, tag, term
from govgraph.server.pages.resource import alternates, format_links

OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
KINDS = (("Classes", (OWL + "Class",)),
         ("Object properties", (OWL + "ObjectProperty",)),
         ("Datatype properties", (OWL + "DatatypeProperty",)),
         ("Annotation properties", (OWL + "AnnotationProperty",)))
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DEFINITION = "http://www.w3.org/2004/02/skos/core#definition"
SHOWN = {"http://www.w3.org/2000/01/rdf-schema#subClassOf": "subclass of",
         "http://www.w3.org/2000/01/rdf-schema#subPropertyOf": "subproperty of",
         "http://www.w3.org/2000/01/rdf-schema#domain": "domain",
         "http://www.w3.org/2000/01/rdf-schema#range": "range",
         OWL + "equivalentClass": "equivalent class",
         OWL + "inverseOf": "inverse of",
         "http://www.w3.org/2004/02/skos/core#closeMatch": "close match",
         "http://www.w3.org/2004/02/skos/core#exactMatch": "exact match",
         "http://www.w3.org/2004/02/skos/core#note": "note"}


def ontology_triples(reader: GraphReader) -> list[ox.Triple]:
    """The ontology document: its whole named graph."""
    return reader.graph_triples(str(ONTOLOGY_GRAPH))


def version_iris(reader: GraphReader) -> list[str]:
    """The ``owl:versionIRI`` values of the ontology (they resolve to the ontology too)."""
    return [q.object.value for q in reader.store.quads_for_pattern(
        ox.NamedNode(ONTOLOGY_IRI), ox.NamedNode(OWL + "versionIRI"), None)]


def ontology_page(reader: GraphReader) -> Markup:
    """The ontology page: every class and property, with what the ontology says of it."""
    triples = ontology_triples(reader)
    namespace = str(GG._NS)
    about: dict = defaultdict(lambda: defaultdict(list))
    for t in triples:
        if isinstance(t.subject, ox.NamedNode):
            about[t.subject.value][t.predicate.value].append(t.object)
    labels = reader.labels([ox.NamedNode(iri) for iri in about]
                           + [o for t in triples for o in (t.object,) if isinstance(o, ox.NamedNode)])
    head = about.get(ONTOLOGY_IRI, {})

    def text_in(values, lang):
        return next((v.value for v in values if isinstance(v, ox.Literal) and v.language == lang), "")

    title_en = text_in(head.get("http://purl.org/dc/terms/title", []), "en") or "govgraph ontology"
    title_vi = text_in(head.get("http://purl.org/dc/terms/title", []), "vi")
    parts = [tag("h1", title_en, lang="en"), tag("p", title_vi, class_="subtitle", lang="vi"),
             tag("p", tag("code", ONTOLOGY_IRI)), format_links("/ontology")]
    facts = []
    for predicate, name in ((OWL + "versionIRI", "version IRI"), (OWL + "versionInfo", "version"),
                            ("http://purl.org/dc/terms/license", "licence"),
                            ("http://purl.org/dc/terms/created", "created"),
                            ("http://purl.org/dc/terms/modified", "modified"),
                            ("http://purl.org/dc/terms/description", "description")):
        for value in head.get(predicate, []):
            facts.append(join([tag("dt", name), tag("dd", term(value, labels), lang=getattr(value, "language", None) or None)]))
    parts.append(tag("dl", join(facts), class_="term"))

    terms_by_kind = []
    for heading, types in KINDS:
        members = sorted(iri for iri, props in about.items() if iri.startswith(namespace)
                         and any(isinstance(t, ox.NamedNode) and t.value in types for t in props.get(RDF_TYPE, [])))
        terms_by_kind.append((heading, members))
    parts.append(tag("p", join((tag("a", f"{heading} ({len(members)})", href=f"#{heading.split()[0].lower()}")
                                for heading, members in terms_by_kind if members), " · ")))
    for heading, members in terms_by_kind:
        if not members:
            continue
        parts.append(tag("h2", heading, id=heading.split()[0].lower()))
        for iri in members:
            props = about[iri]
            local = iri[len(namespace):]
            rows = [tag("h3", join([tag("a", "gg:" + local, href=f"#{local}"), " · ",
                                    text_in(props.get(LABEL, []), "en"), " · ",
                                    tag("span", text_in(props.get(LABEL, []), "vi"), lang="vi")]))]
            defs = [join([tag("dt", f"definition ({lang})"),
                          tag("dd", text_in(props.get(DEFINITION, []), lang), lang=lang)])
                    for lang in ("en", "vi") if text_in(props.get(DEFINITION, []), lang)]
            for predicate, name in SHOWN.items():
                values = props.get(predicate, [])
                if values:
                    defs.append(join([tag("dt", name), tag("dd", join((term(v, labels, "en") for v in values), ", "))]))
            rows.append(tag("dl", join(defs), class_="term"))
            parts.append(tag("section", join(rows), id=local, class_="term"))
    return layout(title_en, join(parts), alternates=alternates("/ontology"))
