"""The user's files as validation input: parsed, normalised to NFC, blank nodes named per file, lines located.

Blank nodes become IRIs under :data:`BLANK` (``urn:govgraph:blank:<file>:<label>``) so they can be judged, bound
in queries and given to pySHACL like any node, without two files' ``_:b1`` merging; reports show them as ``_:b1``.

One N-Triples or N-Quads file that needs none of that (no blank node, no character that NFC could change, no
triple term, nothing written into govgraph's named graphs) is not parsed into Python objects: pyoxigraph loads it
straight into the working store (in a thread, without the GIL) while its lines are indexed, and
:func:`govgraph.validation.context.merge` sorts out its statements inside the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import InputError
from govgraph.namespaces import GRAPH
from govgraph.rdf.formats import format_for
from govgraph.rdf.parse import first_non_nfc_line, may_hold_triple_terms, nfc_literals, parse_file, read_bytes
from govgraph.validation.locations import Locator, scan_iri_heads
from govgraph.validation.screens import passed

BLANK = "urn:govgraph:blank:"
GRAPHS = str(GRAPH)  # govgraph's named graphs, which user files may not write into


def is_govgraph_graph(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bool:
    """Whether ``graph`` is one of govgraph's named graphs.

    >>> is_govgraph_graph(ox.NamedNode(GRAPHS + "curated")), is_govgraph_graph(ox.DefaultGraph())
    (True, False)
    """
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(GRAPHS)


@dataclass
class UserInput:
    """The statements of the user's files, with where each came from."""

    paths: list[Path]
    quads: list[ox.Quad] = field(default_factory=list)
    origins: list[Path] = field(default_factory=list)  # the file of each statement, in the same order
    notes: list[str] = field(default_factory=list)
    locator: Locator | None = None
    # the one file pyoxigraph loaded straight into the working store (``quads`` and ``origins`` then stay empty)
    loaded: Path | None = None
    # for a loaded file: its subjects the context describes (found while it loaded), and the statements naming an
    # IRI as their object (set when it is merged)
    described: set[str] = field(default_factory=set)
    screened: set[str] = field(default_factory=set)  # for a loaded file: the screens it passed (see screens.py)
    naming: Callable[[str], list[ox.Quad]] | None = field(default=None, repr=False)
    _object_index: dict[str, int] | None = field(default=None, repr=False)

    def subjects(self) -> set[str]:
        """The subjects of the loaded file's statements (IRIs: it holds no blank node)."""
        lines = self.locator.lines_of(self.loaded) if self.locator is not None and self.loaded else None
        return set(lines.subjects) if lines is not None else set()

    def line_of(self, quad: ox.Quad, path: Path) -> int | None:
        """The line of a statement: its predicate's line under its subject, or its subject's line."""
        subject = blank_label(quad.subject.value) or quad.subject.value
        found = self.locator.statement(subject, quad.predicate.value, path) if self.locator else None
        return found[1] if found else None

    def want(self, nodes) -> None:
        """Announce the nodes whose lines will be asked for (a large file is then scanned for those only)."""
        if self.locator is not None:
            self.locator.want(blank_label(node) or node for node in nodes)

    def where(self, node: str, path: str | None = None) -> tuple[Path, int] | None:
        """The file and line that describe ``node`` (its statement with predicate ``path``, if written), else where a
        statement names it."""
        if self.locator is None:
            return None
        label = blank_label(node)
        file = self.paths[blank_file(node) - 1] if label else None
        found = self.locator.statement(label or node, path, file) if path else self.locator.node(label or node, file)
        if found is None and self.naming is not None:  # a loaded file: the earliest statement naming it
            lines = [line for quad in self.naming(node) if (line := self.line_of(quad, self.loaded))]
            return (self.loaded, min(lines)) if lines else None
        if found is None:
            index = self._objects().get(node)
            if index is not None:
                origin = self.origins[index]
                line = self.line_of(self.quads[index], origin)
                return (origin, line) if line else None
        return found

    def _objects(self) -> dict[str, int]:
        """The first statement naming each IRI as its object, indexed on first use."""
        if self._object_index is None:
            self._object_index = {}
            for index, quad in enumerate(self.quads):
                if isinstance(quad.object, ox.NamedNode):
                    self._object_index.setdefault(quad.object.value, index)
        return self._object_index


