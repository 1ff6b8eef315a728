"""The text report: one line per result, for people, then a summary line."""

from __future__ import annotations

import re

from rdflib import URIRef

from govgraph.queries.formatting import short_text
from govgraph.validation.report import Severity, ValidationReport, ValidationResult


def short_name(text: str | None) -> str:
    """An IRI, or a ``<shape>/<path>`` name, written with prefixes.

    >>> short_name("https://w3id.org/govgraph/shapes#UnitShape/https://w3id.org/govgraph/ontology#officialCode")
    'ggsh:UnitShape/gg:officialCode'
    """
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
    # a blank node's id means nothing to a person: say what it is, and let the file and line show where
    parts = ["a blank node" if result.focus.startswith("_:") else short_name(result.focus)]
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


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` on one line, with no control characters: data from a file can never start a new line in a log
    (where a CI runner would read ``::error ...`` as a command) nor carry a character XML 1.0 forbids.

    >>> print(printable("x\\n::error file=a::owned\\x07"))
    x\\n::error file=a::owned\\x07
    """
    return _UNPRINTABLE.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                                                 else f"\\u{ord(m.group()):04x}"), text)


def describe_cause(result: ValidationResult) -> str:
    """`` (consequence of S P O)`` for a result about a node the user's statement S P O made invalid, else ``""``."""
    if result.cause is None:
        return ""
    cause = result.cause
    return f" (consequence of {short_name(cause.subject)} {short_name(cause.predicate)} {short_name(cause.value)})"


def result_line(result: ValidationResult) -> str:
    """``[file:line: ]severity: focus path = value: message en | message vi [rule][ (consequence of S P O)]``,
    always one line."""
    where = describe_focus(result)
    if result.path:
        where += f" {short_name(result.path)}"
    if result.value is not None:
        where += f" = {short_name(result.value)}"
    messages = " | ".join(dict.fromkeys(shorten_iris(m) for m in (result.message("en"), result.message("vi")) if m))
    located = f"{result.location[0]}:{result.location[1]}: " if result.location else ""
    return printable(f"{located}{result.severity.label}: {where}: {messages} [{short_name(result.source_shape)}]"
                     f"{describe_cause(result)}")


def summary(report: ValidationReport, threshold: Severity) -> str:
    """The summary line: counts per severity, statements read, and the verdict."""
    counts = report.counts()
    verdict = "conforms" if report.conforms(threshold) else "does not conform"
    return (f"{counts['violation']} violations, {counts['warning']} warnings, {counts['info']} infos "
            f"in {report.triples:,} statements: {verdict}")


def render(report: ValidationReport, threshold: Severity = Severity.VIOLATION, *, quiet: bool = False,
           rules=None) -> str:
    """The report as text: one line per result, then the summary."""
    lines = [] if quiet else [result_line(r) for r in report.results]
    lines.append(summary(report, threshold))
    return "\n".join(lines) + "\n"
