"""Real-world bad input, verb by verb: one line and exit 2 (or a true answer that says what it means), never a
traceback, a hang or an answer that looks right and is not. One fixture per bad input."""

from __future__ import annotations

import codecs
import socket
from pathlib import Path

import pytest

from .helpers import one_line_error, run

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


@pytest.fixture
def built(build_dir, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_BUILD_DIR", str(build_dir))
    return build_dir


# --- timeouts: every command that takes one -------------------------------------------------------------------

TIMEOUTS = ["-inf", "inf", "nan", "0", "-1", "1e10", "1e300", "30s", ""]


@pytest.mark.parametrize("value", TIMEOUTS)
@pytest.mark.parametrize("argv", [["query", "unit-counts"], ["sparql", "ASK {}"], ["serve"]])
def test_a_timeout_that_is_not_a_usable_number_of_seconds_is_one_line(capsys, tmp_path, argv, value):
    code, _, err = run(capsys, *argv, f"--timeout={value}", "--build-dir", str(tmp_path))
    one_line_error(code, err)
    assert "--timeout" in err and "positive number of seconds up to 86400" in err


def test_a_timeout_as_a_separate_negative_word_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "query", "unit-counts", "--timeout", "-inf", "--build-dir", str(tmp_path))
    one_line_error(code, err)


# --- serve: limits and addresses, checked before it listens -------------------------------------------------------

def test_serve_refuses_too_many_workers(capsys, tmp_path):
    code, _, err = run(capsys, "serve", "--workers", "100000", "--build-dir", str(tmp_path))
    one_line_error(code, err)
    assert "--workers 100000 is more than 64" in err


def test_serve_refuses_a_port_in_use(capsys, built):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run(capsys, "serve", "--port", str(port))
    one_line_error(code, err)
    assert f"cannot listen on 127.0.0.1:{port}" in err


