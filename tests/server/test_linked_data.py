"""Linked-data pages in-process: HTML for people, RDF by Accept and by extension, 404/406, ETag and 304,
the ontology and its terms."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

UNIT = "/id/unit/31/2025-07-01"
CAT_HAI = "/id/unit/11914/2025-07-01"
IRI = "https://w3id.org/govgraph" + UNIT
FORMATS = {"text/turtle": ("ttl", ox.RdfFormat.TURTLE), "application/n-triples": ("nt", ox.RdfFormat.N_TRIPLES),
           "application/ld+json": ("jsonld", ox.RdfFormat.JSON_LD),
           "application/rdf+xml": ("rdf", ox.RdfFormat.RDF_XML)}


def statements(built_store, iri: str) -> set[ox.Triple]:
    node = ox.NamedNode(iri)
    return {ox.Triple(q.subject, q.predicate, q.object) for q in built_store.oxigraph.quads_for_pattern(node, None, None)}


def test_a_browser_gets_html_with_both_languages_and_the_unit_sections(client):
    response = client.get(UNIT, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<h1" in page and "Thành phố Hải Phòng" in page
    # types and property labels, linked to their local pages
    assert 'href="/ontology#CentrallyRunCity"' in page
    assert 'href="/ontology#officialCode"' in page
    # organs and posts, with their holders (curated from the founding article)
    assert "Ủy ban nhân dân Thành phố Hải Phòng" in page and "Lê Ngọc Châu" in page and "Lê Tiến Châu" in page
    # where it came from: the two former provinces, whole, with the resolution
    assert "Predecessors" in page and "whole" in page and "202/2025/QH15" in page
    assert 'href="/id/unit/30/until-2025-06-30"' in page  # former Hải Dương
    # its 114 commune-level units
    assert "Subordinate units: 114" in page
    # incoming links and provenance
    assert "Incoming links" in page and "Provenance" in page


def test_provenance_shows_the_source_and_the_quote(client):
    page = client.get("/id/person/le-tien-chau").text
    assert "Provenance" in page and "<blockquote" in page and "Bí thư Thành ủy Hải Phòng" in page
    assert 'href="/id/source/tienphong-2025-10-02-haiphong"' in page
    assert "Báo Tiền Phong" in page  # the source's publisher


def test_a_former_unit_shows_where_it_went(client):
    page = client.get("/id/unit/11917/until-2025-06-30").text
    assert "Successors" in page and 'href="/id/unit/11914/2025-07-01"' in page and "1669/NQ-UBTVQH15" in page


@pytest.mark.parametrize("media", list(FORMATS))
def test_rdf_by_accept_holds_the_unit_statements(client, built_store, media):
    response = client.get(UNIT, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "Accept" in response.headers["vary"]
    parsed = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(response.content, format=FORMATS[media][1])}
    assert statements(built_store, IRI) <= parsed


@pytest.mark.parametrize("media", list(FORMATS))
def test_rdf_by_extension_is_the_same_as_by_accept(client, media):
    by_extension = client.get(f"{UNIT}.{FORMATS[media][0]}")
    by_accept = client.get(UNIT, headers={"Accept": media})
    assert by_extension.status_code == 200
    assert by_extension.headers["content-type"] == by_accept.headers["content-type"]
    assert by_extension.content == by_accept.content


def test_curl_default_accept_gets_html_first_offer_and_q_values_are_honoured(client):
    assert client.get(UNIT, headers={"Accept": "*/*"}).headers["content-type"].startswith("text/html")
    turtle = client.get(UNIT, headers={"Accept": "text/html;q=0.1, text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")


def test_unacceptable_type_is_406_and_unknown_iri_is_404(client):
    assert client.get(UNIT, headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/id/unit/99999/2025-07-01").status_code == 404
    assert client.get("/id/unit/99999/2025-07-01.ttl").status_code == 404
    for hostile in ("/id/%3Cx%3E", "/id/a%20b", "/id/x%22%7D", "/id/%00"):
        assert client.get(hostile).status_code == 404


def test_etag_and_304(client):
    first = client.get(UNIT, headers={"Accept": "text/turtle"})
    tag = first.headers["etag"]
    again = client.get(UNIT, headers={"Accept": "text/turtle", "If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    other_type = client.get(UNIT, headers={"Accept": "text/html", "If-None-Match": tag})
    assert other_type.status_code == 200 and other_type.headers["etag"] != tag


def test_head_answers_headers_only(client):
    response = client.head(UNIT, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.content == b"" and "etag" in response.headers


def test_ontology_page_lists_every_term_in_both_languages(client, built_store):
    page = client.get("/ontology", headers={"Accept": "text/html"}).text
    terms = [row["t"].value for row in built_store.oxigraph.query(
        "SELECT DISTINCT ?t WHERE { GRAPH <https://w3id.org/govgraph/graph/ontology> { ?t a ?k "
        "FILTER (?k IN (<http://www.w3.org/2002/07/owl#Class>, <http://www.w3.org/2002/07/owl#ObjectProperty>, "
        "<http://www.w3.org/2002/07/owl#DatatypeProperty>)) FILTER STRSTARTS(STR(?t), "
        "'https://w3id.org/govgraph/ontology#') } }")]
    assert len(terms) > 60
    anchors = set(re.findall(r'<section id="([^"]+)"', page))
    assert {t.split("#")[1] for t in terms} <= anchors
    assert "Ward" in anchors and "phường" in page and "definition (vi)" in page and "definition (en)" in page


def test_ontology_as_rdf_and_its_version_iri_resolves(client, built_store):
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    triples = list(ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))
    owl = "http://www.w3.org/2002/07/owl#"
    version = next(t.object.value for t in triples if t.predicate.value == owl + "versionIRI")
    assert version.startswith("https://w3id.org/govgraph/ontology/")
    by_version = client.get(version.replace("https://w3id.org/govgraph", ""), headers={"Accept": "text/turtle"})
    assert by_version.status_code == 200 and by_version.content == turtle.content
    term = client.get("/ontology.ttl")  # the document that answers for /ontology#Ward
    assert term.status_code == 200 and b"Ward" in term.content


def test_named_graph_iris_resolve(client):
    for name in ("ontology", "reference", "history", "curated"):
        assert client.get(f"/graph/{name}").status_code == 200
    page = client.get("/graph/reference").text
    assert "Named graph" in page and 'href="/.well-known/void"' in page
