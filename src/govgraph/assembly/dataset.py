"""Assemble the govgraph dataset: one named graph per kind of source.

- ``graph/ontology``: ``ontology/*.ttl`` (classes, properties, concept schemes);
- ``graph/reference``: the national structure generated from the pinned source package;
- ``graph/history``: the structure in force until 30 June 2025 and the 2025 reorganisation events, generated
  from the same source package and ``data/reference/resolutions-2025.csv``;
- ``graph/curated``: ``data/curated/**/*.ttl``, hand-curated facts, each with its source and quote.

Synthetic data never enters this dataset.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph import __version__, resources
from govgraph.namespaces import CURATED_GRAPH, HISTORY_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from govgraph.rdf.parse import parse_file
from govgraph.reference.history import history_triples
from govgraph.reference.resolutions import RESOLUTIONS_FILE, read_resolutions
from govgraph.reference.source import PACKAGE, PINNED_VERSION, read_conversion, read_current_units, read_former_units
from govgraph.reference.structure import structure_triples
from govgraph.reference.terms import RDF_TYPE, date, en, iri, string

PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"


@dataclass
class SourceFiles:
    """The hand-edited inputs of a build; defaults to the project's own folders."""

    ontology: list[Path] = field(default_factory=lambda: resources.turtle_files(resources.ontology_dir()))
    curated: list[Path] = field(
        default_factory=lambda: resources.turtle_files(resources.data_dir() / "curated"))


def ontology_quads(sources: SourceFiles | None = None) -> list[ox.Quad]:
    sources = sources or SourceFiles()
    graph = iri(ONTOLOGY_GRAPH)
    return [q for path in sources.ontology for q in parse_file(path, graph=graph)]


def curated_quads(sources: SourceFiles | None = None) -> list[ox.Quad]:
    sources = sources or SourceFiles()
    graph = iri(CURATED_GRAPH)
    return [q for path in sources.curated for q in parse_file(path, graph=graph)]


def reference_quads() -> list[ox.Quad]:
    """The generated national structure, with a description of where it came from."""
    graph = iri(REFERENCE_GRAPH)
    provinces, communes = read_current_units()
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in structure_triples(provinces, communes)]
    source = iri(f"https://pypi.org/project/{PACKAGE}/{PINNED_VERSION}/")
    about = [
        (iri(REFERENCE_GRAPH), RDF_TYPE, iri(PROV + "Entity")),
        (iri(REFERENCE_GRAPH), iri(DCT + "title"), en("National structure of Vietnam's local government since 1 July 2025")),
        (iri(REFERENCE_GRAPH), iri(PROV + "wasDerivedFrom"), source),
        (iri(REFERENCE_GRAPH), iri(DCT + "source"), string(f"{PACKAGE}=={PINNED_VERSION}, data/dataset.db")),
        (iri(REFERENCE_GRAPH), iri(PROV + "wasGeneratedBy"), string(f"govgraph {__version__} build")),
        (source, iri(DCT + "license"), iri("https://opensource.org/license/mit")),
        (source, iri(DCT + "issued"), date("2025-08-23")),
    ]
    quads.extend(ox.Quad(s, p, o, graph) for s, p, o in about)
    return quads


def history_quads() -> list[ox.Quad]:
    """The former structure and the reorganisation events, with a description of where they came from."""
    graph = iri(HISTORY_GRAPH)
    provinces, communes = read_current_units()
    former = read_former_units()
    conversion = read_conversion(former)
    names = {p.code: p.name for p in provinces} | {c.code: c.name for c in communes}
    parents = {c.code: c.province_code for c in communes}
    triples = history_triples(former.units, conversion, names, read_resolutions(), parents)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    about = [
        (iri(HISTORY_GRAPH), RDF_TYPE, iri(PROV + "Entity")),
        (iri(HISTORY_GRAPH), iri(DCT + "title"), en("Vietnam's local government before 1 July 2025 and its reorganisation")),
        (iri(HISTORY_GRAPH), iri(PROV + "wasDerivedFrom"), iri(f"https://pypi.org/project/{PACKAGE}/{PINNED_VERSION}/")),
        (iri(HISTORY_GRAPH), iri(DCT + "source"),
         string(f"{PACKAGE}=={PINNED_VERSION}, data/dataset.db and data/converter_2025.json; data/{RESOLUTIONS_FILE}")),
        (iri(HISTORY_GRAPH), iri(PROV + "wasGeneratedBy"), string(f"govgraph {__version__} build")),
    ]
    quads.extend(ox.Quad(s, p, o, graph) for s, p, o in about)
    return quads


def assemble(sources: SourceFiles | None = None) -> ox.Store:
    """An in-memory store holding the four named graphs.

    Every file is parsed before anything is added, so a syntax error leaves nothing half-built.
    """
    quads = ontology_quads(sources) + curated_quads(sources) + reference_quads() + history_quads()
    store = ox.Store()
    store.extend(quads)
    return store
