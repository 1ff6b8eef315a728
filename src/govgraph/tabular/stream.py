"""A table read row by row, for files too long to hold: CSV (any encoding ``decoding`` reads; comma, semicolon
or tab, taken from the header line) or an .xlsx workbook (its first sheet, read-only).

Rows come with their number as a spreadsheet shows it (the header is row 1), so every error can name its row.
The crosswalk's :mod:`govgraph.crosswalk.readers` reads whole (small) tables of named columns instead.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from govgraph.errors import InputError
from govgraph.tabular.decoding import decode

_SEPARATORS = ",;\t"


@dataclass
class Table:
    """A register as it streams: its header row, and its data rows as (row number, cells), read on demand."""

    headers: list[str]
    rows: Iterator[tuple[int, list[object]]]


def read_table(path: Path, encoding: str | None = None) -> Table:
    """Open a register; raises :class:`InputError` for a file that is not a readable table.

    CSV bytes become text as :func:`govgraph.tabular.decoding.decode` says (a byte-order mark, else ``encoding``,
    else strict UTF-8; NFC-normalised). Rows are read lazily, so a register of a million rows streams.
    """
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _workbook(path)
    if suffix in (".csv", ".tsv", ".txt"):
        return _csv(path, encoding)
    raise InputError(f"not a register file type: {path.suffix or 'no suffix'}", path=path,
                     hint="give a .csv or .xlsx file")


def _csv(path: Path, encoding: str | None) -> Table:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=path) from None
    text = decode(raw, path, encoding)
    first = text.split("\n", 1)[0]
    separator = max(_SEPARATORS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        headers = next(reader)
    except StopIteration:
        raise InputError("the register is empty", path=path) from None

    def rows() -> Iterator[tuple[int, list[object]]]:
        try:
            for number, row in enumerate(reader, start=2):
                if row and (row[0].strip() or any(cell.strip() for cell in row)):  # the first cell mostly says
                    yield number, row
        except csv.Error as error:
            raise InputError(f"not valid CSV: {error}", path=path, line=reader.line_num) from None
    return Table([h.strip() for h in headers], rows())


def _workbook(path: Path) -> Table:
    import openpyxl  # only registers kept in Excel need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        headers = ["" if h is None else unicodedata.normalize("NFC", str(h)).strip() for h in next(values)]
    except StopIteration:
        raise InputError("the workbook's first sheet is empty", path=path) from None
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types (zip, XML, key) for a broken file
        raise _unreadable(path, error) from None

    def rows() -> Iterator[tuple[int, list[object]]]:
        try:  # a read-only workbook is parsed as it is read: a damaged sheet can fail on any row
            for number, row in enumerate(values, start=2):
                cells = [unicodedata.normalize("NFC", c) if isinstance(c, str) else c for c in row]
                if any(c is not None and str(c).strip() for c in cells):
                    yield number, cells
        except Exception as error:  # noqa: BLE001 - as above
            raise _unreadable(path, error) from None
        finally:
            book.close()
    return Table(headers, rows())


def _unreadable(path: Path, error: Exception) -> InputError:
    """A workbook openpyxl cannot read, as one line."""
    reason = (str(error).splitlines() or [type(error).__name__])[0] or type(error).__name__
    return InputError(f"not a readable .xlsx workbook: {reason}", path=path,
                      hint="save it again as .xlsx from a spreadsheet, or as CSV")
