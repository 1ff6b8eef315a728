"""Where the user's statements are written: the file and line of each subject, statement and named graph.

RDF parsers give no positions per statement, so each Turtle or TriG file is scanned once more with a small
tokenizer that follows the grammar's shape (subject, predicate-object lists, ``[ ]`` and ``( )``, TriG graph
blocks) and records the line of the first occurrence of each subject, of each (subject, predicate), and of each
named graph. N-Triples and N-Quads files, one statement a line, are read by the heads of their lines (see
:class:`Locator`). RDF/XML and JSON-LD files get no lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from urllib.parse import urljoin

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LINE_FORMATS = {".ttl", ".turtle", ".trig", ".nt", ".nq", ".n3"}

_TOKEN = re.compile(r"""
    (?P<space>[ \t\r\n]+)
  | (?P<comment>\#[^\n]*)
  | (?P<tripleterm><<\(?|\)?>>)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<directive>@prefix|@base|@version)\b
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<datatype>\^\^)
  | (?P<blank>_:[A-Za-z0-9_](?:[\w.-]*[\w-])?)
  | (?P<pname>(?:[A-Za-z][\w.-]*)?:(?:[\w:%-]|\\.)(?:(?:[\w.:%-]|\\.)*(?:[\w:%-]|\\.))?|(?:[A-Za-z][\w.-]*)?:)
  | (?P<number>[+-]?(?:\d*\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?))
  | (?P<word>[A-Za-z]+)
  | (?P<punct>[.;,\[\](){}~])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


@dataclass
class FileLines:
    """The lines found in one file (1-based)."""

    subjects: dict[str, int] = field(default_factory=dict)
    statements: dict[tuple[str, str], int] = field(default_factory=dict)
    graphs: dict[str, int] = field(default_factory=dict)


