"""The context a user's files are validated against, and how the files join it.

The context is the built dataset (ontology, national structure, history, curated facts). For a user's files it is
a private, writable copy of the on-disk store ``govgraph build`` wrote (``DIR/store/``): a RocksDB checkpoint,
which hard-links the store's files, so it costs milliseconds whatever the size of the build. Without a store it
is loaded from ``DIR/govgraph.nq``, and without a build it is assembled in memory.

The user's statements join it as a set: a statement the context already holds (in any named graph) adds nothing,
so validating a file that is already in the build gives the build's own results about its nodes, and no count
is summed twice.
Two kinds of statement are refused (not added) and reported as violations: statements about ``gg:`` terms (only
the ontology declares them) and statements written into govgraph's own named graphs (N-Quads, TriG).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph.namespaces import ONTOLOGY_GRAPH, ONTOLOGY_IRI
from govgraph.store.disk import copy_into
from govgraph.store.location import store_dir
from govgraph.validation.inputs import UserInput, is_govgraph_graph
from govgraph.validation.report import Severity, ValidationResult
from govgraph.validation.rules import GG_TERM_RULE, GRAPH_RULE

BUILT_DATASET = "govgraph.nq"
DEPTH = 3
# Above this many user statements the context is loaded into memory: whole-store queries run faster there.
LARGE_INPUT = 100_000
BYTES_PER_STATEMENT = 100  # about, in Turtle or N-Quads files of registers


def load_context(build_dir: Path | None = Path("build")) -> ox.Store:
    """The built dataset from ``build_dir`` in memory (from its N-Quads dump), else assembled in memory."""
    built = build_dir / BUILT_DATASET if build_dir is not None else None
    if built is not None and built.is_file():
        store = ox.Store()
        store.bulk_load(path=str(built), format=ox.RdfFormat.N_QUADS)
        return store
    from govgraph.assembly.dataset import assemble  # only without a build: assembling imports the source readers

    return assemble()


@contextmanager
def working_store(build_dir: Path | None, *, statements: int = 0) -> Iterator[ox.Store]:
    """A writable store holding the built dataset, for the user's statements to join; removed afterwards.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / BUILT_DATASET).write_text('<http://e/a> <http://e/p> "1" <http://e/g> .\\n')
    >>> with working_store(folder) as store:
    ...     store.add(ox.Quad(ox.NamedNode("http://e/b"), ox.NamedNode("http://e/p"), ox.Literal("2")))
    ...     len(store)
    2
    """
    on_disk = store_dir(build_dir) if build_dir is not None else None
    if on_disk is None or not on_disk.is_dir() or statements > LARGE_INPUT:
        yield load_context(build_dir)
        return
    folder = Path(tempfile.mkdtemp(prefix="govgraph-validate-"))
    store = None
    try:
        store = copy_into(build_dir, folder)  # a damaged store is an InputError
        yield store
    finally:
        del store  # RocksDB closes with its last reference; its files may go before that on POSIX systems
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def opening_store(build_dir: Path | None, paths: list[Path]) -> Iterator[Callable[[], ox.Store]]:
    """:func:`working_store` for the files ``paths``, opened in a background thread (pyoxigraph releases the GIL
    while it loads) while the files are parsed; yields the function that waits for it. Whether the files are large
    is estimated from their size, at about :data:`BYTES_PER_STATEMENT` bytes a statement.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / BUILT_DATASET).write_text('<http://e/a> <http://e/p> "1" <http://e/g> .\\n')
    >>> with opening_store(folder, []) as store:
    ...     len(store())
    1
    """
    size = 0
    for path in paths:
        try:
            size += path.stat().st_size
        except OSError:
            pass  # reading the file says what is wrong with it
    with ExitStack() as opened, ThreadPoolExecutor(1) as pool:  # the thread ends before the store is removed
        future = pool.submit(opened.enter_context, working_store(build_dir, statements=size // BYTES_PER_STATEMENT))
        yield future.result


@dataclass
class Merge:
    """What became of the user's statements: used (added or already there), and the refusals, as results."""

    old: list[ox.Quad] = field(default_factory=list)  # the user's statements the context held
    refused: list[ValidationResult] = field(default_factory=list)
    subjects: set[str] = field(default_factory=set)  # the subjects of the used statements
    touched: set[str] = field(default_factory=set)  # the subjects of the new statements
    described: set[str] = field(default_factory=set)  # the subjects the context already said something about
    graph: ox.NamedNode | None = None  # the named graph holding all the new statements (and nothing else), if any
    # the new statements about a subject, each with its file; all the new statements
    about: Callable[[str], list[tuple[ox.Quad, Path]]] = field(default=lambda subject: [], repr=False)
    new: Callable[[], list[ox.Quad]] = field(default=lambda: [], repr=False)

    def used(self) -> list[ox.Quad]:
        """The statements used: new, or already in the context."""
        return self.old + self.new()


