"""Tasks as RDF statements in govgraph's ontology, written as N-Triples lines.

Every task, directive, department and person a register brings is derived from one source document: the register
itself, whose words (the task's content) are each task's quote. A person the register names as assigner whom
the graph does not know to hold the post gets a holding attested by the register, from the first to the last
day it shows them assigning, so the claim is visible and checked like any other.

Lines are written as text, not built as term objects: a register can have a million rows, and N-Triples is
simple enough to write exactly (IRIs are govgraph's own or percent-encoded; literals escaped as the grammar says).

>>> graph = RegisterGraph("https://e/r/", "Task register r.csv", dt.date(2025, 9, 30))
>>> graph.header()[1]
'<https://e/r/source> <http://purl.org/dc/terms/title> "Task register r.csv" .\\n'
>>> literal('say "hi"\\n', "vi")
'"say \\\\"hi\\\\"\\\\n"@vi'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from urllib.parse import quote

from govgraph.errors import UsageError
from govgraph.namespaces import GG, ORG, PREFIXES, STATUS
from govgraph.registers.fields import fold
from govgraph.registers.rows import Task

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]+")  # what quote(..., safe="") leaves as it is
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
NL = "\n"  # for f-strings within f-strings, which take no backslash before Python 3.12


def _p(iri: str) -> str:
    return f"<{iri}>"


RDF_TYPE, RDFS_LABEL = _p(PREFIXES["rdf"] + "type"), _p(PREFIXES["rdfs"] + "label")
DCT = PREFIXES["dct"]
TITLE, ISSUED, IDENTIFIER = _p(DCT + "title"), _p(DCT + "issued"), _p(DCT + "identifier")
DERIVED, QUOTE = _p(PREFIXES["prov"] + "wasDerivedFrom"), _p(GG.quote)
ELI_ID, ELI_DATE = _p(PREFIXES["eli"] + "id_local"), _p(PREFIXES["eli"] + "date_document")
FOAF_NAME = _p(PREFIXES["foaf"] + "name")
TASK_ASSIGNMENT, DIRECTIVE, DEPARTMENT = _p(GG.TaskAssignment), _p(GG.Directive), _p(GG.Department)
PERSON, HOLDING, SOURCE_DOCUMENT = _p(GG.Person), _p(GG.PostHolding), _p(GG.SourceDocument)
ASSIGNER_POST, ASSIGNER, ASSIGNEE = _p(GG.assignerPost), _p(GG.assigner), _p(GG.assignee)
TASK, ISSUED_ON, DUE, STATUS_P = _p(GG.task), _p(GG.issuedOn), _p(GG.dueDate), _p(GG.status)
COMPLETED, FROM_DIRECTIVE = _p(GG.completedOn), _p(GG.fromDirective)
POST, MEMBER, UNIT_OF, JURISDICTION = _p(GG.post), _p(ORG.member), _p(ORG.unitOf), _p(GG.jurisdiction)
ATTESTED_FROM, ATTESTED_UNTIL = _p(GG.attestedFrom), _p(GG.attestedUntil)
STATUSES = {key: _p(STATUS[key]) for key in ("done", "in-progress", "overdue")}


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """A readable IRI segment.

    >>> slug("Sở Tài chính"), slug("123/UBND-TH")
    ('so-tai-chinh', '123-ubnd-th')
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def literal(text: str, language: str | None = None) -> str:
    """An N-Triples literal, escaped."""
    body = _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text) if _NEEDS_ESCAPE.search(text) else text
    return f'"{body}"@{language}' if language else f'"{body}"'


@functools.lru_cache(maxsize=1 << 14)
def day(value: dt.date) -> str:
    """A day as an N-Triples ``xsd:date`` literal."""
    return f'"{value.isoformat()}"^^<{XSD_DATE}>'


def check_base(base: str) -> str:
    """The base IRI of a register's resources, refused if it could not be written in an IRI.

    >>> check_base("https://data.example/tasks/")
    'https://data.example/tasks/'
    >>> check_base("https://x/a b/")
    Traceback (most recent call last):
    govgraph.errors.UsageError: --base 'https://x/a b/' is not an absolute IRI without spaces or <>"{}|^`\\
    """
    if _IRI_FORBIDDEN.search(base) or ":" not in base:
        raise UsageError(f"--base {base!r} is not an absolute IRI without spaces or <>\"{{}}|^`\\")
    return base


