"""The media types a query answer can take, by kind of answer, and the short names ``govgraph sparql`` uses.

>>> choose("graph", ["application/sparql-results+json", "text/turtle"])
'text/turtle'
>>> choose("solutions", "text/turtle")
Traceback (most recent call last):
govgraph.errors.NotAcceptable: a SELECT query answers with solutions, not text/turtle (use application/sparql-results+json, application/sparql-results+xml, text/csv or text/tab-separated-values)
"""

from __future__ import annotations

from collections.abc import Sequence

from govgraph.errors import NotAcceptable

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"

MEDIA_TYPES: dict[str, tuple[str, ...]] = {
    "solutions": (SPARQL_JSON, SPARQL_XML, CSV, TSV),
    "boolean": (SPARQL_JSON, SPARQL_XML),
    "graph": (TURTLE, N_TRIPLES, JSON_LD, RDF_XML),
}
DEFAULT = {kind: types[0] for kind, types in MEDIA_TYPES.items()}

# --format names of govgraph sparql
NAMES: dict[str, str] = {
    "json": SPARQL_JSON, "xml": SPARQL_XML, "csv": CSV, "tsv": TSV,
    "turtle": TURTLE, "ntriples": N_TRIPLES, "jsonld": JSON_LD, "rdfxml": RDF_XML,
}
_FORM = {"solutions": "a SELECT query", "boolean": "an ASK query", "graph": "a CONSTRUCT or DESCRIBE query"}
_WHAT = {"solutions": "solutions", "boolean": "a boolean", "graph": "a graph"}


def _bare(media_type: str) -> str:
    return media_type.split(";", 1)[0].strip().lower()


def choose(kind: str, media_type: str | Sequence[str]) -> str:
    """The first of the wanted media types (in order of preference) that an answer of ``kind`` can take."""
    wanted = [media_type] if isinstance(media_type, str) else list(media_type)
    for candidate in map(_bare, wanted):
        if candidate in MEDIA_TYPES[kind]:
            return candidate
        if candidate in ("*/*", ""):
            return DEFAULT[kind]
    offered = MEDIA_TYPES[kind]
    raise NotAcceptable(f"{_FORM[kind]} answers with {_WHAT[kind]}, not {', '.join(wanted) or 'nothing'} "
                        f"(use {', '.join(offered[:-1])} or {offered[-1]})")
