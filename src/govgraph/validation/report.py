"""The validation report: typed results that every output format and the exit code are computed from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import pyoxigraph as ox
from rdflib import BNode


class Severity(IntEnum):
    """SHACL severities, ordered so that ``severity >= threshold`` selects what fails a run.

    >>> Severity.parse("warning") > Severity.INFO
    True
    """

    INFO = 1
    WARNING = 2
    VIOLATION = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        """The severity named ``name``, in any letter case (a KeyError for another name)."""
        return cls[name.upper()]

    @property
    def label(self) -> str:
        """The name the CLI and the reports use: ``violation``, ``warning`` or ``info``."""
        return self.name.lower()


def node_text(term) -> str | None:
    """A term, rdflib's or pyoxigraph's, as report text: IRIs as themselves, blank nodes as ``_:id``, literals as
    the store holds them (a pyoxigraph literal as written when it is not a valid value of its datatype: rdflib would
    show ``"yes"^^xsd:boolean`` as ``false``).

    >>> node_text(BNode("b1")), node_text(None)
    ('_:b1', None)
    >>> node_text(ox.Literal("yes", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")))
    'yes'
    """
    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return "_:" + term.value if isinstance(term, ox.BlankNode) else term.value
    return "_:" + str(term) if isinstance(term, BNode) else str(term)


@dataclass(frozen=True)
class Cause:
    """The user's statement a result follows from, when the result is about another node (a consequence)."""

    subject: str
    predicate: str
    value: str
    file: str
    line: int | None

    def as_dict(self) -> dict[str, object]:
        """The cause as JSON-ready data (a result's ``cause`` in the JSON report)."""
        return {"subject": self.subject, "predicate": self.predicate, "value": self.value, "file": self.file,
                "line": self.line}


@dataclass(frozen=True)
class ValidationResult:
    """One problem: where (focus node, path, value), what (messages by language), and which shape said so."""

    severity: Severity
    focus: str
    path: str | None
    value: str | None
    messages: dict[str, str]
    source_shape: str
    constraint: str
    focus_label: str | None = None
    focus_code: str | None = None
    location: tuple[str, int] | None = None  # (file, line) of the first statement about the focus node
    cause: Cause | None = None  # for a consequence: the user's statement it follows from (location points there)

    @property
    def rule(self) -> str:
        """The shape or check that found it: the node shape for a property shape (``<shape>/<path>``)."""
        return self.source_shape.split("/http", 1)[0]

    def message(self, language: str = "en") -> str:
        """The message in ``language``, else the untagged one, else any; ``""`` when there is none."""
        return self.messages.get(language) or self.messages.get("") or next(iter(self.messages.values()), "")

    def as_dict(self) -> dict[str, object]:
        """The result as the JSON report writes it (messages in English and Vietnamese)."""
        return {
            "severity": self.severity.label,
            "focus": self.focus,
            "focusLabel": self.focus_label,
            "focusCode": self.focus_code,
            "path": self.path,
            "value": self.value,
            "message": {"en": self.message("en"), "vi": self.message("vi")},
            "sourceShape": self.source_shape,
            "constraint": self.constraint,
            "location": None if self.location is None else {"file": self.location[0], "line": self.location[1]},
            "cause": None if self.cause is None else self.cause.as_dict(),
        }


@dataclass
class ValidationReport:
    """All results of one validation run.

    >>> report = ValidationReport([])
    >>> report.conforms(), report.exit_code()
    (True, 0)
    """

    results: list[ValidationResult] = field(default_factory=list)
    triples: int = 0
    notes: list[str] = field(default_factory=list)  # what was done to the input (e.g. NFC normalisation)

    def failing(self, threshold: Severity = Severity.VIOLATION) -> list[ValidationResult]:
        """The results at or above ``threshold``: the ones that fail the run."""
        return [r for r in self.results if r.severity >= threshold]

    def conforms(self, threshold: Severity = Severity.VIOLATION) -> bool:
        """Whether no result is at or above ``threshold``."""
        return not self.failing(threshold)

    def exit_code(self, threshold: Severity = Severity.VIOLATION) -> int:
        """0 when nothing at or above ``threshold`` was found, else 1 (2 is kept for bad input)."""
        return 0 if self.conforms(threshold) else 1

    def counts(self) -> dict[str, int]:
        """How many results of each severity, by label, most severe first (the summaries' order).

        >>> ValidationReport([]).counts()
        {'violation': 0, 'warning': 0, 'info': 0}
        """
        return {s.label: sum(1 for r in self.results if r.severity == s) for s in reversed(Severity)}

    def keys(self) -> set[tuple[str, str, str]]:
        """(focus node, source shape, constraint component) of every result: what tests compare."""
        return {(r.focus, r.source_shape, r.constraint) for r in self.results}
