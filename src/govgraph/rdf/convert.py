"""Convert pyoxigraph terms and statements to rdflib (pySHACL and rdflib's engine need rdflib)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """An rdflib term equal to a pyoxigraph term.

    >>> to_rdflib(ox.Literal("31"))
    rdflib.term.Literal('31')
    >>> to_rdflib(ox.Literal("2025-07-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))
    rdflib.term.Literal('2025-07-01', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    """
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))
    raise TypeError(f"cannot convert {term!r} to rdflib")


def rdflib_graph(quads: Iterable[ox.Quad | ox.Triple]) -> rdflib.Graph:
    """One rdflib graph holding the triples of ``quads``, named graphs merged."""
    graph = rdflib.Graph()
    add = graph.add
    cache: dict[object, Node] = {}

    def convert(term):
        found = cache.get(term)
        if found is None:
            found = cache[term] = to_rdflib(term)
        return found

    for quad in quads:
        add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    return graph
