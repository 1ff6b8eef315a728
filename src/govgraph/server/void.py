"""VoID and DCAT: what the dataset holds, per named graph, and where to get it.

``/.well-known/void`` (RFC 5785 via the VoID spec) answers a VoID description (statements, distinct subjects,
classes and properties with their counts, licence, dumps, the SPARQL endpoint, per named graph) together
with a DCAT catalogue of the dataset, its dump distributions and the endpoint as a data service.
Counts are computed once per server start from the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from govgraph.namespaces import BASE, ID, ONTOLOGY_IRI
from govgraph.server.graph import GraphReader
from govgraph.server.negotiation import HTML, RDF_FORMATS, choose
from govgraph.server.pages.html import join, layout, prefixed, table, tag
from govgraph.server.responses import content_type, error, etag, not_modified, serialize

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DUMPS = {"govgraph.trig": "application/trig", "govgraph.nq": "application/n-quads",
         "govgraph.ttl": "text/turtle", "govgraph.nt": "application/n-triples"}

GRAPH_COUNTS = """SELECT ?g (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects)
WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"""
CLASSES = """SELECT ?g ?class (COUNT(DISTINCT ?s) AS ?n)
WHERE { GRAPH ?g { ?s a ?class } } GROUP BY ?g ?class ORDER BY ?g ?class"""
PROPERTIES = """SELECT ?g ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ?p ORDER BY ?g ?p"""


@dataclass
class GraphStatistics:
    """The VoID counts of one named graph: statements, distinct subjects and objects, distinct subjects per class and
    statements per property.
    """

    name: str
    triples: int
    subjects: int
    objects: int
    classes: dict[str, int] = field(default_factory=dict)
    properties: dict[str, int] = field(default_factory=dict)


def statistics(reader: GraphReader) -> list[GraphStatistics]:
    """Counts per named graph, in graph-name order."""
    graphs = {row["g"].value: GraphStatistics(row["g"].value, int(row["triples"].value), int(row["subjects"].value),
                                              int(row["objects"].value))
              for row in reader.store.query(GRAPH_COUNTS)}
    for row in reader.store.query(CLASSES):
        graphs[row["g"].value].classes[row["class"].value] = int(row["n"].value)
    for row in reader.store.query(PROPERTIES):
        graphs[row["g"].value].properties[row["p"].value] = int(row["n"].value)
    return list(graphs.values())


def void_triples(stats: list[GraphStatistics], base: str, dumps: dict[str, int]) -> list[ox.Triple]:
    """The VoID and DCAT description; ``base`` is this server's URL (ending in ``/``), ``dumps`` name -> bytes.

    >>> t = void_triples([GraphStatistics(BASE + "graph/curated", 3, 1, 2, {"http://e/C": 1}, {"http://e/p": 3})],
    ...                  "http://127.0.0.1:8080/", {"govgraph.nq": 10})
    >>> any(x.predicate.value == VOID + "triples" and x.object.value == "3" for x in t)
    True
    """
    document = base + ".well-known/void"
    dataset = ox.NamedNode(document + "#govgraph")
    out: list[ox.Triple] = []

    def add(subject, predicate: str, value) -> None:
        out.append(ox.Triple(subject, ox.NamedNode(predicate), value))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))

    def iri(text: str) -> ox.NamedNode:
        return ox.NamedNode(text)

    endpoint = iri(base + "sparql")
    for kind in (VOID + "Dataset", DCAT + "Dataset"):
        add(dataset, RDF_TYPE, iri(kind))
    add(dataset, DCT + "title", ox.Literal("govgraph: Vietnam's two-tier local government", language="en"))
    add(dataset, DCT + "title", ox.Literal("govgraph: chính quyền địa phương hai cấp của Việt Nam", language="vi"))
    add(dataset, DCT + "description", ox.Literal(
        "Administrative units and their versions since the reform of 1 July 2025, their organs, posts and holders, "
        "directives and task assignments, with provenance.", language="en"))
    add(dataset, DCT + "license", iri(LICENSE))
    add(dataset, VOID + "sparqlEndpoint", endpoint)
    add(dataset, VOID + "uriSpace", ox.Literal(ID))
    add(dataset, VOID + "vocabulary", iri(ONTOLOGY_IRI))
    add(dataset, VOID + "exampleResource", iri(ID + "unit/31/2025-07-01"))
    add(dataset, VOID + "triples", integer(sum(s.triples for s in stats)))
    add(dataset, DCAT + "landingPage", iri(base))
    for name, size in dumps.items():
        url = iri(base + "dumps/" + name)
        add(dataset, VOID + "dataDump", url)
        distribution = iri(document + "#dump-" + name.rsplit(".", 1)[1])
        add(dataset, DCAT + "distribution", distribution)
        add(distribution, RDF_TYPE, iri(DCAT + "Distribution"))
        add(distribution, DCAT + "downloadURL", url)
        add(distribution, DCAT + "mediaType", iri("https://www.iana.org/assignments/media-types/" + DUMPS[name]))
        add(distribution, DCAT + "byteSize", ox.Literal(str(size), datatype=ox.NamedNode(XSD + "nonNegativeInteger")))
        add(distribution, DCT + "license", iri(LICENSE))
    service = iri(document + "#sparql")
    add(service, RDF_TYPE, iri(DCAT + "DataService"))
    add(service, DCAT + "endpointURL", endpoint)
    add(service, DCAT + "endpointDescription", endpoint)
    add(service, DCAT + "servesDataset", dataset)
    add(service, DCT + "license", iri(LICENSE))
    catalog = iri(document + "#catalog")
    add(catalog, RDF_TYPE, iri(DCAT + "Catalog"))
    add(catalog, DCT + "title", ox.Literal("govgraph catalogue", language="en"))
    add(catalog, DCAT + "dataset", dataset)
    add(catalog, DCAT + "service", service)
    for graph in stats:
        subset = iri(graph.name)
        add(dataset, VOID + "subset", subset)
        add(subset, RDF_TYPE, iri(VOID + "Dataset"))
        add(subset, DCT + "license", iri(LICENSE))
        add(subset, VOID + "sparqlEndpoint", endpoint)
        add(subset, VOID + "triples", integer(graph.triples))
        add(subset, VOID + "distinctSubjects", integer(graph.subjects))
        add(subset, VOID + "distinctObjects", integer(graph.objects))
        add(subset, VOID + "classes", integer(len(graph.classes)))
        add(subset, VOID + "properties", integer(len(graph.properties)))
        for name in dumps:
            add(subset, VOID + "dataDump", iri(base + "dumps/" + name))
        for kind, counts, key, measure in (("class", graph.classes, "classPartition", "entities"),
                                           ("property", graph.properties, "propertyPartition", "triples")):
            for index, (term, count) in enumerate(sorted(counts.items())):
                partition = ox.BlankNode()
                add(subset, VOID + key, partition)
                add(partition, VOID + kind, iri(term))
                add(partition, VOID + measure, integer(count))
    return out


def void_page(stats: list[GraphStatistics]) -> str:
    """The VoID and DCAT description as an HTML page."""
    parts = [tag("h1", "Dataset description (VoID and DCAT)"),
             tag("p", join(["As RDF: ", join((tag("a", label, href=f"/.well-known/void.{ext}") for label, ext in
                                              (("Turtle", "ttl"), ("N-Triples", "nt"), ("JSON-LD", "jsonld"),
                                               ("RDF/XML", "rdf"))), " "), ". Dumps: ",
                            join((tag("a", name, href=f"/dumps/{name}") for name in DUMPS), " "),
                            ". Licence: CC BY 4.0."]))]
    parts.append(table(["named graph", "statements", "distinct subjects", "classes", "properties"],
                       [[tag("a", prefixed(s.name), href=s.name.replace(BASE, "/")), f"{s.triples:,}",
                         f"{s.subjects:,}", len(s.classes), len(s.properties)] for s in stats]))
    for graph in stats:
        parts.append(tag("h2", prefixed(graph.name)))
        parts.append(table(["class", "entities"], [[prefixed(c), f"{n:,}"] for c, n in sorted(graph.classes.items())]))
        parts.append(table(["property", "statements"],
                           [[prefixed(p), f"{n:,}"] for p, n in sorted(graph.properties.items())]))
    return layout("VoID", join(parts))


def dump_sizes(build_dir: Path) -> dict[str, int]:
    """The size in bytes of each dump file present in ``build_dir``."""
    return {name: (build_dir / name).stat().st_size for name in DUMPS if (build_dir / name).is_file()}


async def void(request: Request) -> Response:
    """``/.well-known/void`` and ``/.well-known/void.{ext}``: the VoID and DCAT description, in the format of the
    extension (404 for one it does not know) or else of ``Accept``: Turtle, N-Triples, JSON-LD, RDF/XML or HTML
    (Turtle when it accepts anything; 406 for none of them). The counts are computed on the first request and kept;
    ``ETag`` and 304, ``Vary: Accept``, ``Access-Control-Allow-Origin: *``.
    """
    state = request.app.state.govgraph
    forced = None
    suffix = request.path_params.get("ext")
    if suffix:
        forced = next((media for media, (ext, _) in RDF_FORMATS.items() if ext == suffix), None)
        if forced is None:
            return error(404, f"no VoID as .{suffix}: use .ttl, .nt, .jsonld or .rdf")
    offers = [*RDF_FORMATS, HTML]
    media_type = forced or choose(request.headers.get("accept"), offers)
    headers = {"Vary": "Accept", "Access-Control-Allow-Origin": "*"}
    if media_type is None:
        return error(406, f"the VoID description is available as {', '.join(offers)}", headers=headers)
    if state.void_stats is None:
        state.void_stats = await run_in_threadpool(statistics, state.reader)
    base = str(request.base_url)
    tag_ = etag(state.reader.build_id, "void", base, media_type)
    headers["ETag"] = tag_
    if not_modified(request, tag_):
        return Response(status_code=304, headers=headers)
    if media_type == HTML:
        return HTMLResponse(void_page(state.void_stats), headers=headers)
    triples = void_triples(state.void_stats, base, dump_sizes(state.config.build_dir))
    return Response(serialize(triples, media_type), media_type=content_type(media_type), headers=headers)


async def dump(request: Request) -> Response:
    """``/dumps/{name}``: a dump file of the build directory, with its media type; 404 for a name that is not
    one of :data:`DUMPS` or a dump the build does not hold.
    """
    name = request.path_params["name"]
    path = request.app.state.govgraph.config.build_dir / name
    if name not in DUMPS or not path.is_file():
        return error(404, f"no dump {name!r}: the dumps are {', '.join(DUMPS)}")
    return FileResponse(path, media_type=content_type(DUMPS[name]))
