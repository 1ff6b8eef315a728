"""The read-only guard: refusals by token, never by words inside strings, comments, IRIs or prefixed names."""

from __future__ import annotations

import pytest

from govgraph.errors import QueryRefused
from govgraph.sparql.guard import check, query_form
from govgraph.sparql.prefixes import PREDECLARED
from govgraph.sparql.tokens import tokenize


@pytest.mark.parametrize("query,word", [
    ("INSERT DATA { <http://e/a> <http://e/p> 1 }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("load <http://example.org/data.ttl> INTO GRAPH <http://e/g>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("CREATE GRAPH <http://e/g>", "CREATE"),
    ("DROP SILENT GRAPH <http://e/g>", "DROP"),
    ("COPY DEFAULT TO <http://e/g>", "COPY"),
    ("MOVE <http://e/a> TO <http://e/b>", "MOVE"),
    ("ADD <http://e/a> TO <http://e/b>", "ADD"),
    ("WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("SELECT * { ?s ?p ?o } ;\nDROP ALL", "DROP"),
    ("PREFIX e: <http://e/>\n# a comment\nINSERT { ?s e:p 1 } WHERE { ?s ?p ?o }", "INSERT"),
])
def test_updates_are_refused_with_one_line(query, word):
    with pytest.raises(QueryRefused) as caught:
        check(query)
    message = str(caught.value)
    assert f"{word} is an update" in message and "\n" not in message


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service ?endpoint { ?s ?p ?o } }",
])
def test_service_is_refused(query):
    with pytest.raises(QueryRefused, match="SERVICE is refused"):
        check(query)


@pytest.mark.parametrize("query", [
    "SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX e: <http://example.org/> SELECT * FROM e:data WHERE { ?s ?p ?o }",
    "BASE <http://example.org/> SELECT * FROM <data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM <https://w3id.org/govgraph/graph/../../elsewhere/x> { ?s ?p ?o }",
    "SELECT * FROM <https://w3id.org/govgraph/id/unit/31/2025-07-01> { ?s ?p ?o }",
])
def test_from_outside_govgraphs_graphs_is_refused(query):
    with pytest.raises(QueryRefused, match="FROM .* is refused"):
        check(query)


@pytest.mark.parametrize("query", [
    "SELECT * FROM <https://w3id.org/govgraph/graph/curated> WHERE { ?s ?p ?o }",
    "SELECT * FROM graph:reference FROM NAMED graph:history WHERE { ?s ?p ?o }",
    "PREFIX g: <https://w3id.org/govgraph/graph/> SELECT * FROM g:curated { ?s ?p ?o }",
])
def test_from_govgraphs_own_graphs_is_allowed(query):
    assert check(query).has_dataset


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "INSERT DATA { <a> <b> <c> }" }',
    "SELECT * WHERE { ?s ?p '''DROP ALL\nLOAD <http://x>''' }",
    "SELECT * WHERE { ?s ?p ?o } # DROP ALL, SERVICE <http://x>",
    "SELECT * WHERE { ?s <http://example.org/LOAD> ?o }",
    "PREFIX load: <http://e/> PREFIX drop: <http://e/d#> SELECT * WHERE { ?s load:x drop:service }",
    "SELECT ?insert ?delete WHERE { ?insert ?delete ?service }",
    "SELECT * WHERE { ?s ?p 'x'@add }",
    'SELECT * WHERE { ?s ?p """a \\""" LOAD <http://x> """ }',
    "SELECT * WHERE { ?s ?p _:service }",
])
def test_keywords_in_strings_comments_iris_and_names_are_not_refused(query):
    assert check(query).form == "SELECT"


@pytest.mark.parametrize("query,form,kind", [
    ("SELECT * { ?s ?p ?o }", "SELECT", "solutions"),
    ("PREFIX ask: <http://e/> ask { ?s ask:p ?o }", "ASK", "boolean"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", "graph"),
    ("# describe\nDESCRIBE <https://w3id.org/govgraph/id/unit/31/2025-07-01>", "DESCRIBE", "graph"),
])
def test_query_form_and_kind(query, form, kind):
    assert query_form(query) == form
    assert check(query).kind == kind


def test_predeclared_prefixes_are_added_only_when_used_and_not_declared():
    checked = check("PREFIX gg: <http://mine/> SELECT * { ?u gg:x ?o ; skos:prefLabel ?l ; org:x ?y }")
    assert checked.missing_prefixes() == {"org": PREDECLARED["org"], "skos": PREDECLARED["skos"]}
    text = checked.with_prefixes()
    assert text.count("\n") == checked.text.count("\n")  # the user's line numbers are kept
    assert "PREFIX gg:" in text and text.count("PREFIX gg:") == 1


def test_prefixes_cover_the_projects_vocabularies():
    for name in ("gg", "id", "unit", "org", "prov", "skos", "rdfs", "rdf", "xsd", "owl", "dct", "foaf", "m8g",
                 "qb", "eli", "graph"):
        assert name in PREDECLARED


def test_tokens_keep_line_numbers():
    tokens = list(tokenize("SELECT *\n# c\nWHERE {\n  ?s ?p 'a' }"))
    assert [(t.text, t.line) for t in tokens if t.kind != "punct"] == [
        ("SELECT", 1), ("WHERE", 3), ("?s", 4), ("?p", 4), ("'a'", 4)]


def test_refusal_names_the_line():
    with pytest.raises(QueryRefused, match="^line 3: DROP"):
        check("SELECT * { ?s ?p ?o }\n;\nDROP ALL")
