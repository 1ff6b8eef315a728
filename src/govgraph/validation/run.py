"""One validation entry point: the shapes (compiled to SPARQL, or through pySHACL) and the checks, one report.

Engines: ``sparql`` (default) runs the shapes compiled to SPARQL on the embedded store; ``pyshacl`` runs them
through pySHACL on an rdflib graph. They report the same results (``tests/validation``, ``bench/validate.py``);
shapes the compiler does not cover fall back to pySHACL. The checks always run on the embedded store.

For the user's files, only the judged scope (:mod:`govgraph.validation.scope`) is judged, and its nodes are bound
in every query, so the time follows the files and what they touch rather than the size of the build.
"""

from __future__ import annotations

import gc
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import URIRef

from govgraph.rdf.convert import rdflib_graph
from govgraph.store import location
from govgraph.store.embedded import EmbeddedStore
from govgraph.validation.checks import CHECKS_IRI, Check, load_checks, run_checks
from govgraph.validation.compiled import Unsupported, compile_shapes, of_classes, run_compiled
from govgraph.validation.context import merge, neighbourhood, opening_store
from govgraph.validation.inputs import UserInput, display, read_inputs
from govgraph.validation.locations import Locator
from govgraph.validation.parallel import WORKERS
from govgraph.validation.report import ValidationReport, ValidationResult
from govgraph.validation.scope import Scope, judged_scope
from govgraph.validation.shacl import describe_focus_nodes, load_shapes, validate_graph

ENGINES = ("sparql", "pyshacl")


def validate_store(store: ox.Store, *, focus: list[URIRef] | None = None, scope: Scope | None = None,
                   shapes: rdflib.Graph | None = None, checks: list[Check] | None = None, engine: str = "sparql",
                   pyshacl_data: rdflib.Graph | None = None,
                   timings: dict[str, tuple[float, float]] | None = None) -> ValidationReport:
    """Validate the dataset in ``store`` (it must include the ontology) against the shapes and the checks.

    With ``scope`` (or just ``focus``, nodes judged by everything), only those nodes are judged; the rest of the
    dataset is context. ``pyshacl_data`` is the rdflib graph pySHACL validates (default: the whole store), when
    the pyshacl engine runs. ``timings``, when given, receives the wall-clock and CPU seconds of each phase.
    """
    clock = Clock(timings)
    if scope is None and focus is not None:
        scope = Scope(subjects={str(node) for node in focus})
    shapes = shapes if shapes is not None else load_shapes()
    judged = None if scope is None else scope.everything()
    embedded = EmbeddedStore(store)
    # Counting an on-disk store reads all of it (0.15-0.5 s); pyoxigraph releases the GIL, so it runs meanwhile.
    counted: list[int] = []
    counter = threading.Thread(target=lambda: counted.append(len(store)), daemon=True)
    counter.start()
    results: list[ValidationResult] = []
    # The checks need nothing from the shapes: their queries share one pool of threads with the shapes', so that
    # neither set's last long query leaves a core idle.
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="govgraph-query") as pool, \
            ThreadPoolExecutor(1, thread_name_prefix="govgraph-checks") as side:
        checking = side.submit(run_checks, embedded, checks if checks is not None else load_checks(), scope=scope,
                               pool=pool)
        if engine == "sparql":
            try:
                constraints = compile_shapes(shapes)
                if scope is not None and scope.classes is not None:  # too many nodes to bind: skip shapes none has
                    constraints = of_classes(constraints, scope.classes)
                results = run_compiled(embedded, constraints, focus=judged, pool=pool)
            except Unsupported:
                engine = "pyshacl"
        if engine == "pyshacl":
            # the literals as written, so that a result shows the user's text (as the compiled shapes do)
            data = pyshacl_data if pyshacl_data is not None else rdflib_graph(store, as_written=True)
            nodes = None if judged is None else sorted(URIRef(node) for node in judged)
            results = validate_graph(data, shapes, focus=nodes).results
        clock.lap("shapes")
        results += checking.result()
    clock.lap("checks")
    results = _describe(results, store)
    if scope is not None:
        results = [_with_cause(result, scope) for result in results]
    counter.join()
    clock.lap("describe")
    return ValidationReport(_sorted(results), triples=counted[0])


class Clock:
    """Wall-clock and CPU seconds (all threads) of each phase of a run, kept in ``timings`` when it is given.

    >>> timings = {}
    >>> clock = Clock(timings)
    >>> clock.lap("nothing")
    >>> list(timings), all(seconds >= 0 for seconds in timings["nothing"])
    (['nothing'], True)
    """

    def __init__(self, timings: dict[str, tuple[float, float]] | None) -> None:
        self.timings = timings
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self, phase: str) -> None:
        """Keep the time since the last lap (or the start) as the time of ``phase``, and start the next."""
        if self.timings is None:
            return
        wall, cpu = time.perf_counter(), time.process_time()
        self.timings[phase] = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu


