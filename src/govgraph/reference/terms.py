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
    """The IRI ``value`` as a term.

    >>> iri("https://w3id.org/govgraph/id/unit/31/2025-07-01").value
    'https://w3id.org/govgraph/id/unit/31/2025-07-01'
    """
    return ox.NamedNode(str(value))


def vi(text: str) -> ox.Literal:
    """A Vietnamese literal (``@vi``).

    >>> vi("Thành phố Hải Phòng").language
    'vi'
    """
    return ox.Literal(text, language="vi")


def en(text: str) -> ox.Literal:
    """An English literal (``@en``)."""
    return ox.Literal(text, language="en")


def date(value: str) -> ox.Literal:
    """An ``xsd:date`` literal from ``YYYY-MM-DD``.

    >>> date("2025-07-01").datatype.value
    'http://www.w3.org/2001/XMLSchema#date'
    """
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
    """A plain (``xsd:string``) literal, such as an official code."""
    return ox.Literal(value)
