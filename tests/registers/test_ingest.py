"""govgraph ingest: every row a task or a row-level error; CSV and XLSX alike; output that validates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.cli.main import main

HERE = Path(__file__).parent
REPO = HERE.parent.parent
EXAMPLE = REPO / "examples" / "register-synthetic.csv"
WITH_ERRORS = REPO / "examples" / "register-with-errors-synthetic.csv"

BAD_ROWS = [
    "register-with-errors-synthetic.csv:3:Đơn vị thực hiện: no unit has the code '99999'",
    "register-with-errors-synthetic.csv:4:Ngày giao: '2025/07/05' is not a date (write day/month/year, e.g. 31/07/2025)",
    "register-with-errors-synthetic.csv:5:Hạn xử lý: due 2025-07-01 before it was issued (2025-07-05)",
    "register-with-errors-synthetic.csv:6:Tình trạng: 'Tạm dừng' is not a task status (Đã hoàn thành, Đang thực hiện, Quá hạn)",
    "register-with-errors-synthetic.csv:7:Chức vụ người giao: no such post on 2025-06-20: Thành phố Hải Phòng (31) has no "
    "committee-chair post in the graph",
    "register-with-errors-synthetic.csv:8:Chức vụ người giao: 'Giám đốc Sở' is not a post that assigns tasks (Chủ tịch UBND, "
    "Phó Chủ tịch UBND, Chủ tịch HĐND, Bí thư)",
    "register-with-errors-synthetic.csv:9:Ngày giao: '05/13/2025' is not a day: month 13 (dates are day/month/year, e.g. 31/07/2025)",
    "register-with-errors-synthetic.csv:10:Mã nhiệm vụ: task id 'T1' is also on row 2",
    "register-with-errors-synthetic.csv:11:Nội dung nhiệm vụ: the task's content is missing",
    "register-with-errors-synthetic.csv:12:Ngày hoàn thành: completed 2025-07-01 before it was issued (2025-07-05)",
    "register-with-errors-synthetic.csv:13:Đơn vị thực hiện: 'Phòng Kế toán' is neither a unit code nor a department (Sở ...)",
]


def _triples(path: Path) -> set:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE if path.suffix == ".ttl" else
                        ox.RdfFormat.N_TRIPLES))


def test_every_bad_row_is_reported_with_row_and_column(build_dir, tmp_path, capsys, monkeypatch):
    shutil.copy(WITH_ERRORS, tmp_path / WITH_ERRORS.name)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "tasks.ttl"
    code = main(["ingest", WITH_ERRORS.name, "--build-dir", str(build_dir), "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err[:len(BAD_ROWS)] == BAD_ROWS
    assert err[-1].startswith("11 of 12 rows refused; nothing written")
    assert not out.exists()


def test_keep_going_writes_the_good_rows_and_still_fails(build_dir, tmp_path, capsys):
    out = tmp_path / "tasks.ttl"
    code = main(["ingest", str(WITH_ERRORS), "--build-dir", str(build_dir), "--out", str(out),
                 "--keep-going", "--issued", "2025-07-31"])
    err = capsys.readouterr().err
    assert code == 2 and "1 tasks from 12 rows; 11 rows refused" in err
    tasks = {t.subject.value for t in _triples(out)
             if t.object == ox.NamedNode("https://w3id.org/govgraph/ontology#TaskAssignment")}
    assert tasks == {"https://w3id.org/govgraph/id/register/register-with-errors-synthetic/task/T1"}


def test_the_example_register_ingests_and_validates(build_dir, tmp_path, capsys):
    out = tmp_path / "tasks.ttl"
    assert main(["ingest", str(EXAMPLE), "--build-dir", str(build_dir), "--out", str(out),
                 "--issued", "2025-09-30"]) == 0
    assert "300 tasks from 300 rows" in capsys.readouterr().err
    triples = _triples(out)
    tasks = [t for t in triples if t.object == ox.NamedNode("https://w3id.org/govgraph/ontology#TaskAssignment")]
    assert len(tasks) == 300
    assert main(["validate", str(out), "--build-dir", str(build_dir), "--quiet"]) == 0


def test_xlsx_gives_the_same_statements_as_csv(build_dir, tmp_path):
    import sys
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic_task_register import write_csv, write_xlsx

    write_csv(tmp_path / "register.csv", 50)
    write_xlsx(tmp_path / "register.xlsx", 50)
    for suffix in ("csv", "xlsx"):
        assert main(["ingest", str(tmp_path / f"register.{suffix}"), "--build-dir", str(build_dir),
                     "--out", str(tmp_path / f"{suffix}.nt"), "--issued", "2025-09-30"]) == 0
    title = ox.NamedNode("http://purl.org/dc/terms/title")  # names the file, so differs by design
    assert {t for t in _triples(tmp_path / "csv.nt") if t.predicate != title} == \
        {t for t in _triples(tmp_path / "xlsx.nt") if t.predicate != title}


def test_a_mapping_lets_an_office_keep_its_headers(build_dir, tmp_path, capsys):
    out = tmp_path / "tasks.ttl"
    assert main(["ingest", str(HERE / "mapped-register.csv"), "--mapping", str(HERE / "mapping.yaml"),
                 "--build-dir", str(build_dir), "--out", str(out), "--issued", "2025-07-31"]) == 0
    values = {term.value for t in _triples(out) for term in (t.subject, t.object)}
    assert "https://w3id.org/govgraph/id/unit/31/2025-07-01/peoples-committee/department/y-te" in values
    assert "2025-07-07" in values


@pytest.mark.parametrize("content, message", [
    (b"", "the register is empty"),
    (b"a,b\n1,2\n", "no column for assigner_role"),
    ("Ngày giao,Nội dung\n".encode("utf-16-le"), "holds NUL characters"),
    ("Ngày giao,Nội dung\n".encode("cp1258", errors="replace"), "not UTF-8: byte"),
])
def test_unreadable_registers_are_one_line(build_dir, tmp_path, capsys, content, message):
    register = tmp_path / "r.csv"
    register.write_bytes(content)
    assert main(["ingest", str(register), "--build-dir", str(build_dir)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "Traceback" not in err[0]


@pytest.mark.parametrize("keep", [0.5, 0.95], ids=["cut-in-the-header", "cut-in-a-later-row"])
def test_a_damaged_workbook_is_one_line(build_dir, tmp_path, capsys, keep):
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Ngày giao", "Nội dung", "Đơn vị thực hiện", "Tình trạng"])
    for row in range(200):
        book.active.append(["31/07/2025", f"task {row}", "31", "Đang thực hiện"])
    book.save(tmp_path / "whole.xlsx")
    with zipfile.ZipFile(tmp_path / "whole.xlsx") as whole, zipfile.ZipFile(tmp_path / "r.xlsx", "w") as cut:
        for name in whole.namelist():
            data = whole.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data[:350] if keep < 0.9 else data[: int(len(data) * keep)]  # the sheet's XML ends early
            cut.writestr(name, data)
    assert main(["ingest", str(tmp_path / "r.xlsx"), "--build-dir", str(build_dir),
                 "--assigner-role", "Chủ tịch UBND", "--assigner-unit", "31"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a readable .xlsx workbook" in err[0] and "Traceback" not in err[0], err


def test_out_never_overwrites_the_register(build_dir, tmp_path, capsys):
    register = tmp_path / "r.csv"
    shutil.copy(HERE / "kpi-register.csv", register)
    assert main(["ingest", str(register), "--build-dir", str(build_dir), "--out", str(tmp_path / "r.csv")]) == 2
    link = tmp_path / "link.ttl"
    os.link(register, link)  # another name for the same file
    assert main(["ingest", str(register), "--build-dir", str(build_dir), "--out", str(link)]) == 2
    assert "is the input file" in capsys.readouterr().err
    assert register.read_bytes() == (HERE / "kpi-register.csv").read_bytes()


def test_a_broken_mapping_is_one_line(build_dir, tmp_path, capsys):
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns: [unclosed\n", encoding="utf-8")
    assert main(["ingest", str(HERE / "kpi-register.csv"), "--mapping", str(mapping),
                 "--build-dir", str(build_dir)]) == 2
    assert capsys.readouterr().err.startswith(f"govgraph: error: {mapping}:")


def test_examples_are_what_the_script_writes(tmp_path):
    """examples/register-* are generated: a change to the generator or the fields must regenerate them."""
    import importlib.util

    import openpyxl

    spec = importlib.util.spec_from_file_location("make_examples", REPO / "examples" / "make-register-examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in ("register-template.csv", "register-synthetic.csv"):
        assert (tmp_path / name).read_bytes() == (REPO / "examples" / name).read_bytes(), name
    for name in ("register-template.xlsx", "register-synthetic.xlsx"):
        def cells(path):
            book = openpyxl.load_workbook(path, read_only=True)
            return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
        assert cells(tmp_path / name) == cells(REPO / "examples" / name), name


def test_a_short_code_is_restored_only_when_one_level_fits(build_dir, tmp_path, capsys):
    """'1' could be province 01, former district 001 or former commune 00001: refused, never guessed."""
    register = tmp_path / "short-codes.csv"
    register.write_text("Mã nhiệm vụ,Chức vụ người giao,Mã đơn vị giao,Đơn vị thực hiện,Nội dung nhiệm vụ,Ngày giao,"
                        "Tình trạng\nS1,Chủ tịch UBND,31,1,Nhiệm vụ kiểm thử (test fixture),05/07/2025,Đang thực hiện\n",
                        encoding="utf-8")
    assert main(["ingest", str(register), "--build-dir", str(build_dir)]) == 2
    assert "Đơn vị thực hiện: '1' could be 00001 or 001 or 01: write the code in full" in capsys.readouterr().err


def test_a_full_disk_is_one_line_and_leaves_nothing(build_dir, tmp_path, capsys, monkeypatch):
    import errno
    import io

    class Full(io.BufferedWriter):
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r", *a, **k:
                        Full(io.FileIO(fd, "w")) if mode == "wb" else fdopen(fd, mode, *a, **k))
    out = tmp_path / "out" / "tasks.nt"
    assert main(["ingest", str(EXAMPLE), "--build-dir", str(build_dir), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"govgraph: error: {out}: cannot write: No space left on device"], err
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_a_department_named_with_characters_an_iri_cannot_hold_is_percent_encoded(build_dir, tmp_path, capsys,
                                                                                   suffix):
    register = tmp_path / "r.csv"
    header = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    register.write_text(f'{header}\nT1,,,Phó Chủ tịch UBND,31,,"Sở Y <tế> {{""A""}}",Việc,10/09/2025,,Quá hạn,\n',
                        encoding="utf-8")
    out = tmp_path / f"tasks{suffix}"
    assert main(["ingest", str(register), "--build-dir", str(build_dir), "--out", str(out)]) == 0
    capsys.readouterr()
    departments = {str(t.subject.value) for t in _triples(out) if t.predicate.value.endswith("#label")}
    assert departments == {"https://w3id.org/govgraph/id/unit/31/2025-07-01/peoples-committee/department/"
                           "y-%3Cte%3E-%7B%22a%22%7D"}, departments
