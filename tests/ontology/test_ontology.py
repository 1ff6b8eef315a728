"""The ontology: documented terms, metadata, the code's namespace in step with it, consistency under HermiT."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD, DCTERMS

from govgraph import __version__, resources
from govgraph.assembly.dataset import ontology_quads
from govgraph.rdf.convert import rdflib_graph
from govgraph.namespaces import GG, ONTOLOGY_IRI
from govgraph.ontology import check_consistency, consistency_graph

ONTOLOGY_FILE = resources.ontology_dir() / "govgraph.ttl"


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    """The ontology as the build writes it (the files, with the version the build adds)."""
    return rdflib_graph(ox.Triple(q.subject, q.predicate, q.object) for q in ontology_quads())


def own_terms(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(GG._NS))}


def test_ontology_header(ontology):
    header = rdflib.URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionIRI) == rdflib.URIRef(f"{ONTOLOGY_IRI}/{__version__}")
    assert str(ontology.value(header, OWL.versionInfo)) == __version__
    assert ontology.value(header, DCTERMS.license) is not None
    for prop in (DCTERMS.created, DCTERMS.modified):
        assert ontology.value(header, prop).datatype == XSD.date


def test_every_term_has_labels_and_definitions_in_both_languages(ontology):
    missing = []
    for term in sorted(own_terms(ontology)):
        for prop in (RDFS.label, SKOS.definition):
            languages = {o.language for o in ontology.objects(term, prop)}
            if not {"vi", "en"} <= languages:
                missing.append(f"{term} {prop} has {sorted(filter(None, languages))}")
    assert not missing, "\n".join(missing)


def test_code_namespace_and_ontology_declare_the_same_terms(ontology):
    in_code = {GG[name] for name in GG.__annotations__}
    assert in_code == own_terms(ontology)


def test_misspelt_term_fails():
    with pytest.raises(AttributeError):
        GG.AdministrativeUnitt  # noqa: B018


def test_consistency_graph_drops_only_date_ranges(ontology):
    reduced = consistency_graph(ontology)
    assert (None, RDFS.range, XSD.date) not in reduced
    assert len(ontology) - len(reduced) == len(list(ontology.triples((None, RDFS.range, XSD.date))))


def test_consistent_under_hermit(ontology, tmp_path):
    assert shutil.which("java"), "HermiT needs Java: 'make test' installs a runtime"
    unsatisfiable = check_consistency(ontology, workdir=tmp_path)
    assert unsatisfiable == []
