"""Re-key statistics from the units in force until 30 June 2025 to the units in force since 1 July 2025.

A value of a former unit that went whole into one new unit is added to that unit. A value of a former unit that
was split among several new units cannot be carried exactly: it is left out of every total and reported, row by
row, with the units it went to, never divided silently. So are unknown codes and values that are not numbers.

>>> successors = {"11629": [Successor("11629", "Xã An Lão", True)],
...               "11656": [Successor("11446", "Phường Phù Liễn", False), Successor("11629", "Xã An Lão", False)]}
>>> result = crosswalk([(2, {"code": "11629", "n": "10"}), (3, {"code": "11656", "n": "5"})],
...                    code_column="code", value_columns=["n"], successors=successors)
>>> result.totals["11629"]["n"], [issue.line for issue in result.issues]
(Decimal('10'), [3])
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from govgraph.errors import InputError
from govgraph.queries import load_library, run_query
from govgraph.store.base import Store


@dataclass(frozen=True)
class Successor:
    code: str
    name: str
    whole: bool


@dataclass(frozen=True)
class Issue:
    """A row that could not be carried exactly, and why."""

    line: int
    code: str
    reason: str


@dataclass
class CrosswalkResult:
    value_columns: list[str]
    totals: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # new code -> how many input rows it received
    missing: dict[str, list[str]] = field(default_factory=dict)  # new code -> split former codes not carried
    issues: list[Issue] = field(default_factory=list)
    rows: int = 0

    @property
    def carried(self) -> int:
        return self.rows - len(self.issues)


def successor_table(store: Store) -> dict[str, list[Successor]]:
    """Former code -> the new units it went to, from the ``transfers`` library query."""
    table: dict[str, list[Successor]] = {}
    for row in run_query(store, load_library()["transfers"]).as_dicts():
        table.setdefault(str(row["former_code"]), []).append(
            Successor(str(row["new_code"]), str(row["new_name"]), bool(row["whole"].toPython())))
    return table


def read_rows(path: Path, code_column: str, value_columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a CSV file with their line numbers; the named columns must exist."""
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=path) from None
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in [code_column, *value_columns] if c not in header]
        if missing:
            raise InputError(f"no column {', '.join(map(repr, missing))}", path=path, line=1,
                             hint=f"the columns are {', '.join(header) or 'none'}")
        try:
            return [(reader.line_num, row) for row in reader]
        except csv.Error as error:
            raise InputError(f"not valid CSV: {error}", path=path, line=reader.line_num) from None


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "")) if text and text.strip() else Decimal(0)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def crosswalk(rows: Iterable[tuple[int, dict[str, str]]], *, code_column: str, value_columns: list[str],
              successors: dict[str, list[Successor]]) -> CrosswalkResult:
    """Sum the value columns of whole-transferred former units into their successors; report the rest."""
    result = CrosswalkResult(list(value_columns))
    for line, row in rows:
        result.rows += 1
        code = (row.get(code_column) or "").strip()
        if code not in successors and code.isdigit() and code.zfill(5) in successors:
            code = code.zfill(5)  # spreadsheets drop the leading zeros of commune codes
        targets = successors.get(code)
        if not targets:
            result.issues.append(Issue(line, code, "not the code of a unit in force until 30 June 2025"))
            continue
        values = {column: _number(row.get(column) or "") for column in value_columns}
        bad = [column for column, value in values.items() if value is None]
        if bad:
            result.issues.append(Issue(line, code, f"not a number in {', '.join(bad)}: "
                                       + ", ".join(repr(row[c]) for c in bad)))
            continue
        if len(targets) > 1 or not targets[0].whole:
            into = ", ".join(f"{t.code} {t.name}" for t in targets)
            result.issues.append(Issue(line, code, f"split among {into}: not carried (no exact share is known)"))
            for target in targets:
                result.names[target.code] = target.name
                result.missing.setdefault(target.code, []).append(code)
            continue
        target = targets[0]
        totals = result.totals.setdefault(target.code, {column: Decimal(0) for column in value_columns})
        for column, value in values.items():
            totals[column] += value
        result.names[target.code] = target.name
        result.sources[target.code] = result.sources.get(target.code, 0) + 1
    return result


def write_totals(result: CrosswalkResult, handle) -> None:
    """CSV: new code, new name, the summed columns, how many former units were summed, and the split former
    units whose share of this unit is missing (a total with a missing share is incomplete; a unit that only
    received shares has empty totals)."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["new_code", "new_name", *result.value_columns, "former_units", "missing_shares_from"])
    for code in sorted(set(result.totals) | set(result.missing)):
        totals = result.totals.get(code)
        cells = [_plain(totals[c]) if totals else "" for c in result.value_columns]
        writer.writerow([code, result.names[code], *cells, result.sources.get(code, 0),
                         " ".join(sorted(result.missing.get(code, [])))])


def _plain(value: Decimal) -> str:
    """A number without trailing zeros.

    >>> _plain(Decimal("12.50")), _plain(Decimal("3"))
    ('12.5', '3')
    """
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
