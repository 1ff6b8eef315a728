"""The user's files as validation input: parsed, normalised to NFC, blank nodes named per file, lines located.

Blank nodes become IRIs under :data:`BLANK` (``urn:govgraph:blank:<file>:<label>``) so they can be judged, bound
in queries and given to pySHACL like any node, without two files' ``_:b1`` merging; reports show them as ``_:b1``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import InputError
from govgraph.rdf.parse import first_non_nfc_line, nfc_literals, parse_file
from govgraph.validation.locations import Locator

BLANK = "urn:govgraph:blank:"


@dataclass
class UserInput:
    """The statements of the user's files, with where each came from."""

    paths: list[Path]
    quads: list[ox.Quad] = field(default_factory=list)
    origins: list[Path] = field(default_factory=list)  # the file of each statement, in the same order
    notes: list[str] = field(default_factory=list)
    locator: Locator | None = None

    def line_of(self, quad: ox.Quad, path: Path) -> int | None:
        """The line of a statement: its predicate's line under its subject, or its subject's line."""
        subject = blank_label(quad.subject.value) or quad.subject.value
        found = self.locator.statement(subject, quad.predicate.value, path) if self.locator else None
        return found[1] if found else None

    def where(self, node: str, path: str | None = None) -> tuple[Path, int] | None:
        """The file and line that describe ``node`` (its statement with predicate ``path``, if written), else where a
        statement names it."""
        if self.locator is None:
            return None
        label = blank_label(node)
        file = self.paths[blank_file(node) - 1] if label else None
        found = self.locator.statement(label or node, path, file) if path else self.locator.node(label or node, file)
        if found is None:
            for quad, origin in zip(self.quads, self.origins):
                if isinstance(quad.object, ox.NamedNode) and quad.object.value == node:
                    line = self.line_of(quad, origin)
                    return (origin, line) if line else None
        return found


def read_inputs(paths: list[Path]) -> UserInput:
    """Parse every file (each must hold at least one statement), normalise literals to NFC and name blank nodes.

    >>> import tempfile, unicodedata
    >>> path = Path(tempfile.mkdtemp()) / "x.ttl"
    >>> _ = path.write_text('_:t <http://e/name> "' + unicodedata.normalize("NFD", "Xã") + '" .', encoding="utf-8")
    >>> user = read_inputs([path])
    >>> [q.subject.value.rsplit(":", 1)[1] for q in user.quads], [note.split(": ", 1)[1] for note in user.notes]
    (['t'], ['1 literal written in decomposed Unicode (NFD) was normalised to NFC'])
    """
    user = UserInput(list(paths))
    texts: dict[Path, str] = {}
    for number, path in enumerate(paths, start=1):
        parsed = parse_file(path, rename_blank_nodes=False)
        if not parsed:
            raise InputError("the file holds no RDF statements", path=path, hint="give a file with data in it")
        parsed, changed = nfc_literals(parsed)
        text = path.read_text(encoding="utf-8", errors="replace")
        texts[path] = text
        if changed:
            line = first_non_nfc_line(text)
            where = f"{path}:{line}" if line else str(path)
            plural = "literals" if changed != 1 else "literal"
            was = "were" if changed != 1 else "was"
            user.notes.append(f"{where}: {changed} {plural} written in decomposed Unicode (NFD) {was} "
                              "normalised to NFC")
        prefix = f"{BLANK}{number}:"
        for quad in parsed:
            user.quads.append(ox.Quad(_named(quad.subject, prefix), quad.predicate, _named(quad.object, prefix),
                                      quad.graph_name))
            user.origins.append(path)
    user.locator = Locator(list(paths), texts)
    return user


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
