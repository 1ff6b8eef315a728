"""Start-up cost: a command imports only what it needs (bench numbers in bench/build.py's report, not timed here)."""

import subprocess
import sys

from govgraph.cli.main import VERBS, build_parser, main


def test_version_imports_no_verb():
    code = ("import sys\nfrom govgraph.cli.main import main\nassert main(['--version']) == 0\n"
            "print(sorted(m for m in sys.modules if m.startswith('govgraph.cli.') and m != 'govgraph.cli.main'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    version, imported = done.stdout.splitlines()
    assert version.startswith("govgraph ") and imported == "[]"


def test_help_still_lists_every_verb(capsys):
    assert main(["--help"]) == 0
    shown = capsys.readouterr().out
    assert all(verb in shown for verb in VERBS)


def test_help_lists_each_verb_with_the_help_its_module_registers():
    parser = build_parser(every_verb=True)
    registered = {action.dest: action.help for action in parser._subparsers._group_actions[0]._choices_actions}
    assert registered == VERBS


def test_help_imports_no_verb_and_no_rdflib():
    code = ("import sys\nfrom govgraph.cli.main import main\nassert main(['--help']) == 0\n"
            "print(sorted(m for m in sys.modules if m.startswith('govgraph.cli.') and m != 'govgraph.cli.main'),"
            " 'rdflib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[] False"


def test_a_library_query_imports_no_rdflib_and_checks_only_its_own_sparql(build_dir):
    code = ("import sys, io, contextlib\nfrom govgraph.cli.main import main\nfrom govgraph.queries import library\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main(['query', 'unit-counts', "
            f"'--build-dir', {str(build_dir)!r}]) == 0\n"
            "print('rdflib' in sys.modules, sorted(path.rsplit('/', 1)[-1] for path, _ in library._CHECKED))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "False ['unit-counts.rq']"


def test_rdflib_imported_after_the_start_still_logs_no_literal_tracebacks():
    code = ("from govgraph.cli.main import main\nimport io, contextlib\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    assert main(['query', '--list']) == 0\n"
            "from rdflib import XSD, Literal\nLiteral('x', datatype=XSD.integer)\nprint('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert (done.stdout.strip(), done.stderr) == ("ok", "")