def scan(path: Path, text: str) -> FileLines:
    """The lines of the subjects, (subject, predicate) pairs and named graphs written in ``text`` (Turtle, TriG).

    Blank nodes are keyed ``_:label``; IRIs are resolved against ``@base``/``BASE`` and the file itself.

    >>> lines = scan(Path("/tmp/x.trig"), '@prefix e: <http://e/> .\\n<g> {\\n  e:a e:p 1 ;\\n    a e:C .\\n}\\n'
    ...              'GRAPH e:h { _:b e:q "x" }\\n')
    >>> lines.subjects, lines.graphs["file:///tmp/g"], lines.statements[("http://e/a", RDF_TYPE)]
    ({'http://e/a': 3, '_:b': 6}, 2, 4)
    """
    found = FileLines()
    prefixes: dict[str, str] = {}
    base = path.resolve().as_uri()
    tokens = _tokens(text)
    # frames of (subject, predicate, expecting) for nested [ ] and ( ); the outermost is the statement
    frames: list[list] = []
    pending: list[tuple[str, str, int]] = []  # terms seen at the start of a statement: (kind, value, line)
    graph: str | None = None
    directive: str | None = None

    def term(kind: str, value: str) -> str | None:
        if kind == "iri":
            return _resolve(base, value[1:-1])
        if kind == "pname":
            prefix, _, local = value.partition(":")
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local) if prefix in prefixes else None
        if kind == "blank":
            return value
        if kind == "word" and value == "a":
            return RDF_TYPE
        return None

    def subject(key: str | None, line: int) -> None:
        if key is not None:
            found.subjects.setdefault(key, line)
            if graph is not None:
                found.graphs.setdefault(graph, line)
        frames.append([key, None, "predicate"])

    for kind, value, line in tokens:
        if kind == "tripleterm":  # RDF 1.2, refused when the file is parsed
            continue
        if directive is not None:  # @prefix p: <iri> .  /  PREFIX p: <iri>  /  @base <iri>
            if kind == "pname" and directive == "prefix":
                pending.append((kind, value, line))
            elif kind == "iri":
                if directive == "prefix" and pending:
                    prefixes[pending[0][1][:-1]] = _resolve(base, value[1:-1])
                elif directive == "base":
                    base = _resolve(base, value[1:-1])
                directive, pending = None, []
            continue
        if kind == "directive" or (kind == "word" and value.upper() in ("PREFIX", "BASE") and not frames):
            directive = value.lstrip("@").lower()
            continue
        if kind == "word" and value.upper() == "GRAPH" and not frames:
            continue
        if not frames:  # the start of a statement, or a graph name followed by {
            if kind == "punct" and value == "{":
                graph = term(*pending[0][:2]) if pending else None
                if graph is not None:
                    found.graphs.setdefault(graph, pending[0][2])
                pending = []
                continue
            if kind == "punct" and value == "}":
                graph, pending = None, []
                continue
            if kind in ("iri", "pname", "blank") and not pending:
                pending = [(kind, value, line)]
                continue
            if pending:  # the pending term was a subject: this token is its first predicate (or [ / ,)
                key = term(*pending[0][:2])
                subject(key, pending[0][2])
                pending = []
            elif kind == "punct" and value == "[":
                frames.append([None, None, "predicate"])
                continue
            elif kind == "punct" and value == "(":
                frames.append([None, None, "list"])
                continue
            else:
                continue
        frame = frames[-1]
        if kind == "punct" and value == "[":
            if frame[2] == "predicate":  # a top-level [ ... ] used as a subject keeps its own frame
                continue
            frames.append([None, None, "predicate"])
            continue
        if kind == "punct" and value == "(":
            frames.append([None, None, "list"])
            continue
        if kind == "punct" and value in ("]", ")"):
            if len(frames) > 1:
                frames.pop()
                if frames[-1][2] != "list":
                    frames[-1][2] = "after-object"
            else:
                frame[2] = "after-object"
            continue
        if kind == "punct" and value == ";":
            frame[1], frame[2] = None, "predicate"
            continue
        if kind == "punct" and value == ",":
            frame[2] = "object"
            continue
        if kind == "punct" and value == ".":
            frames = []
            continue
        if kind == "punct" and value == "}":
            frames, graph = [], None
            continue
        if frame[2] == "list":
            continue
        if frame[2] == "predicate":
            frame[1] = term(kind, value)
            if frame[0] is not None and frame[1] is not None:
                found.statements.setdefault((frame[0], frame[1]), line)
            frame[2] = "object"
        elif frame[2] == "object":
            if kind not in ("lang", "datatype"):
                frame[2] = "after-object"
        elif frame[2] == "after-object" and kind == "datatype":
            frame[2] = "object"
    return found


_TERM = r'(<[^>]*>|_:[^\s<>"]+)'
_QUAD = re.compile(rf'^\s*{_TERM}\s+<[^>]*>\s*(.*?)(?:\s{_TERM})?\s*\.\s*(?:#.*)?$')


def _graph_line(text: str, name: str) -> int | None:
    """N-Triples and N-Quads: the first line whose statement is in the named graph ``name`` (an IRI, or a blank
    node as ``_:label``), the last term before the final dot when an object comes before it. Only the lines that
    write the name are matched, so a register is not read line by line.

    >>> text = '<http://e/a> <http://e/p> <http://e/g> .\\n_:b <http://e/p> "x y" <http://e/g> . # c\\n'
    >>> _graph_line(text, "http://e/g"), _graph_line(text, "http://e/p"), _graph_line("", "http://e/g")
    (2, None, None)
    """
    written = name if name.startswith("_:") else f"<{name}>"
    at = text.find(written)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        match = _QUAD.match(text[start:end])
        if match:
            rest, graph = match.groups()[1:]
            if graph is not None and rest and not rest.endswith(("^^", "@")) and \
                    (graph[1:-1] if graph.startswith("<") else graph) == name:
                return text.count("\n", 0, start) + 1
        at = text.find(written, end)
    return None


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _resolve(base: str, reference: str) -> str:
    """An IRI reference resolved against ``base``; absolute IRIs (and their empty fragments) kept as written.

    >>> _resolve("file:///tmp/x.ttl", "https://w3id.org/govgraph/ontology#"), _resolve("http://b/a/", "c#")
    ('https://w3id.org/govgraph/ontology#', 'http://b/a/c#')
    """
    if _SCHEME.match(reference):
        return reference
    resolved = urljoin(base, reference)
    return resolved + "#" if reference.endswith("#") and not resolved.endswith("#") else resolved


