"""Small helpers that make pyoxigraph terms for generated data."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from govgraph.namespaces import PREFIXES

_XSD = PREFIXES["xsd"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
_DATE, _DECIMAL = ox.NamedNode(_XSD + "date"), ox.NamedNode(_XSD + "decimal")  # made once, not per literal


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(str(value))


def vi(text: str) -> ox.Literal:
    return ox.Literal(text, language="vi")


def en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=_DATE)


def decimal(value: float) -> ox.Literal:
    """An ``xsd:decimal`` written the way the source wrote it, without float noise.

    >>> decimal(105.845).value, decimal(1e-05).value, decimal(2.0).value
    ('105.845', '0.00001', '2.0')
    """
    text = repr(float(value))
    if "e" in text or "n" in text:  # exponent notation (or inf, nan): written out by Decimal; else already plain
        text = format(Decimal(text), "f")
    return ox.Literal(text, datatype=_DECIMAL)


def string(value: str) -> ox.Literal:
    return ox.Literal(value)
