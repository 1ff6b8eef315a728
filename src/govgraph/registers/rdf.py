"""Tasks as RDF statements in govgraph's ontology, written as N-Triples lines.

Every task, directive, department and person a register brings is derived from one source document: the register
itself, whose words (the task's content) are each task's quote. A person the register names as assigner whom
the graph does not know to hold the post gets a holding attested by the register, from the first to the last
day it shows them assigning, so the claim is visible and checked like any other.

Lines are written as UTF-8 bytes, not built as term objects: a register can have a million rows, and N-Triples is
simple enough to write exactly (IRIs are govgraph's own or percent-encoded; literals escaped as the grammar says).

>>> graph = RegisterGraph("https://e/r/", "Task register r.csv", dt.date(2025, 9, 30))
>>> graph.header().decode().splitlines()[1]
'<https://e/r/source> <http://purl.org/dc/terms/title> "Task register r.csv" .'
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


def unreserved(text: str) -> bool:
    """Whether ``text`` is one or more of the characters ``quote(text, safe="")`` leaves as they are (ASCII letters,
    digits and ``_.~-``); five times as fast as a regular expression, for a million task ids.

    >>> unreserved("NV-0000001"), unreserved("a_b.c~d"), unreserved("T 1"), unreserved("Ä1"), unreserved("")
    (True, True, False, False, False)
    """
    return text.isascii() and text.replace("-", "0").replace("_", "0").replace(".", "0").replace("~", "0").isalnum()


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


class _Lines(dict):
    """The end of a line, `` predicate object .\\n`` as UTF-8 bytes, by the object's value, each made once: a
    register repeats a few hundred values (days, statuses, posts, assignees) over its rows."""

    def __init__(self, predicate: str, term) -> None:
        super().__init__()
        self.predicate, self.term = predicate, term

    def __missing__(self, value) -> bytes:
        line = self[value] = f" {self.predicate} {self.term(value)} .\n".encode()
        return line


class RegisterGraph:
    """Turns tasks into N-Triples lines (UTF-8 bytes) under ``base``; remembers what it has said (departments,
    documents, persons)."""

    def __init__(self, base: str, title: str, issued: dt.date) -> None:
        self.base = check_base(base)
        self.source = _p(base + "source")
        self.title, self.issued = title, issued
        self._said: set[str] = set()
        self._named: dict[tuple[str, str], list[dt.date]] = {}  # (person, post) -> first and last issue day
        self._task = f"<{base}task/"
        self._type = f" {RDF_TYPE} {TASK_ASSIGNMENT} .\n".encode()
        self._derived = f" {DERIVED} {self.source} .\n".encode()
        self._task_words, self._quote_words = f" {TASK} ".encode(), f" {QUOTE} ".encode()
        self._posts, self._assignees = _Lines(ASSIGNER_POST, _p), _Lines(ASSIGNEE, _p)
        self._issued_on, self._due, self._completed = _Lines(ISSUED_ON, day), _Lines(DUE, day), _Lines(COMPLETED, day)
        self._statuses = _Lines(STATUS_P, STATUSES.__getitem__)
        self._holders = _Lines(ASSIGNER, _p)  # by the person, a holder the graph knows
        self._documents: dict[str, bytes] = {}  # document number -> its fromDirective line end
        self._people: dict[str, tuple[str, bytes]] = {}  # a name the graph does not know -> node, assigner line end

    def header(self) -> bytes:
        """The lines about the register itself (its source: type, title, day issued), to write first."""
        s = self.source
        return f"{s} {RDF_TYPE} {SOURCE_DOCUMENT} .\n{s} {TITLE} {literal(self.title)} .\n" \
               f"{s} {ISSUED} {day(self.issued)} .\n".encode()

    def task(self, task: Task) -> bytes:
        """The task's lines, after those of anything it is the first to name (person, department, document).

        Each line of a task starts with the task's node, so the lines are the node joined with their ends, most
        of them made once for the register (:class:`_Lines`).
        """
        _, task_id, number, _, _, post, _, holder, name, assignee, content, issued, due, status, completed = task
        if unreserved(task_id):  # as it is in the IRI, and a literal with nothing to escape
            node, identifier = f"{self._task}{task_id}>".encode(), f' {IDENTIFIER} "{task_id}" .\n'.encode()
        else:
            node = f"{self._task}{quote(task_id, safe='')}>".encode()
            identifier = f" {IDENTIFIER} {literal(task_id)} .\n".encode()
        lines: list[str] = []  # of what the task is the first to name
        assigner = self._holders[holder.person] if holder is not None else self._assigner(task, lines) if name \
            else None
        if assignee.department is not None and assignee.iri not in self._said:
            self._department(task, lines)
        if '"' in content or "\\" in content or "\n" in content or "\r" in content:
            words = literal(content, "vi").encode()
        else:  # nothing to escape (four searches cost less than one of a regular expression)
            words = f'"{content}"@vi'.encode()
        ends = [b"", self._type, identifier, self._posts[post], self._assignees[assignee.iri],
                self._task_words + words + b" .\n", self._issued_on[issued], self._statuses[status], self._derived,
                self._quote_words + (words if len(content) >= 3 else literal(f"«{content}»").encode()) + b" .\n"]
        if assigner is not None:
            ends.append(assigner)
        if due:
            ends.append(self._due[due])
        if completed:
            ends.append(self._completed[completed])
        if number:
            ends.append(self._documents.get(number) or self._document(task, lines))
        return "".join(lines).encode() + node.join(ends) if lines else node.join(ends)

    def holdings(self) -> bytes:
        """The holdings the register attests for assigners the graph did not know; call after every task."""
        lines = []
        for (person, post), (first, last) in sorted(self._named.items()):
            holding = f"<{self.base}holding/{person.rsplit('/', 1)[-1][:-1]}/{slug(post.split('/id/', 1)[-1])}>"
            lines += [f"{holding} {RDF_TYPE} {HOLDING} .\n", f"{holding} {POST} <{post}> .\n",
                      f"{holding} {MEMBER} {person} .\n", f"{holding} {ATTESTED_FROM} {day(first)} .\n",
                      f"{holding} {ATTESTED_UNTIL} {day(last)} .\n",
                      *self._sourced(holding, "the register names this person as the assigner")]
        return "".join(lines).encode()

    def _assigner(self, task: Task, lines: list[str]) -> bytes:
        """The ``assigner`` line end naming a person the register names whom the graph does not know to hold the
        post (their node made, and said, the first time), the days they are shown assigning kept."""
        name = task.assigner_name
        known = self._people.get(name)
        if known is None:
            person = f"<{self.base}person/{slug(name)}>"
            known = self._people[name] = (person, f" {ASSIGNER} {person} .\n".encode())
            if self._first(person):  # two names can be one person's (the same words, other diacritics)
                lines += [f"{person} {RDF_TYPE} {PERSON} .\n", f"{person} {FOAF_NAME} {literal(name)} .\n",
                          *self._sourced(person, name)]
        issued = task.issued
        span = self._named.get((known[0], task.assigner_post))
        if span is None:
            self._named[known[0], task.assigner_post] = [issued, issued]
        elif issued < span[0]:
            span[0] = issued
        elif issued > span[1]:
            span[1] = issued
        return known[1]

    def _department(self, task: Task, lines: list[str]) -> None:
        assignee = task.assignee
        self._said.add(assignee.iri)
        node = f"<{assignee.iri}>"
        lines += [f"{node} {RDF_TYPE} {DEPARTMENT} .\n", f"{node} {RDFS_LABEL} {literal(assignee.department, 'vi')} .\n",
                  f"{node} {UNIT_OF} <{task.assigner_organ}> .\n",
                  f"{node} {JURISDICTION} <{task.assigner_unit.iri}> .\n"]

    def _document(self, task: Task, lines: list[str]) -> bytes:
        """The task's ``fromDirective`` line end, made once; the document's own lines the first time its node is
        named (after :meth:`_assigner`)."""
        person = f"<{task.assigner.person}>" if task.assigner is not None else \
            self._people[task.assigner_name][0] if task.assigner_name else None
        node = f"<{self.base}document/{slug(task.document_number)}>"
        if self._first(node):  # two numbers can give one node (12/UBND, 12-UBND): it is said once
            lines += [f"{node} {RDF_TYPE} {DIRECTIVE} .\n", f"{node} {ELI_ID} {literal(task.document_number)} .\n",
                      f"{node} {ASSIGNER_POST} <{task.assigner_post}> .\n",
                      f"{node} {ISSUED_ON} {day(task.document_date or task.issued)} .\n",
                      *self._sourced(node, task.document_number)]
            if person is not None:
                lines.append(f"{node} {ASSIGNER} {person} .\n")
            if task.document_date:
                lines.append(f"{node} {ELI_DATE} {day(task.document_date)} .\n")
        line = self._documents[task.document_number] = f" {FROM_DIRECTIVE} {node} .\n".encode()
        return line

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
