"""``govgraph query`` on the built graph: no silent wrong answers. Declared values are checked, a parameter that
names nothing says so and suggests the likely value, each query has its own --help, and a damaged build is one line."""

from __future__ import annotations

import shutil

import pytest

from govgraph.queries import load_library

from .helpers import one_line_error, run


@pytest.fixture
def built(build_dir, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_BUILD_DIR", str(build_dir))
    return build_dir


def test_lang_in_capitals_means_the_same(capsys, built):
    argv = ["query", "who-assigned-what", "--format", "csv", "--columns", "status,tasks"]
    lower = run(capsys, *argv, "--param", "lang=en")
    assert lower[0] == 0 and "not reported" in lower[1] and "done,4678" in lower[1]
    assert run(capsys, *argv, "--param", "lang=EN") == lower
    due = ["query", "directives-due", "--param", "before=2025-10-31", "--format", "csv"]
    assert run(capsys, *due, "--param", "lang=En") == run(capsys, *due)


@pytest.mark.parametrize("query,value", [("directives-due", "fr"), ("who-assigned-what", "fr"),
                                         ("office-holders", "vietnamese")])
def test_an_undeclared_value_is_one_line_listing_the_values(capsys, built, query, value):
    needed = {"directives-due": ["--param", "before=2025-10-31"], "office-holders": ["--param", "unit=31"]}
    code, out, err = run(capsys, "query", query, *needed.get(query, []), "--param", f"lang={value}")
    one_line_error(code, err)
    assert out == ""
    assert f"parameter lang: '{value}' is not one of its values (give en or vi)" in err


@pytest.mark.parametrize("params,expected", [
    (["province=1"], "no province-level unit in force has the code '1' (did you mean 01, Thành phố Hà Nội? "
                     "--param province=01)"),
    (["province=Hải Phòng"], "(did you mean 31, Thành phố Hải Phòng? --param province=31)"),
    (["province=hai phong"], "(did you mean 31, Thành phố Hải Phòng? --param province=31)"),
    (["province=30"], "(30 is Tỉnh Hải Dương, a province-level unit in force until 2025-06-30; for that day: "
                      "--param province=30 --param date=2025-06-30)"),
])
def test_units_of_province_hints(capsys, built, params, expected):
    code, out, err = run(capsys, "query", "units-of-province", *[w for p in params for w in ("--param", p)])
    one_line_error(code, err)
    assert out == "" and expected in err


@pytest.mark.parametrize("argv,expected", [
    (["office-holders", "--param", "unit=99999"], "parameter unit: no unit has the code '99999'"),
    (["predecessors", "--param", "unit=Cát Hải"], "did you mean 11914, Đặc khu Cát Hải?"),
    (["successors", "--param", "unit=11948"], "11948 is Đặc khu Bạch Long Vĩ, a commune-level unit"),
    (["structure-as-of", "--param", "date=2025-06-30", "--param", "province=hai duong"], "did you mean 30, Tỉnh Hải Dương?"),
    (["who-assigned-what", "--param", "assignee=foo:bar"], "unknown prefix 'foo:'"),
    (["who-assigned-what", "--param", "assigner=id:person/nobody"], "nothing in the graph is 'id:person/nobody'"),
    # a former unit by its name, codes as spreadsheets and keyboards write them
    (["units-of-province", "--param", "province=hai duong"],
     "30 is Tỉnh Hải Dương, a province-level unit in force until 2025-06-30; for that day: --param province=30"),
    (["units-of-province", "--param", "province=31.0"], "did you mean 31, Thành phố Hải Phòng?"),
    (["units-of-province", "--param", "province=\uff13\uff11"], "did you mean 31, Thành phố Hải Phòng?"),
    (["structure-as-of", "--param", "province=30"], "30 is Tỉnh Hải Dương"),
    (["chain-of-command", "--param", "unit=31.0", "--param", "date=2025-10-02"], "did you mean 31, Thành phố Hải Phòng"),
])
def test_a_parameter_that_matches_nothing_is_explained(capsys, built, argv, expected):
    code, out, err = run(capsys, "query", *argv)
    one_line_error(code, err)
    assert out == "" and expected in err


def test_a_true_empty_answer_stays_exit_0_and_says_what_it_means(capsys, built):
    code, out, err = run(capsys, "query", "office-holders", "--param", "unit=31", "--param", "date=2020-01-01")
    assert code == 0 and out.endswith("(0 rows)\n")
    assert err.startswith("note: no rows: The graph records no holder") and len(err.splitlines()) == 1


@pytest.mark.parametrize("name", sorted(load_library()))
def test_each_query_has_its_own_help(capsys, name):
    query = load_library()[name]
    code, out, err = run(capsys, "query", name, "--help")
    assert (code, err) == (0, "")
    assert query.title in out and "parameters:" in out
    for parameter in query.parameters:
        assert f"  {parameter.name} ({parameter.type}; {'required' if parameter.required else 'optional'}" in out
        if parameter.values:
            assert f"one of {', '.join(parameter.values)}" in out
    for example in query.examples:
        assert f"$ {example}" in out
    if query.empty:  # what an empty answer means, as the note after one says
        assert "an answer with no rows:" in out and " ".join(query.empty.split()[:6]) in " ".join(out.split())
    assert run(capsys, "query", "--help", name) == (code, out, err)


def test_query_help_without_a_name_is_the_command_help(capsys):
    code, out, _ = run(capsys, "query", "--help")
    assert code == 0 and "--param KEY=VALUE" in out and "--timeout" in out


@pytest.mark.parametrize("name,suggestion", [("units-of-provinces", "did you mean units-of-province?"),
                                             ("office-holder", "did you mean office-holders?"),
                                             ("who-assigned", "did you mean who-assigned-what?")])
def test_an_unknown_query_name_gets_a_suggestion(capsys, name, suggestion):
    for argv in (["query", name], ["query", name, "--help"]):
        code, _, err = run(capsys, *argv)
        one_line_error(code, err)
        assert f"no query named '{name}'" in err and suggestion in err


def test_a_damaged_store_is_one_line(capsys, build_dir, tmp_path):
    damaged = tmp_path / "build"
    shutil.copytree(build_dir / "store", damaged / "store")
    for table in (damaged / "store").glob("*.sst"):
        with open(table, "r+b") as handle:
            handle.truncate(100)
    code, out, err = run(capsys, "query", "unit-counts", "--build-dir", str(damaged))
    one_line_error(code, err)
    assert str(damaged / "store") in err and "run govgraph build again" in err


def test_a_truncated_dump_without_a_store_is_one_line(capsys, build_dir, tmp_path):
    old = tmp_path / "build"
    old.mkdir()
    text = (build_dir / "govgraph.trig").read_bytes()
    (old / "govgraph.trig").write_bytes(text[: len(text) // 2])
    code, out, err = run(capsys, "query", "unit-counts", "--build-dir", str(old))
    one_line_error(code, err)
    assert str(old) in err and "govgraph build" in err
