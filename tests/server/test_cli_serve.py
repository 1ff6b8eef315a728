"""``govgraph serve`` on the command line: help, and one-line errors before any server starts."""

from __future__ import annotations

from govgraph.cli.main import main


def test_help_lists_the_limits_and_an_example(capsys):
    assert main(["serve", "--help"]) == 0
    out = capsys.readouterr().out
    assert "$ govgraph serve" in out and "--timeout" in out and "--max-queries" in out and "429" in out


def test_a_missing_store_is_one_line_and_exit_2(capsys, tmp_path):
    assert main(["serve", "--build-dir", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govgraph: error:") and "govgraph build" in err and len(err.strip().splitlines()) == 1


def test_bad_limits_are_usage_errors(capsys, tmp_path):
    assert main(["serve", "--port", "70000", "--build-dir", str(tmp_path)]) == 2
    assert main(["serve", "--timeout", "0", "--build-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--port 70000" in err and "'0' is not a positive number of seconds" in err
