"""Dates, statuses and roles as Vietnamese offices write them in registers.

Dates are day first (``dd/mm/yyyy``, also with ``-`` or ``.``), or ISO ``yyyy-mm-dd``, or a date cell of a
workbook. A date that fits no pattern, or no calendar, is refused: a register never gets a guessed date.

>>> read_date("05/07/2025"), read_date("5-7-2025"), read_date("2025-07-05")
(datetime.date(2025, 7, 5), datetime.date(2025, 7, 5), datetime.date(2025, 7, 5))
>>> read_date("07/31/2025")
Traceback (most recent call last):
ValueError: '07/31/2025' is not a day: month 31 (dates are day/month/year, e.g. 31/07/2025)
>>> read_status("Đã hoàn thành"), read_status("dang thuc hien"), read_status("OVERDUE")
('done', 'in-progress', 'overdue')
>>> read_role("Chủ tịch UBND"), read_role("Phó Chủ tịch UBND tỉnh"), read_role("Bí thư Tỉnh ủy")
('committee-chair', 'committee-vice-chair', 'party-secretary')
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from govgraph.registers.fields import fold

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

STATUSES: dict[str, str] = {
    "done": "done", "da hoan thanh": "done", "hoan thanh": "done", "xong": "done", "completed": "done",
    "in progress": "in-progress", "in-progress": "in-progress", "dang thuc hien": "in-progress",
    "dang xu ly": "in-progress", "chua hoan thanh": "in-progress",
    "overdue": "overdue", "qua han": "overdue", "tre han": "overdue",
}

# (role, the folded words a post's name starts with): longest first, so "phó chủ tịch ubnd" is not a chair.
ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("committee-vice-chair", ("pho chu tich ubnd", "pho chu tich uy ban nhan dan", "committee vice-chair",
                              "vice-chairman")),
    ("committee-chair", ("chu tich ubnd", "chu tich uy ban nhan dan", "committee-chair", "committee chair",
                         "chairman")),
    ("council-chair", ("chu tich hdnd", "chu tich hoi dong nhan dan", "council-chair", "council chair")),
    ("party-secretary", ("bi thu", "party-secretary", "party secretary", "secretary")),
)


@functools.lru_cache(maxsize=1 << 14)  # a register has few distinct days and many rows
def read_date(value: object) -> dt.date:
    """A day from a register cell; raises ``ValueError`` with what is wrong."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DAY_FIRST.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a date (write day/month/year, e.g. 31/07/2025)")
        year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a day: month {month} (dates are day/month/year, e.g. 31/07/2025)")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar") from None


def read_status(value: object) -> str:
    """The task-status concept's key (done, in-progress, overdue); raises ``ValueError``."""
    key = fold(str(value))
    if key in STATUSES:
        return STATUSES[key]
    raise ValueError(f"{str(value)!r} is not a task status (Đã hoàn thành, Đang thực hiện, Quá hạn)")


def read_role(value: object) -> str:
    """The post role's key (committee-chair, ...); raises ``ValueError``."""
    key = fold(str(value))
    for role, starts in ROLES:
        if any(key == start or key.startswith(start + " ") for start in starts):
            return role
    raise ValueError(f"{str(value)!r} is not a post that assigns tasks "
                     "(Chủ tịch UBND, Phó Chủ tịch UBND, Chủ tịch HĐND, Bí thư)")
