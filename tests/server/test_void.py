"""VoID and DCAT at /.well-known/void: counts per named graph match the store."""

from __future__ import annotations

import pyoxigraph as ox

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"


def graph_of(response) -> ox.Store:
    store = ox.Store()
    store.load(response.content, format=ox.RdfFormat.TURTLE)
    return store


def value(store: ox.Store, subject: str, predicate: str) -> str:
    return next(store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None)).object.value


def test_void_counts_each_named_graph(client, built_store):
    response = client.get("/.well-known/void")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    void = graph_of(response)
    for row in built_store.oxigraph.query(
            "SELECT ?g (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?s_) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
        graph = row["g"].value
        assert int(value(void, graph, VOID + "triples")) == int(row["n"].value)
        assert int(value(void, graph, VOID + "distinctSubjects")) == int(row["s_"].value)
        assert value(void, graph, "http://purl.org/dc/terms/license") == "https://creativecommons.org/licenses/by/4.0/"
        assert value(void, graph, VOID + "sparqlEndpoint").endswith("/sparql")
        assert value(void, graph, VOID + "dataDump").split("/dumps/")[1].startswith("govgraph.")
        assert int(value(void, graph, VOID + "classes")) >= 1


def test_class_and_property_partitions(client):
    void = graph_of(client.get("/.well-known/void"))
    [row] = list(void.query(
        "SELECT ?n WHERE { <https://w3id.org/govgraph/graph/reference> <http://rdfs.org/ns/void#classPartition> ?p . "
        "?p <http://rdfs.org/ns/void#class> <https://w3id.org/govgraph/ontology#Ward> ; "
        "<http://rdfs.org/ns/void#entities> ?n }"))
    assert int(row["n"].value) > 600


def test_dcat_dataset_distributions_and_service(client):
    void = graph_of(client.get("/.well-known/void"))
    urls = [row["url"].value for row in void.query(
        "SELECT ?url WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; <http://www.w3.org/ns/dcat#distribution> ?x . "
        "?x <http://www.w3.org/ns/dcat#downloadURL> ?url }")]
    assert len(urls) == 4
    for url in urls:
        path = url.split("testserver", 1)[1]
        dump = client.get(path)
        assert dump.status_code == 200 and len(dump.content) > 1000
    assert bool(void.query("ASK { ?s a <http://www.w3.org/ns/dcat#DataService> ; "
                           "<http://www.w3.org/ns/dcat#endpointURL> ?e }"))


def test_void_in_other_formats_and_as_a_page(client):
    for extension, rdf_format in (("nt", ox.RdfFormat.N_TRIPLES), ("jsonld", ox.RdfFormat.JSON_LD),
                                  ("rdf", ox.RdfFormat.RDF_XML)):
        response = client.get(f"/.well-known/void.{extension}")
        assert response.status_code == 200 and len(list(ox.parse(response.content, format=rdf_format))) > 100
    page = client.get("/.well-known/void", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "https://w3id.org/govgraph/graph/reference" in page.text
