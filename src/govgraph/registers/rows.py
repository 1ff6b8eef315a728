"""One register row: a task, or the reasons it is refused, each naming its row and column."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from govgraph.registers.directory import Directory, Holder, UnitVersion
from govgraph.registers.fields import fold
from govgraph.registers.values import read_date, read_role, read_status

_CODE = re.compile(r"^\d{1,5}$")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def render(self, path: str) -> str:
        return f"{path}:{self.row}:{self.column}: {self.message}"


@dataclass(frozen=True)
class Assignee:
    iri: str
    name: str
    department: str | None = None   # a department's name when the assignee is a department, else None
    unit: UnitVersion | None = None  # the assignee's unit when it is a unit's People's Committee


@dataclass(frozen=True)
class Task:
    row: int
    task_id: str
    document_number: str | None
    document_date: dt.date | None
    assigner_unit: UnitVersion
    assigner_post: str
    assigner_organ: str
    assigner: Holder | None
    assigner_name: str | None
    assignee: Assignee
    content: str
    issued: dt.date
    due: dt.date | None
    status: str
    completed: dt.date | None


class _Row:
    """Reads the cells of one row, collecting every problem rather than stopping at the first."""

    def __init__(self, number: int, cells: dict[str, object], headers: dict[str, str]) -> None:
        self.number, self.cells, self.headers = number, cells, headers
        self.errors: list[RowError] = []

    def text(self, name: str) -> str | None:
        value = self.cells.get(name)
        text = "" if value is None else str(value).strip()
        return text or None

    def fail(self, name: str, message: str) -> None:
        self.errors.append(RowError(self.number, self.headers.get(name, name), message))

    def parsed(self, name: str, reader, *, required: bool):
        value = self.cells.get(name)
        if value is None or str(value).strip() == "":
            if required:
                self.fail(name, f"{name.replace('_', ' ')} is missing")
            return None
        try:
            return reader(value)
        except ValueError as error:
            self.fail(name, str(error))
            return None


def read_row(number: int, cells: dict[str, object], headers: dict[str, str],
             directory: Directory) -> Task | list[RowError]:
    """The task of one row, or every error found in it.

    ``cells`` maps field names to cell values, ``headers`` field names to the register's own headers (used in
    messages, so an office sees its own column names).
    """
    row = _Row(number, cells, headers)
    issued = row.parsed("issued", read_date, required=True)
    due = row.parsed("due", read_date, required=False)
    completed = row.parsed("completed", read_date, required=False)
    document_date = row.parsed("document_date", read_date, required=False)
    status = row.parsed("status", read_status, required=True)
    role = row.parsed("assigner_role", read_role, required=True)
    content = row.text("content")
    if content is None:
        row.fail("content", "the task's content is missing")
    if issued and due and due < issued:
        row.fail("due", f"due {due.isoformat()} before it was issued ({issued.isoformat()})")
    if issued and completed and completed < issued:
        row.fail("completed", f"completed {completed.isoformat()} before it was issued ({issued.isoformat()})")
    if completed and status and status != "done":
        row.fail("completed", f"a completion date on a task whose status is {status}")
    unit = post = None
    code = row.text("assigner_unit")
    if code is None:
        row.fail("assigner_unit", "the assigning unit's code is missing")
    elif issued:
        unit = _unit(row, "assigner_unit", code, issued, directory)
        if unit and role:
            try:
                post = directory.post_of(unit, role)
            except LookupError as error:
                row.fail("assigner_role", f"no such post on {issued.isoformat()}: {error}")
    assignee = _assignee(row, issued, unit, directory) if issued else None
    person_name = row.text("assigner_person")
    holder = directory.holder_named(post, person_name, issued) if post and person_name else None
    if row.errors:
        return row.errors
    return Task(number, row.text("task_id") or str(number), row.text("document_number"), document_date,
                unit, post, directory.organs[post], holder, person_name, assignee, content, issued, due, status,
                completed)


def _unit(row: _Row, name: str, code: str, day: dt.date, directory: Directory) -> UnitVersion | None:
    if not _CODE.match(code):
        row.fail(name, f"{code!r} is not a unit code (digits, e.g. 31 or 11446)")
        return None
    try:
        return directory.unit_on(code, day)
    except LookupError as error:
        row.fail(name, str(error))
        return None


def _assignee(row: _Row, issued: dt.date, assigner_unit: UnitVersion | None,
              directory: Directory) -> Assignee | None:
    text = row.text("assignee")
    if text is None:
        row.fail("assignee", "the assignee is missing")
        return None
    if _CODE.match(text):
        unit = _unit(row, "assignee", text, issued, directory)
        if unit is None:
            return None
        organ = f"{unit.iri}/peoples-committee"
        return Assignee(organ, organ, unit=unit)
    if fold(text).startswith("so ") and assigner_unit is not None:
        slug = "-".join(fold(text).split()[1:])
        return Assignee(f"{assigner_unit.iri}/peoples-committee/department/{slug}", text, department=text)
    row.fail("assignee", f"{text!r} is neither a unit code nor a department (Sở ...)")
    return None
