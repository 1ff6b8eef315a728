"""The report as SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, VS Code's SARIF viewer)."""

from __future__ import annotations

import json
from pathlib import Path

from govgraph import __version__
from govgraph.validation.formats.text import describe_cause, describe_focus
from govgraph.validation.report import Severity, ValidationReport
from govgraph.validation.rules import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """A file as SARIF wants it: relative to the working directory where possible, with forward slashes."""
    candidate = Path(path)
    try:
        candidate = candidate.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        pass
    return candidate.as_posix()


def render(report: ValidationReport, threshold: Severity = Severity.VIOLATION, *, quiet: bool = False,
           rules: list[Rule] | None = None) -> str:
    """The report as a SARIF log."""
    catalog = {rule.id: rule for rule in rules or []}
    for result in report.results:
        catalog.setdefault(result.rule, Rule(result.rule, result.rule.rsplit("#", 1)[-1]))
    ordered = sorted(catalog)
    index = {rule_id: number for number, rule_id in enumerate(ordered)}
    results = []
    for result in [] if quiet else report.results:
        entry = {
            "ruleId": result.rule,
            "ruleIndex": index[result.rule],
            "level": LEVELS[result.severity],
            "message": {"text": f"{describe_focus(result)}: {result.message('en')}{describe_cause(result)}"},
            "properties": {"messageVi": result.message("vi"), "focusNode": result.focus,
                           "resultPath": result.path, "value": result.value, "constraint": result.constraint,
                           "cause": None if result.cause is None else result.cause.as_dict()},
            "logicalLocations": [{"fullyQualifiedName": result.focus, "kind": "object"}],
        }
        if result.location:
            entry["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(result.location[0])},
                "region": {"startLine": result.location[1]},
            }}]
        results.append(entry)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "govgraph",
                "version": __version__,
                "informationUri": "https://w3id.org/govgraph/",
                "rules": [{"id": rule_id, "name": catalog[rule_id].title,
                           "shortDescription": {"text": catalog[rule_id].title}} for rule_id in ordered],
            }},
            "results": results,
            "invocations": [{"executionSuccessful": True}],
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