def is_gg_term(node: str) -> bool:
    """Whether ``node`` is the ontology or one of its terms, which only ``ontology/`` may describe.

    >>> is_gg_term("https://w3id.org/govgraph/ontology#Unit"), is_gg_term("https://w3id.org/govgraph/id/unit/31")
    (True, False)
    """
    return node == ONTOLOGY_IRI or node.startswith((ONTOLOGY_IRI + "#", ONTOLOGY_IRI + "/"))


def merge(store: ox.Store, user: UserInput) -> Merge:
    """Add the user's new statements to ``store``; refuse and report the forbidden ones.

    New statements go into the default graph, or stay in their own graph when they all share one (no statement can
    then be there twice, and a large file's statements are not copied one by one). A file loaded into ``store``
    already (``user.loaded``) is sorted out there: see :func:`_merge_loaded`.
    """
    if user.loaded is not None:
        return _merge_loaded(store, user)
    result = Merge()
    graphs: dict[tuple[Path, str], int] = {}
    # per subject: [the context says something about it, a gg: term, used, the indexes of its new statements]
    subjects: dict[str, list] = {}
    ours: dict = {}  # per graph name: whether it is one of govgraph's
    first_graph, one_graph = None, True
    for index, quad in enumerate(user.quads):
        subject = quad.subject
        known = subjects.get(subject.value)
        if known is None:
            described = next(store.quads_for_pattern(subject, None, None), None) is not None
            known = subjects[subject.value] = [described, is_gg_term(subject.value), False, []]
        if known[0] and next(store.quads_for_pattern(subject, quad.predicate, quad.object), None) is not None:
            result.old.append(quad)  # already in the context: the same statement, nothing to add
            known[2] = True
            continue
        graph = quad.graph_name
        govgraph_graph = ours.get(graph)
        if govgraph_graph is None:
            govgraph_graph = ours[graph] = is_govgraph_graph(graph)
        if govgraph_graph:
            origin = user.origins[index]
            graphs[(origin, graph.value)] = graphs.get((origin, graph.value), 0) + 1
            continue
        if known[1]:
            result.refused.append(_gg_term_result(quad, user.origins[index], user))
            continue
        known[3].append(index)
        if first_graph is None:
            first_graph = graph
        elif one_graph and graph != first_graph:
            one_graph = False
    statements: dict[str, list[int]] = {}
    for subject, (described, _, used, new) in subjects.items():
        if described:
            result.described.add(subject)
        if new:
            statements[subject] = new
        if used or new:
            result.subjects.add(subject)
    result.touched = set(statements)
    result.about = lambda subject: [(user.quads[i], user.origins[i]) for i in statements.get(subject, ())]
    for (origin, graph), count in graphs.items():
        line = user.locator.graph(graph, origin) if user.locator else None
        counted = f"{count} new statements there were" if count != 1 else "1 new statement there was"
        result.refused.append(ValidationResult(
            severity=Severity.VIOLATION, focus=graph, path=None, value=None,
            messages={"en": f"A user file cannot write into govgraph's named graph {graph}: its {counted} not used.",
                      "vi": f"Tệp của người dùng không được ghi vào đồ thị có tên {graph} của govgraph: {count} "
                            f"phát biểu mới trong đó không được sử dụng."},
            source_shape=GRAPH_RULE.id, constraint=GRAPH_RULE.id,
            location=(str(origin), line) if line else None))
    if len(statements) == len(subjects) and sum(map(len, statements.values())) == len(user.quads):
        new = user.quads  # every statement is new (a register): no list of them to make
    else:
        new = [user.quads[i] for i in sorted(i for indexes in statements.values() for i in indexes)]
    result.new = lambda: list(new)
    if one_graph:
        store.extend(new)
        if isinstance(first_graph, ox.NamedNode):
            result.graph = first_graph
    else:
        store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in new)
    return result


