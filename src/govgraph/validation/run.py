"""One validation entry point: the shapes (compiled to SPARQL, or through pySHACL) and the checks, one report.

Engines: ``sparql`` (default) runs the shapes compiled to SPARQL on the embedded store; ``pyshacl`` runs them
through pySHACL on an rdflib graph. They report the same results (``tests/validation``, ``bench/validate.py``);
shapes the compiler does not cover fall back to pySHACL. The checks always run on the embedded store.
"""

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
from govgraph.validation.compiled import Unsupported, compile_shapes, run_compiled
from govgraph.validation.context import load_context, neighbourhood
from govgraph.validation.locations import Locator
from govgraph.validation.report import ValidationReport, ValidationResult
from govgraph.validation.shacl import describe_focus_nodes, load_shapes, validate_graph

ENGINES = ("sparql", "pyshacl")


def validate_store(store: ox.Store, *, focus: list[URIRef] | None = None, shapes: rdflib.Graph | None = None,
                   checks: list[Check] | None = None, engine: str = "sparql",
                   pyshacl_data: rdflib.Graph | None = None) -> ValidationReport:
    """Validate the dataset in ``store`` (it must include the ontology) against the shapes and the checks.

    With ``focus``, only those nodes are judged; the rest of the dataset is context. ``pyshacl_data`` is the
    rdflib graph pySHACL validates (default: the whole store), when the pyshacl engine runs.
    """
    shapes = shapes if shapes is not None else load_shapes()
    focus_set = None if focus is None else {str(node) for node in focus}
    embedded = EmbeddedStore(store)
    results: list[ValidationResult] = []
    if engine == "sparql":
        try:
            results = run_compiled(embedded, compile_shapes(shapes), focus=focus_set)
        except Unsupported:
            engine = "pyshacl"
    if engine == "pyshacl":
        data = pyshacl_data if pyshacl_data is not None else rdflib_graph(store)
        results = validate_graph(data, shapes, focus=focus).results
    results += run_checks(embedded, checks if checks is not None else load_checks(), focus=focus_set)
    results = _describe(results, store)
    results.sort(key=lambda r: (-r.severity, r.source_shape, r.focus, r.path or "", r.value or ""))
    return ValidationReport(results, triples=len(store))


def _describe(results: list[ValidationResult], store: ox.Store) -> list[ValidationResult]:
    """Fill in the focus nodes' labels and codes, reading only the statements about those nodes."""
    nodes = {r.focus for r in results if not r.focus.startswith("_:")}
    about = rdflib_graph(q for node in nodes for q in store.quads_for_pattern(ox.NamedNode(node), None, None))
    return describe_focus_nodes(results, about)


def validate_quads(quads: list[ox.Quad], *, focus: list[URIRef] | None = None, shapes: rdflib.Graph | None = None,
                   checks: list[Check] | None = None, engine: str = "sparql") -> ValidationReport:
    """Validate a dataset given as statements (see :func:`validate_store`).

    >>> validate_quads([]).conforms()
    True
    """
    store = ox.Store()
    store.extend(quads)
    return validate_store(store, focus=focus, shapes=shapes, checks=checks, engine=engine)


def validate_files(paths: list[Path], *, build_dir: Path | None = Path("build"), context: ox.Store | None = None,
                   shapes: rdflib.Graph | None = None, checks: list[Check] | None = None,
                   engine: str = "sparql") -> ValidationReport:
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
    pyshacl_data = None
    if engine == "pyshacl" and focus is not None:
        # pySHACL needs only the user's statements and what the shapes can reach from them
        pyshacl_data = rdflib_graph(user + neighbourhood(store, user))
    store.extend(user)
    report = validate_store(store, focus=focus, shapes=shapes, checks=checks, engine=engine,
                            pyshacl_data=pyshacl_data)
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
