"""A table read row by row, for files too long to hold: CSV (any encoding ``decoding`` reads; comma, semicolon
or tab, taken from the header line) or an .xlsx workbook (its first sheet, read-only).

Rows come with their number as a spreadsheet shows it (the header is row 1), so every error can name its row.
The crosswalk's :mod:`govgraph.crosswalk.readers` reads whole (small) tables of named columns instead.
"""

from __future__ import annotations

import csv
import importlib
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from govgraph.errors import InputError
from govgraph.tabular.decoding import decode, decoder_of

_SEPARATORS = ",;\t"
PIECE = 1 << 20  # bytes of a CSV read and decoded at a time (a piece is cut at the last line end in them)


@dataclass
class Table:
    """A register as it streams: its header row, and its data rows as (row number, cells), read on demand."""

    headers: list[str]
    rows: Iterator[tuple[int, list[object]]]


def read_table(path: Path, encoding: str | None = None) -> Table:
    """Open a register; raises :class:`InputError` for a file that is not a readable table.

    CSV bytes become text as :func:`govgraph.tabular.decoding.decode` says (a byte-order mark, else ``encoding``,
    else strict UTF-8; NFC-normalised), a piece at a time. Rows are read lazily, so a register of a million rows
    streams; bytes that do not decode beyond the first piece are reported when the reading reaches them.
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
        handle = open(path, "rb")
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=path) from None
    texts = _texts(handle, path, encoding)
    text = next(texts)  # holds the header line (a piece ends at a line's end)
    first = text.split("\n", 1)[0]
    separator = max(_SEPARATORS, key=first.count)
    lines = chain.from_iterable(io.StringIO(piece, newline="") for piece in chain((text,), texts))
    reader = csv.reader(lines, delimiter=separator)
    try:
        headers = next(reader)
    except StopIteration:
        raise InputError("the register is empty", path=path) from None
    except csv.Error as error:
        raise _not_csv(error, path, reader) from None

    def rows() -> Iterator[tuple[int, list[object]]]:
        try:
            for number, row in enumerate(reader, start=2):
                if row and (row[0].strip() or any(cell.strip() for cell in row)):  # the first cell mostly says
                    yield number, row
        except csv.Error as error:
            raise _not_csv(error, path, reader) from None
    return Table([h.strip() for h in headers], rows())


def _not_csv(error: csv.Error, path: Path, reader) -> InputError:
    return InputError(f"not valid CSV: {error}", path=path, line=reader.line_num)


def _texts(handle: BinaryIO, path: Path, encoding: str | None) -> Iterator[str]:
    """The text of a CSV file as :func:`govgraph.tabular.decoding.decode` gives it, read and decoded PIECE bytes
    at a time, each piece cut at a line's end: a register of a million rows is never held whole (200 MB of
    bytes, and as text twice that, or four times in a StringIO). A byte-order mark or a code page in which a
    newline byte is always a newline (UTF-8, one-byte code pages such as Windows-1258) allow it; a file in any
    other encoding is decoded whole. A piece that does not decode is reported as decoding the whole file reports
    it (the same line and byte). Closes ``handle``."""
    with handle:
        try:
            rest = handle.read(max(PIECE, 4))  # a byte-order mark is up to four bytes
            name = decoder_of(rest, path, encoding)
            table = getattr(_encoding_module(name), "decoding_table", None)  # a one-byte code page has one
            if name not in ("utf-8", "utf-8-sig") and (table is None or table[10] != "\n"):  # EBCDIC: 0x0A is U+008E
                yield decode(rest + handle.read(), path, encoding)
                return
            first, more = True, True
            while more:
                block = handle.read(PIECE)
                more, data = bool(block), rest + block
                cut = data.rfind(b"\n") + 1 if more else len(data)
                if more and not cut:
                    rest = data  # no line ends in it yet
                    continue
                data, rest = data[:cut], data[cut:]
                try:  # only the first piece can start with a byte-order mark
                    text = str(data, name if first or name != "utf-8-sig" else "utf-8")
                    failed = "\x00" in text
                except UnicodeDecodeError:
                    failed = True
                if failed:  # decoding the whole file fails here too, and says where (the line and the byte)
                    handle.seek(0)
                    decode(handle.read(), path, encoding)
                    raise AssertionError(f"{path}: a piece does not decode, yet the whole file does")
                # a newline composes with nothing and stops reordering: pieces cut after one normalise as the whole
                yield unicodedata.normalize("NFC", text)
                first = False
        except OSError as error:
            raise InputError(f"cannot read the file: {error.strerror}", path=path) from None


def _encoding_module(name: str):
    try:
        return importlib.import_module(f"encodings.{name.replace('-', '_')}")
    except ImportError:
        return None


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
