"""Convert pyoxigraph terms and statements to rdflib (pySHACL and rdflib's engine need rdflib)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal, *, as_written: bool = False) -> Node:
    """An rdflib term equal to a pyoxigraph term; ``as_written``, a literal keeps its text (rdflib otherwise
    rewrites what it reads: ``"yes"^^xsd:boolean`` becomes ``false``).

    >>> to_rdflib(ox.Literal("31"))
    rdflib.term.Literal('31')
    >>> to_rdflib(ox.Literal("2025-07-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))
    rdflib.term.Literal('2025-07-01', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    >>> str(to_rdflib(ox.Literal("1e5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
    ...               as_written=True))
    '1e5'
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
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype), normalize=False if as_written else None)
    raise TypeError(f"cannot convert {term!r} to rdflib")


def rdflib_graph(quads: Iterable[ox.Quad | ox.Triple], *, as_written: bool = False) -> rdflib.Graph:
    """One rdflib graph holding the triples of ``quads``, named graphs merged (literals ``as_written``: see
    :func:`to_rdflib`)."""
    graph = rdflib.Graph()
    add = graph.add
    cache: dict[object, Node] = {}

    def convert(term):
        found = cache.get(term)
        if found is None:
            found = cache[term] = to_rdflib(term, as_written=as_written)
        return found

    for quad in quads:
        add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    return graph
