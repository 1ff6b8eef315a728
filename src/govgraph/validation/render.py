"""Render a validation report for people (text) or programs (JSON)."""

from __future__ import annotations

import json
import re

from rdflib import URIRef

from govgraph.queries.formatting import short_text
from govgraph.validation.report import Severity, ValidationReport, ValidationResult

FORMATS = ("text", "json")


def _short(text: str | None) -> str:
    if text is None:
        return ""
    if "/" in text and text.startswith("http") and not text.startswith("_:"):
        # shape names like <shape>/<path> keep both halves readable
        head, sep, tail = text.partition("/http")
        if sep:
            return f"{short_text(URIRef(head))}/{short_text(URIRef('http' + tail))}"
    return short_text(URIRef(text)) if text.startswith("http") else text


def describe_focus(result: ValidationResult) -> str:
    """The focus node as a person knows it: label and code where the graph has them, else its IRI."""
    parts = [_short(result.focus)]
    if result.focus_label:
        parts.append(f"“{result.focus_label}”")
    if result.focus_code:
        parts.append(f"(code {result.focus_code})")
    return " ".join(parts)


_IRI_IN_TEXT = re.compile(r"https?://[^\s<>\"{}|^`\\()]+")


def shorten_iris(text: str) -> str:
    """IRIs inside a message, written as prefixed names where a prefix fits.

    >>> shorten_iris("see https://w3id.org/govgraph/id/unit/31/2025-07-01 now")
    'see unit:31/2025-07-01 now'
    """
    return _IRI_IN_TEXT.sub(lambda m: short_text(URIRef(m.group(0))), text)


def result_line(result: ValidationResult) -> str:
    where = describe_focus(result)
    if result.path:
        where += f" {_short(result.path)}"
    if result.value is not None:
        where += f" = {_short(result.value)}"
    messages = " | ".join(dict.fromkeys(shorten_iris(m) for m in (result.message("en"), result.message("vi")) if m))
    return f"{result.severity.label}: {where}: {messages} [{_short(result.source_shape)}]"


def as_text(report: ValidationReport, threshold: Severity = Severity.VIOLATION, *, quiet: bool = False) -> str:
    lines = [] if quiet else [result_line(r) for r in report.results]
    counts = report.counts()
    verdict = "conforms" if report.conforms(threshold) else "does not conform"
    lines.append(f"{counts['violation']} violations, {counts['warning']} warnings, {counts['info']} infos "
                 f"in {report.triples:,} statements: {verdict}")
    return "\n".join(lines) + "\n"


def as_json(report: ValidationReport, threshold: Severity = Severity.VIOLATION, *, quiet: bool = False) -> str:
    document = {
        "conforms": report.conforms(threshold),
        "failOn": threshold.label,
        "statements": report.triples,
        "counts": report.counts(),
        "results": [] if quiet else [r.as_dict() for r in report.results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": as_text, "json": as_json}
