"""The report as GitHub Actions workflow commands: each result becomes an annotation on the file and line."""

from __future__ import annotations

from govgraph.validation.formats.text import describe_cause, describe_focus, printable, short_name, summary
from govgraph.validation.report import Severity, ValidationReport

COMMANDS = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a message the way the runner expects.

    >>> escape_data("50%\\nnext\\x1b")
    '50%25%0Anext\\\\x1b'

    Other control characters (escape sequences, NUL) are written as ``\\xNN``, so none reaches the log raw.
    """
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape an annotation property (file, title), where ':' and ',' separate fields.

    >>> escape_property("a:b,c")
    'a%3Ab%2Cc'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: ValidationReport, threshold: Severity = Severity.VIOLATION, *, quiet: bool = False,
           rules=None) -> str:
    """The report as GitHub Actions workflow commands (annotations)."""
    lines = []
    for result in [] if quiet else report.results:
        properties = [f"title={escape_property(short_name(result.rule))}"]
        if result.location:
            properties = [f"file={escape_property(result.location[0])}", f"line={result.location[1]}", *properties]
        message = f"{describe_focus(result)}: {result.message('en')} | {result.message('vi')}{describe_cause(result)}"
        lines.append(f"::{COMMANDS[result.severity]} {','.join(properties)}::{escape_data(message)}")
    lines.append(summary(report, threshold))
    return "\n".join(lines) + "\n"
