"""Running the command in-process, as every CLI test does."""

from __future__ import annotations

from govgraph.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``govgraph ARGV...`` through ``main``: the exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str) -> None:
    """The contract for every failure a user can cause: exit 2, one line, no traceback."""
    assert code == 2
    assert err.startswith("govgraph: error: ") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