class RegisterGraph:
    """Turns tasks into N-Triples lines under ``base``; remembers what it has said (departments, documents)."""

    def __init__(self, base: str, title: str, issued: dt.date) -> None:
        self.base = check_base(base)
        self.source = _p(base + "source")
        self.title, self.issued = title, issued
        self._said: set[str] = set()
        self._named: dict[tuple[str, str], list[dt.date]] = {}  # (person, post) -> first and last issue day

    def header(self) -> list[str]:
        s = self.source
        return [f"{s} {RDF_TYPE} {SOURCE_DOCUMENT} .\n", f"{s} {TITLE} {literal(self.title)} .\n",
                f"{s} {ISSUED} {day(self.issued)} .\n"]

    def task(self, task: Task) -> str:
        """The task's lines, after those of anything it is the first to name (person, department, document)."""
        task_id, content = task.task_id, task.content
        node = f"<{self.base}task/{task_id if _UNRESERVED.fullmatch(task_id) else quote(task_id, safe='')}>"
        lines: list[str] = []
        person = self._assigner(task, lines)
        self._department(task, lines)
        document = self._document(task, person, lines) if task.document_number else None
        words = literal(content, "vi")
        return (  # one string: a million tasks are a million strings, not twelve million
            f"{''.join(lines)}{node} {RDF_TYPE} {TASK_ASSIGNMENT} .\n{node} {IDENTIFIER} {literal(task_id)} .\n"
            f"{node} {ASSIGNER_POST} <{task.assigner_post}> .\n{node} {ASSIGNEE} <{task.assignee.iri}> .\n"
            f"{node} {TASK} {words} .\n{node} {ISSUED_ON} {day(task.issued)} .\n"
            f"{node} {STATUS_P} {STATUSES[task.status]} .\n{node} {DERIVED} {self.source} .\n"
            f"{node} {QUOTE} {words if len(content) >= 3 else literal(f'«{content}»')} .\n"
            f"{'' if person is None else f'{node} {ASSIGNER} {person} .{NL}'}"
            f"{f'{node} {DUE} {day(task.due)} .{NL}' if task.due else ''}"
            f"{f'{node} {COMPLETED} {day(task.completed)} .{NL}' if task.completed else ''}"
            f"{'' if document is None else f'{node} {FROM_DIRECTIVE} {document} .{NL}'}")

    def holdings(self) -> list[str]:
        """The holdings the register attests for assigners the graph did not know; call after every task."""
        lines = []
        for (person, post), (first, last) in sorted(self._named.items()):
            holding = f"<{self.base}holding/{person.rsplit('/', 1)[-1][:-1]}/{slug(post.split('/id/', 1)[-1])}>"
            lines += [f"{holding} {RDF_TYPE} {HOLDING} .\n", f"{holding} {POST} <{post}> .\n",
                      f"{holding} {MEMBER} {person} .\n", f"{holding} {ATTESTED_FROM} {day(first)} .\n",
                      f"{holding} {ATTESTED_UNTIL} {day(last)} .\n",
                      *self._sourced(holding, "the register names this person as the assigner")]
        return lines

    def _assigner(self, task: Task, lines: list[str]) -> str | None:
        if task.assigner is not None:
            return f"<{task.assigner.person}>"
        if not task.assigner_name:
            return None
        person = f"<{self.base}person/{slug(task.assigner_name)}>"
        span = self._named.get((person, task.assigner_post))
        if span is None:
            self._named[person, task.assigner_post] = [task.issued, task.issued]
        elif task.issued < span[0]:
            span[0] = task.issued
        elif task.issued > span[1]:
            span[1] = task.issued
        if self._first(person):
            lines += [f"{person} {RDF_TYPE} {PERSON} .\n", f"{person} {FOAF_NAME} {literal(task.assigner_name)} .\n",
                      *self._sourced(person, task.assigner_name)]
        return person

    def _department(self, task: Task, lines: list[str]) -> None:
        assignee = task.assignee
        if assignee.department is None or not self._first(assignee.iri):
            return
        node = f"<{assignee.iri}>"
        lines += [f"{node} {RDF_TYPE} {DEPARTMENT} .\n", f"{node} {RDFS_LABEL} {literal(assignee.department, 'vi')} .\n",
                  f"{node} {UNIT_OF} <{task.assigner_organ}> .\n",
                  f"{node} {JURISDICTION} <{task.assigner_unit.iri}> .\n"]

    def _document(self, task: Task, person: str | None, lines: list[str]) -> str:
        node = f"<{self.base}document/{slug(task.document_number)}>"
        if self._first(node):
            lines += [f"{node} {RDF_TYPE} {DIRECTIVE} .\n", f"{node} {ELI_ID} {literal(task.document_number)} .\n",
                      f"{node} {ASSIGNER_POST} <{task.assigner_post}> .\n",
                      f"{node} {ISSUED_ON} {day(task.document_date or task.issued)} .\n",
                      *self._sourced(node, task.document_number)]
            if person is not None:
                lines.append(f"{node} {ASSIGNER} {person} .\n")
            if task.document_date:
                lines.append(f"{node} {ELI_DATE} {day(task.document_date)} .\n")
        return node

    def _sourced(self, node: str, words: str) -> list[str]:
        return [f"{node} {DERIVED} {self.source} .\n", f"{node} {QUOTE} {self._quote(words)} .\n"]

    @staticmethod
    def _quote(words: str) -> str:
        return literal(words, "vi") if len(words) >= 3 else literal(f"«{words}»")

    def _first(self, key: str) -> bool:
        if key in self._said:
            return False
        self._said.add(key)
        return True
