"""Parameter binding: a VALUES row at the head of the WHERE group, from validated terms only."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from govgraph.errors import UsageError
from govgraph.store import EmbeddedStore
from govgraph.store.values import sparql_term, where_group_start, with_values

DATA = '<http://e/a> <http://e/code> "31" . <http://e/b> <http://e/code> "32" .'


@pytest.mark.parametrize("query,expected", [
    ("SELECT ?x WHERE { ?x ?p ?o }", " ?x ?p ?o }"),
    ("PREFIX e: <http://e/#> SELECT * { ?x ?p ?o }", " ?x ?p ?o }"),
    ("# a comment with { brace\nSELECT ?x WHERE { ?x ?p '{' }", " ?x ?p '{' }"),
    ('SELECT ?x WHERE { ?x ?p """multi\n{line""" }', ' ?x ?p """multi\n{line""" }'),
    ("SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } }", " { SELECT ?x WHERE { ?x ?p ?o } } }"),
])
def test_where_group_start(query, expected):
    assert query[where_group_start(query):] == expected


def test_query_without_group_is_refused():
    with pytest.raises(UsageError):
        where_group_start("ASK")


def test_binding_filters_like_a_join():
    store = EmbeddedStore.from_turtle(DATA)
    query = "SELECT ?x WHERE { ?x <http://e/code> ?code }"
    assert [str(r[0]) for r in store.select(with_values(query, {"code": Literal("31")})).rows] == ["http://e/a"]


def test_typed_terms_keep_their_datatype():
    assert sparql_term(Literal("2025-07-01", datatype=XSD.date)) == '"2025-07-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert sparql_term(Literal("Hải Phòng", lang="vi")) == '"Hải Phòng"@vi'


@pytest.mark.parametrize("hostile", [
    '31" } ?x ?p ?o { "',
    "31' } DROP ALL #",
    '31\\" . } INSERT DATA { <http://e/x> <http://e/y> 1 } #',
    "31\n} LOAD <http://evil/> #",
    '31""" } ?x ?p ?o { """',
    "31\\",
])
def test_hostile_literals_stay_literals(hostile):
    store = EmbeddedStore.from_turtle(DATA)
    query = with_values("SELECT ?x WHERE { ?x <http://e/code> ?code }", {"code": Literal(hostile)})
    assert store.select(query).rows == []


@pytest.mark.parametrize("iri", ["http://e/a> } #", "http://e/a b", "http://e/<a>", 'http://e/"'])
def test_malformed_iris_are_refused(iri):
    with pytest.raises(UsageError, match="not a valid IRI"):
        sparql_term(URIRef(iri))


def test_blank_nodes_cannot_be_bound():
    with pytest.raises(UsageError):
        sparql_term(BNode())


@pytest.mark.parametrize("awkward", ['say "hi"', "two\nlines", "back\\slash", 'ends with quote"', "tab\there"])
def test_awkward_values_round_trip(awkward):
    store = EmbeddedStore.from_turtle(f'<http://e/a> <http://e/code> {sparql_term(Literal(awkward))} .')
    query = with_values("SELECT ?x WHERE { ?x <http://e/code> ?code }", {"code": Literal(awkward)})
    assert [str(r[0]) for r in store.select(query).rows] == ["http://e/a"]
