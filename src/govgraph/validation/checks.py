"""Rules SHACL Core says badly, as violation queries (``queries/checks/*.rq``): any row is a problem.

Each check is a SELECT returning ``?focus`` (the node at fault), optionally ``?path`` and ``?value``, and the
variables its message templates name as ``{?var}``. Its header gives ``severity`` and the messages in English
(``message``) and Vietnamese (``message-vi``); ``judges: statements`` says that each row is about one statement of
``?focus``, judged with nothing but the ontology besides, so a user's file whose new statements fill a graph of
their own can be judged in that graph (:func:`run_checks`), and ``screen: NAME`` names the test of a loaded
file's bytes that can show it has no row there (:mod:`govgraph.validation.screens`). Checks run on the embedded
store, where they take milliseconds; as SHACL-SPARQL constraints pySHACL would run them once per focus node.
"""

from __future__ import annotations

import re
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from govgraph import resources
from govgraph.errors import InputError
from govgraph.namespaces import ONTOLOGY_GRAPH
from govgraph.queries.formatting import short_text
from govgraph.store.base import Store
from govgraph.store.embedded import EmbeddedStore
from govgraph.store.terms import kind
from govgraph.store.values import where_group_start
from govgraph.validation.compiled import focus_values, restricted
from govgraph.validation.parallel import select_each
from govgraph.validation.report import Severity, ValidationResult, node_text
from govgraph.validation.screens import SCREENS

if TYPE_CHECKING:  # the scope's module imports the rules, which import this one
    from govgraph.validation.scope import Scope

