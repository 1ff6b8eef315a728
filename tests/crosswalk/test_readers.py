"""CSV in every encoding and separator offices use, and .xlsx workbooks, are read; anything else is refused in one
line. Values here are SYNTHETIC."""

from __future__ import annotations

import codecs
import datetime
import unicodedata
import zipfile

import openpyxl
import pytest

from govgraph.crosswalk import read_table
from govgraph.tabular.decoding import encode_cp1258 as cp1258
from govgraph.crosswalk.readers import FormulaWithoutValue
from govgraph.errors import InputError, UsageError

from .conftest import EXAMPLE_CP1258, EXAMPLE_CSV, EXAMPLE_XLSX

TEXT = "ma;tên đơn vị;dân số\n11914;Thị trấn Cát Bà;17.000\n11920;Xã Nghĩa Lộ;3.000\n"
COLUMNS = ["ma", "dân số"]
EXPECTED = [(2, "11914", "Thị trấn Cát Bà", "17.000"), (3, "11920", "Xã Nghĩa Lộ", "3.000")]


def rows(table):
    return [(row.line, row.cells["ma"], row.cells["tên đơn vị"], row.cells["dân số"]) for row in table.rows]


@pytest.mark.parametrize("name, data, encoding", [
    ("utf-8", TEXT.encode("utf-8"), None),
    ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8"), None),
    ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), None),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), None),
    ("utf-16 LE, Windows line ends", codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le"), None),
    ("windows-1258", cp1258(TEXT), "cp1258"),
    ("windows-1258 by another name", cp1258(TEXT), "windows-1258"),
    ("utf-8 decomposed (NFD)", unicodedata.normalize("NFD", TEXT).encode("utf-8"), None),
    ("utf-16 without BOM, named", TEXT.encode("utf-16-le"), "utf-16-le"),
    ("utf-32 with BOM", TEXT.encode("utf-32"), None),
    ("utf-8, old Mac line ends", TEXT.replace("\n", "\r").encode("utf-8"), None),
])
def test_encodings_are_read_into_the_same_nfc_text(tmp_path, name, data, encoding):
    path = tmp_path / "stats.csv"
    path.write_bytes(data)
    assert rows(read_table(path, COLUMNS, encoding=encoding)) == EXPECTED


def test_windows_1258_really_writes_combining_tone_marks():
    assert "\u0323".encode("cp1258") in cp1258("Thị") and b"\xd2" not in "Thị".encode("utf-8")


def test_the_windows_1258_example_is_the_csv_example():
    assert EXAMPLE_CP1258.read_bytes() == cp1258(EXAMPLE_CSV.read_text(encoding="utf-8"))
    assert [row.cells for row in read_table(EXAMPLE_CP1258, ["ma"], encoding="cp1258").rows] == [
        row.cells for row in read_table(EXAMPLE_CSV, ["ma"]).rows]


