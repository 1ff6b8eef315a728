"""Where the user's statements are written: the file and line of each subject, statement and named graph.

RDF parsers give no positions per statement, so each Turtle, TriG, N-Triples or N-Quads file is scanned once more
with a small tokenizer that follows the grammar's shape (subject, predicate-object lists, ``[ ]`` and ``( )``,
TriG graph blocks, the fourth term of an N-Quads line) and records the line of the first occurrence of each
subject, of each (subject, predicate), and of each named graph. It also finds the first RDF 1.2 triple term
(``<<``), which govgraph does not validate. RDF/XML and JSON-LD files get no lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

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
    triple_term: int | None = None


def scan(path: Path, text: str) -> FileLines:
    """The lines of the subjects, (subject, predicate) pairs and named graphs written in ``text``.

    Blank nodes are keyed ``_:label``; IRIs are resolved against ``@base``/``BASE`` and the file itself.

    >>> lines = scan(Path("/tmp/x.trig"), '@prefix e: <http://e/> .\\n<g> {\\n  e:a e:p 1 ;\\n    a e:C .\\n}\\n'
    ...              'GRAPH e:h { _:b e:q "x" }\\n')
    >>> lines.subjects, lines.graphs["file:///tmp/g"], lines.statements[("http://e/a", RDF_TYPE)]
    ({'http://e/a': 3, '_:b': 6}, 2, 4)
    >>> scan(Path("/tmp/x.nq"), '<http://e/a> <http://e/p> "1" <http://e/g> .\\n').graphs
    {'http://e/g': 1}
    """
    if path.suffix.lower() in (".nt", ".nq"):
        return _scan_lines(text)
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
        if kind == "tripleterm":
            if found.triple_term is None:
                found.triple_term = line
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
        elif frame[2] == "after-object" and kind in ("iri", "blank") and len(frames) == 1:
            named = term(kind, value)  # N-Quads: the fourth term names the graph
            if named is not None:
                found.graphs.setdefault(named, line)
        elif frame[2] == "after-object" and kind == "datatype":
            frame[2] = "object"
    return found


_TERM = r'(<[^>]*>|_:[^\s<>"]+)'
_LINE = re.compile(rf'^\s*{_TERM}\s+(<[^>]*>)\s*(.*?)(?:\s{_TERM})?\s*\.\s*(?:#.*)?$')


def _scan_lines(text: str) -> FileLines:
    """N-Triples and N-Quads: one statement a line, its graph the last term before the final dot.

    >>> _scan_lines('<http://e/a> <http://e/p> "x y" <http://e/g> .\\n_:b <http://e/p> <http://e/o> .\\n').graphs
    {'http://e/g': 1}
    """
    found = FileLines()
    for number, line in enumerate(text.splitlines(), start=1):
        if "<<" in line and found.triple_term is None:
            found.triple_term = number
        match = _LINE.match(line)
        if not match:
            continue
        subject, predicate, rest, graph = match.groups()
        subject = subject[1:-1] if subject.startswith("<") else subject
        found.subjects.setdefault(subject, number)
        found.statements.setdefault((subject, predicate[1:-1]), number)
        if graph is not None and not rest.endswith(("^^", "@")) and rest:
            found.graphs.setdefault(graph[1:-1] if graph.startswith("<") else graph, number)
    return found


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
    """Finds the file and line of a node, a statement or a named graph among the user's files (first file wins)."""

    def __init__(self, paths: list[Path], texts: dict[Path, str] | None = None) -> None:
        self.files: dict[Path, FileLines] = {}
        for path in paths:
            if path.suffix.lower() not in LINE_FORMATS:
                continue
            text = (texts or {}).get(path)
            if text is None:
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
            self.files[path] = scan(path, text)

    def node(self, node: str, path: Path | None = None) -> tuple[Path, int] | None:
        """The first line on which ``node`` opens a statement as its subject."""
        for candidate, lines in self._files(path):
            if node in lines.subjects:
                return candidate, lines.subjects[node]
        return None

    def statement(self, subject: str, predicate: str, path: Path | None = None) -> tuple[Path, int] | None:
        """The line of the predicate of ``subject predicate ...``, else of the subject."""
        for candidate, lines in self._files(path):
            if (subject, predicate) in lines.statements:
                return candidate, lines.statements[(subject, predicate)]
        return self.node(subject, path)

    def graph(self, name: str, path: Path) -> int | None:
        lines = self.files.get(path)
        return None if lines is None else lines.graphs.get(name)

    def _files(self, path: Path | None):
        if path is not None:
            return [(path, self.files[path])] if path in self.files else []
        return list(self.files.items())
