"""A SPARQL 1.1 tokenizer for the read-only guard: strings, comments and IRIs are single tokens, so a keyword
inside them is never taken for syntax.

>>> [(t.kind, t.text) for t in tokenize('SELECT * { ?s <http://e/LOAD> "DROP" } # CLEAR')]
[('name', 'SELECT'), ('punct', '*'), ('punct', '{'), ('var', '?s'), ('iri', '<http://e/LOAD>'), ('string', '"DROP"'), ('punct', '}')]
>>> [t.text for t in tokenize("PREFIX load: <http://e/> SELECT (load:x AS ?y) {} ")][:3]
['PREFIX', 'load:', '<http://e/>']
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Iterator

# SPARQL's name characters, approximated with Unicode word characters: close enough to tell keywords from
# names, and quick to compile (the grammar's exact code point ranges cost a tenth of a second at every start).
_PN_CHARS_BASE = r"[^\W\d_]"
_PN_CHARS = r"[\w\-\u00b7]"
_LOCAL = r"(?:[\w\-\u00b7:]|%[0-9A-Fa-f]{2}|\\[-_~.!$&'()*+,;=/?#@%])"

_PATTERNS = [
    ("space", r"\s+"),
    ("comment", r"#[^\n\r]*"),
    ("string", r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
               r'|"(?:[^"\\\n\r]|\\.)*"' r"|'(?:[^'\\\n\r]|\\.)*'"),
    ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
    ("var", r"[?$][\w\u00b7]+"),
    ("langtag", r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*"),
    ("bnode", rf"_:\w(?:[\w\-\u00b7.]*{_PN_CHARS})?"),
    ("pname", rf"(?:{_PN_CHARS_BASE}(?:[\w\-\u00b7.]*{_PN_CHARS})?)?:(?:{_LOCAL}(?:(?:{_LOCAL}|\.)*{_LOCAL})?)?"),
    ("number", r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"),
    ("name", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("punct", r"\^\^|&&|\|\||!=|<=|>=|."),
]
_TOKEN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _PATTERNS), re.DOTALL)


class Token(namedtuple("Token", "kind text line")):
    """A token: its kind (name, iri, pname, var, string, number, langtag, bnode, punct), its text, its line.

    A named tuple, not a dataclass: the guard runs in every command that runs a query, which then need not import
    ``dataclasses`` (and ``inspect``).
    """

    __slots__ = ()

    def is_keyword(self, *words: str) -> bool:
        """Whether the token is a bare name that is one of ``words`` (given in upper case), in any letter case.

        >>> next(tokenize("select * {}")).is_keyword("SELECT", "ASK"), next(tokenize("?select")).is_keyword("SELECT")
        (True, False)
        """
        return self.kind == "name" and self.text.upper() in words


def tokenize(query: str) -> Iterator[Token]:
    """The tokens of ``query``, without spaces and comments."""
    for token, _ in located(query):
        yield token


def located(query: str) -> Iterator[tuple[Token, int]]:
    """The tokens of ``query``, without spaces and comments, each with the index in ``query`` where it starts.

    >>> [(t.text, start) for t, start in located("ASK { # {\\n}")]
    [('ASK', 0), ('{', 4), ('}', 10)]
    """
    line = 1
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup, match.group()
        if kind not in ("space", "comment"):
            yield Token(kind, text, line), match.start()
        line += text.count("\n")