@pytest.mark.parametrize("data, encoding, message", [
    (cp1258(TEXT), None, "stats.csv:1: not UTF-8: byte 0xea cannot be decoded (pass --encoding cp1258 for a "
                         "Windows-1258 file)"),
    (TEXT.encode("utf-16-le"), None, "stats.csv:1: holds NUL characters: not a text file, or UTF-16 without a "
                                     "byte-order mark"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "holds NUL characters: not a text file"),
    (b"\x89PNG\r\n\x1a\n", None, "stats.csv:1: not UTF-8: byte 0x89 cannot be decoded"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "cp1258", "starts with a utf-8 byte-order mark, but --encoding cp1258 "
                                                       "was given"),
    ("ma;dân số\n11914;1\n".encode("utf-8"), "ascii", "stats.csv:1: not ascii: byte 0xc3 cannot be decoded (check "
                                                      "--encoding)"),
    (b"", None, "stats.csv:1: no header row"),
    (b"\n\nma;n\n", None, "stats.csv:1: no header row"),
    (b'ma;"d\xc3\xa2n s\xe1\xbb\x91\n11914;"1\n', None, "stats.csv:2: not valid CSV: ';' expected after '\"'"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), None, "an old Excel .xls workbook"),
])
def test_unreadable_files_are_refused_in_one_line(tmp_path, data, encoding, message):
    path = tmp_path / "stats.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as refused:
        read_table(path, COLUMNS, encoding=encoding)
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_an_unknown_encoding_is_a_usage_error(tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(UsageError, match="unknown encoding 'vni'"):
        read_table(path, COLUMNS, encoding="vni")


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_separators_are_sniffed_from_the_header(tmp_path, separator):
    path = tmp_path / "stats.csv"
    text = TEXT.replace(";", separator).replace("17.000", '"17.000"')
    path.write_text(text, encoding="utf-8")
    table = read_table(path, COLUMNS)
    assert table.separator == separator and rows(table) == EXPECTED


def test_a_quoted_decimal_comma_survives_the_comma_separator(tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text('ma,n\n11914,"2,5"\n', encoding="utf-8")
    assert read_table(path, ["ma", "n"]).rows[0].cells == {"ma": "11914", "n": "2,5"}


def test_the_separator_can_be_named_and_then_must_fit(tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text(TEXT, encoding="utf-8")
    assert rows(read_table(path, COLUMNS, separator=";")) == EXPECTED
    with pytest.raises(InputError, match=r"no column 'ma', 'dân số' "
                                         r"\(the columns are 'ma;tên đơn vị;dân số' "
                                         r"\(separator ','; pass --separator to choose another\)\)"):
        read_table(path, ["ma", "dân số"], separator=",")


@pytest.mark.parametrize("line, problem", [
    ("11914,Cát Bà,17000,15,5", "5 fields where the header has 4 (an unquoted decimal comma? quote such values, "
                                "or use ';' as the separator)"),
    ("11914,Cát Bà,17000", "3 fields where the header has 4"),
])
def test_a_row_with_shifted_fields_is_flagged_not_read_by_position(tmp_path, line, problem):
    path = tmp_path / "stats.csv"
    path.write_text(f"ma,ten,dan_so,dien_tich\n{line}\n", encoding="utf-8")
    assert read_table(path, ["ma", "dien_tich"]).rows[0].problem == problem


def test_blank_rows_are_skipped_and_line_numbers_kept(tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text('ma;n\n\n11914;"a\nb"\n;;\n11920;1\n', encoding="utf-8")
    assert [row.line for row in read_table(path, ["ma", "n"]).rows] == [3, 6]


def test_a_column_named_twice_is_refused(tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text("ma;n;n\n11914;1;2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"stats.csv:1: column 'n' appears 2 times \(columns 2, 3\)"):
        read_table(path, ["ma", "n"])


def test_xlsx_cells_keep_their_types_and_rows_their_numbers(tmp_path):
    path = tmp_path / "stats.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B3"], sheet["C3"], sheet["D3"] = "ma", unicodedata.normalize("NFD", "dân số"), "ghi chú"
    sheet.append([None, 11914, 17000.5, "Cát Bà"])
    sheet.append([None, "00031", "6.084", datetime.datetime(2025, 7, 1)])
    sheet.append([None, 6187, None, True])
    sheet.append([None, 11920, "=1+2", None])
    book.save(path)
    table = read_table(path, ["ma", "dân số"])
    assert table.header_line == 3 and table.column("dân số") == 3
    assert [(row.line, row.cells["ma"], row.cells["dân số"]) for row in table.rows] == [
        (4, 11914, 17000.5), (5, "00031", "6.084"), (6, 6187, None), (7, 11920, FormulaWithoutValue("=1+2"))]


def test_xlsx_sheet_is_chosen_by_name(tmp_path):
    path = tmp_path / "stats.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "notes"
    book.create_sheet("2024").append(["ma", "n"])
    book["2024"].append([11914, 1])
    book.save(path)
    assert read_table(path, ["ma", "n"], sheet="2024").rows[0].cells == {"ma": 11914, "n": 1}
    with pytest.raises(InputError, match="sheet 'notes' is empty"):
        read_table(path, ["ma", "n"])
    with pytest.raises(UsageError, match="no sheet 'x' .*the sheets are 'notes', '2024'"):
        read_table(path, ["ma", "n"], sheet="x")


@pytest.mark.parametrize("name, content", [
    ("broken.xlsx", b"PK\x03\x04 not really a zip"),
    ("stats.xlsx", b"ma;n\n11914;1\n"),
    ("stats.ods", None),
])
def test_unreadable_workbooks_are_refused_in_one_line(tmp_path, name, content):
    path = tmp_path / name
    if content is None:  # an OpenDocument spreadsheet: a zip, but not a workbook openpyxl reads
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    else:
        path.write_bytes(content)
    with pytest.raises(InputError) as refused:
        read_table(path, ["ma", "n"])
    assert "not a readable .xlsx workbook" in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("options", [{"encoding": "cp1258"}, {"separator": ";"}])
def test_csv_options_on_a_workbook_are_a_usage_error(tmp_path, options):
    path = tmp_path / "stats.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(UsageError, match="apply to CSV files"):
        read_table(path, ["ma"], **options)


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="cannot read the file: No such file"):
        read_table(tmp_path / "nope.csv", ["ma"])
    with pytest.raises(InputError, match="is a folder"):
        read_table(tmp_path, ["ma"])


def test_a_workbook_with_xml_entities_is_refused_not_expanded(tmp_path):
    """An entity-expansion bomb in a sheet is refused (openpyxl parses through defusedxml), never expanded."""
    bomb = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {x} "{("&" + y + ";") * 10}">' for x, y in zip("bcdefgh", "abcdefg")) + "]>")
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(EXAMPLE_XLSX) as original, zipfile.ZipFile(path, "w") as copy:
        for name in original.namelist():
            data = original.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = bomb.encode() + data.replace(b"<v>", b"<v>&h;", 1)
            copy.writestr(name, data)
    with pytest.raises(InputError, match="not a readable .xlsx workbook"):
        read_table(path, ["ma"])
