"""Where a node is described in the user's files: the file and line of the first statement about it.

RDF parsers give no positions per statement, so each file is scanned once: every line that opens a statement
with a subject (an IRI, a relative IRI against ``@base``, or a prefixed name) is resolved to the subject's IRI,
and the first line per IRI is kept. Works for Turtle, TriG, N-Triples and N-Quads written one statement or one
subject block per line start; nodes found nowhere get no location.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_BASE = re.compile(r"^\s*(?:@base|BASE)\s+<([^>]*)>", re.IGNORECASE)
_SUBJECT = re.compile(r"^\s*(?:GRAPH\s+\S+\s*\{\s*)?(<[^>\s]*>|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*)")

Location = tuple[Path, int]


def subject_lines(path: Path) -> dict[str, int]:
    """The first line on which each subject IRI opens a statement in ``path``.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "x.ttl"
    >>> _ = p.write_text("@prefix e: <http://e/> .\\n@base <http://b/> .\\n\\ne:a e:p 1 .\\n<c> e:p 2 .\\n")
    >>> subject_lines(p)
    {'http://e/a': 4, 'http://b/c': 5}
    """
    prefixes: dict[str, str] = {}
    base = path.resolve().as_uri()
    found: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return found
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _PREFIX.match(line):
            prefixes[match.group(1) or ""] = urljoin(base, match.group(2))
            continue
        if match := _BASE.match(line):
            base = urljoin(base, match.group(1))
            continue
        match = _SUBJECT.match(line)
        if not match:
            continue
        token = match.group(1)
        if token.startswith("<"):
            iri = urljoin(base, token[1:-1])
        else:
            prefix, _, local = token.partition(":")
            if prefix not in prefixes:
                continue
            iri = prefixes[prefix] + local.rstrip(".")
        found.setdefault(iri, number)
    return found


class Locator:
    """Finds the file and line for a node among several files (the first file that describes it wins)."""

    def __init__(self, paths: list[Path]) -> None:
        self._index: dict[str, Location] = {}
        for path in paths:
            for iri, line in subject_lines(path).items():
                self._index.setdefault(iri, (path, line))

    def find(self, node: str) -> Location | None:
        return self._index.get(node)