def read_inputs(paths: list[Path], store: Callable[[], ox.Store] | None = None, *,
                screens: set[str] | frozenset[str] = frozenset()) -> UserInput:
    """Parse every file (each must hold at least one statement), normalise literals to NFC and name blank nodes.

    With ``store`` (the function that gives the working store, see
    :func:`govgraph.validation.context.opening_store`), one file that needs none of that is loaded into it instead
    (``user.loaded``), when the store holds nothing outside govgraph's named graphs; the ``screens`` it passes
    (:mod:`govgraph.validation.screens`) are tried while it loads (``user.screened``).

    >>> import tempfile, unicodedata
    >>> path = Path(tempfile.mkdtemp()) / "x.ttl"
    >>> _ = path.write_text('_:t <http://e/name> "' + unicodedata.normalize("NFD", "Xã") + '" .', encoding="utf-8")
    >>> user = read_inputs([path])
    >>> [q.subject.value.rsplit(":", 1)[1] for q in user.quads], [note.split(": ", 1)[1] for note in user.notes]
    (['t'], ['1 literal written in decomposed Unicode (NFD) was normalised to NFC'])
    """
    user = UserInput(list(paths))
    one_per_line: dict[Path, list[ox.Quad]] = {}
    for number, path in enumerate(paths, start=1):
        data = read_bytes(path)
        if store is not None and len(paths) == 1 and _loadable(path, data):
            loaded = _load(path, data, store, screens)
            if loaded is not None:
                return loaded
        parsed = parse_file(path, rename_blank_nodes=False, data=data)
        if not parsed:
            raise InputError("the file holds no RDF statements", path=path, hint="give a file with data in it")
        if path.suffix.lower() in (".nt", ".nq") and data.count(b"\n") + (not data.endswith(b"\n")) == len(parsed):
            one_per_line[path] = parsed  # as parsed: blank nodes keep their labels
        if not _surely_nfc(data):
            parsed, changed = nfc_literals(parsed)
            if changed:
                line = first_non_nfc_line(data.decode("utf-8", errors="replace"))
                where = f"{path}:{line}" if line else str(path)
                plural = "literals" if changed != 1 else "literal"
                was = "were" if changed != 1 else "was"
                user.notes.append(f"{where}: {changed} {plural} written in decomposed Unicode (NFD) {was} "
                                  "normalised to NFC")
        if _may_hold_blank_nodes(path, data):
            prefix = f"{BLANK}{number}:"
            parsed = [ox.Quad(_named(q.subject, prefix), q.predicate, _named(q.object, prefix), q.graph_name)
                      if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) else q
                      for q in parsed]
        user.quads.extend(parsed)
        user.origins.extend([path] * len(parsed))
    user.locator = Locator(list(paths), one_per_line=one_per_line)  # reads files again only if a line is asked for
    return user


def _loadable(path: Path, data: bytes) -> bool:
    """Whether the file can be loaded into the store as it is, every guarantee kept: N-Triples or N-Quads with no
    blank node (they would get no name of the file's), no triple term, surely in NFC, and no IRI of govgraph's
    named graphs anywhere (so none of its statements is written into one).

    >>> _loadable(Path("x.nq"), b'<http://e/a> <http://e/p> "1" <http://e/g> .'), _loadable(Path("x.ttl"), b"")
    (True, False)
    >>> _loadable(Path("x.nq"), b'<http://e/a> <http://e/p> _:b .')
    False

    Lines must end in ``\\n`` (or ``\\r\\n``): the parser also ends one at a bare ``\\r``, which the line index
    would not see, so it would miss the subjects after it.

    >>> _loadable(Path("x.nt"), b'<http://e/a> <http://e/p> "1" .\\r<http://e/b> <http://e/p> "2" .')
    False
    """
    rdf_format = format_for(path)
    return (rdf_format in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS) and not _may_hold_blank_nodes(path, data)
            and not may_hold_triple_terms(rdf_format, data) and GRAPHS.encode() not in data and _surely_nfc(data)
            and not (b"\r" in data and _BARE_CR.search(data)))


_BARE_CR = re.compile(rb"\r(?!\n)")


def _load(path: Path, data: bytes, store: Callable[[], ox.Store], screens: set[str] | frozenset[str]) \
        -> UserInput | None:
    """The file loaded into the working store by pyoxigraph in a thread, its lines indexed and its ``screens``
    tried meanwhile; ``None`` when the store holds statements outside govgraph's named graphs (the file's could not
    be told apart)."""
    with ThreadPoolExecutor(1, thread_name_prefix="govgraph-load") as pool:
        loading = pool.submit(_load_into, store, path, data)
        lines = scan_iri_heads(data)
        # what the context says is in govgraph's graphs, where the file writes nothing: it can be read meanwhile
        try:
            described = described_by_context(store(), set(lines.subjects))
        except ValueError:  # a subject that is no IRI: loading the file says so
            described = None
        # (N-Triples go into the default graph, never a graph of their own: a screen would not be used)
        screened = passed(set(screens), data, lines.statements.predicates(), store()) \
            if screens and format_for(path) == ox.RdfFormat.N_QUADS else set()
        if not loading.result():
            return None
    if described is None:
        described = described_by_context(store(), set(lines.subjects))
    if not lines.subjects:
        raise InputError("the file holds no RDF statements", path=path, hint="give a file with data in it")
    user = UserInput([path], loaded=path, described=described, screened=screened)
    user.locator = Locator([path], lines={path: lines})
    return user


