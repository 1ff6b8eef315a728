"""Sum the statistics of former units into the units they went into whole; report every row not carried exactly.

A row is carried exactly when its code names one former unit at the input's level, that code is on no other row,
the unit went whole into one new unit, and every value column holds a number under the convention. Any other row
is reported (file:line[:column], code, reason), and each total it would have gone into is marked incomplete with
the reason: an empty cell is a missing value, not 0; a repeated code is not summed at all (which row is right is
unknown); a split unit's share is unknown, so it is never divided.

>>> from govgraph.crosswalk.readers import Row, Table
>>> from govgraph.crosswalk.successors import Former, Successor
>>> formers = {"11629": Former("11629", "commune", (Successor("11629", "Xã An Lão", True),)),
...            "11656": Former("11656", "commune", (Successor("11446", "Phường Phù Liễn", False),
...                                                 Successor("11629", "Xã An Lão", False)))}
>>> table = Table("f.csv", ["code", "n"], [Row(2, {"code": "11629", "n": "1.500"}),
...                                       Row(3, {"code": "11656", "n": "5"})])
>>> result = crosswalk(table, code_column="code", value_columns=["n"], formers=formers)
>>> result.totals["11629"], [issue.line for issue in result.issues], result.incomplete("11629")
({'n': Decimal('1500')}, [3], 'every column: 11656 split (share unknown)')
"""

from __future__ import annotations

import re

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import MAX_PREC, Context, Decimal

from govgraph.crosswalk.cells import cell_code, cell_number
from govgraph.crosswalk.codes import CodeError, infer_level, restore
from govgraph.crosswalk.numbers import VIETNAMESE, NumberConvention, NumberError
from govgraph.crosswalk.readers import Row, Table
from govgraph.crosswalk.successors import Former, Successor
from govgraph.errors import UsageError

EXACT = Context(prec=MAX_PREC)  # sums are never rounded (the default context keeps 28 digits)

#: Kinds of report, in the order the summary line counts them: (singular, plural).
KINDS = {"unknown": ("unknown code", "unknown codes"), "repeated": ("repeated code", "repeated codes"),
         "split": ("split unit", "split units"), "malformed": ("malformed row", "malformed rows"),
         "empty": ("empty cell", "empty cells"), "refused": ("value not a number", "values not a number")}


@dataclass(frozen=True)
class Issue:
    """A row (or one of its cells) that could not be carried exactly, and why."""

    line: int
    column: int | None
    code: str
    kind: str
    reason: str


@dataclass(frozen=True)
class Gap:
    """Why a total is incomplete: ``column`` (None: every column) lacks what former unit ``former`` held."""

    column: str | None
    former: str
    why: str

    def __str__(self) -> str:
        return f"{self.column or 'every column'}: {self.former} {self.why}"


@dataclass
class CrosswalkResult:
    """The outcome of a crosswalk: the totals per new unit (exact decimal sums), the new units' names, how many
    former units went into each, why a total is incomplete, and every row or cell that was not carried exactly.

    >>> result = CrosswalkResult(["dan_so"], "commune", rows=2)
    >>> result.carried, result.summary()
    (2, 'carried 2 of 2 commune-level rows exactly')
    """

    value_columns: list[str]
    level: str
    rows: int = 0
    totals: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # new code -> column -> sum (if any)
    names: dict[str, str] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # new code -> how many former units were summed into it
    gaps: dict[str, list[Gap]] = field(default_factory=dict)  # new code -> why its totals are incomplete
    issues: list[Issue] = field(default_factory=list)

    @property
    def reported(self) -> int:
        """How many rows were reported (a row with two bad cells counts once)."""
        return len({issue.line for issue in self.issues})

    @property
    def carried(self) -> int:
        """How many rows were carried exactly (every row not reported)."""
        return self.rows - self.reported

    def incomplete(self, code: str) -> str:
        """Which totals of a new unit are incomplete and why ('' when every total is complete)."""
        return "; ".join(map(str, self.gaps.get(code, [])))

    def summary(self) -> str:
        """The last line of the report: rows carried, rows reported and of which kinds."""
        counts = Counter(issue.kind for issue in self.issues)
        text = f"carried {self.carried:,} of {self.rows:,} {self.level}-level rows exactly"
        if not self.issues:
            return text
        parts = [f"{counts[k]:,} {KINDS[k][counts[k] > 1]}" for k in KINDS if counts[k]]
        return f"{text}; {self.reported:,} rows reported above ({', '.join(parts)})"

    def _gap(self, targets: tuple[Successor, ...], gap: Gap) -> None:
        for target in targets:
            self.names[target.code] = target.name
            self.gaps.setdefault(target.code, []).append(gap)

    def _add(self, target: Successor, column: str, value: Decimal) -> None:
        sums = self.totals.setdefault(target.code, {})
        sums[column] = EXACT.add(sums.get(column, Decimal(0)), value)