def _tokens(text: str):
    line = 1
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind not in ("space", "comment"):
            yield kind, value, line
        line += value.count("\n")


class Locator:
    """Finds the file and line of a node, a statement or a named graph among the user's files (first file wins).

    Each file is scanned when a line in it is first asked for, so a run that needs no line scans nothing. In
    N-Triples and N-Quads files (a register of millions of statements) only the heads of the lines are read, only
    for the subjects announced with :meth:`want` (all of them once another is asked for), and graph names only
    when one is asked for.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "x.nq"
    >>> text = '<http://e/a> <http://e/p> "1" .\\n<http://e/b> <http://e/p> _:c <http://e/g> .\\n'
    >>> locator = Locator([path], {path: text})
    >>> locator.want({"http://e/b"})
    >>> locator.statement("http://e/b", "http://e/p")[1], locator.node("http://e/a")[1]
    (2, 1)
    >>> locator.graph("http://e/g", path)
    2
    """

    def __init__(self, paths: list[Path], texts: dict[Path, str] | None = None,
                 one_per_line: dict[Path, list] | None = None, lines: dict[Path, FileLines] | None = None) -> None:
        self.paths = [path for path in paths if path.suffix.lower() in LINE_FORMATS]
        self.texts = dict(texts or {})
        # the statements, as parsed, of N-Triples and N-Quads files whose every line is one statement
        self.one_per_line = dict(one_per_line or {})
        self.wanted: set[str] | None = set()  # the subjects to index in line-based files; None: all
        # per file, its lines and the subjects they were scanned for (None: all); ``lines`` are complete
        self.files: dict[Path, tuple[FileLines, set[str] | None]] = {path: (found, None)
                                                                      for path, found in (lines or {}).items()}
        self._graphs: dict[tuple[Path, str], int | None] = {}  # N-Triples, N-Quads: the line of each graph asked for

    def lines_of(self, path: Path) -> FileLines | None:
        """The lines of every subject of ``path``, when they were given whole."""
        lines, scanned = self.files.get(path, (None, set()))
        return lines if scanned is None else None

    def want(self, subjects) -> None:
        """Announce subjects whose lines will be asked for (IRIs, blank nodes as ``_:label``)."""
        if self.wanted is not None:
            self.wanted.update(subjects)

    def _text(self, path: Path) -> str | None:
        text = self.texts.get(path)
        if text is None:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
        return text

    def _lines(self, path: Path, subject: str) -> FileLines | None:
        if self.wanted is not None and subject not in self.wanted:
            self.wanted = None  # not announced: index every subject from now on
        lines, scanned = self.files.get(path, (None, set()))
        if lines is not None and (scanned is None or (self.wanted is not None and self.wanted <= scanned)):
            return lines
        wanted = None if self.wanted is None else set(self.wanted)
        if path in self.one_per_line:
            lines, scanned = _numbered(self.one_per_line[path], wanted), wanted
        elif (text := self._text(path)) is None:
            return None
        elif path.suffix.lower() in (".nt", ".nq"):
            lines, scanned = scan_heads(text, wanted), wanted
        else:
            lines, scanned = scan(path, text), None
        self.files[path] = (lines, scanned)
        return lines

    def node(self, node: str, path: Path | None = None) -> tuple[Path, int] | None:
        """The first line on which ``node`` opens a statement as its subject."""
        for candidate, lines in self._files(path, node):
            if node in lines.subjects:
                return candidate, lines.subjects[node]
        return None

    def statement(self, subject: str, predicate: str, path: Path | None = None) -> tuple[Path, int] | None:
        """The line of the predicate of ``subject predicate ...``, else of the subject."""
        for candidate, lines in self._files(path, subject):
            if (subject, predicate) in lines.statements:
                return candidate, lines.statements[(subject, predicate)]
        return self.node(subject, path)

    def graph(self, name: str, path: Path) -> int | None:
        """The first line of ``path`` that writes into the named graph ``name`` (N-Quads, TriG), if any."""
        if path not in self.paths:
            return None
        if path.suffix.lower() in (".nt", ".nq"):
            if (path, name) not in self._graphs:
                text = self._text(path)
                self._graphs[(path, name)] = None if text is None else _graph_line(text, name)
            return self._graphs[(path, name)]
        self.wanted = None
        lines = self._lines(path, "")
        return None if lines is None else lines.graphs.get(name)

    def _files(self, path: Path | None, subject: str):
        candidates = self.paths if path is None else [p for p in self.paths if p == path]
        return [(candidate, lines) for candidate in candidates
                if (lines := self._lines(candidate, subject)) is not None]


