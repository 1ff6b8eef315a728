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

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph import __version__, resources
from govgraph.namespaces import CURATED_GRAPH, HISTORY_GRAPH, ONTOLOGY_GRAPH, ONTOLOGY_IRI, REFERENCE_GRAPH
from govgraph.rdf.parse import parse_file
from govgraph.reference.changes import CHANGES_GRAPH, Applied, apply_change_sets, read_change_sets
from govgraph.reference import history, structure
from govgraph.reference.holders import HOLDERS_GRAPH, holder_triples, load_holders
from govgraph.reference.overrides import OVERRIDES_FILE, override_triples, read_overrides
from govgraph.reference.resolutions import RESOLUTIONS_FILE, read_resolutions
from govgraph.reference.source import (PACKAGE, PINNED_VERSION, CommuneRecord, FormerStructure, ProvinceRecord,
                                       read_conversion, read_current_units, read_former_units)
from govgraph.reference.terms import RDF_TYPE, date, en, iri, string

PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"


@dataclass
class SourceFiles:
    """The hand-edited inputs of a build; defaults to the project's own folders."""

    ontology: list[Path] = field(default_factory=lambda: resources.turtle_files(resources.ontology_dir()))
    curated: list[Path] = field(
        default_factory=lambda: resources.turtle_files(resources.data_dir() / "curated"))


@dataclass(frozen=True)
class SourceRecords:
    """The pinned source package's records, read once per build (each read is a query and thousands of records)."""

    provinces: list[ProvinceRecord]
    communes: list[CommuneRecord]
    former: FormerStructure

    @classmethod
    def read(cls) -> SourceRecords:
        """Read the current units and the former structure from the pinned source package."""
        provinces, communes = read_current_units()
        return cls(provinces, communes, read_former_units())

    def notes(self) -> list[str]:
        """What the build reports about the source's names: non-standard prefixes, contradicted type fields."""
        return structure.type_disagreements(self.communes) + history.former_name_notes(self.former.units)


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
    """The hand-curated facts (``data/curated``, or ``sources.curated``) in ``graph/curated``, as the files state them."""
    sources = sources or SourceFiles()
    graph = iri(CURATED_GRAPH)
    return [q for path in sources.curated for q in parse_file(path, graph=graph)]


def reference_quads(records: SourceRecords | None = None) -> list[ox.Quad]:
    """The generated national structure, with a description of where it came from."""
    records = records or SourceRecords.read()
    graph = iri(REFERENCE_GRAPH)
    quads = list(structure.structure_quads(records.provinces, records.communes, graph))
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


def history_quads(records: SourceRecords | None = None) -> list[ox.Quad]:
    """The former structure and the reorganisation events, with a description of where they came from."""
    records = records or SourceRecords.read()
    graph = iri(HISTORY_GRAPH)
    former = records.former
    conversion = read_conversion(former)
    names = {p.code: p.name for p in records.provinces} | {c.code: c.name for c in records.communes}
    parents = {c.code: c.province_code for c in records.communes}
    quads = list(history.history_quads(former.units, conversion, names, read_resolutions(), parents, graph))
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


def applied_changes(records: SourceRecords | None = None) -> Applied:
    """The change sets of ``data/changes`` applied to the structure of 1 July 2025."""
    if records is None:
        provinces, communes = read_current_units()
    else:
        provinces, communes = records.provinces, records.communes
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


def assemble(sources: SourceFiles | None = None, records: SourceRecords | None = None) -> ox.Store:
    """An in-memory store holding the six named graphs (``records``: the source package's, if already read).

    Every file is parsed before anything is added, so a syntax error leaves nothing half-built. The statements are
    added in one order, always the same: the engine writes its files in the order statements were added.
    """
    with _collector_paused():
        records = records or SourceRecords.read()
        applied = applied_changes(records)
        curated = curated_quads(sources)
        # A statement the curated graph already makes (the founding article's people) is not repeated in
        # graph/holders: engines that query the union of the graphs would otherwise return it twice.
        stated = {(q.subject, q.predicate, q.object) for q in curated}
        holders = [q for q in holders_quads(applied) if (q.subject, q.predicate, q.object) not in stated]
        quads = (ontology_quads(sources) + curated + reference_quads(records) + history_quads(records)
                 + changes_quads(applied) + holders)
        store = ox.Store()
        store.extend(quads)
    return store


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused within the block.

    Assembling makes some 350,000 statements that form no reference cycles; with the collector on, every few
    hundred new objects trigger a collection that walks all those still alive (about a fifth of the time spent
    generating them).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
