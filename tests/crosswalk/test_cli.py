"""``govgraph crosswalk`` end to end: exit codes, one-line errors, --out safety, a closed pipe."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest

import govgraph.cli.crosswalk as cli
from govgraph.cli.main import main
from govgraph.tabular.decoding import encode_cp1258 as cp1258

from .conftest import EXAMPLE_CSV, EXAMPLE_XLSX, REPO

ARGS = ["--code-column", "ma", "--value-column", "dan_so", "--value-column", "dien_tich"]
EXPECTED_OUT = """\
new_code,new_name,dan_so,dien_tich,former_units,incomplete
00025,Phường Giảng Võ,6084,2.5,1,
11446,Phường Phù Liễn,,,0,every column: 11656 split (share unknown)
11629,Xã An Lão,15500,9.25,2,every column: 11656 split (share unknown); dien_tich: 11629 not a number
11914,Đặc khu Cát Hải,29000,25.5,3,"dien_tich: 11917 empty; every column: 11923 repeated (lines 11, 12)"
11948,Đặc khu Bạch Long Vĩ,900,3.1,1,
"""
CLEAN = "ma;n\n11914;17.000\n11917;9.000,5\n"


def crosswalk(capsys, *argv):
    code = main(["crosswalk", *map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_the_example_end_to_end_on_the_built_graph(capsys, build_dir):
    code, out, err = crosswalk(capsys, EXAMPLE_CSV, *ARGS, "--build-dir", build_dir)
    assert code == 1 and out == EXPECTED_OUT
    lines = err.splitlines()
    assert lines[0] == (f"{EXAMPLE_CSV}:3:4: 11917: dien_tich: empty: a missing value, not 0; the total of 11914 "
                        "Đặc khu Cát Hải is incomplete")
    assert lines[2] == f"{EXAMPLE_CSV}:7:1: 99999: no former commune-level unit has code 99999"
    assert lines[3].startswith(f"{EXAMPLE_CSV}:8:4: 11629: dien_tich: '1.23': a group after the thousands mark")
    assert lines[-1] == ("carried 5 of 11 commune-level rows exactly; 6 rows reported above (1 unknown code, "
                         "2 repeated codes, 1 split unit, 1 empty cell, 1 value not a number)")


def test_the_workbook_gives_the_same_totals(capsys, fast_cli):
    code, out, err = crosswalk(capsys, EXAMPLE_XLSX, *ARGS)
    assert code == 1 and out == EXPECTED_OUT and f"{EXAMPLE_XLSX}:8:4: 11629: dien_tich: '1.23'" in err


def test_every_row_carried_exits_0(capsys, fast_cli, tmp_path):
    path = tmp_path / "clean.csv"
    path.write_text(CLEAN, encoding="utf-8")
    code, out, err = crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n")
    assert code == 0 and out.splitlines()[1] == "11914,Đặc khu Cát Hải,26000.5,2,"
    assert err == "carried 2 of 2 commune-level rows exactly\n"


@pytest.mark.parametrize("options, data", [
    ([], CLEAN.encode("utf-8")),
    (["--decimal-mark", ".", "--thousands-mark", ","], b"ma,n\n11914,\"17,000\"\n11917,9000.5\n"),
    (["--thousands-mark", "space"], "ma;n\n11914;17\u00a0000\n11917;9 000,5\n".encode("utf-8")),
    (["--encoding", "cp1258", "--code-column", "mã"], cp1258("mã;n\n11914;17.000\n11917;9.000,5\n")),
    ([], "ma\tn\n11914\t17.000\n11917\t9.000,5\n".encode("utf-16")),
    (["--separator", "tab", "--level", "commune"], b"ma\tn\n11914\t17.000\n11917\t9.000,5\n"),
])
def test_options_for_the_convention_encoding_and_separator(capsys, fast_cli, tmp_path, options, data):
    path = tmp_path / "stats.csv"
    path.write_bytes(data)
    code, out, err = crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n", *options)
    assert code == 0, err
    assert out.splitlines()[1] == "11914,Đặc khu Cát Hải,26000.5,2,"


@pytest.mark.parametrize("options, data, message", [
    (["--decimal-mark", ".", "--thousands-mark", "."], CLEAN, "the decimal mark and the thousands mark cannot both "
                                                              "be '.'"),
    (["--encoding", "vni"], CLEAN, "unknown encoding 'vni'"),
    (["--sheet", "x"], CLEAN, "--sheet applies to .xlsx workbooks"),
    ([], "ma;n\n31;1\n79;2\n", "cannot tell the level of the codes in column 'ma': the longest has 2 digits"),
    ([], "ma;m\n11914;1\n", "stats.csv:1: no column 'n'"),
    ([], b"ma;n\n\xd0;1\n", "stats.csv:2: not UTF-8: byte 0xd0"),
    (["--thousands-mark", "x"], CLEAN, "argument --thousands-mark: invalid choice: 'x'"),
    (["--value-column", "n"], CLEAN, "column 'n' is named twice"),     # it would be summed twice
])
def test_bad_input_or_usage_exits_2_in_one_line(capsys, fast_cli, tmp_path, options, data, message):
    path = tmp_path / "stats.csv"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    code, out, err = crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n", *options)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert err.startswith("govgraph: error: ") and message in err


def test_column_names_match_whatever_the_normal_form(capsys, fast_cli, tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text("mã xã;dân số\n11914;1\n", encoding="utf-8")
    nfd = [unicodedata.normalize("NFD", name) for name in ("mã xã", "dân số")]
    code, out, _ = crosswalk(capsys, path, "--code-column", nfd[0], "--value-column", nfd[1])
    assert code == 0 and out.splitlines()[1] == "11914,Đặc khu Cát Hải,1,1,"


def test_a_file_without_data_rows_carries_nothing_and_exits_0(capsys, fast_cli, tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text("ma;n\n", encoding="utf-8")
    code, out, err = crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n")
    assert (code, out, err) == (0, "new_code,new_name,n,former_units,incomplete\n",
                                "carried 0 of 0 commune-level rows exactly\n")


def test_a_cp1258_file_gets_a_hint_and_is_read_with_the_option(capsys, fast_cli, tmp_path):
    path = tmp_path / "stats.csv"
    path.write_bytes(cp1258("ma;tên;n\n11914;Thị trấn Cát Bà;17.000\n"))
    code, _, err = crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n")
    assert code == 2 and "pass --encoding cp1258 for a Windows-1258 file" in err
    assert crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n", "--encoding", "cp1258")[0] == 0


# --out: never over the input, never half a file


def link(kind, source, target):
    if kind == "symlink":
        target.symlink_to(source)
    else:
        os.link(source, target)


@pytest.mark.parametrize("kind", ["same path", "relative path", "symlink", "hardlink"])
def test_out_never_overwrites_the_input(capsys, fast_cli, tmp_path, monkeypatch, kind):
    path = tmp_path / "stats.csv"
    path.write_text(CLEAN, encoding="utf-8")
    out = path
    if kind == "relative path":
        monkeypatch.chdir(tmp_path)
        out = "./stats.csv"
    elif kind in ("symlink", "hardlink"):
        out = tmp_path / "out.csv"
        link(kind, path, out)
    code, stdout, err = crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n", "--out", out)
    assert code == 2 and stdout == "" and "is the input file" in err
    assert path.read_text(encoding="utf-8") == CLEAN


@pytest.mark.parametrize("out, message", [("", "is a folder"), ("no/such/folder/out.csv", "no folder")])
def test_out_must_be_a_file_in_a_folder(capsys, fast_cli, tmp_path, out, message):
    path = tmp_path / "stats.csv"
    path.write_text(CLEAN, encoding="utf-8")
    code, _, err = crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n", "--out", tmp_path / out)
    assert code == 2 and message in err and len(err.splitlines()) == 1


def test_out_is_replaced_whole_and_keeps_its_mode(capsys, fast_cli, tmp_path):
    path, out = tmp_path / "stats.csv", tmp_path / "out.csv"
    path.write_text(CLEAN, encoding="utf-8")
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    assert crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n", "--out", out)[0] == 0
    assert out.read_text(encoding="utf-8").splitlines()[1] == "11914,Đặc khu Cát Hải,26000.5,2,"
    assert out.stat().st_mode & 0o777 == 0o640 and sorted(p.name for p in tmp_path.iterdir()) == ["out.csv",
                                                                                                    "stats.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(capsys, fast_cli, tmp_path, monkeypatch):
    path, out = tmp_path / "stats.csv", tmp_path / "out.csv"
    path.write_text(CLEAN, encoding="utf-8")
    out.write_text("old\n", encoding="utf-8")

    def half(result, handle):
        handle.write("new_code,new_name\n")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli, "write_totals", half)
    code, _, err = crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n", "--out", out)
    assert code == 2 and f"{out}: cannot write the file: No space left on device" in err
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "stats.csv"]


def test_bad_input_does_not_touch_out(capsys, fast_cli, tmp_path):
    path, out = tmp_path / "stats.csv", tmp_path / "out.csv"
    path.write_text("ma;n\n31;1\n", encoding="utf-8")
    assert crosswalk(capsys, path, "--code-column", "ma", "--value-column", "n", "--out", out)[0] == 2
    assert not out.exists()


def test_a_closed_pipe_ends_quietly(build_dir, formers, tmp_path):
    """``govgraph crosswalk ... | head -1``: the totals (far more than a pipe buffer) meet a closed pipe."""
    path = tmp_path / "big.csv"
    whole = sorted(code for code, former in formers.items() if former.level == "commune" and former.whole_into)
    path.write_text("ma;n\n" + "".join(f"{code};1\n" for code in whole), encoding="utf-8")
    command = (f"'{sys.executable}' -m govgraph crosswalk '{path}' --code-column ma --value-column n "
               f"--build-dir '{build_dir}' | head -1; echo \"exit ${{PIPESTATUS[0]}}\" >&2")
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.stdout == "new_code,new_name,n,former_units,incomplete\n"
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr and "Broken" not in done.stderr
    assert done.stderr.splitlines() == [f"carried {len(whole):,} of {len(whole):,} commune-level rows exactly",
                                        "exit 0"]
