"""Tables of statistics from CSV files (any of three separators, several encodings) and ``.xlsx`` workbooks.

The first row is the header (in a workbook, the first row that is not empty); each data row keeps its line (row)
number for the report. CSV cells are text; workbook cells keep their type (numbers stay numbers). Anything else
(old ``.xls``, ``.ods``, other binary files) is refused in one line.

>>> table = parse_csv("ma;dan_so\\n11914;6.084\\n\\n", "f.csv", ["ma", "dan_so"])
>>> table.separator, table.rows
(';', [Row(line=2, cells={'ma': '11914', 'dan_so': '6.084'}, problem=None)])
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from govgraph.tabular.decoding import decode
from govgraph.errors import InputError, UsageError

SEPARATORS = {",": ",", ";": ";", "tab": "\t", "\t": "\t"}
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A workbook cell holding a formula whose result was never saved (the file was not opened in a spreadsheet)."""

    formula: str


@dataclass(frozen=True)
class Row:
    """One data row of a statistics table: its line (or spreadsheet row) number and its cells by header.

    >>> Row(3, {"ma": "11914", "dan_so": "17.000"}).cells["ma"]
    '11914'
    """

    line: int
    cells: dict[str, object]  # header name -> str, a workbook's int/float/bool/datetime, or None when empty
    problem: str | None = None  # why the row cannot be trusted as a whole (fields shifted)


@dataclass
class Table:
    """A statistics table as read from a CSV file or a workbook: where from, its header and rows, the separator
    found (CSV) and the line the header is on.

    >>> Table("stats.csv", ["ma", "dan_so"], separator=";").column("dan_so")
    2
    """

    path: Path | str
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    separator: str | None = None  # CSV only
    header_line: int = 1

    def column(self, name: str) -> int:
        """The 1-based position of a header column."""
        return self.header.index(name) + 1


def read_table(path: Path, columns: list[str], *, encoding: str | None = None, separator: str | None = None,
               sheet: str | None = None) -> Table:
    """The rows of a CSV file or an ``.xlsx`` workbook; ``columns`` must all be in its header."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=path) from None
    if data.startswith(_OLE):
        raise InputError("an old Excel .xls workbook (or a password-protected one) is not read", path=path,
                         hint="save it as .xlsx or CSV")
    if data.startswith(_ZIP) or path.suffix.lower() in (".xlsx", ".xlsm"):
        if encoding or separator:
            raise UsageError("--encoding and --separator apply to CSV files, not to .xlsx workbooks")
        return read_xlsx(path, columns, sheet)
    if sheet:
        raise UsageError("--sheet applies to .xlsx workbooks, not to CSV files")
    return parse_csv(decode(data, path, encoding), path, columns, separator)


def parse_csv(text: str, path: Path | str, columns: list[str], separator: str | None = None) -> Table:
    """A table from CSV text; the separator is the one given, else the one of ',' ';' tab under which the first
    line holds every named column."""
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    if not first.strip():
        raise InputError("no header row (the first line is empty)", path=path, line=1)
    records = None
    try:
        delimiter = SEPARATORS[separator] if separator else _sniff(first, columns)
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header = [cell.strip() for cell in next(records)]
        table = Table(path, header, separator=delimiter)
        _check_header(table, columns, f" (separator {_name(delimiter)}; pass --separator to choose another)")
        end = records.line_num
        for cells in records:
            line, end = end + 1, records.line_num
            if any(cell.strip() for cell in cells):
                table.rows.append(_row(line, header, cells, delimiter))
    except csv.Error as error:
        raise InputError(f"not valid CSV: {error}", path=path, line=records.line_num if records else 1) from None
    return table


def _sniff(first: str, columns: list[str]) -> str:
    fields = {d: [c.strip() for c in next(csv.reader([first], delimiter=d))] for d in (",", ";", "\t")}
    fitting = [d for d, names in fields.items() if all(c in names for c in columns)]
    return max(fitting or fields, key=lambda d: len(fields[d]))  # ties: ',' first


def _name(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else repr(delimiter)


def _row(line: int, header: list[str], cells: list[str], delimiter: str) -> Row:
    values = {name: (cell.strip() or None) for name, cell in zip(header, cells)}
    problem = None
    if len(cells) != len(header):
        problem = f"{len(cells)} fields where the header has {len(header)}"
        if len(cells) > len(header) and delimiter == ",":
            problem += " (an unquoted decimal comma? quote such values, or use ';' as the separator)"
    return Row(line, values, problem)


def _check_header(table: Table, columns: list[str], hint: str = "") -> None:
    missing = [c for c in columns if c not in table.header]
    if missing:
        raise InputError(f"no column {', '.join(map(repr, missing))}", path=table.path, line=table.header_line,
                         hint=f"the columns are {', '.join(map(repr, table.header)) or 'none'}{hint}")
    for name in dict.fromkeys(columns):
        places = [str(i + 1) for i, h in enumerate(table.header) if h == name]
        if len(places) > 1:
            raise InputError(f"column {name!r} appears {len(places)} times (columns {', '.join(places)})",
                             path=table.path, line=table.header_line, hint="rename all but one")


def read_xlsx(path: Path, columns: list[str], sheet: str | None = None) -> Table:
    """The rows of one sheet (the first unless named), with each cell's value as last saved."""
    import openpyxl  # imported here: only workbooks need it

    try:
        with warnings.catch_warnings():  # openpyxl warns about styles and extensions it skips: not the user's concern
            warnings.simplefilter("ignore")
            values = openpyxl.load_workbook(path, data_only=True)
            formulas = openpyxl.load_workbook(path, data_only=False)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types for a broken file; each is one line
        reason = (str(error).splitlines() or [type(error).__name__])[0]
        raise InputError(f"not a readable .xlsx workbook: {reason}", path=path,
                         hint="save it again as .xlsx from a spreadsheet, or as CSV") from None
    names = [worksheet.title for worksheet in values.worksheets]  # chart sheets hold no table
    if sheet is not None and sheet not in names:
        raise UsageError(f"no sheet {sheet!r}", path=path,
                         hint=f"the sheets are {', '.join(map(repr, names)) or 'none'}")
    if not names:
        raise InputError("the workbook has no sheet of cells", path=path)
    name = sheet or names[0]
    rows = zip(values[name].iter_rows(values_only=True), formulas[name].iter_rows(values_only=True))
    table = None
    for line, (cells, written) in enumerate(rows, start=1):
        cells = [_cell(value, formula) for value, formula in zip(cells, written)]
        if all(c is None for c in cells):
            continue
        if table is None:
            header = [unicodedata.normalize("NFC", str(c)).strip() if c is not None else "" for c in cells]
            table = Table(path, header, header_line=line)
            _check_header(table, columns, f" (in sheet {name!r})")
        else:
            table.rows.append(Row(line, dict(zip(table.header, cells))))
    if table is None:
        raise InputError(f"sheet {name!r} is empty: no header row", path=path)
    return table


def _cell(value: object, formula: object) -> object:
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip() or None
    if value is None and isinstance(formula, str) and formula.startswith("="):
        return FormulaWithoutValue(formula)
    return value
