"""Start-up cost: a command imports only what it needs (bench numbers in bench/build.py's report, not timed here)."""

import subprocess
import sys

from govgraph.cli.main import VERBS, main


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
