"""The JSON report: the typed results as objects, for programs."""

from __future__ import annotations

import json

from govgraph.validation.report import Severity, ValidationReport


def render(report: ValidationReport, threshold: Severity = Severity.VIOLATION, *, quiet: bool = False,
           rules=None) -> str:
    """The report as a JSON document."""
    document = {
        "conforms": report.conforms(threshold),
        "failOn": threshold.label,
        "statements": report.triples,
        "counts": report.counts(),
        "notes": report.notes,
        "results": [] if quiet else [r.as_dict() for r in report.results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
