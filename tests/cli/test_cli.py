"""The govgraph command, run in-process through main(argv): outputs and the exit-code contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govgraph.cli.main import main

SHAPES = Path(__file__).parent.parent / "shapes"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("verb", ["build", "validate", "query", "crosswalk"])
def test_every_verb_has_help_with_an_example(capsys, verb):
    code, out, _ = run(capsys, verb, "--help")
    assert code == 0
    assert "example" in out and f"govgraph {verb}" in out


def test_no_verb_prints_help_and_exits_2(capsys):
    code, out, _ = run(capsys)
    assert code == 2 and "build" in out


def test_unknown_verb_is_a_usage_error(capsys):
    code, _, err = run(capsys, "frobnicate")
    assert code == 2
    assert err.startswith("govgraph: error:") and len(err.strip().splitlines()) == 1


def test_build_writes_every_serialization(build_dir):
    for name in ("govgraph.trig", "govgraph.nq", "govgraph.ttl", "govgraph.nt"):
        assert (build_dir / name).stat().st_size > 1_000_000


def test_validate_built_graph_conforms(capsys, build_dir):
    code, out, _ = run(capsys, "validate", "--build-dir", str(build_dir), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["conforms"] is True
    assert report["counts"]["violation"] == 0 and report["counts"]["warning"] == 0
    # the article gives due dates for one directive only: the others are reported as gaps
    assert {r["sourceShape"] for r in report["results"]} == {"https://w3id.org/govgraph/checks#task-without-due-date"}
    assert report["statements"] > 330_000


def test_validate_without_a_build_says_what_to_do(capsys, tmp_path):
    code, _, err = run(capsys, "validate", "--build-dir", str(tmp_path))
    assert code == 2 and "run 'govgraph build' first" in err


def test_validate_files_with_violations_exits_1(capsys):
    code, out, _ = run(capsys, "validate", str(SHAPES / "context.ttl"),
                       str(SHAPES / "check-statistics" / "invalid-sum-and-shares.ttl"))
    assert code == 1
    assert "The parts add up to 6083, not to the total 6084." in out
    assert "Tổng các thành phần là 6083, không bằng tổng số 6084." in out
    assert out.strip().endswith("does not conform")


def test_validate_valid_files_exits_0(capsys):
    code, out, _ = run(capsys, "validate", "--quiet", str(SHAPES / "context.ttl"),
                       str(SHAPES / "statistics" / "valid-breakdown.ttl"))
    assert code == 0 and out.strip().endswith(": conforms")


def test_warnings_fail_only_when_asked(capsys, tmp_path):
    data = tmp_path / "warning.ttl"
    source = (SHAPES / "assignments" / "invalid-parties.ttl").read_text(encoding="utf-8")
    keep = source.split("<assignment/nobody>")[0] + "<assignment/no-person>" + source.split("<assignment/no-person>")[1].split("<assignment/to-unit>")[0]
    data.write_text(keep, encoding="utf-8")
    args = ["validate", "--quiet", str(SHAPES / "context.ttl"), str(data)]
    assert run(capsys, *args)[0] == 0
    assert run(capsys, *args, "--fail-on", "warning")[0] == 1


@pytest.mark.parametrize("content,line,column", [
    ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c\nex:d ex:e ex:f .\n", 3, 1),
    ("<http://e/a> <http://e/b> \"unterminated .\n", 1, 27),
])
def test_malformed_turtle_is_one_line_with_file_line_column(capsys, tmp_path, content, line, column):
    bad = tmp_path / "bad.ttl"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"govgraph: error: {bad}:{line}:")
    assert "Traceback" not in err


@pytest.mark.parametrize("name,content,message", [
    ("empty.ttl", "", "holds no RDF statements"),
    ("data.csv", "a,b\n", "unknown RDF file type"),
])
def test_unusable_inputs_exit_2(capsys, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and message in err


def test_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.ttl"))
    assert code == 2 and "cannot read the file" in err


def test_query_list(capsys):
    code, out, _ = run(capsys, "query", "--list")
    assert code == 0
    assert "who-assigned-what" in out and "province:string" in out


def test_query_table_on_the_built_graph(capsys, build_dir):
    code, out, _ = run(capsys, "query", "who-assigned-what", "--build-dir", str(build_dir))
    assert code == 0
    first = out.splitlines()[2]
    assert "Lê Ngọc Châu" in first and "6084" in first and "all statuses" in first
    assert "done" in out and "4678" in out and "1331" in out and "overdue" in out


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_query_formats(capsys, build_dir, fmt):
    code, out, _ = run(capsys, "query", "units-of-province", "--param", "province=31", "--format", fmt,
                       "--build-dir", str(build_dir))
    assert code == 0
    if fmt == "csv":
        lines = out.strip().splitlines()
        assert lines[0].split(",")[:3] == ["code", "name", "type"] and len(lines) == 115
    else:
        document = json.loads(out)
        assert document["head"]["vars"][0] == "code" and len(document["results"]["bindings"]) == 114
        assert document["results"]["bindings"][0]["code"] == {"type": "literal", "value": "10507"}


@pytest.mark.parametrize("argv,message", [
    (["query", "nope"], "no query named 'nope'"),
    (["query"], "name a query"),
    (["query", "units-of-province"], "needs province"),
    (["query", "directives-due", "--param", "before=tomorrow"], "not a valid date"),
    (["query", "unit-counts", "--param", "province"], "is not KEY=VALUE"),
    (["query", "unit-counts", "--format", "xml"], "invalid choice"),
    (["query", "unit-counts", "--endpoint", "ftp://example.org/sparql"], "not an http(s) SPARQL endpoint"),
])
def test_query_usage_errors_exit_2(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err


def test_unreachable_endpoint_is_a_one_line_error(capsys):
    code, _, err = run(capsys, "query", "unit-counts", "--endpoint", "http://127.0.0.1:9/sparql", "--timeout", "2")
    assert code == 2 and "the endpoint failed" in err and len(err.strip().splitlines()) == 1


@pytest.mark.server
def test_query_on_a_real_endpoint(capsys, oxigraph_endpoint):
    code, out, _ = run(capsys, "query", "unit-counts", "--endpoint", oxigraph_endpoint, "--format", "csv")
    assert code == 0
    rows = out.strip().splitlines()[1:]
    assert len(rows) == 34 and sum(int(r.split(",")[-1]) for r in rows) == 3321


def test_query_columns(capsys, build_dir):
    code, out, _ = run(capsys, "query", "who-assigned-what", "--columns", "assigner_name,status,tasks",
                       "--format", "csv", "--build-dir", str(build_dir))
    assert code == 0
    assert out.splitlines()[:3] == ["assigner_name,status,tasks", "Lê Ngọc Châu,all statuses,6084",
                                    "Lê Ngọc Châu,done,4678"]
    code, _, err = run(capsys, "query", "unit-counts", "--columns", "nope", "--build-dir", str(build_dir))
    assert code == 2 and "no column nope" in err