def test_serve_refuses_an_access_log_it_cannot_write(capsys, built, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, _, err = run(capsys, "serve", "--port", str(port), "--access-log", str(tmp_path))
    one_line_error(code, err)
    assert f"{tmp_path}: cannot write the access log" in err


# --- query: answers before 1 July 2025, empty answers, periods, dates, codes ----------------------------------------

def test_hai_duong_on_30_june_2025_answers(capsys, built):
    code, out, err = run(capsys, "query", "units-of-province", "--param", "province=30", "--param", "date=2025-06-30")
    assert code == 0 and err == ""
    assert "Phường Cẩm Thượng" in out and not out.endswith("(0 rows)\n")


def test_a_day_before_the_recorded_starts_is_answered_with_a_note(capsys, built):
    code, out, err = run(capsys, "query", "unit-counts", "--param", "date=2020-01-01")
    assert code == 0 and out.endswith("(63 rows)\n")
    assert err.startswith("note: the graph records no start day") and len(err.splitlines()) == 1


def test_a_true_empty_answer_says_what_it_means(capsys, built):
    code, out, err = run(capsys, "query", "career", "--param", "person=nobody of that name")
    assert code == 0 and out.endswith("(0 rows)\n")
    assert err.startswith("note: no rows: No person in the graph has that id or name")


@pytest.mark.parametrize("argv", [
    ["query", "turnover", "--param", "from=2025-12-31", "--param", "to=2025-07-01"],
    ["query", "who-assigned-what", "--param", "from=2025-10-01", "--param", "to=2025-07-01"],
    ["report", "kpi", "--from", "2025-10-01", "--to", "2025-07-01"],
])
def test_a_period_that_ends_before_it_begins_is_refused(capsys, built, argv):
    code, out, err = run(capsys, *argv)
    one_line_error(code, err)
    assert out == "" and "is after to" in err


@pytest.mark.parametrize("value,expected", [
    ("30/06/2025", "read as day/month/year, 30/06/2025 is 2025-06-30"),
    ("1.7.2025", "1.7.2025 is 2025-07-01"),
    ("31/02/2025", "(write it as YYYY-MM-DD)"),
    ("2025-13-01", "(write it as YYYY-MM-DD)"),
])
def test_a_date_as_offices_write_it_gets_its_iso_form_never_a_swap(capsys, built, value, expected):
    code, _, err = run(capsys, "query", "unit-counts", "--param", f"date={value}")
    one_line_error(code, err)
    assert expected in err


# --- graph --------------------------------------------------------------------------------------------------------

def test_graph_command_of_a_former_unit_on_its_day(capsys, built):
    code, out, err = run(capsys, "graph", "command", "--unit", "31", "--date", "2025-06-30")
    assert code == 0 and "chain of command of 31 on 2025-06-30" in out and "child unit" in out


def test_graph_command_of_a_unit_with_nothing_recorded_says_so(capsys, built):
    code, _, err = run(capsys, "graph", "command", "--unit", "11914", "--date", "2025-06-30")
    one_line_error(code, err)
    assert "unit 11914 on 2025-06-30: The graph records no organ, post or unit under that unit" in err


@pytest.mark.parametrize("province,expected", [("hai phong", "did you mean 31"), ("30", "30 is Tỉnh Hải Dương")])
def test_graph_lineage_hints(capsys, built, province, expected):
    code, _, err = run(capsys, "graph", "lineage", "--province", province)
    one_line_error(code, err)
    assert expected in err


# --- sparql: engine messages and query files -----------------------------------------------------------------------

def test_a_syntax_error_is_one_line(capsys, built):
    code, _, err = run(capsys, "sparql", "SELECT * WHERE { ?s ?p ")
    one_line_error(code, err)
    assert "error at 1:24" in err


def test_a_query_file_in_utf16_is_one_line_naming_the_file(capsys, built, tmp_path):
    query = tmp_path / "q.rq"
    query.write_bytes("ASK { ?s ?p ?o }".encode("utf-16"))
    code, _, err = run(capsys, "sparql", "-f", str(query))
    one_line_error(code, err)
    assert f"{query}:1: the query is not UTF-8" in err and "save it as UTF-8" in err


def test_a_query_file_with_a_utf8_byte_order_mark_runs(capsys, built, tmp_path):
    query = tmp_path / "q.rq"
    query.write_bytes(codecs.BOM_UTF8 + b'ASK { ?unit gg:officialCode "31" }')
    assert run(capsys, "sparql", "-f", str(query)) == (0, "true\n", "")


# --- validate, report --data: RDF files in other encodings --------------------------------------------------------

SYNTHETIC = EXAMPLES / "validate-task-register-SYNTHETIC.ttl"


def test_a_turtle_file_with_a_utf8_byte_order_mark_validates_as_without(capsys, built, tmp_path):
    marked = tmp_path / "marked.ttl"
    marked.write_bytes(codecs.BOM_UTF8 + SYNTHETIC.read_bytes())
    plain = run(capsys, "validate", str(SYNTHETIC))
    code, out, err = run(capsys, "validate", str(marked))
    assert (code, out.replace(str(marked), str(SYNTHETIC)), err) == plain


@pytest.mark.parametrize("encoding,expected", [
    ("utf-16", ":1: the file is UTF-16 (it starts with a byte-order mark)"),
    ("utf-16-le", ":1: the file holds NUL bytes: UTF-16 without a byte-order mark, or not text"),
    ("cp1258", "save the file as UTF-8 (from Windows-1258: iconv -f cp1258 -t utf-8)"),
])
@pytest.mark.parametrize("verb", [["validate"], ["report", "kpi", "--data"]])
def test_a_turtle_file_in_another_encoding_is_one_line(capsys, built, tmp_path, encoding, expected, verb):
    other = tmp_path / "other.ttl"
    other.write_bytes(SYNTHETIC.read_text(encoding="utf-8").encode(encoding, errors="replace"))
    code, _, err = run(capsys, *verb, str(other))
    one_line_error(code, err)
    assert str(other) in err and expected in err


# --- ingest, crosswalk --------------------------------------------------------------------------------------------

def test_a_mapping_that_is_not_utf8_is_one_line(capsys, built, tmp_path):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_bytes("columns:\n  Ngày: issued\n".encode("cp1258"))  # Windows-1258, as Notepad may save it
    code, _, err = run(capsys, "ingest", str(EXAMPLES / "register-synthetic.csv"), "--mapping", str(mapping),
                       "--out", str(tmp_path / "tasks.ttl"))
    one_line_error(code, err)
    assert f"{mapping}:2: not UTF-8" in err and not (tmp_path / "tasks.ttl").exists()


def test_crosswalk_codes_written_as_numbers_name_the_file_column_and_fix(capsys, built, tmp_path):
    table = tmp_path / "stats.csv"
    table.write_text("ma,dan_so\n11914.0,1\n31.0,2\n", encoding="utf-8")
    code, out, err = run(capsys, "crosswalk", str(table), "--code-column", "ma", "--value-column", "dan_so")
    one_line_error(code, err)
    assert out == "" and f"{table}: cannot tell the level of the codes in column 'ma'" in err
    assert "'11914.0' is a code a spreadsheet wrote as a number" in err


def test_an_assigner_option_a_register_column_would_override_is_refused(capsys, built, tmp_path):
    """``--assigner-unit`` is "for every row"; with the register's own column the cells won, silently."""
    code, _, err = run(capsys, "ingest", str(EXAMPLES / "register-synthetic.csv"), "--assigner-unit", "79",
                       "--out", str(tmp_path / "tasks.ttl"))
    one_line_error(code, err)
    assert "--assigner-unit '79' is for every row, but the register has a column for it too ('Mã đơn vị giao')" in err
    assert not (tmp_path / "tasks.ttl").exists()


def test_kpi_on_the_built_graph_alone_says_why_it_is_empty(capsys, built):
    code, out, err = run(capsys, "report", "kpi")
    assert code == 0 and out.endswith("(0 rows)\n")
    assert err.startswith("note: no rows: No single task with an issue day and a status") and "--data" in err


@pytest.mark.parametrize("columns", [",,,", "", " , "])
def test_columns_that_name_no_column_are_refused(capsys, built, columns):
    code, out, err = run(capsys, "query", "task-statistics", f"--columns={columns}")
    one_line_error(code, err)
    assert out == "" and "names no column" in err


@pytest.mark.parametrize("previous", ["missing", "not-a-release"])
def test_release_refuses_a_wrong_previous_before_any_work(capsys, built, tmp_path, previous):
    (tmp_path / "not-a-release").mkdir()
    code, _, err = run(capsys, "release", "--previous", str(tmp_path / previous), "--out", str(tmp_path / "dist"))
    one_line_error(code, err)  # was: 'loaded 345,220 statements' after seconds of work, then the error
    assert str(tmp_path / previous) in err and not (tmp_path / "dist").exists()


def test_crosswalk_says_how_it_read_a_comma_that_may_group_thousands(capsys, built, tmp_path):
    """'1,000' is one under the default decimal comma, a thousand as a spreadsheet in English writes it: the value
    is read by the explicit convention, and a note says so with the option that reads it the other way."""
    table = tmp_path / "stats.csv"
    table.write_text("ma;dan_so\n11914;1,000\n11917;2,500\n", encoding="utf-8")
    code, out, err = run(capsys, "crosswalk", str(table), "--code-column", "ma", "--value-column", "dan_so")
    assert code == 0 and "11914,Đặc khu Cát Hải,3.5,2," in out
    assert f"{table}:1:2: note: dan_so: every value with ',' has three digits after it" in err
    assert "pass --decimal-mark . --thousands-mark ," in err
    code, out, err = run(capsys, "crosswalk", str(table), "--code-column", "ma", "--value-column", "dan_so",
                         "--decimal-mark", ".", "--thousands-mark", ",")
    assert code == 0 and "11914,Đặc khu Cát Hải,3500,2," in out and "note:" not in err
