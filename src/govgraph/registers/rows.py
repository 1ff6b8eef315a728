"""One register row: a task, or the reasons it is refused, each naming its row and column.

:func:`read_row` reads a row and names every problem in it. :class:`RowReader` reads a register's rows with it,
remembering what each distinct cell value meant in a row that became a task: a register repeats a few dozen
days, statuses, roles, units, assignees and names over its rows, so most rows are tasks made from values
already read, and only a row with something new (or wrong) is read in full.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import quote

from govgraph.registers.directory import Directory, Holder, UnitVersion
from govgraph.registers.fields import FIELD_NAMES, fold
from govgraph.registers.values import read_date, read_role, read_status

_CODE = re.compile(r"^\d{1,5}$")


@dataclass(frozen=True)
class RowError:
    """Why a row is refused: the row, the column as the register names it, and what is wrong.

    >>> RowError(12, "Hạn xử lý", "bad date '31/02/2025'").render("register.csv")
    "register.csv:12:Hạn xử lý: bad date '31/02/2025'"
    """

    row: int
    column: str
    message: str

    def render(self, path: str) -> str:
        """The error as one line, ``path:row:column: message``."""
        return f"{path}:{self.row}:{self.column}: {self.message}"


@dataclass(frozen=True)
class Assignee:
    """Whom a task is assigned to: a unit's People's Committee (the register gives the unit's code) or a
    department (``Sở ...``) of the assigning unit's committee. ``name`` is the department's name as written,
    or the committee's IRI.
    """

    iri: str
    name: str
    department: str | None = None   # a department's name when the assignee is a department, else None
    unit: UnitVersion | None = None  # the assignee's unit when it is a unit's People's Committee


class Task(NamedTuple):
    """A row that became a task (a named tuple: a register makes a million of them, and a frozen dataclass costs
    six times as much to make)."""

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
        """The cell of field ``name``, stripped, or None when it is missing or blank."""
        value = self.cells.get(name)
        text = "" if value is None else str(value).strip()
        return text or None

    def fail(self, name: str, message: str) -> None:
        """Record a problem of field ``name``, under the register's own header for it."""
        self.errors.append(RowError(self.number, self.headers.get(name, name), message))

    def parsed(self, name: str, reader, *, required: bool):
        """The cell of field ``name`` read by ``reader``, or None: blank (a problem if ``required``) or refused by
        ``reader`` with a ValueError (its message is the problem).
        """
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


def cell_values(cells: list[object], columns: list[tuple[str, int]], defaults: dict[str, str]) -> dict[str, object]:
    """Field name -> the row's cell (a blank cell leaves the field's default, if any).

    >>> cell_values(["T1", " ", "Sở Y tế"], [("task_id", 0), ("content", 1), ("assignee", 2)], {"content": "x"})
    {'content': 'x', 'task_id': 'T1', 'assignee': 'Sở Y tế'}
    """
    values: dict[str, object] = dict(defaults)
    width = len(cells)
    for name, index in columns:
        if index < width:
            value = cells[index]
            if value is not None and (value if value.__class__ is str else str(value)).strip():
                values[name] = value
    return values


def _key(value: object) -> object:
    """A cell as a key of what it meant: text and blank (None) as themselves, other cells with their type (31 and
    31.0 and True are equal in Python but not the same cell)."""
    return value if value.__class__ is str or value is None else (value.__class__, value)


def _text(value: object) -> str | None:
    if value is None:
        return None
    return (value if value.__class__ is str else str(value)).strip() or None


class RowReader:
    """Rows of one register to tasks, each distinct cell read once.

    A row whose every cell (and combination: unit code, role, person and day; assignee, day and assigning unit,
    or a department and its unit) was read before, in a row that became a task, is a task at once, its days
    checked against each other; any other row is read by :func:`read_row`, which names every problem and, when
    the row becomes a task, teaches the reader what its cells meant. Cells are remembered as they are, blank or not (a blank cell
    means its field's default, the same for every row): the tasks are the same either way.
    """

    def __init__(self, columns: dict[str, int], headers: dict[str, str], directory: Directory,
                 defaults: dict[str, str] | None = None) -> None:
        self.columns = sorted(columns.items(), key=lambda item: item[1])
        self.headers, self.directory, self.defaults = headers, directory, dict(defaults or {})
        # every field's cell: a column of the row, else the field's default, appended after the row's columns
        self._width = max(columns.values(), default=-1) + 1
        self._tail = [self.defaults.get(name) for name in FIELD_NAMES]
        self._at = [columns.get(name, self._width + position) for position, name in enumerate(FIELD_NAMES)]
        self._pick = operator.itemgetter(*self._at)
        self._whole = len(columns) == len(FIELD_NAMES)  # every field has a column: no defaults to append
        self._task_id, self._document, self._person = (_text(self.defaults.get(name)) for name in
                                                       ("task_id", "document_number", "assigner_person"))
        # what a cell meant, by field (a blank due day is no day; a blank issue day is an error)
        self._due_days: dict[object, dt.date | None] = {}
        self._completed_days: dict[object, dt.date | None] = {}
        self._document_days: dict[object, dt.date | None] = {}
        self._statuses: dict[object, str] = {}
        # (unit code, role, person, issue day) -> the day, unit, post, organ and holder: what a row's assigner cells
        # meant, in one look-up (a register has a few hundred of these, each the same on every row)
        self._assigners: dict[tuple, tuple[dt.date, UnitVersion, str, str, Holder | None]] = {}
        self._assignees: dict[tuple, Assignee] = {}  # (assignee, day, assigning unit) -> assignee
        self._departments: dict[tuple, Assignee] = {}  # (assignee, assigning unit) -> a department, whatever the day

    def read(self, number: int, cells: list[object]) -> Task | list[RowError]:
        """The task of a row (its cells in the register's column order), or every error found in it."""
        width = self._width
        if len(cells) != width or cells.__class__ is not list:
            cells = [*cells[:width], *[None] * (width - len(cells))]
        raw = self._pick(cells if self._whole else cells + self._tail)  # in the order of FIELD_NAMES
        task_id, document_number, _, _, _, person, _, content, _, _, _, _ = raw
        person = (person.strip() if person.__class__ is str else _text(person)) or self._person
        try:  # text cells (every cell of a CSV) are their own keys: look them up as they are first
            meant = self._meant(raw, person)
        except KeyError:
            try:
                meant = self._meant([_key(value) for value in raw], person)
            except KeyError:
                return self._learn(number, cells, raw, person)
        document_date, issued, unit, post, organ, holder, assignee, due, completed, status = meant
        content = content.strip() if content.__class__ is str else _text(content)
        if not content or (due is not None and due < issued) or \
                (completed is not None and (completed < issued or status != "done")):
            return self._learn(number, cells, raw, person)
        task_id = task_id.strip() if task_id.__class__ is str else _text(task_id)
        document_number = document_number.strip() if document_number.__class__ is str else _text(document_number)
        return Task(number, task_id or self._task_id or str(number), document_number or self._document,
                    document_date, unit, post, organ, holder, person, assignee, content, issued, due, status,
                    completed)

    def _meant(self, keys, person: str | None) -> tuple:
        """What a row's cells (as keys, in the order of FIELD_NAMES) meant in rows read before; KeyError if new.
        A cell that is not text is its own key only by chance: a miss is retried with :func:`_key`."""
        _, _, document_date, role, code, _, assignee, _, issued, due, status, completed = keys
        issued, unit, post, organ, holder = self._assigners[code, role, person, issued]
        return (self._document_days[document_date], issued, unit, post, organ, holder,
                self._departments.get((assignee, unit.iri)) or self._assignees[assignee, issued, unit.iri],
                self._due_days[due], self._completed_days[completed], self._statuses[status])

    def _learn(self, number: int, cells: list[object], raw: list[object], person: str | None) -> Task | list[RowError]:
        """:func:`read_row`, remembering what the cells of a row that became a task meant."""
        outcome = read_row(number, cell_values(cells, self.columns, self.defaults), self.headers, self.directory)
        if isinstance(outcome, Task):
            _, _, document_date, role, code, _, assignee, _, issued, due, status, completed = map(_key, raw)
            self._due_days[due], self._completed_days[completed] = outcome.due, outcome.completed
            self._document_days[document_date] = outcome.document_date
            self._statuses[status] = outcome.status
            self._assigners[code, role, person, issued] = (outcome.issued, outcome.assigner_unit,
                                                           outcome.assigner_post, outcome.assigner_organ,
                                                           outcome.assigner)
            if outcome.assignee.department is None:  # a unit: which one depends on the day
                self._assignees[assignee, outcome.issued, outcome.assigner_unit.iri] = outcome.assignee
            else:
                self._departments[assignee, outcome.assigner_unit.iri] = outcome.assignee
        return outcome


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
        slug = quote("-".join(fold(text).split()[1:]), safe="")  # a name's <, ", { ... can be in no IRI
        return Assignee(f"{assigner_unit.iri}/peoples-committee/department/{slug}", text, department=text)
    row.fail("assignee", f"{text!r} is neither a unit code nor a department (Sở ...)")
    return None