CHECKS_IRI = "https://w3id.org/govgraph/checks#"
_TEMPLATE_VARIABLE = re.compile(r"\{\?([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Check:
    """One check of ``queries/checks``: its query, severity and messages, read by :func:`load_checks`."""

    name: str
    title: str
    severity: Severity
    messages: dict[str, str]
    text: str
    per_statement: bool = False  # ``#+ judges: statements``
    screen: str | None = None  # ``#+ screen: NAME``: see :mod:`govgraph.validation.screens`

    @property
    def iri(self) -> str:
        """The check's IRI, its results' source shape and constraint.

        >>> next(check for check in load_checks() if check.name == "unknown-term").iri
        'https://w3id.org/govgraph/checks#unknown-term'
        """
        return CHECKS_IRI + self.name


def load_checks(folder: Path | None = None) -> list[Check]:
    """Every check in ``queries/checks``, by name.

    The headers are read here, not through the query library's parser: parsing 15 queries with rdflib's SPARQL
    parser costs most of a second at every start, and the checks' syntax is tested (``tests/shapes``) and
    checked again by the store that runs them.

    >>> sorted(check.severity.label for check in load_checks() if check.name.startswith("overdue"))
    ['violation', 'warning']
    """
    folder = folder or resources.queries_dir() / "checks"
    checks = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        fields = _header(text)
        try:
            severity = Severity.parse(fields.get("severity") or "violation")
        except KeyError:
            raise InputError(f"unknown severity {fields['severity']!r}", path=path,
                             hint="use violation, warning or info") from None
        if not fields.get("message"):
            raise InputError("a check needs a '#+ message:' header line", path=path)
        messages = {"en": fields["message"], "vi": fields.get("message-vi") or fields["message"]}
        judges = fields.get("judges", "nodes")
        if judges not in ("nodes", "statements"):
            raise InputError(f"unknown '#+ judges: {judges}'", path=path, hint="use nodes or statements")
        screen = fields.get("screen") or None
        if screen is not None and (screen not in SCREENS or judges != "statements"):
            raise InputError(f"unknown '#+ screen: {screen}'" if screen not in SCREENS else
                             "'#+ screen:' needs '#+ judges: statements'", path=path,
                             hint=f"use one of {', '.join(sorted(SCREENS))} on a check of statements")
        checks.append(Check(path.stem, fields.get("title", path.stem), severity, messages, text,
                            per_statement=judges == "statements", screen=screen))
    return checks


def _header(text: str) -> dict[str, str]:
    """The ``#+ key: value`` header lines of a query, repeated keys joined by spaces.

    >>> _header("#+ title: A\\n#+ description: b\\n#+ description: c\\nSELECT * {}")
    {'title': 'A', 'description': 'b c'}
    """
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#+"):
            key, _, value = line[2:].partition(":")
            key = key.strip()
            fields[key] = f"{fields[key]} {value.strip()}" if key in fields else value.strip()
    return fields


def _fill(template: str, row: dict) -> str:
    """A message with the row's terms: IRIs as prefixed names where one fits, literals as the store holds them."""
    return _TEMPLATE_VARIABLE.sub(lambda m: _shown(row.get(m.group(1))), template)


def _shown(term) -> str:
    return node_text(term) if term is not None and kind(term) == "literal" else short_text(term)


def run_checks(store: Store, checks: list[Check], *, focus: set[str] | None = None, scope: Scope | None = None,
               pool: Executor | None = None) -> list[ValidationResult]:
    """The results of every check; with ``focus`` (or a judged ``scope``), only rows about those nodes, which are
    bound in the query (a VALUES block opening its WHERE group) when they are few. The checks run on a pool of
    threads (:mod:`govgraph.validation.parallel`), or on those of ``pool``.

    When the nodes are too many to bind and the user's new statements fill a graph of their own
    (``scope.graph``), a check that judges statements reads that graph and the ontology, and the store only for
    the judged nodes described elsewhere (``scope.elsewhere``): a register is judged without reading the build. A
    check whose screen the file passed (``scope.screened``, :mod:`govgraph.validation.screens`) skips that graph.
    """
    jobs: list[tuple[Store, str]] = []
    # per job: its check, the nodes it judges, and the nodes whose rows it leaves to the next job
    judged: list[tuple[Check, set[str] | None, set[str]]] = []
    for check in checks:
        nodes = scope.for_check(check.name) if scope is not None else focus
        bound = restricted(nodes)
        if bound is None and nodes is not None and check.per_statement and _split(store, scope):
            # a judged node described only in the user's graph has its rows there; the others, from the store
            elsewhere = scope.elsewhere & nodes
            if restricted(elsewhere) is not None:
                if check.screen not in scope.screened:  # else the file's bytes showed its graph gives no row
                    jobs.append((store.within([ox.NamedNode(scope.graph), ox.NamedNode(ONTOLOGY_GRAPH)]),
                                 check.text))
                    judged.append((check, nodes, elsewhere))
                if not elsewhere:
                    continue
                bound = elsewhere
        jobs.append((store, _with_focus(check.text, bound)))
        judged.append((check, nodes, set()))
    results = []
    for (check, nodes, left), table in zip(judged, select_each(jobs, pool=pool)):
        for row in table.cell_dicts():
            node = node_text(row.get("focus"))
            if node is None or (nodes is not None and node not in nodes) or node in left:
                continue
            results.append(ValidationResult(
                severity=check.severity,
                focus=node,
                path=node_text(row.get("path")),
                value=node_text(row.get("value")),
                messages={language: _fill(template, row) for language, template in check.messages.items()},
                source_shape=check.iri,
                constraint=check.iri,
            ))
    return results


def _split(store: Store, scope: Scope | None) -> bool:
    """Whether a check of statements can read the user's own graph (``scope.graph``) and the ontology's apart."""
    return scope is not None and scope.graph is not None and isinstance(store, EmbeddedStore) and \
        store.oxigraph.contains_named_graph(ox.NamedNode(ONTOLOGY_GRAPH))


def _with_focus(text: str, nodes: set[str] | None) -> str:
    """A check's query with ``nodes`` bound as its focus nodes (``None``: all of them)."""
    if nodes is None:
        return text
    at = where_group_start(text)
    return f"{text[:at]} {focus_values(nodes)}\n{text[at:]}"
