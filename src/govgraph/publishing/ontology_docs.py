"""The ontology in a release: Turtle, RDF/XML and JSON-LD, and one self-contained HTML page documenting every
class and property of ``gg:`` in Vietnamese and English, with definitions and examples from the dataset.

The page is rendered here with a small template: no generator, no script, no CDN; its style sheet is inline, so
the page reads the same from a file, a static web server or an archive.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path

import pyoxigraph as ox

from govgraph.namespaces import GG, ONTOLOGY_GRAPH, ONTOLOGY_IRI, PREFIXES
from govgraph.server.pages.html import prefixed

OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
KINDS = (("classes", "Classes · Lớp", OWL + "Class"),
         ("object-properties", "Object properties · Thuộc tính đối tượng", OWL + "ObjectProperty"),
         ("datatype-properties", "Datatype properties · Thuộc tính dữ liệu", OWL + "DatatypeProperty"),
         ("annotation-properties", "Annotation properties · Thuộc tính chú thích", OWL + "AnnotationProperty"))
RELATIONS = ((RDFS + "subClassOf", "subclass of"), (RDFS + "subPropertyOf", "subproperty of"),
             (RDFS + "domain", "domain"), (RDFS + "range", "range"), (OWL + "inverseOf", "inverse of"),
             (OWL + "equivalentClass", "equivalent class"), (SKOS + "exactMatch", "exact match"),
             (SKOS + "closeMatch", "close match"))
FORMATS = {"govgraph.ttl": ox.RdfFormat.TURTLE, "govgraph.rdf": ox.RdfFormat.RDF_XML,
           "govgraph.jsonld": ox.RdfFormat.JSON_LD}
PAGE = "index.html"
STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{margin-bottom:0}.vi{color:#555}section.term{border-top:1px solid #ddd;padding:.5rem 0}
dt{font-weight:600}dd{margin:0 0 .4rem 1.5rem}code{background:#f4f4f4;padding:0 .2rem}
nav a{margin-right:1rem}"""


def write_ontology(store: ox.Store, folder: Path) -> list[Path]:
    """The ontology named graph in every syntax of :data:`FORMATS`, and the documentation page."""
    folder.mkdir(parents=True, exist_ok=True)
    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    written = []
    for name, rdf_format in FORMATS.items():
        store.dump(str(folder / name), format=rdf_format, from_graph=graph, prefixes=PREFIXES)
        written.append(folder / name)
    (folder / PAGE).write_text(documentation_page(store), encoding="utf-8")
    return written + [folder / PAGE]


def _text(values: list, lang: str) -> str:
    return next((v.value for v in values if isinstance(v, ox.Literal) and v.language == lang), "")


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    if isinstance(term, ox.NamedNode):
        short = prefixed(term.value)
        if short.startswith("gg:"):
            return f'<a href="#{escape(short[3:])}"><code>{escape(short)}</code></a>'
        return f"<code>{escape(short)}</code>"
    if isinstance(term, ox.Literal):
        return escape(term.value)
    return "(blank node)"


def examples(store: ox.Store, iri: str, is_class: bool, limit: int = 2) -> list[str]:
    """Up to ``limit`` uses of a term in the dataset outside the ontology, as short HTML snippets."""
    term = ox.NamedNode(iri)
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    found: list[str] = []
    pattern = (None, ox.NamedNode(RDF_TYPE), term) if is_class else (None, term, None)
    for quad in store.quads_for_pattern(*pattern):
        if quad.graph_name == ontology or isinstance(quad.subject, ox.BlankNode):
            continue
        if is_class:
            found.append(_value(quad.subject))
        else:
            found.append(f"{_value(quad.subject)} {escape(prefixed(iri))} {_value(quad.object)}")
        if len(found) >= limit:
            break
    return found


def documentation_page(store: ox.Store) -> str:
    """The HTML page: header facts, then every ``gg:`` term by kind, each at its own anchor."""
    about: dict = defaultdict(lambda: defaultdict(list))
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(str(ONTOLOGY_GRAPH))):
        if isinstance(quad.subject, ox.NamedNode):
            about[quad.subject.value][quad.predicate.value].append(quad.object)
    head = about.get(ONTOLOGY_IRI, {})
    title_en = _text(head.get(DCT + "title", []), "en") or "govgraph ontology"
    title_vi = _text(head.get(DCT + "title", []), "vi")
    parts = [f"<h1>{escape(title_en)}</h1>", f'<p class="vi" lang="vi">{escape(title_vi)}</p>',
             f"<p><code>{escape(ONTOLOGY_IRI)}</code> · "
             + " · ".join(f'<a href="{name}">{name.rsplit(".", 1)[1]}</a>' for name in FORMATS) + "</p>"]
    facts = []
    for predicate, name in ((OWL + "versionIRI", "version IRI"), (OWL + "versionInfo", "version"),
                            (DCT + "license", "licence"), (DCT + "created", "created"),
                            (DCT + "modified", "modified"), (DCT + "description", "description")):
        for value in head.get(predicate, []):
            lang = getattr(value, "language", None)
            facts.append(f"<dt>{name}</dt><dd{f' lang={lang!r}' if lang else ''}>{_value(value)}</dd>")
    parts.append("<dl>" + "".join(facts) + "</dl>")
    namespace = str(GG._NS)
    groups = []
    for anchor, heading, kind in KINDS:
        members = sorted(iri for iri, props in about.items() if iri.startswith(namespace)
                         and any(t.value == kind for t in props.get(RDF_TYPE, []) if isinstance(t, ox.NamedNode)))
        groups.append((anchor, heading, kind, members))
    parts.append("<nav>" + "".join(f'<a href="#{a}">{escape(h)} ({len(m)})</a>' for a, h, _, m in groups if m)
                 + "</nav>")
    for anchor, heading, kind, members in groups:
        if not members:
            continue
        parts.append(f'<h2 id="{anchor}">{escape(heading)}</h2>')
        for iri in members:
            props = about[iri]
            local = iri[len(namespace):]
            rows = []
            for lang, name in (("en", "definition"), ("vi", "định nghĩa")):
                text = _text(props.get(SKOS + "definition", []), lang)
                if text:
                    rows.append(f'<dt>{name}</dt><dd lang="{lang}">{escape(text)}</dd>')
            for predicate, name in RELATIONS:
                values = props.get(predicate, [])
                if values:
                    rows.append(f"<dt>{name}</dt><dd>{', '.join(_value(v) for v in values)}</dd>")
            uses = examples(store, iri, kind == OWL + "Class")
            if uses:
                rows.append("<dt>examples · ví dụ</dt>" + "".join(f"<dd>{use}</dd>" for use in uses))
            parts.append(
                f'<section class="term" id="{escape(local)}"><h3><code>gg:{escape(local)}</code> · '
                f'{escape(_text(props.get(RDFS + "label", []), "en"))} · <span class="vi" lang="vi">'
                f'{escape(_text(props.get(RDFS + "label", []), "vi"))}</span></h3><dl>{"".join(rows)}</dl></section>')
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title_en)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>'
            f"<body>{''.join(parts)}</body></html>\n")