# N-Triples and N-Quads are read by the heads of their lines (subject, predicate) in one of three ways, each kept for
# a case the others cannot serve as fast:
# - scan_iri_heads: the file pyoxigraph loads straight into the store. Every subject is needed (the subjects the
#   context describes, the scope), so every line is matched, with no Python step per line; it holds no blank node
#   (see govgraph.validation.inputs._loadable), which its pattern cannot read.
# - _numbered: a parsed file whose n-th line is its n-th statement: its lines are read from the parsed statements,
#   not from the text.
# - scan_heads: any other (blank nodes, blank or comment lines): a Python step per line, but only the subjects
#   announced with Locator.want are kept, and blank-node subjects are read.
# _graph_line alone reads the ends of lines (the graph), only where a graph is asked for.
_HEAD = re.compile(r'^[ \t]*(<[^>]*>|_:[^\s<>"]+)[ \t]*<([^>]*)>', re.MULTILINE)


def scan_heads(text: str, wanted: set[str] | None = None) -> FileLines:
    """N-Triples and N-Quads: the line of each subject (each ``wanted`` one, when given) and (subject, predicate),
    read from the heads of the lines only.

    >>> scan_heads('# c\\n<http://e/a> <http://e/p> "x" .\\n_:b <http://e/p> <http://e/o> .\\n').statements
    {('http://e/a', 'http://e/p'): 2, ('_:b', 'http://e/p'): 3}
    >>> scan_heads('<http://e/a> <http://e/p> "x" .\\n_:b <http://e/p> <http://e/o> .\\n', {"_:b"}).subjects
    {'_:b': 2}
    """
    found = FileLines()
    subjects, statements = found.subjects, found.statements
    line, at = 1, 0
    for match in _HEAD.finditer(text):
        subject = match.group(1)
        if subject[0] == "<":
            subject = subject[1:-1]
        if wanted is not None and subject not in wanted:
            continue
        start = match.start()
        line += text.count("\n", at, start)
        at = start
        if subject not in subjects:
            subjects[subject] = line
        key = (subject, match.group(2))
        if key not in statements:
            statements[key] = line
    return found


_LINE_HEAD = re.compile(rb'^[ \t]*(?:<([^>]*)>[ \t]*<([^>]*)>)?.*$', re.MULTILINE)


def scan_iri_heads(data: bytes) -> FileLines:
    """N-Triples and N-Quads (UTF-8 bytes) whose subjects are all IRIs: the line of every subject and (subject,
    predicate), read from the heads of the lines without a Python step per line (one match a line, so its index is
    its number; the first line wins by reading them backwards) and without decoding the text (only the subjects
    are decoded). A statement's line is looked up when asked for, between its subject's first and last lines
    (:class:`HeadLines`).

    >>> data = b'# c\\n\\n<http://e/a><http://e/p> "x" .\\n <http://e/b> <http://e/p> 1 .\\n'
    >>> lines = scan_iri_heads(data + b'<http://e/a> <http://e/p> 2')
    >>> sorted(lines.subjects.items()), lines.statements[("http://e/a", "http://e/p")]
    ([('http://e/a', 3), ('http://e/b', 4)], 3)
    """
    heads = _line_heads(data)
    subjects = list(map(itemgetter(0), heads))
    first = dict(zip(reversed(subjects), range(len(heads), 0, -1)))
    first.pop(b"", None)  # lines that open no statement: blank, comments
    last = dict(zip(subjects, range(1, len(heads) + 1)))
    first_lines = _decoded(first)
    return FileLines(subjects=first_lines, statements=HeadLines(heads, first_lines, _decoded(last)))