def _merge_loaded(store: ox.Store, user: UserInput) -> Merge:
    """Sort out a file pyoxigraph loaded into ``store`` (which held nothing outside govgraph's named graphs, and the
    file writes nothing into them: :func:`govgraph.validation.inputs.read_inputs`), as :func:`merge` does, with
    lookups only for the subjects the context describes or that are gg: terms.

    The file's statements are those outside govgraph's graphs. A statement the context holds is taken out of
    them (used, not new); a statement about a gg: term is taken out and refused. The new statements left stay in
    their graph when they are all in one, else they move into the default graph.
    """
    path, result = user.loaded, Merge()
    subjects = user.subjects()
    graphs: list = [graph for graph in store.named_graphs() if not is_govgraph_graph(graph)]
    if next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
        graphs.append(ox.DefaultGraph())
    result.described = user.described
    gg_terms = {subject for subject in subjects if is_gg_term(subject)}
    for subject in sorted(result.described | gg_terms):
        node, kept = ox.NamedNode(subject), False
        for graph in graphs:
            for quad in list(store.quads_for_pattern(node, None, None, graph)):
                if any(is_govgraph_graph(q.graph_name) for q in store.quads_for_pattern(node, quad.predicate,
                                                                                         quad.object)):
                    result.old.append(quad)  # already in the context: used, not added again
                    result.subjects.add(subject)
                elif subject in gg_terms:
                    result.refused.append(_gg_term_result(quad, path, user))
                else:
                    kept = True
                    continue
                store.remove(quad)
        if kept:
            result.touched.add(subject)
    result.touched |= subjects - result.described - gg_terms
    result.subjects |= result.touched
    graphs = [graph for graph in graphs if next(store.quads_for_pattern(None, None, None, graph), None) is not None]
    where = graphs[0] if len(graphs) == 1 else ox.DefaultGraph()
    if len(graphs) > 1:  # as merge() does: statements from several graphs all go into the default graph
        for graph in graphs:
            if isinstance(graph, ox.NamedNode):
                store.extend([ox.Quad(q.subject, q.predicate, q.object) for q in
                              store.quads_for_pattern(None, None, None, graph)])
                store.remove_graph(graph)
    if isinstance(where, ox.NamedNode):
        result.graph = where
    result.about = lambda subject: [(quad, path) for quad in
                                    store.quads_for_pattern(ox.NamedNode(subject), None, None, where)]
    result.new = lambda: list(store.quads_for_pattern(None, None, None, where))
    user.naming = lambda node: list(store.quads_for_pattern(None, None, ox.NamedNode(node), where))
    return result


def _gg_term_result(quad: ox.Quad, origin: Path, user: UserInput) -> ValidationResult:
    line = user.line_of(quad, origin)
    term = quad.subject.value
    return ValidationResult(
        severity=Severity.VIOLATION, focus=term, path=quad.predicate.value, value=quad.object.value,
        messages={"en": f"Only the govgraph ontology declares gg: terms: a user file cannot make statements about "
                        f"{term}; the statement was not used.",
                  "vi": f"Chỉ bản thể học govgraph mới khai báo các thuật ngữ gg:; tệp của người dùng không được "
                        f"đưa ra phát biểu về {term}; phát biểu này không được sử dụng."},
        source_shape=GG_TERM_RULE.id, constraint=GG_TERM_RULE.id,
        location=(str(origin), line) if line else None)


def neighbourhood(store: ox.Store, quads: list[ox.Quad], depth: int = DEPTH) -> list[ox.Quad]:
    """The ontology, and the context statements about nodes within ``depth`` links of the given statements."""
    found = list(store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)))
    seen: set = set()
    frontier = {term for q in quads for term in (q.subject, q.object) if isinstance(term, ox.NamedNode)}
    for _ in range(depth):
        following = set()
        for node in frontier - seen:
            seen.add(node)
            for quad in store.quads_for_pattern(node, None, None, None):
                found.append(quad)
                if isinstance(quad.object, (ox.NamedNode, ox.BlankNode)):
                    following.add(quad.object)
        frontier = following
    return found
