"""A CSV register read in pieces gives, row by row, what decoding the whole file at once gives."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata

import pytest

from govgraph.errors import InputError
from govgraph.tabular import stream
from govgraph.tabular.decoding import decode, encode_cp1258

NFD = unicodedata.normalize("NFD", "Việt Nam, Hải Phòng")  # tone marks as combining characters (NFC once read)
ROWS = ["Mã;Nội dung;Ghi chú", f"T1;{NFD};x", '"T2";"dòng một\ndòng hai\r\nba";"a;b"', "", "  ;  ;  ", "T3;Sở Y tế;"]


def _whole(path, encoding=None):
    """The rows as reading the file whole gives them (the reader before pieces)."""
    text = decode(path.read_bytes(), path, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    headers = next(reader)
    return [h.strip() for h in headers], [(n, r) for n, r in enumerate(reader, start=2)
                                          if r and (r[0].strip() or any(c.strip() for c in r))]


@pytest.mark.parametrize("piece", [1, 5, 40, 1 << 20])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_pieces_read_as_the_whole_file(tmp_path, monkeypatch, piece, newline, encoding):
    monkeypatch.setattr(stream, "PIECE", piece)
    text = newline.join(ROWS) + newline
    data = encode_cp1258(unicodedata.normalize("NFC", text)) if encoding == "cp1258" else \
        codecs.BOM_UTF8 + text.encode() if encoding == "utf-8-sig" else text.encode(encoding)
    path = tmp_path / "r.csv"
    path.write_bytes(data)
    given = "cp1258" if encoding == "cp1258" else None
    table = stream.read_table(path, given)
    assert (table.headers, list(table.rows)) == _whole(path, given)
    assert _whole(path, given)[1][0][1][1] == "Việt Nam, Hải Phòng"  # NFC (the test reads what it means to)


@pytest.mark.parametrize("bad", [b"\xff\xfe", b"a\x00b"], ids=["not-utf-8", "nul"])
def test_a_later_piece_that_does_not_decode_is_reported_as_for_the_whole_file(tmp_path, monkeypatch, bad):
    monkeypatch.setattr(stream, "PIECE", 8)
    path = tmp_path / "r.csv"
    path.write_bytes(("\n".join(ROWS) + "\n").encode() + b"T4;" + bad + b";x\n")
    with pytest.raises(InputError) as whole:
        decode(path.read_bytes(), path)
    with pytest.raises(InputError) as pieces:  # when the reading reaches it
        list(stream.read_table(path).rows)
    assert str(pieces.value) == str(whole.value) and ":9:" in str(whole.value)  # the line of row T4


def test_a_code_page_whose_newline_is_another_byte_is_not_cut_at_byte_0x0a(tmp_path, monkeypatch):
    """EBCDIC (cp500) writes a line end as 0x25; its byte 0x0A is the character U+008E, inside a row."""
    monkeypatch.setattr(stream, "PIECE", 4)
    path = tmp_path / "r.csv"
    path.write_bytes("Mã;Tên\nT1;a\x8eb\nT2;c\n".encode("cp500"))
    table = stream.read_table(path, "cp500")
    assert (table.headers, list(table.rows)) == (["Mã", "Tên"], [(2, ["T1", "a\x8eb"]), (3, ["T2", "c"])])


def test_a_header_that_is_not_valid_csv_is_an_input_error(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text('"' + "a" * 200_000 + '";b\nx;y\n', encoding="utf-8")  # a field past csv's limit
    with pytest.raises(InputError, match=r"r\.csv:1: not valid CSV: field larger than field limit"):
        stream.read_table(path)