def _decoded(lines: dict[bytes, int]) -> dict[str, int]:
    return {subject.decode("utf-8", errors="replace"): line for subject, line in lines.items()}


# Bytes matched in one call: a call holds the GIL, and a file loading in another thread waits for it.
_PIECE = 1 << 22


def _line_heads(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (subject, predicate) IRIs opening each line of ``data`` (empty where a line opens no statement), read
    a few megabytes of whole lines at a time.

    >>> _line_heads(b'<http://e/a> <http://e/p> 1 .\\n# c\\n<http://e/b> <http://e/q> 2 .')
    [(b'http://e/a', b'http://e/p'), (b'', b''), (b'http://e/b', b'http://e/q')]
    """
    heads: list[tuple[bytes, bytes]] = []
    start = 0
    while (end := data.find(b"\n", start + _PIECE) if start + _PIECE < len(data) else -1) >= 0:
        heads += _LINE_HEAD.findall(data, start, end)
        start = end + 1
    return heads + _LINE_HEAD.findall(data, start)


class HeadLines:
    """The first line of each (subject, predicate) of a file, found in the heads of its lines (a list of
    (subject, predicate) as UTF-8 bytes, one a line) between the subject's first and last lines: a register's
    lines about one subject are together, so no index of a million pairs is built for the few that are asked for.

    >>> lines = HeadLines([(b"a", b"p"), (b"", b""), (b"a", b"q")], {"a": 1}, {"a": 3})
    >>> ("a", "q") in lines, lines[("a", "q")], lines.get(("a", "r")), ("b", "p") in lines
    (True, 3, None, False)
    """

    def __init__(self, heads: list[tuple[bytes, bytes]], first: dict[str, int], last: dict[str, int]) -> None:
        self.heads, self.first, self.last = heads, first, last

    def predicates(self) -> set[bytes]:
        """The predicates of the lines (UTF-8 bytes), each once.

        >>> sorted(HeadLines([(b"a", b"p"), (b"", b""), (b"a", b"q")], {"a": 1}, {"a": 3}).predicates())
        [b'p', b'q']
        """
        found = {predicate for _, predicate in self.heads}
        found.discard(b"")  # lines that open no statement
        return found

    def get(self, key: tuple[str, str], default: int | None = None) -> int | None:
        """The first line of the (subject, predicate) ``key``, else ``default``."""
        first = self.first.get(key[0])
        if first is None:
            return default
        try:
            return self.heads.index((key[0].encode(), key[1].encode()), first - 1, self.last[key[0]]) + 1
        except ValueError:
            return default

    def __contains__(self, key: tuple[str, str]) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: tuple[str, str]) -> int:
        line = self.get(key)
        if line is None:
            raise KeyError(key)
        return line


def _numbered(quads: list[ox.Quad], wanted: set[str] | None = None) -> FileLines:
    """The lines of a file whose n-th line is its n-th statement (N-Triples, N-Quads with no blank or comment
    line), from its parsed statements: no text is read again.

    >>> p = ox.NamedNode("http://e/p")
    >>> _numbered([ox.Quad(ox.NamedNode("http://e/a"), p, p), ox.Quad(ox.BlankNode("b"), p, p)]).subjects
    {'http://e/a': 1, '_:b': 2}
    """
    found = FileLines()
    subjects, statements = found.subjects, found.statements
    for line, quad in enumerate(quads, start=1):
        subject = quad.subject
        key = "_:" + subject.value if isinstance(subject, ox.BlankNode) else subject.value
        if wanted is not None and key not in wanted:
            continue
        if key not in subjects:
            subjects[key] = line
        pair = (key, quad.predicate.value)
        if pair not in statements:
            statements[pair] = line
    return found