def _sorted(results: list[ValidationResult]) -> list[ValidationResult]:
    return sorted(results, key=lambda r: (-r.severity, r.source_shape, r.focus, r.path or "", r.value or ""))


def _with_cause(result: ValidationResult, scope: Scope) -> ValidationResult:
    check = result.source_shape[len(CHECKS_IRI):] if result.source_shape.startswith(CHECKS_IRI) else None
    cause = scope.cause(check, result.focus)
    return result if cause is None else replace(result, cause=cause)


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


def validate_files(paths: list[Path], *, build_dir: Path | None = None, context: ox.Store | None = None,
                   shapes: rdflib.Graph | None = None, checks: list[Check] | None = None,
                   engine: str = "sparql", timings: dict[str, tuple[float, float]] | None = None) -> ValidationReport:
    """Validate RDF files the way ``govgraph validate FILE ...`` does, and return the typed report.

    The files join ``context`` (by default the built dataset in ``build_dir``, itself by default
    ``$GOVGRAPH_BUILD_DIR`` else ``./build``: a private copy of its on-disk store, else its N-Quads dump, else,
    when nothing is built, the dataset assembled in memory) so they may refer to govgraph's units,
    organs, posts and sources. The judged scope is the files' subjects and the nodes that depend on them
    (:mod:`govgraph.validation.scope`); each result carries the file and line of its node, or, for a
    consequence, of the statement it follows from (``result.cause``).

    >>> import tempfile
    >>> data = Path(tempfile.mkdtemp()) / "person.ttl"
    >>> _ = data.write_text('<https://w3id.org/govgraph/id/person/x> a <https://w3id.org/govgraph/ontology#Person> .')
    >>> from govgraph.assembly.dataset import ontology_quads
    >>> context = ox.Store()
    >>> context.extend(ontology_quads())
    >>> report = validate_files([data], context=context)  # without context: the build in build_dir
    >>> sorted((r.severity.label, r.rule.rsplit("#", 1)[1], r.location[1]) for r in report.results)
    [('violation', 'CuratedFactShape', 1), ('violation', 'CuratedFactShape', 1)]
    """
    with _collector_paused():
        return _validate_files(paths, build_dir, context, shapes, checks, engine, timings)


@contextmanager
def _collector_paused():
    """Python's cycle collector paused: a large file makes millions of objects, none in a cycle, which it would
    otherwise walk again and again (a second in thirty, for a register of a million statements)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _validate_files(paths, build_dir, context, shapes, checks, engine, timings) -> ValidationReport:
    clock = Clock(timings)
    opening = nullcontext(lambda: context) if context is not None else \
        opening_store(location.build_dir(build_dir), paths)
    with opening as opened:
        checks = checks if checks is not None else load_checks()
        user = read_inputs(paths, opened, screens={check.screen for check in checks if check.screen})
        clock.lap("read")
        store = opened()
        clock.lap("context")
        merged = merge(store, user)
        clock.lap("merge")
        scope = judged_scope(store, user, merged)
        clock.lap("scope")
        pyshacl_data = None
        if engine == "pyshacl":
            # pySHACL needs only the user's statements and what the shapes can reach from them
            used = merged.used()
            pyshacl_data = rdflib_graph(used + neighbourhood(store, used), as_written=True)
        report = validate_store(store, scope=scope, shapes=shapes, checks=checks, engine=engine,
                                pyshacl_data=pyshacl_data, timings=timings)
        clock = Clock(timings)
    user.want(result.focus for result in report.results if result.cause is None)
    report.results = _sorted([_placed(r, user) for r in report.results] + merged.refused)
    report.notes = list(user.notes)
    clock.lap("lines")
    return report


def _placed(result: ValidationResult, user: UserInput) -> ValidationResult:
    """A result with its file and line (of the statement with the result's path where the file has it, else of its
    node; for a consequence, of the cause) and the user's blank nodes as ``_:id``."""
    if result.cause is not None:
        where = (result.cause.file, result.cause.line) if result.cause.line else None
    else:
        found = user.where(result.focus, result.path)
        where = (str(found[0]), found[1]) if found else None
    return replace(result, focus=display(result.focus), value=None if result.value is None else display(result.value),
                   location=where)


def locate(report: ValidationReport, paths: list[Path]) -> ValidationReport:
    """The report with each result's file and line, where one of ``paths`` describes its focus node."""
    locator = Locator(paths)
    located = []
    for result in report.results:
        found = locator.node(result.focus)
        located.append(result if found is None else replace(result, location=(_relative(found[0]), found[1])))
    report.results = located
    return report


def _relative(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it, as people and CI logs read it best."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
