"""Assemble the govgraph dataset: one named graph per kind of source.

- ``graph/ontology``: ``ontology/*.ttl`` (classes, properties, concept schemes);
- ``graph/reference``: the national structure generated from the pinned source package;
- ``graph/history``: the structure in force until 30 June 2025 and the 2025 reorganisation events, generated
  from the same source package and ``data/reference/resolutions-2025.csv``;
- ``graph/curated``: ``data/curated/**/*.ttl``, hand-curated facts, each with its source and quote;
- ``graph/changes``: the reorganisations since 1 July 2025, from the change sets ``data/changes/*.toml`` (new unit
  versions, the ends of the old ones, events, transfers, legal acts and their sources);
- ``graph/holders``: who held the head offices of the province-level units, from ``data/holders/*.csv`` (holdings
  attached to the unit version valid on their days, people, sources).

Synthetic data never enters this dataset.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph import __version__, resources
from govgraph.namespaces import CURATED_GRAPH, HISTORY_GRAPH, ONTOLOGY_GRAPH, ONTOLOGY_IRI, REFERENCE_GRAPH
from govgraph.rdf.parse import parse_file
from govgraph.reference.changes import CHANGES_GRAPH, Applied, apply_change_sets, read_change_sets
from govgraph.reference.history import history_triples
from govgraph.reference.holders import HOLDERS_GRAPH, holder_triples, load_holders
from govgraph.reference.overrides import OVERRIDES_FILE, override_triples, read_overrides
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


OWL = "http://www.w3.org/2002/07/owl#"
VERSION_PROPERTIES = (OWL + "versionIRI", OWL + "versionInfo")


def version_triples(version: str = __version__) -> list[tuple[ox.NamedNode, ox.NamedNode, ox.Literal | ox.NamedNode]]:
    """The ontology's ``owl:versionIRI`` and ``owl:versionInfo``, from the one version in pyproject.toml.

    >>> [o.value for _, _, o in version_triples("1.2.3")]
    ['https://w3id.org/govgraph/ontology/1.2.3', '1.2.3']
    """
    head = iri(ONTOLOGY_IRI)
    return [(head, iri(OWL + "versionIRI"), iri(f"{ONTOLOGY_IRI}/{version}")),
            (head, iri(OWL + "versionInfo"), string(version))]


def ontology_quads(sources: SourceFiles | None = None) -> list[ox.Quad]:
    """The ontology files, with the version set by the build (a version in the files is replaced)."""
    sources = sources or SourceFiles()
    graph = iri(ONTOLOGY_GRAPH)
    quads = [q for path in sources.ontology for q in parse_file(path, graph=graph)
             if not (q.subject.value == ONTOLOGY_IRI and q.predicate.value in VERSION_PROPERTIES)]
    return quads + [ox.Quad(s, p, o, graph) for s, p, o in version_triples()]


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
    quads += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in override_triples(read_overrides())]
    about = [
        (iri(HISTORY_GRAPH), RDF_TYPE, iri(PROV + "Entity")),
        (iri(HISTORY_GRAPH), iri(DCT + "title"), en("Vietnam's local government before 1 July 2025 and its reorganisation")),
        (iri(HISTORY_GRAPH), iri(PROV + "wasDerivedFrom"), iri(f"https://pypi.org/project/{PACKAGE}/{PINNED_VERSION}/")),
        (iri(HISTORY_GRAPH), iri(DCT + "source"),
         string(f"{PACKAGE}=={PINNED_VERSION}, data/dataset.db and data/converter_2025.json; data/{RESOLUTIONS_FILE}; "
                f"corrected by data/{OVERRIDES_FILE}")),
        (iri(HISTORY_GRAPH), iri(PROV + "wasGeneratedBy"), string(f"govgraph {__version__} build")),
    ]
    quads.extend(ox.Quad(s, p, o, graph) for s, p, o in about)
    return quads


def applied_changes() -> Applied:
    """The change sets of ``data/changes`` applied to the structure of 1 July 2025."""
    provinces, communes = read_current_units()
    return apply_change_sets(provinces, communes, read_change_sets())


def changes_quads(applied: Applied | None = None) -> list[ox.Quad]:
    """The reorganisations since 1 July 2025, with a description of where they came from."""
    applied = applied or applied_changes()
    graph = iri(CHANGES_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in applied.triples]
    return quads + _described(graph, "Reorganisations of Vietnam's local government since 1 July 2025",
                              "data/changes/*.toml, one change set per legal act")


def _described(graph: ox.NamedNode, title: str, source: str) -> list[ox.Quad]:
    """The statements that say what a hand-edited named graph is and where it came from."""
    about = [
        (graph, RDF_TYPE, iri(PROV + "Entity")),
        (graph, iri(DCT + "title"), en(title)),
        (graph, iri(DCT + "source"), string(source)),
        (graph, iri(PROV + "wasGeneratedBy"), string(f"govgraph {__version__} build")),
    ]
    return [ox.Quad(s, p, o, graph) for s, p, o in about]


def holders_quads(applied: Applied | None = None) -> list[ox.Quad]:
    """The office holders of ``data/holders``; a problem in any row stops the build with its file, row and column."""
    applied = applied or applied_changes()
    provinces = {code for code, state in applied.states.items() if state.level == "province"}
    tables = load_holders(applied.timeline, provinces)
    tables.raise_first()
    graph = iri(HOLDERS_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in holder_triples(tables, applied.timeline)]
    return quads + _described(graph, "Holders of the head offices of the province-level units since 1 July 2025",
                              "data/holders/*.csv, curated by hand from public reports")


def assemble(sources: SourceFiles | None = None) -> ox.Store:
    """An in-memory store holding the six named graphs.

    Every file is parsed before anything is added, so a syntax error leaves nothing half-built.
    """
    applied = applied_changes()
    curated = curated_quads(sources)
    # A statement the curated graph already makes (the founding article's people) is not repeated in graph/holders:
    # engines that query the union of the graphs would otherwise return it twice.
    stated = {(q.subject, q.predicate, q.object) for q in curated}
    holders = [q for q in holders_quads(applied) if (q.subject, q.predicate, q.object) not in stated]
    quads = (ontology_quads(sources) + curated + reference_quads() + history_quads()
             + changes_quads(applied) + holders)
    store = ox.Store()
    store.extend(quads)
    return store
