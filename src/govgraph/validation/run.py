"""One validation entry point: SHACL shapes through pySHACL, and checks on the embedded store, one report."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from rdflib import URIRef

from govgraph.rdf.convert import rdflib_graph
from govgraph.store.embedded import EmbeddedStore
from govgraph.validation.checks import Check, load_checks, run_checks
from govgraph.validation.report import ValidationReport
from govgraph.validation.shacl import describe_focus_nodes, load_shapes, validate_graph


def validate_quads(quads: list[ox.Quad], *, focus: list[URIRef] | None = None,
                   shapes: rdflib.Graph | None = None, checks: list[Check] | None = None) -> ValidationReport:
    """Validate a dataset (it must include the ontology) against the shapes and the checks.

    With ``focus``, only those nodes are judged; the rest of the dataset is context.

    >>> validate_quads([]).conforms()
    True
    """
    data = rdflib_graph(quads)
    report = validate_graph(data, shapes if shapes is not None else load_shapes(), focus=focus)
    store = ox.Store()
    store.extend(quads)
    focus_set = None if focus is None else {str(node) for node in focus}
    found = run_checks(EmbeddedStore(store), checks if checks is not None else load_checks(), focus=focus_set)
    report.results.extend(describe_focus_nodes(found, data))
    report.results.sort(key=lambda r: (-r.severity, r.source_shape, r.focus, r.path or ""))
    return report
