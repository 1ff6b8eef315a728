"""A term reads the same from pyoxigraph as from rdflib, so every format prints the same whatever the store."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from govgraph.rdf.convert import to_rdflib
from govgraph.store import terms

XSD = "http://www.w3.org/2001/XMLSchema#"
LEXICALS = ["0", "01", "+7", "-0", "1.50", ".5", "1.", "1e3", "1.0E2", "-INF", "NaN", "true", "TRUE", "1", "0",
            "false", "yes", "2025-07-01", "2025-02-30", "2025-07-01Z", "2025-07-01+07:00", "abc", " 5 ", "1_000",
            "2025-07-01T08:30:00Z", "P1D", "PT36H", "12:30:00"]
DATATYPES = ["integer", "int", "byte", "unsignedShort", "nonNegativeInteger", "decimal", "double", "float",
             "boolean", "date", "dateTime", "time", "duration", "dayTimeDuration", "gYear", "string", "anyURI"]


@pytest.mark.filterwarnings("ignore:Parsing weird boolean")
@pytest.mark.parametrize("datatype", DATATYPES)
def test_a_literal_reads_as_rdflib_reads_it(datatype):
    for text in LEXICALS:
        native = ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))
        rdflib_term = to_rdflib(native)
        assert terms.lexical(native) == str(rdflib_term), (text, datatype)
        assert terms.datatype(native) == terms.datatype(rdflib_term), (text, datatype)
        expected = rdflib_term.toPython()
        expected = expected if isinstance(expected, (int, float, Decimal)) else None
        found = terms.number(native)
        assert found == expected or (found != found and expected != expected), (text, datatype)  # NaN is NaN
        assert type(found) is type(expected), (text, datatype)


@pytest.mark.parametrize("native,rdflib_term", [
    (ox.NamedNode("https://w3id.org/govgraph/id/unit/31/2025-07-01"),
     URIRef("https://w3id.org/govgraph/id/unit/31/2025-07-01")),
    (ox.BlankNode("b7"), BNode("b7")),
    (ox.Literal("Hải Phòng", language="vi"), Literal("Hải Phòng", lang="vi")),
    (ox.Literal("plain"), Literal("plain")),
])
def test_iris_blank_nodes_and_strings_read_alike(native, rdflib_term):
    for read in (terms.kind, terms.lexical, terms.language, terms.datatype, terms.number):
        assert read(native) == read(rdflib_term), read.__name__


def test_a_table_of_pyoxigraph_terms_gives_rdflib_rows():
    from govgraph.store.base import ResultTable

    table = ResultTable(["unit", "n"], [(ox.NamedNode("http://e/a"), None)])
    assert table.rows == [(URIRef("http://e/a"), None)] and len(table) == 1


@pytest.mark.parametrize("binding", [
    {"type": "uri", "value": "https://w3id.org/govgraph/id/unit/31/2025-07-01"},
    {"type": "uri", "value": "http://e/a b"},
    {"type": "bnode", "value": "b1"},
    {"type": "bnode", "value": "nodeID://b1"},
    {"type": "literal", "value": "Hải Phòng", "xml:lang": "vi"},
    {"type": "literal", "value": "Hai Phong", "xml:lang": "en-US"},
    {"type": "literal", "value": "01", "datatype": XSD + "integer"},
    {"type": "typed-literal", "value": "2025-07-01", "datatype": XSD + "date"},
    {"type": "literal", "value": "x", "datatype": XSD + "string"},
    {"type": "literal", "value": "plain"},
])
def test_an_endpoints_term_reads_as_before(binding):
    """Before, every binding became an rdflib term; pyoxigraph's (or rdflib's where it refuses) read the same."""
    term = terms.from_json(binding)
    kind, text = binding["type"], binding["value"]
    old = (URIRef(text) if kind == "uri" else BNode(text) if kind == "bnode"
           else Literal(text, lang=binding["xml:lang"]) if "xml:lang" in binding
           else Literal(text, datatype=URIRef(binding["datatype"]) if binding.get("datatype", XSD + "string")
                        != XSD + "string" else None))
    for read in (terms.kind, terms.lexical, terms.language, terms.datatype, terms.number):
        assert read(term) == read(old), read.__name__
    assert terms.to_rdflib_row((term,)) == (old,)
