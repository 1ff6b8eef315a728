"""The README is true: every example it shows runs here, and prints what the README says it prints.

The contract (notes/TEAM.md, "The README is tested"):

- In a ```console block, a line starting with ``$ govgraph `` is a command, run in-process through ``main(argv)``
  with the repository root as working folder and ``GOVGRAPH_BUILD_DIR`` set to the test session's build. The lines
  after it, up to the next ``$ `` line or the end of the block, are its expected output (stdout, then stderr),
  compared like a doctest with ELLIPSIS only: ``...`` matches any text, everything else must match exactly.
  ``$ govgraph build`` runs in a fresh temporary folder, so the README's ``build/`` is never written.
- A ```pycon block is a doctest, run with the same working folder and environment.
- Blocks that cannot run in-process are ```sh, ```yaml, ```text (and data such as ```turtle): never run.

Each runnable block is one test, named by its line in README.md.
"""

from __future__ import annotations

import doctest
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from govgraph.cli.main import main

from ..conftest import REPO

README = REPO / "README.md"
RUN = ("console", "pycon")
NOT_RUN = ("sh", "yaml", "text", "turtle", "sparql", "csv", "json", "xml")
FENCE = re.compile(r"^(`{3,})(.*)$")
CHECKER = doctest.OutputChecker()
FLAGS = doctest.ELLIPSIS


@dataclass(frozen=True)
class Block:
    """A fenced block of the README: its info string, first content line (1-based) and content lines."""

    info: str
    line: int
    lines: tuple[str, ...]


def read_blocks(text: str) -> list[Block]:
    """Every fenced block of a Markdown text.

    >>> [(b.info, b.line, b.lines) for b in read_blocks("a\\n```console\\n$ govgraph x\\nout\\n```\\n")]
    [('console', 3, ('$ govgraph x', 'out'))]
    """
    blocks, lines, index = [], text.splitlines(), 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, info = opening.group(1), opening.group(2).strip()
        end = index + 1
        while end < len(lines) and not lines[end].startswith(fence):
            end += 1
        blocks.append(Block(info, index + 2, tuple(lines[index + 1:end])))
        index = end + 1
    return blocks


@dataclass(frozen=True)
class Command:
    """One ``$ govgraph ...`` line of a console block and the output the README shows for it."""

    argv: tuple[str, ...]
    line: int
    expected: str


def read_commands(block: Block) -> list[Command]:
    """The commands of a console block, each with its expected output.

    >>> read_commands(Block("console", 10, ("$ govgraph query --list", "name", "", "$ govgraph x 'a b'")))
    [Command(argv=('query', '--list'), line=10, expected='name\\n'), Command(argv=('x', 'a b'), line=13, expected='')]
    """
    commands: list[Command] = []
    for offset, text in enumerate(block.lines):
        if text.startswith("$ "):
            words = shlex.split(text[2:])
            if words[:1] != ["govgraph"]:
                raise AssertionError(f"README.md:{block.line + offset}: only '$ govgraph ...' runs in a console "
                                     f"block; put {words[:1]} in a ```sh block")
            commands.append(Command(tuple(words[1:]), block.line + offset, ""))
        elif not commands:
            raise AssertionError(f"README.md:{block.line + offset}: output before any '$ govgraph' line")
        else:
            last = commands[-1]
            commands[-1] = Command(last.argv, last.line, last.expected + text + "\n")
    return [Command(c.argv, c.line, _trailing(c.expected)) for c in commands]


def _trailing(text: str) -> str:
    """Blank lines at the end of an output separate commands; they are not part of it."""
    stripped = text.rstrip("\n")
    return stripped + "\n" if stripped else ""


BLOCKS = read_blocks(README.read_text(encoding="utf-8"))
RUNNABLE = [block for block in BLOCKS if block.info in RUN]


