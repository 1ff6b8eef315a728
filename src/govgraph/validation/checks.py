"""Rules SHACL Core says badly, as violation queries (``queries/checks/*.rq``): any row is a problem.

Each check is a SELECT returning ``?focus`` (the node at fault), optionally ``?path`` and ``?value``, and the
variables its message templates name as ``{?var}``. Its header gives ``severity`` and the messages in English
(``message``) and Vietnamese (``message-vi``). Checks run on the embedded store, where they take milliseconds;
as SHACL-SPARQL constraints pySHACL would run them once per focus node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from govgraph import resources
from govgraph.errors import InputError
from govgraph.queries.formatting import short_text
from govgraph.queries.library import parse_query_file
from govgraph.store.base import Store
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
    """Every check in ``queries/checks``, by name."""
    folder = folder or resources.queries_dir() / "checks"
    checks = []
    for path in sorted(folder.glob("*.rq")):
        query = parse_query_file(path, extra_fields=("severity", "message", "message-vi"))
        try:
            severity = Severity.parse(query.extra["severity"] or "violation")
        except KeyError:
            raise InputError(f"unknown severity {query.extra['severity']!r}", path=path,
                             hint="use violation, warning or info") from None
        if not query.extra["message"]:
            raise InputError("a check needs a '#+ message:' header line", path=path)
        messages = {"en": query.extra["message"], "vi": query.extra["message-vi"] or query.extra["message"]}
        checks.append(Check(query.name, query.title, severity, messages, query.text))
    return checks


def _fill(template: str, row: dict) -> str:
    return _TEMPLATE_VARIABLE.sub(lambda m: short_text(row.get(m.group(1))), template)


def run_checks(store: Store, checks: list[Check], *, focus: set[str] | None = None) -> list[ValidationResult]:
    """The results of every check; with ``focus``, only rows about those nodes."""
    results = []
    for check in checks:
        for row in store.select(check.text).as_dicts():
            node = row.get("focus")
            if node is None or (focus is not None and str(node) not in focus):
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