def check_columns(code_column: str, value_columns: list[str]) -> None:
    """Each column named once: a value column named twice would be summed twice.

    >>> check_columns("ma", ["n", "n"])
    Traceback (most recent call last):
    ...
    govgraph.errors.UsageError: column 'n' is named twice (name each column once)
    """
    seen: set[str] = set()
    for name in [code_column, *value_columns]:
        if name in seen:
            raise UsageError(f"column {name!r} is named twice", hint="name each column once")
        seen.add(name)


def table_level(table: Table, code_column: str) -> str:
    """The level inferred from the widths of a table's codes (a table without rows has nothing to infer from, and
    nothing to carry: it is read at commune level)."""
    if not table.rows:
        return "commune"
    codes = [cell_code(row.cells.get(code_column)) for row in table.rows]
    try:
        return infer_level(codes)
    except UsageError as error:  # name the file and the column the codes are in
        error.message = error.message.replace("of the codes", f"of the codes in column {code_column!r}")
        error.path = table.path
        if floated := next((c for c in codes if re.fullmatch(r"[0-9]+\.0+", c or "")), None):
            error.hint = (f"codes are digits only: {floated!r} is a code a spreadsheet wrote as a number; format the "
                          "column as text and export again, or " + error.hint)
        raise


def crosswalk(table: Table, *, code_column: str, value_columns: list[str], formers: Mapping[str, Former],
              level: str | None = None, numbers: NumberConvention = VIETNAMESE) -> CrosswalkResult:
    """Re-key ``table``; ``level`` is the input's level (province, district or commune), else inferred from the
    widths of its codes."""
    check_columns(code_column, value_columns)
    level = level or table_level(table, code_column)
    units = {code: former.level for code, former in formers.items()}
    result = CrosswalkResult(list(value_columns), level, rows=len(table.rows))
    resolved: list[tuple[Row, str]] = []
    for row in table.rows:
        written = cell_code(row.cells.get(code_column))
        try:
            resolved.append((row, restore(written, level, units)))
        except CodeError as error:
            reason = f"{error} ({row.problem})" if row.problem else str(error)
            result.issues.append(Issue(row.line, table.column(code_column), written, "unknown", reason))
    lines: dict[str, list[int]] = {}
    for row, code in resolved:
        lines.setdefault(code, []).append(row.line)
    for row, code in resolved:
        _carry(result, table, row, formers[code], lines[code], value_columns, numbers)
    result.issues.sort(key=lambda issue: (issue.line, issue.column or 0))
    return result


def _carry(result: CrosswalkResult, table: Table, row: Row, former: Former, lines: list[int],
           value_columns: list[str], numbers: NumberConvention) -> None:
    code, targets = former.code, former.successors
    into = ", ".join(f"{t.code} {t.name}" for t in targets)
    if len(lines) > 1:
        listed = ", ".join(map(str, lines))
        result.issues.append(Issue(row.line, None, code, "repeated", f"repeated on lines {listed}: no row of it is "
                                   f"carried (keep one row per unit); the totals of {into} are incomplete"))
        if row.line == lines[0]:
            result._gap(targets, Gap(None, code, f"repeated (lines {listed})"))
        return
    if row.problem:
        result.issues.append(Issue(row.line, None, code, "malformed", f"{row.problem}: not carried"))
        return result._gap(targets, Gap(None, code, "row malformed"))
    target = former.whole_into
    if target is None:
        result.issues.append(Issue(row.line, None, code, "split",
                                   f"split among {into}: not carried (no exact share is known)"))
        return result._gap(targets, Gap(None, code, "split (share unknown)"))
    result.names[target.code] = target.name
    result.sources[target.code] = result.sources.get(target.code, 0) + 1
    result.totals.setdefault(target.code, {})
    for column in value_columns:
        cell = row.cells.get(column)
        try:
            if cell is None:
                raise NumberError("empty: a missing value, not 0")
            result._add(target, column, cell_number(cell, numbers))
        except NumberError as error:
            kind = "empty" if cell is None else "refused"
            result.issues.append(Issue(row.line, table.column(column), code, kind,
                                       f"{column}: {error}; the total of {target.code} {target.name} is incomplete"))
            result._gap(targets, Gap(column, code, "empty" if cell is None else "not a number"))