def test_every_block_says_whether_it_runs():
    """A block with no info string, or ```python, would be shown but never checked."""
    unknown = [f"README.md:{b.line - 1}: ```{b.info}" for b in BLOCKS if b.info not in RUN + NOT_RUN]
    assert not unknown, (f"{'; '.join(unknown)}: use ```console or ```pycon for examples that run, "
                         f"```{', ```'.join(NOT_RUN)} otherwise")


def test_the_readme_has_runnable_examples():
    assert sum(b.info == "console" for b in RUNNABLE) >= 4 and any(b.info == "pycon" for b in RUNNABLE)


def build_argv(argv: tuple[str, ...], tmp: Path) -> list[str]:
    """A ``govgraph build`` command with an absolute ``--out`` folder moved into ``tmp`` (a relative one is already
    there, since the command runs in ``tmp``). An existing file is kept: the command must refuse it.

    >>> build_argv(("build", "--out", "/srv/gg"), Path("/tmp/x"))
    ['build', '--out', '/tmp/x/srv/gg']
    >>> build_argv(("build", "--out=/dev/null"), Path("/tmp/x"))
    ['build', '--out=/dev/null']
    """
    def moved(value: str) -> str:
        path = Path(value)
        if not path.is_absolute() or (path.exists() and not path.is_dir()):
            return value
        return str(tmp / path.relative_to("/"))

    words = list(argv)
    for index, word in enumerate(words):
        if word == "--out" and index + 1 < len(words):
            words[index + 1] = moved(words[index + 1])
        elif word.startswith("--out="):
            words[index] = "--out=" + moved(word[6:])
    return words


def run_command(command: Command, capsys, monkeypatch, tmp_path: Path) -> str:
    """Run one README command the way the contract says; its stdout then stderr."""
    capsys.readouterr()
    if command.argv[:1] == ("build",):
        with monkeypatch.context() as scoped:
            scoped.chdir(tmp_path)
            scoped.delenv("GOVGRAPH_BUILD_DIR", raising=False)
            main(build_argv(command.argv, tmp_path))
    else:
        main(list(command.argv))
    out, err = capsys.readouterr()
    return _trailing(out + err)


@pytest.fixture
def readme_environment(build_dir, monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("GOVGRAPH_BUILD_DIR", str(build_dir))
    monkeypatch.delenv("COLUMNS", raising=False)


def builds(block: Block) -> bool:
    """Whether a console block runs a whole build (a minute on two cores)."""
    try:
        commands = read_commands(block)
    except AssertionError:  # a malformed block: its test says why
        return False
    return any(c.argv[:1] == ("build",) and "/dev/null" not in c.argv for c in commands)


CONSOLE = [pytest.param(b, marks=[pytest.mark.slow] if builds(b) else [], id=f"README.md:{b.line}")
           for b in RUNNABLE if b.info == "console"]


@pytest.mark.parametrize("block", CONSOLE)
def test_console_block(block, readme_environment, capsys, monkeypatch, tmp_path):
    commands = read_commands(block)
    assert commands, f"README.md:{block.line}: a console block without a '$ govgraph' line"
    for command in commands:
        got = run_command(command, capsys, monkeypatch, tmp_path)
        if not CHECKER.check_output(command.expected, got, FLAGS):
            pytest.fail(f"README.md:{command.line}: $ govgraph {shlex.join(command.argv)}\n"
                        + CHECKER.output_difference(doctest.Example("", command.expected), got, FLAGS),
                        pytrace=False)


@pytest.mark.parametrize("block", [b for b in RUNNABLE if b.info == "pycon"], ids=lambda b: f"README.md:{b.line}")
def test_pycon_block(block, readme_environment):
    text = "\n".join(block.lines) + "\n"
    test = doctest.DocTestParser().get_doctest(text, {"__name__": "readme"}, f"README.md:{block.line}",
                                               str(README), block.line - 1)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test, out=report.append, clear_globs=True)
    assert runner.failures == 0, "".join(report)
