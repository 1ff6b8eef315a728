"""Read a whole task register and write its tasks as RDF: every row becomes a task or a row-level error.

>>> from govgraph.registers.directory import Directory, UnitVersion
>>> import datetime as dt
>>> hp = UnitVersion("https://w3id.org/govgraph/id/unit/31/2025-07-01", "31", dt.date(2025, 7, 1), None)
>>> directory = Directory(units={"31": [hp]}, posts={(hp.iri, "committee-chair"): hp.iri + "/peoples-committee/chair"},
...                       organs={hp.iri + "/peoples-committee/chair": hp.iri + "/peoples-committee"})
>>> result = ingest_rows(["Ngày giao", "Hạn xử lý", "Đơn vị thực hiện", "Nội dung", "Tình trạng"],
...     [(2, ["05/07/2025", "15/07/2025", "Sở Tài chính", "Rà soát biên chế", "Đã hoàn thành"]),
...      (3, ["05/07/2025", "01/07/2025", "Sở Tài chính", "Báo cáo", "Quá hạn"])],
...     directory, defaults={"assigner_role": "Chủ tịch UBND", "assigner_unit": "31"})
>>> len(result.tasks), [e.render("register.csv") for e in result.errors]
(1, ['register.csv:3:Hạn xử lý: due 2025-07-01 before it was issued (2025-07-05)'])
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from govgraph.errors import InputError
from govgraph.registers.directory import Directory
from govgraph.registers.fields import FIELDS, match_headers
from govgraph.registers.rows import RowError, RowReader, Task
from govgraph.tabular.decoding import undecodable

PROGRESS_EVERY = 100_000


@dataclass
class IngestResult:
    """What reading a register gave: its tasks (when read in memory), the row-level errors, how many rows were read
    and how many became tasks."""

    tasks: list[Task] = field(default_factory=list)  # filled by ingest_rows only: read_tasks streams them
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    tasks_read: int = 0

    @property
    def refused_rows(self) -> int:
        """How many rows were refused (a row with several errors counts once)."""
        return len({e.row for e in self.errors})


def read_tasks(headers: list[str], rows: Iterable[tuple[int, list[object]]], directory: Directory, result: IngestResult,
               *, mapping: dict[str, str] | None = None, defaults: dict[str, str] | None = None,
               path: Path | str | None = None, progress: Callable[[int], None] | None = None) -> Iterator[Task]:
    """The tasks of a register's rows, one at a time, as they are read; errors go into ``result.errors``.

    Streaming keeps a register of a million rows out of memory. ``defaults`` fill fields the register has no
    column for. A task id seen on an earlier row is refused (two rows would make one task of two).
    """
    defaults = {k: v for k, v in (defaults or {}).items() if v}
    columns = match_headers(headers, mapping, given=set(defaults), path=path)
    names = {f.name: headers[columns[f.name]] if f.name in columns else f"({f.name})" for f in FIELDS}
    reader = RowReader(columns, names, directory, defaults)
    first_row: dict[str, int] = {}
    read = reader.read
    for number, cells in rows:
        outcome = read(number, cells)
        result.rows += 1
        if progress and result.rows % PROGRESS_EVERY == 0:
            progress(result.rows)
        if not isinstance(outcome, Task):
            result.errors.extend(outcome)
        elif (first := first_row.setdefault(outcome.task_id, number)) != number:
            result.errors.append(RowError(number, names["task_id"],
                                          f"task id {outcome.task_id!r} is also on row {first}"))
        else:
            result.tasks_read += 1
            yield outcome


def ingest_rows(headers: list[str], rows: Iterable[tuple[int, list[object]]], directory: Directory,
                **options) -> IngestResult:
    """Every task and row-level error of a register's rows, in memory (see :func:`read_tasks` for the options)."""
    result = IngestResult()
    result.tasks = list(read_tasks(headers, rows, directory, result, **options))
    return result


def read_mapping(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """A mapping file: ``columns`` (the register's header -> field) and ``defaults`` (field -> value for every row).

    It is YAML, e.g.::

        columns:
          Cơ quan thực hiện: assignee
          Ngày nhận: issued
        defaults:
          assigner_role: Chủ tịch UBND
          assigner_unit: "31"
    """
    import yaml  # only mappings need it

    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read the mapping: {error.strerror}", path=path) from None
    except UnicodeDecodeError as error:
        raise undecodable(error, path, "not UTF-8", "save the mapping as UTF-8") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(error, 'problem', error)}", path=path,
                         line=mark.line + 1 if mark else None) from None
    document = document or {}
    if not isinstance(document, dict) or set(document) - {"columns", "defaults"}:
        raise InputError("a mapping has only 'columns' and 'defaults'", path=path)
    columns, defaults = document.get("columns") or {}, document.get("defaults") or {}
    if not isinstance(columns, dict) or not isinstance(defaults, dict):
        raise InputError("'columns' and 'defaults' map names to values", path=path)
    field_names = {f.name for f in FIELDS}
    unknown = sorted(set(defaults) - field_names)
    if unknown:
        raise InputError(f"defaults for unknown fields: {', '.join(unknown)}", path=path)
    return {str(k): str(v) for k, v in columns.items()}, {str(k): str(v) for k, v in defaults.items()}


def print_progress(rows: int) -> None:
    """Say on standard error how many rows were read so far."""
    print(f"ingest: {rows:,} rows read", file=sys.stderr, flush=True)
