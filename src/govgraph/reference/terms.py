"""Small helpers that make pyoxigraph terms for generated data."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from govgraph.namespaces import PREFIXES

_XSD = PREFIXES["xsd"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(str(value))


def vi(text: str) -> ox.Literal:
    return ox.Literal(text, language="vi")


def en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(_XSD + "date"))


def decimal(value: float) -> ox.Literal:
    """An ``xsd:decimal`` written the way the source wrote it, without float noise.

    >>> decimal(105.845).value
    '105.845'
    """
    return ox.Literal(format(Decimal(repr(float(value))), "f"), datatype=ox.NamedNode(_XSD + "decimal"))


def string(value: str) -> ox.Literal:
    return ox.Literal(value)
