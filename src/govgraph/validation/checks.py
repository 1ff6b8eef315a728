"""Rules SHACL Core says badly, as violation queries (``queries/checks/*.rq``): any row is a problem.

Each check is a SELECT returning ``?focus`` (the node at fault), optionally ``?path`` and ``?value``, and the
variables its message templates name as ``{?var}``. Its header gives ``severity`` and the messages in English
(``message``) and Vietnamese (``message-vi``). Checks run on the embedded store, where they take milliseconds;
as SHACL-SPARQL constraints pySHACL would run them once per focus node.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from govgraph import resources
from govgraph.errors import InputError
from govgraph.queries.formatting import short_text
from govgraph.store.base import Store
from govgraph.store.values import where_group_start
from govgraph.validation.compiled import focus_values, restricted
from govgraph.validation.parallel import select_all
from govgraph.validation.report import Severity, ValidationResult

CHECKS_IRI = "https://w3id.org/govgraph/checks#"
_TEMPLATE_VARIABLE = re.compile(r"\{\?([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Check:
    name: str
    title: str
    severity: Severity
    messages: dict[str, str]
    text: str

    @property
    def iri(self) -> str:
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
        checks.append(Check(path.stem, fields.get("title", path.stem), severity, messages, text))
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
    return _TEMPLATE_VARIABLE.sub(lambda m: short_text(row.get(m.group(1))), template)


def run_checks(store: Store, checks: list[Check], *, focus: set[str] | None = None,
               focus_for: Callable[[str], set[str]] | None = None) -> list[ValidationResult]:
    """The results of every check; with ``focus`` (or ``focus_for(check name)``), only rows about those nodes,
    which are bound in the query (a VALUES block opening its WHERE group) when they are few. The checks run on a
    pool of threads (:mod:`govgraph.validation.parallel`)."""
    texts, judged = [], []
    for check in checks:
        nodes = focus_for(check.name) if focus_for is not None else focus
        bound = restricted(nodes)
        text = check.text
        if bound is not None:
            at = where_group_start(text)
            text = f"{text[:at]} {focus_values(bound)}\n{text[at:]}"
        texts.append(text)
        judged.append(nodes)
    results = []
    for check, nodes, table in zip(checks, judged, select_all(store, texts)):
        for row in table.as_dicts():
            node = row.get("focus")
            if node is None or (nodes is not None and str(node) not in nodes):
                continue
            results.append(ValidationResult(
                severity=check.severity,
                focus=str(node),
                path=str(row["path"]) if "path" in row else None,
                value=str(row["value"]) if "value" in row else None,
                messages={language: _fill(template, row) for language, template in check.messages.items()},
                source_shape=check.iri,
                constraint=check.iri,
            ))
    return results
