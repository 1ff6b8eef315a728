"""The DCAT-AP description of a release: the dataset, each distribution (licence, publisher, issued/modified,
byte size, media type, SHA-256 via ``spdx:checksum``) and VoID statistics per named graph.

The VoID part (counts per named graph, class and property partitions) comes from the server's
:mod:`govgraph.server.void`, the one place that computes it; this module adds what a release has and a
running server does not (files, checksums, dates, version) and leaves out what only a server has (its SPARQL
endpoint).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox

from govgraph.namespaces import BASE, ONTOLOGY_IRI
from govgraph.server.void import (DCAT, DCT, LICENSE, RDF_TYPE, VOID, XSD, GraphStatistics, statistics,
                                  void_triples)

SPDX = "http://spdx.org/rdf/terms#"
FOAF = "http://xmlns.com/foaf/0.1/"
OWL = "http://www.w3.org/2002/07/owl#"
ADMS = "http://www.w3.org/ns/adms#"
IANA = "https://www.iana.org/assignments/media-types/"
RELEASES = BASE + "release/"
PUBLISHER = BASE
PUBLISHER_NAME = "govgraph developers"
CATALOG_FILE = "catalog.ttl"
SERVER_ONLY = {VOID + "sparqlEndpoint"}


@dataclass(frozen=True)
class PublishedFile:
    """A file of the release as the catalogue describes it."""

    name: str
    title: str
    media_type: str
    size: int
    sha256: str
    compressed: bool = True


def release_base(version: str) -> str:
    """The IRI under which the files of release ``version`` are described.

    >>> release_base("0.1.0")
    'https://w3id.org/govgraph/release/0.1.0/'
    """
    return f"{RELEASES}{version}/"


def dataset_iri(version: str) -> str:
    """The IRI the DCAT and VoID description gives the dataset of release ``version``."""
    return release_base(version) + ".well-known/void#govgraph"


def graph_statistics(store: ox.Store) -> list[GraphStatistics]:
    """The VoID counts of ``store``, per named graph (the costly part of :func:`describe`)."""
    return statistics(SimpleNamespace(store=store))


def describe(store: ox.Store | None, version: str, issued: str, modified: str,
             files: list[PublishedFile], *, stats: list[GraphStatistics] | None = None) -> list[ox.Triple]:
    """The catalogue of release ``version``; ``issued`` is the first release's day, ``modified`` this one's.
    ``stats`` are ``store``'s :func:`graph_statistics` when they were computed already."""
    base = release_base(version)
    stats = stats if stats is not None else graph_statistics(store)
    described = void_triples(stats, base, {})
    service = ox.NamedNode(base + ".well-known/void#sparql")
    out = [t for t in described if t.predicate.value not in SERVER_ONLY and t.subject != service
           and t.object != service]
    dataset = ox.NamedNode(dataset_iri(version))

    def add(subject, predicate: str, value) -> None:
        out.append(ox.Triple(subject, ox.NamedNode(predicate), value))

    def day(text: str) -> ox.Literal:
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "date"))

    publisher = ox.NamedNode(PUBLISHER)
    add(publisher, RDF_TYPE, ox.NamedNode(FOAF + "Organization"))
    add(publisher, FOAF + "name", ox.Literal(PUBLISHER_NAME))
    add(dataset, DCT + "publisher", publisher)
    add(dataset, DCT + "issued", day(issued))
    add(dataset, DCT + "modified", day(modified))
    add(dataset, DCAT + "version", ox.Literal(version))
    add(dataset, OWL + "versionInfo", ox.Literal(version))
    add(dataset, DCT + "conformsTo", ox.NamedNode(ONTOLOGY_IRI))
    for published in files:
        distribution = ox.NamedNode(base + published.name)
        url = ox.NamedNode(base + published.name)
        add(dataset, DCAT + "distribution", distribution)
        if published.compressed:
            add(dataset, VOID + "dataDump", url)
        add(distribution, RDF_TYPE, ox.NamedNode(DCAT + "Distribution"))
        add(distribution, DCT + "title", ox.Literal(published.title, language="en"))
        add(distribution, DCAT + "downloadURL", url)
        add(distribution, DCAT + "accessURL", url)
        add(distribution, DCAT + "mediaType", ox.NamedNode(IANA + published.media_type))
        if published.compressed:
            add(distribution, DCAT + "compressFormat", ox.NamedNode(IANA + "application/gzip"))
        add(distribution, DCAT + "byteSize",
            ox.Literal(str(published.size), datatype=ox.NamedNode(XSD + "nonNegativeInteger")))
        add(distribution, DCT + "license", ox.NamedNode(LICENSE))
        add(distribution, DCT + "issued", day(modified))
        checksum = ox.BlankNode()
        add(distribution, SPDX + "checksum", checksum)
        add(checksum, RDF_TYPE, ox.NamedNode(SPDX + "Checksum"))
        add(checksum, SPDX + "algorithm", ox.NamedNode(SPDX + "checksumAlgorithm_sha256"))
        add(checksum, SPDX + "checksumValue", ox.Literal(published.sha256, datatype=ox.NamedNode(XSD + "hexBinary")))
    return out


PREFIXES = {"dcat": DCAT, "dct": DCT, "void": VOID, "spdx": SPDX, "foaf": FOAF, "owl": OWL, "xsd": XSD}


def write_catalog(triples: list[ox.Triple], folder: Path) -> Path:
    """Write the catalogue's statements as Turtle into ``folder``; returns its path."""
    path = folder / CATALOG_FILE
    ox.serialize(triples, str(path), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return path


def read_catalog(folder: Path) -> dict[str, str]:
    """The version and first-issued day a previous release's catalogue states (empty when it has none)."""
    path = folder / CATALOG_FILE
    found: dict[str, str] = {}
    if not path.is_file():
        return found
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if not triple.subject.value.endswith("#govgraph"):
            continue
        if triple.predicate.value == DCAT + "version":
            found["version"] = triple.object.value
        elif triple.predicate.value == DCT + "issued":
            found["issued"] = triple.object.value
    return found
