"""Tasks as RDF statements in govgraph's ontology.

Every task, directive, department and person a register brings is derived from one source document: the register
itself, whose words (the task's content) are each task's quote. A person the register names as assigner whom
the graph does not know to hold the post gets a holding attested by the register, from the first to the last
day it shows them assigning, so the claim is visible and checked like any other.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from urllib.parse import quote

import pyoxigraph as ox

from govgraph.namespaces import GG, ORG, PREFIXES, STATUS
from govgraph.registers.fields import fold
from govgraph.registers.rows import Task
from govgraph.reference.terms import RDF_TYPE, RDFS_LABEL, date, iri, string, vi

DCT = PREFIXES["dct"]
PROV_DERIVED = iri(PREFIXES["prov"] + "wasDerivedFrom")
QUOTE = iri(GG.quote)
ELI = PREFIXES["eli"]
FOAF_NAME = iri(PREFIXES["foaf"] + "name")
# the terms every task uses, made once: a register can have a million rows
TASK_ASSIGNMENT, IDENTIFIER = iri(GG.TaskAssignment), iri(DCT + "identifier")
ASSIGNER_POST, ASSIGNER, ASSIGNEE = iri(GG.assignerPost), iri(GG.assigner), iri(GG.assignee)
TASK, ISSUED_ON, DUE, STATUS_, COMPLETED = (iri(GG.task), iri(GG.issuedOn), iri(GG.dueDate), iri(GG.status),
                                            iri(GG.completedOn))
FROM_DIRECTIVE = iri(GG.fromDirective)
STATUSES = {key: iri(STATUS[key]) for key in ("done", "in-progress", "overdue")}


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """A readable IRI segment.

    >>> slug("Sở Tài chính"), slug("123/UBND-TH")
    ('so-tai-chinh', '123-ubnd-th')
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


@functools.lru_cache(maxsize=1 << 14)
def _node(value: str) -> ox.NamedNode:
    return iri(value)


@functools.lru_cache(maxsize=1 << 14)
def _day(value: dt.date) -> ox.Literal:
    return date(value.isoformat())


class RegisterGraph:
    """Turns tasks into triples under ``base``; remembers what it has already said (departments, documents)."""

    def __init__(self, base: str, title: str, issued: dt.date) -> None:
        self.base = base
        self.source = iri(base + "source")
        self.title, self.issued = title, issued
        self._said: set[str] = set()
        self._named: dict[tuple[str, str], list[dt.date]] = {}  # (person, post) -> issue days seen

    def header(self) -> Iterator[ox.Triple]:
        yield ox.Triple(self.source, RDF_TYPE, iri(GG.SourceDocument))
        yield ox.Triple(self.source, iri(DCT + "title"), string(self.title))
        yield ox.Triple(self.source, iri(DCT + "issued"), date(self.issued.isoformat()))

    def task(self, task: Task) -> Iterator[ox.Triple]:
        """The task's statements, after those of anything it is the first to name (person, department, document)."""
        node = iri(f"{self.base}task/{quote(task.task_id, safe='')}")
        first: list[ox.Triple] = []
        person = self._assigner(task, first)
        self._department(task, first)
        statements = [
            ox.Triple(node, RDF_TYPE, TASK_ASSIGNMENT),
            ox.Triple(node, IDENTIFIER, string(task.task_id)),
            ox.Triple(node, ASSIGNER_POST, _node(task.assigner_post)),
            ox.Triple(node, ASSIGNEE, _node(task.assignee.iri)),
            ox.Triple(node, TASK, vi(task.content)),
            ox.Triple(node, ISSUED_ON, _day(task.issued)),
            ox.Triple(node, STATUS_, STATUSES[task.status]),
        ]
        if person is not None:
            statements.append(ox.Triple(node, ASSIGNER, person))
        if task.due:
            statements.append(ox.Triple(node, DUE, _day(task.due)))
        if task.completed:
            statements.append(ox.Triple(node, COMPLETED, _day(task.completed)))
        if task.document_number:
            statements.append(ox.Triple(node, FROM_DIRECTIVE, self._document(task, person, first)))
        statements.extend(self._sourced(node, task.content))
        return iter(first + statements)

    def holdings(self) -> Iterator[ox.Triple]:
        """The holdings the register attests for assigners the graph did not know; call after every task."""
        for (person, post), days in sorted(self._named.items()):
            holding = iri(f"{self.base}holding/{person.rsplit('/', 1)[-1]}/{slug(post.split('/id/', 1)[-1])}")
            yield ox.Triple(holding, RDF_TYPE, iri(GG.PostHolding))
            yield ox.Triple(holding, iri(GG.post), iri(post))
            yield ox.Triple(holding, iri(ORG.member), iri(person))
            yield ox.Triple(holding, iri(GG.attestedFrom), date(min(days).isoformat()))
            yield ox.Triple(holding, iri(GG.attestedUntil), date(max(days).isoformat()))
            yield from self._sourced(holding, "the register names this person as the assigner")

    def _assigner(self, task: Task, out: list[ox.Triple]) -> ox.NamedNode | None:
        if task.assigner is not None:
            return _node(task.assigner.person)
        if not task.assigner_name:
            return None
        person = iri(f"{self.base}person/{slug(task.assigner_name)}")
        self._named.setdefault((person.value, task.assigner_post), []).append(task.issued)
        if self._first(person.value):
            out += [ox.Triple(person, RDF_TYPE, iri(GG.Person)),
                    ox.Triple(person, FOAF_NAME, string(task.assigner_name)),
                    *self._sourced(person, task.assigner_name)]
        return person

    def _department(self, task: Task, out: list[ox.Triple]) -> None:
        assignee = task.assignee
        if assignee.department is None or not self._first(assignee.iri):
            return
        node = iri(assignee.iri)
        out += [ox.Triple(node, RDF_TYPE, iri(GG.Department)),
                ox.Triple(node, RDFS_LABEL, vi(assignee.department)),
                ox.Triple(node, iri(ORG.unitOf), iri(task.assigner_organ)),
                ox.Triple(node, iri(GG.jurisdiction), iri(task.assigner_unit.iri))]

    def _document(self, task: Task, person: ox.NamedNode | None, out: list[ox.Triple]) -> ox.NamedNode:
        node = iri(f"{self.base}document/{slug(task.document_number)}")
        if self._first(node.value):
            day = task.document_date or task.issued
            out += [ox.Triple(node, RDF_TYPE, iri(GG.Directive)),
                    ox.Triple(node, iri(ELI + "id_local"), string(task.document_number)),
                    ox.Triple(node, iri(GG.assignerPost), iri(task.assigner_post)),
                    ox.Triple(node, iri(GG.issuedOn), date(day.isoformat()))]
            if person is not None:
                out.append(ox.Triple(node, iri(GG.assigner), person))
            if task.document_date:
                out.append(ox.Triple(node, iri(ELI + "date_document"), date(task.document_date.isoformat())))
            out += self._sourced(node, task.document_number)
        return node

    def _sourced(self, node: ox.NamedNode, words: str) -> list[ox.Triple]:
        return [ox.Triple(node, PROV_DERIVED, self.source),
                ox.Triple(node, QUOTE, vi(words) if len(words) >= 3 else string(f"«{words}»"))]

    def _first(self, key: str) -> bool:
        if key in self._said:
            return False
        self._said.add(key)
        return True
