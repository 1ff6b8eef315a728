"""Bind typed terms for engines that take no bindings: a ``VALUES`` block at the head of the WHERE group.

Values never become query syntax: each is a term (pyoxigraph's or rdflib's, see :mod:`govgraph.store.terms`)
validated here and written in its escaped N-Triples form, the same as a SPARQL protocol client would send.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from govgraph.errors import UsageError
from govgraph.store import terms
from govgraph.store.base import Bindings

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _quoted(text: str) -> str:
    """A short double-quoted SPARQL string with every special character escaped (SPARQL 1.1, ECHAR)."""
    return '"' + "".join(_ESCAPES.get(char, char) for char in text) + '"'


def _iri(iri: str) -> str:
    if _IRI_FORBIDDEN.search(iri):
        raise UsageError(f"not a valid IRI: {iri!r}")
    return f"<{iri}>"


def sparql_term(term: terms.Term) -> str:
    """The SPARQL text of a term, refusing anything that could break out of it.

    >>> import pyoxigraph as ox
    >>> sparql_term(ox.Literal('say "hi"\\n'))
    '"say \\\\"hi\\\\"\\\\n"'
    >>> sparql_term(ox.Literal("2025-07-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))
    '"2025-07-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    >>> from rdflib import URIRef
    >>> sparql_term(URIRef("http://e/a> } DROP ALL #"))
    Traceback (most recent call last):
    govgraph.errors.UsageError: not a valid IRI: 'http://e/a> } DROP ALL #'
    """
    try:
        kind = terms.kind(term)
    except TypeError:
        raise UsageError(f"cannot bind {term!r}") from None
    if kind == "uri":
        return _iri(terms.lexical(term))
    if kind == "bnode":
        raise UsageError("a blank node cannot be bound as a query parameter")
    text = _quoted(terms.lexical(term))
    language = terms.language(term)
    if language:
        if not _LANGUAGE.match(language):
            raise UsageError(f"not a valid language tag: {language!r}")
        return f"{text}@{language}"
    datatype = terms.datatype(term)
    return f"{text}^^{_iri(datatype)}" if datatype is not None else text


def _skip_quoted(text: str, start: int) -> int:
    """The index just past the string literal that starts at ``start``."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        end = text.find(quote * 3, start + 3)
        return len(text) if end < 0 else end + 3
    index = start + 1
    while index < len(text) and text[index] != quote:
        index += 2 if text[index] == "\\" else 1
    return index + 1


# Not govgraph.sparql.tokens, which finds the same brace in any valid query: `validate FILE` binds its checks'
# focus nodes here and never imports the tokenizer, whose import (its patterns compiled) would add to its start-up.
def where_group_start(query: str) -> int:
    """The index just after the ``{`` that opens the outermost WHERE group of ``query``.

    >>> q = 'PREFIX e: <http://e/#> SELECT ?x WHERE { ?x e:p "{" }'
    >>> q[where_group_start(q):].strip()
    '?x e:p "{" }'
    """
    index, length = 0, len(query)
    while index < length:
        char = query[index]
        if char == "#":
            newline = query.find("\n", index)
            index = length if newline < 0 else newline + 1
        elif char in "\"'":
            index = _skip_quoted(query, index)
        elif char == "<" and (match := re.match(r"<[^\x00-\x20<>\"{}|^`\\]*>", query[index:])):
            index += match.end()
        elif char == "{":
            return index + 1
        else:
            index += 1
    raise UsageError("the query has no WHERE group to bind parameters in")


def with_values(query: str, bindings: Bindings) -> str:
    """``query`` with ``bindings`` as a one-row VALUES block opening its WHERE group.

    >>> import pyoxigraph as ox
    >>> with_values("SELECT ?x WHERE { ?x ?p ?code }", {"code": ox.Literal("31")})
    'SELECT ?x WHERE { VALUES (?code) { ("31") } ?x ?p ?code }'
    """
    if not bindings:
        return query
    return with_rows(query, list(bindings), [list(bindings.values())])


def with_rows(query: str, names: Sequence[str], rows: Iterable[Sequence[terms.Term]]) -> str:
    """``query`` with a VALUES block of ``names`` opening its WHERE group, a row per item of ``rows`` (no rows: the
    query has no answers).

    >>> import pyoxigraph as ox
    >>> with_rows("SELECT ?x WHERE { ?x ?p ?code }", ["code"], [[ox.Literal("31")], [ox.Literal("01")]])
    'SELECT ?x WHERE { VALUES (?code) { ("31") ("01") } ?x ?p ?code }'
    """
    header = " ".join(f"?{name}" for name in names)
    values = " ".join(f"({' '.join(sparql_term(term) for term in row)})" for row in rows)
    at = where_group_start(query)
    return f"{query[:at]} VALUES ({header}) {{ {values} }}{query[at:]}"
