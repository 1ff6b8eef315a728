"""The columns of a task register, and the headers offices give them.

A register keeps its own headers: each field has a list of known headers (Vietnamese and English, matched
without diacritics or case), and a mapping file can name others.

>>> columns = match_headers(["STT", "Số văn bản", "Ngày giao", "Hạn xử lý", "Đơn vị thực hiện", "Nội dung",
...                          "Tình trạng"], given={"assigner_role", "assigner_unit"})
>>> columns["document_number"], columns["issued"], columns["due"], columns["assignee"], columns["content"]
(1, 2, 3, 4, 5)
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from govgraph.errors import InputError


@dataclass(frozen=True)
class Field:
    """A field of a task register: its name, whether a register must give it, the headers it is known by (folded:
    no diacritics, lower case) and what it holds."""

    name: str
    required: bool
    headers: tuple[str, ...]
    meaning: str


FIELDS: tuple[Field, ...] = (
    Field("task_id", False, ("mã nhiệm vụ", "mã nv", "stt", "số thứ tự", "task id", "id"),
          "the register's own identifier of the task (else the row number)"),
    Field("document_number", False, ("số văn bản", "số hiệu văn bản", "số vb", "số ký hiệu", "document number"),
          "the number of the document that assigned the task, e.g. 123/UBND-TH"),
    Field("document_date", False, ("ngày văn bản", "ngày ban hành", "ngày vb", "document date"),
          "the date of that document"),
    Field("assigner_role", True, ("chức vụ người giao", "chức vụ", "assigner role", "assigner post"),
          "the assigning post's role: Chủ tịch UBND, Phó Chủ tịch UBND, Chủ tịch HĐND, Bí thư"),
    Field("assigner_unit", True, ("mã đơn vị giao", "đơn vị giao", "assigner unit"),
          "the official code of the unit whose post assigned the task, e.g. 31"),
    Field("assigner_person", False, ("người giao", "họ tên người giao", "assigner", "assigner person"),
          "the name of the person who held the post and assigned the task"),
    Field("assignee", True, ("đơn vị thực hiện", "đơn vị được giao", "cơ quan chủ trì", "assignee"),
          "a unit by its official code (its People's Committee), or a department of the assigner's People's "
          "Committee by name (Sở ...)"),
    Field("content", True, ("nội dung nhiệm vụ", "nội dung", "trích yếu", "nhiệm vụ", "task", "content"),
          "what was assigned"),
    Field("issued", True, ("ngày giao", "ngày giao nhiệm vụ", "issued", "issue date"), "the day the task was given"),
    Field("due", False, ("hạn xử lý", "thời hạn", "hạn hoàn thành", "due", "due date"), "the day it is due"),
    Field("status", True, ("tình trạng", "trạng thái", "kết quả", "status"),
          "Đã hoàn thành / Đang thực hiện / Quá hạn (done / in progress / overdue)"),
    Field("completed", False, ("ngày hoàn thành", "completed", "completion date"),
          "the day the task was done (for done tasks)"),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)


@functools.lru_cache(maxsize=1 << 16)  # registers repeat statuses, roles and names on every row
def fold(text: str) -> str:
    """Text without diacritics, case or extra spaces, for matching names and headers.

    >>> fold("  Hạn  Xử Lý ")
    'han xu ly'
    >>> fold("Đơn vị")
    'don vi'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(bare.casefold().split())


def match_headers(headers: list[str], mapping: dict[str, str] | None = None, *,
                  given: set[str] = frozenset(), path: Path | str | None = None) -> dict[str, int]:
    """Field name -> column index, from the register's header row and an optional ``mapping``.

    ``mapping`` maps the register's headers to field names; it wins over the known headers. ``given`` names
    fields the command line supplies for every row (a register of one office has no assigner column). A
    required field without a column, or two columns for one field, is an error naming the header row.
    """
    by_header = {fold(h): f.name for f in FIELDS for h in f.headers}
    for header, name in (mapping or {}).items():
        if name not in FIELD_NAMES:
            raise InputError(f"the mapping names an unknown field {name!r}", path=path,
                             hint=f"fields are {', '.join(FIELD_NAMES)}")
        by_header[fold(header)] = name
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = by_header.get(fold(header or ""))
        if name is None:
            continue
        if name in columns:
            raise InputError(f"two columns give {name}: {headers[columns[name]]!r} and {header!r}",
                             path=path, line=1, column=index + 1, hint="map one of them in --mapping")
        columns[name] = index
    missing = [f for f in FIELDS if f.required and f.name not in columns and f.name not in given]
    if missing:
        wanted = "; ".join(f"{f.name} (e.g. {f.headers[0]!r})" for f in missing)
        raise InputError(f"no column for {wanted}", path=path, line=1,
                         hint="rename the header or map it in --mapping MAPPING.yaml")
    return columns
