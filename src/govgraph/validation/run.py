"""One validation entry point: SHACL shapes through pySHACL, and checks on the embedded store, one report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import URIRef

from govgraph.errors import InputError
from govgraph.rdf.convert import rdflib_graph
from govgraph.rdf.parse import parse_file
from govgraph.store.embedded import EmbeddedStore
from govgraph.validation.checks import Check, load_checks, run_checks
from govgraph.validation.context import load_context, neighbourhood
from govgraph.validation.locations import Locator
from govgraph.validation.report import ValidationReport
from govgraph.validation.shacl import describe_focus_nodes, load_shapes, validate_graph


def validate_files(paths: list[Path], *, build_dir: Path | None = Path("build"), context: ox.Store | None = None,
                   shapes: rdflib.Graph | None = None, checks: list[Check] | None = None) -> ValidationReport:
    """Validate RDF files the way ``govgraph validate FILE ...`` does, and return the typed report.

    The files are read together with ``context`` (by default the built dataset in ``build_dir``, or the dataset
    assembled in memory when nothing is built) so they may refer to govgraph's units, organs, posts and sources;
    only the files' own nodes are judged, and each result carries the file and line where its focus node is
    described.

    >>> import tempfile
    >>> data = Path(tempfile.mkdtemp()) / "person.ttl"
    >>> _ = data.write_text('<https://w3id.org/govgraph/id/person/x> a <https://w3id.org/govgraph/ontology#Person> .')
    >>> report = validate_files([data], build_dir=None)
    >>> sorted((r.severity.label, r.rule.rsplit("#", 1)[1], r.path.rsplit("#", 1)[1], r.location[1])
    ...        for r in report.results)
    [('violation', 'CuratedFactShape', 'quote', 1), ('violation', 'CuratedFactShape', 'wasDerivedFrom', 1)]
    """
    user = read_files(paths)
    store = context if context is not None else load_context(build_dir)
    focus = focus_of(user)
    data = rdflib_graph(user + (neighbourhood(store, user) if focus is not None else list(store)))
    report = validate_graph(data, shapes if shapes is not None else load_shapes(), focus=focus)
    store.extend(user)
    focus_set = None if focus is None else {str(node) for node in focus}
    found = run_checks(EmbeddedStore(store), checks if checks is not None else load_checks(), focus=focus_set)
    report.results.extend(describe_focus_nodes(found, data))
    report.results.sort(key=lambda r: (-r.severity, r.source_shape, r.focus, r.path or ""))
    report.triples = len(store)
    return locate(report, paths)


def locate(report: ValidationReport, paths: list[Path]) -> ValidationReport:
    """The report with each result's file and line, where one of ``paths`` describes its focus node."""
    locator = Locator(paths)
    located = []
    for result in report.results:
        found = locator.find(result.focus)
        located.append(result if found is None else replace(result, location=(str(found[0]), found[1])))
    report.results = located
    return report


def read_files(paths: list[Path]) -> list[ox.Quad]:
    """Every statement of the given files; each file must parse and hold at least one statement."""
    quads = []
    for path in paths:
        parsed = parse_file(path)
        if not parsed:
            raise InputError("the file holds no RDF statements", path=path, hint="give a file with data in it")
        quads.extend(parsed)
    return quads


def focus_of(quads: list[ox.Quad]) -> list[URIRef] | None:
    """The subjects of the user's files, the nodes to judge; ``None`` (judge all) if any is a blank node,
    since pySHACL takes IRIs only as focus nodes."""
    subjects = {q.subject for q in quads}
    if any(not isinstance(s, ox.NamedNode) for s in subjects):
        return None
    return sorted(URIRef(s.value) for s in subjects)


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