# Up to this many subjects, whether the context describes each is looked up one by one.
DESCRIBED_ONE_BY_ONE = 5_000


def described_by_context(store: ox.Store, subjects: set[str]) -> set[str]:
    """The ``subjects`` that have statements in govgraph's named graphs: looked up one by one when they are few,
    else the subjects of those graphs are read (a query as large as the context, not as the file).

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1"),
    ...                   ox.NamedNode(GRAPHS + "curated")))
    >>> store.add(ox.Quad(ox.NamedNode("http://e/b"), ox.NamedNode("http://e/p"), ox.Literal("1")))
    >>> described_by_context(store, {"http://e/a", "http://e/b", "http://e/c"})
    {'http://e/a'}
    """
    if len(subjects) <= DESCRIBED_ONE_BY_ONE:
        return {subject for subject in subjects if any(
            is_govgraph_graph(q.graph_name) for q in store.quads_for_pattern(ox.NamedNode(subject), None, None))}
    ours = [graph for graph in store.named_graphs() if is_govgraph_graph(graph)]
    if not ours:
        return set()
    query = store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", default_graph=ours)
    return {row[0].value for row in query} & subjects


def _load_into(store: Callable[[], ox.Store], path: Path, data: bytes) -> bool:
    working = store()
    apart = next(working.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None and \
        all(is_govgraph_graph(graph) for graph in working.named_graphs())
    if not apart:
        return False
    try:  # one transaction: nothing is added when the file is malformed
        working.load(data, format=format_for(path), base_iri=path.resolve().as_uri())
    except (SyntaxError, ValueError) as error:
        parse_file(path, rename_blank_nodes=False, data=data)  # the same error, as an InputError with its line
        raise InputError(f"not valid {format_for(path).name}: {error}", path=path) from None
    return True


def _surely_nfc(data: bytes) -> bool:
    """Whether every literal of a file holding ``data`` is surely in NFC: its text is, and it writes no character
    as an escape (``\\u``, ``\\U``, ``&#``) that could decompose it. The escapes are looked for only when a
    ``\\`` or ``&`` is there at all (one byte is found many times faster than two).

    >>> import unicodedata
    >>> nfd = unicodedata.normalize("NFD", '"Xã"').encode()
    >>> _surely_nfc('"Xã"'.encode()), _surely_nfc(nfd), _surely_nfc(b'"Xa\\\\u0303"'), _surely_nfc(b'"Xa"')
    (True, False, False, True)
    """
    if b"\\" in data and (b"\\u" in data or b"\\U" in data) or b"&" in data and b"&#" in data:
        return False
    return data.isascii() or unicodedata.is_normalized("NFC", data.decode("utf-8", errors="replace"))


def _may_hold_blank_nodes(path: Path, data: bytes) -> bool:
    """Whether the file may hold blank nodes: N-Triples and N-Quads only by writing ``_:``.

    >>> _may_hold_blank_nodes(Path("x.nt"), b'<http://e/a> <http://e/p> "_ :" .')
    False
    >>> _may_hold_blank_nodes(Path("x.ttl"), b"")
    True
    """
    return path.suffix.lower() not in (".nt", ".nq") or b"_" in data and b"_:" in data  # one byte: found faster


def _named(term, prefix: str):
    return ox.NamedNode(prefix + term.value) if isinstance(term, ox.BlankNode) else term


def display(node: str) -> str:
    """A node as reports show it: the user's blank nodes as ``_:label``.

    >>> display("urn:govgraph:blank:1:b0"), display("http://e/a")
    ('_:b0', 'http://e/a')
    """
    return blank_label(node) or node


def blank_file(node: str) -> int:
    """The number (from 1) of the file a named blank node came from."""
    return int(node[len(BLANK):].split(":", 1)[0])


def blank_label(node: str) -> str | None:
    """``_:label`` for a node that was a blank node in the user's file, else ``None``.

    >>> blank_label("urn:govgraph:blank:2:b7"), blank_label("http://e/a")
    ('_:b7', None)
    """
    if not node.startswith(BLANK):
        return None
    return "_:" + node[len(BLANK):].split(":", 1)[1]
