"""Check the ontology's consistency with HermiT (through owlready2, a test extra; needs Java).

HermiT accepts only the OWL 2 datatype map, which has no ``xsd:date``; the check therefore runs on a copy
without the ``rdfs:range xsd:date`` axioms. Nothing else is dropped. Instance data is never reasoned over in
the build: full reasoning over the national graph takes minutes.
"""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.namespace import RDFS, XSD

from govgraph.errors import GovgraphError


def consistency_graph(ontology: rdflib.Graph) -> rdflib.Graph:
    """A copy of ``ontology`` without the date-typed range axioms HermiT cannot read."""
    reduced = rdflib.Graph()
    for triple in ontology:
        if triple[1] == RDFS.range and triple[2] == XSD.date:
            continue
        reduced.add(triple)
    return reduced


def check_consistency(ontology: rdflib.Graph, *, workdir: Path) -> list[str]:
    """Run HermiT; raise if the ontology is inconsistent, else return its unsatisfiable classes (ideally none)."""
    try:
        import owlready2
    except ImportError:
        raise GovgraphError("the consistency check needs owlready2", hint="pip install -e '.[release]'") from None
    path = workdir / "ontology-for-hermit.nt"
    consistency_graph(ontology).serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        raise GovgraphError("the ontology is inconsistent under HermiT") from None
    return sorted(str(c.iri) for c in world.inconsistent_classes())
