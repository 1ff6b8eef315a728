"""The read-only guard: every query is checked here before any engine (local or remote) sees it.

Refused, each with a one-line reason: updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD, and
the update-only WITH and USING), ``SERVICE`` (a federated call would open a connection), and ``FROM`` or
``FROM NAMED`` with an IRI outside govgraph's named graphs. The check works on tokens, so the same words inside
strings, comments, IRIs or prefixed names are not taken for keywords.

>>> check("SELECT * WHERE { ?s ?p 'DROP ALL' }").form
'SELECT'
>>> check("DROP ALL")
Traceback (most recent call last):
govgraph.errors.QueryRefused: line 1: DROP is an update; govgraph runs read-only queries only (use SELECT, ASK, CONSTRUCT or DESCRIBE)
>>> check("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
govgraph.errors.QueryRefused: line 1: SERVICE is refused: govgraph makes no network calls for a query
>>> check("SELECT * FROM <https://w3id.org/govgraph/graph/curated> { ?s ?p ?o }").form
'SELECT'
"""

from __future__ import annotations

from collections import namedtuple
from types import MappingProxyType
from urllib.parse import urljoin

from govgraph.errors import QueryRefused
from govgraph.sparql.prefixes import GRAPH_NAMESPACE, PREDECLARED
from govgraph.sparql.tokens import Token, tokenize

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING")
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class CheckedQuery(namedtuple("CheckedQuery", "text form declared used has_dataset",
                              defaults=(MappingProxyType({}), frozenset(), False))):
    """A query the guard let through: its text, its form, and the prefixes it declares and uses.

    ``form`` is SELECT, ASK, CONSTRUCT or DESCRIBE, None if the engine will find the query malformed; ``declared``
    maps the prefixes it declares to their IRIs, ``used`` holds the prefixes it uses; ``has_dataset`` says FROM or
    FROM NAMED is given (the query chooses its graphs: no union default graph). A named tuple, as
    :class:`~govgraph.sparql.tokens.Token` is.
    """

    __slots__ = ()

    @property
    def kind(self) -> str:
        """``solutions``, ``boolean`` or ``graph``: what the query answers with."""
        return {"ASK": "boolean", "CONSTRUCT": "graph", "DESCRIBE": "graph"}.get(self.form or "", "solutions")

    def missing_prefixes(self) -> dict[str, str]:
        """The predeclared prefixes the query uses without declaring them."""
        return {p: PREDECLARED[p] for p in sorted(self.used) if p in PREDECLARED and p not in self.declared}

    def with_prefixes(self) -> str:
        """The text with the predeclared prefixes it needs, for an engine that takes no prefix table.

        They are put on the first line, so the engine's line numbers still match the user's text.
        """
        header = "".join(f"PREFIX {p}: <{iri}> " for p, iri in self.missing_prefixes().items())
        return header + self.text


def _refuse(token: Token, message: str) -> QueryRefused:
    return QueryRefused(f"line {token.line}: {message}")


def _resolve(token: Token, prefixes: dict[str, str], base: str | None) -> str | None:
    if token.kind == "iri":
        iri = token.text[1:-1]
        return urljoin(base, iri) if base else iri
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        namespace = prefixes.get(prefix, PREDECLARED.get(prefix))
        return None if namespace is None else namespace + local
    return None


def allowed_graph(iri: str) -> bool:
    """Only govgraph's own named graphs may be named in FROM / FROM NAMED.

    >>> allowed_graph("https://w3id.org/govgraph/graph/history"), allowed_graph("http://example.org/data.ttl")
    (True, False)
    """
    return iri.startswith(GRAPH_NAMESPACE) and "/" not in iri[len(GRAPH_NAMESPACE):]


def check(query: str) -> CheckedQuery:
    """Refuse anything but a read-only query over govgraph's own data; returns what was learnt of the query."""
    tokens = list(tokenize(query))
    declared: dict[str, str] = {}
    base: str | None = None
    form: str | None = None
    used: set[str] = set()
    has_dataset = False
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.kind == "pname":
            used.add(token.text.partition(":")[0])
        if token.kind != "name":
            continue
        word = token.text.upper()
        if word in UPDATE_KEYWORDS:
            raise _refuse(token, f"{word} is an update; govgraph runs read-only queries only "
                                 "(use SELECT, ASK, CONSTRUCT or DESCRIBE)")
        if word == "SERVICE":
            raise _refuse(token, "SERVICE is refused: govgraph makes no network calls for a query")
        if word in FORMS and form is None:
            form = word
        elif word == "PREFIX" and following is not None and following.kind == "pname" and index + 2 < len(tokens):
            iri = tokens[index + 2]
            if iri.kind == "iri":
                declared[following.text[:-1]] = urljoin(base, iri.text[1:-1]) if base else iri.text[1:-1]
        elif word == "BASE" and following is not None and following.kind == "iri":
            base = urljoin(base, following.text[1:-1]) if base else following.text[1:-1]
        elif word == "FROM" and following is not None:
            has_dataset = True
            target = tokens[index + 2] if following.is_keyword("NAMED") and index + 2 < len(tokens) else following
            iri = _resolve(target, declared, base)
            if iri is None or not allowed_graph(iri):
                raise _refuse(token, f"FROM {target.text} is refused: a query may name only govgraph's own "
                                     f"named graphs ({GRAPH_NAMESPACE}NAME, e.g. graph:curated); "
                                     "nothing is fetched from the network")
    return CheckedQuery(query, form, declared, frozenset(used), has_dataset)


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, for content negotiation before a query runs (refusals raise).

    >>> query_form("PREFIX e: <http://e/> ASK { ?s e:p ?o }")
    'ASK'
    """
    return check(query).form
