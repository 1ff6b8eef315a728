"""/sparql in-process: the SPARQL 1.1 Protocol, result formats by Accept, the Service Description, limits,
refusals and CORS."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from tests.server.conftest import REQUEST_CAP, ROW_CAP

COUNT_WARDS = "SELECT (COUNT(*) AS ?n) WHERE { ?u a gg:Ward }"
LABEL_31 = ("SELECT ?label WHERE { <https://w3id.org/govgraph/id/unit/31/2025-07-01> "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?label }")
CONSTRUCT_31 = ("CONSTRUCT { ?s ?p ?o } WHERE { BIND(<https://w3id.org/govgraph/id/unit/31/2025-07-01> AS ?s) "
                "?s ?p ?o }")


def wards(built_store) -> int:
    return int(built_store.oxigraph.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?u a <https://w3id.org/govgraph/ontology#Ward> }",
        use_default_graph_as_union=True).__next__()["n"].value)


def test_get_answers_sparql_json_by_default(client):
    response = client.get("/sparql", params={"query": LABEL_31})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    bindings = response.json()["results"]["bindings"]
    assert {b["label"]["value"] for b in bindings} == {"Thành phố Hải Phòng"}
    assert "Accept" in response.headers["vary"]


def test_post_form_and_direct_body_give_the_same_answer(client):
    form = client.post("/sparql", data={"query": COUNT_WARDS}, headers={"Accept": "text/csv"})
    direct = client.post("/sparql", content=COUNT_WARDS.encode(),
                         headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert form.status_code == direct.status_code == 200
    assert form.content == direct.content
    rows = list(csv.reader(io.StringIO(form.text)))
    assert rows[0] == ["n"] and int(rows[1][0]) > 600


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/html;q=0.9, text/csv;q=0.5", "text/csv"),
])
def test_select_results_follow_accept(client, accept, media):
    response = client.get("/sparql", params={"query": LABEL_31}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "Hải Phòng" in response.text


def test_xml_results_parse(client):
    response = client.get("/sparql", params={"query": LABEL_31}, headers={"Accept": "application/sparql-results+xml"})
    root = ET.fromstring(response.content)
    literals = root.findall(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert [literal.text for literal in literals] == ["Thành phố Hải Phòng"]


@pytest.mark.parametrize("accept, rdf_format", [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_construct_answers_each_rdf_format(client, accept, rdf_format):
    response = client.get("/sparql", params={"query": CONSTRUCT_31}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    triples = list(ox.parse(response.content, format=rdf_format))
    assert ox.Literal("31") in {t.object for t in triples}
    assert len(triples) >= 8


def test_ask_answers_a_boolean_and_refuses_csv(client):
    yes = client.get("/sparql", params={"query": "ASK { ?u gg:officialCode '31' }"})
    assert yes.json()["boolean"] is True
    csv_ = client.get("/sparql", params={"query": "ASK { ?u gg:officialCode '31' }"}, headers={"Accept": "text/csv"})
    assert csv_.status_code == 406


def test_no_acceptable_format_is_406(client):
    response = client.get("/sparql", params={"query": LABEL_31}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


def test_service_description_without_a_query(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    objects = {t.object for t in triples}
    assert ox.NamedNode(sd + "SPARQL11Query") in objects
    assert ox.NamedNode(sd + "UnionDefaultGraph") in objects
    assert ox.NamedNode("https://w3id.org/govgraph/graph/curated") in objects


def test_a_browser_asking_the_endpoint_is_sent_to_the_query_page(client):
    response = client.get("/sparql", headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/query"


@pytest.mark.parametrize("request_", [
    {"data": {"update": "DROP ALL"}},
    {"content": b"INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
     "headers": {"Content-Type": "application/sparql-update"}},
    {"data": {"query": "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"}},
    {"data": {"query": "LOAD <http://127.0.0.1:9/data.ttl>"}},
    {"data": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}},
    {"data": {"query": "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }"}},
])
def test_writes_and_outside_access_are_refused_with_403(client, built_store, request_):
    before = wards(built_store)
    response = client.post("/sparql", **request_)
    assert response.status_code == 403
    assert response.text.startswith("refused:") and len(response.text.strip().splitlines()) == 1
    assert wards(built_store) == before


def test_a_syntax_error_is_400_with_the_engine_message(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    assert response.status_code == 400
    assert "query failed" in response.text


def test_row_cap_cuts_the_answer_and_says_so(client):
    response = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s a gg:Commune }"},
                          headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert len(response.text.strip().splitlines()) == ROW_CAP + 1
    assert response.headers["x-govgraph-truncated"].startswith("true")


def test_request_size_cap_is_413(client):
    padding = "#" + "x" * REQUEST_CAP + "\n"
    body = client.post("/sparql", content=(padding + LABEL_31).encode(),
                       headers={"Content-Type": "application/sparql-query"})
    assert body.status_code == 413
    query_string = client.get("/sparql", params={"query": padding + LABEL_31})
    assert query_string.status_code == 413


def test_unknown_body_type_is_415(client):
    response = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 415


def test_two_queries_in_one_request_is_400(client):
    response = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert response.status_code == 400


def test_cors_simple_and_preflight(client):
    simple = client.get("/sparql", params={"query": LABEL_31}, headers={"Origin": "http://example.org"})
    assert simple.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/sparql", headers={"Origin": "http://example.org",
                                                   "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_predeclared_prefixes_need_no_declaration(client):
    response = client.get("/sparql", params={"query": COUNT_WARDS}, headers={"Accept": "application/json"})
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) > 600
