"""govgraph load --into jena-tdb2: Jena's bulk loader into a new database swapped in for the folder; only
govgraph's graphs replaced, all or nothing, idempotent. Each Jena command is a Java process of a few seconds."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pyoxigraph as ox
import pytest

from .conftest import SYNTHETIC, synthetic_quads, tiny_release
from .folders import TDB2_OTHER_GRAPH as OTHER_GRAPH, dump, with_other_graphs
from govgraph.cli.main import main
from govgraph.publishing.loaders import jena, tdb2

pytestmark = pytest.mark.usefixtures("quick_java")


def counts(lines: list[str]) -> dict[str, int]:
    return tdb2.quad_counts(ox.parse("\n".join(lines).encode(), format=ox.RdfFormat.N_QUADS))


def beside(location) -> list[str]:
    return sorted(p.name for p in location.parent.iterdir() if p.name.startswith(tdb2.PREFIX))


def test_tdb2_load_replaces_only_govgraph_graphs_and_is_idempotent(tmp_path, capsys):
    location = with_other_graphs(tmp_path / "tdb")
    first = tiny_release(tmp_path / "r1", synthetic_quads("curated", 5) + synthetic_quads("holders", 3))
    second = tiny_release(tmp_path / "r2", synthetic_quads("curated", 2, "b"))
    assert main(["load", "--into", "jena-tdb2", str(location), "--release", str(first), "--quiet"]) == 0
    assert "8 statements in 2 govgraph graphs, 2 other graphs untouched" in capsys.readouterr().out
    once = dump(location)
    assert main(["load", "--into", "jena-tdb2", str(location), "--release", str(first), "--quiet"]) == 0
    assert dump(location) == once
    assert counts(once) == {"": 1, OTHER_GRAPH: 2, SYNTHETIC + "curated": 5, SYNTHETIC + "holders": 3}
    assert main(["load", "--into", "jena-tdb2", str(location), "--release", str(second), "--quiet"]) == 0
    after = tdb2.run_jena("tdb2.tdbdump", "--loc", str(location))
    assert counts(after.splitlines()) == {"": 1, OTHER_GRAPH: 2, SYNTHETIC + "curated": 2}
    linked = re.search(r"synthetic/p> (_:\S+) <" + OTHER_GRAPH, after)  # the blank node still links
    assert linked and f'{linked.group(1)} <https://example.org/synthetic/p> "SYNTHETIC other"' in after
    assert beside(location) == []


def test_tdb2_killed_loader_leaves_the_database_and_the_next_load_cleans_up(tmp_path, monkeypatch, capsys):
    location = tmp_path / "tdb"
    good = tiny_release(tmp_path / "good", synthetic_quads("curated", 5))
    assert main(["load", "--into", "jena-tdb2", str(location), "--release", str(good), "--quiet"]) == 0
    before = dump(location)
    real = jena.command

    def killed(main_class, *args, **options):  # the loader starts its database, then dies by SIGKILL
        if main_class != "tdb2.tdbloader":
            return real(main_class, *args, **options)
        return ["sh", "-c", f"mkdir -p '{args[1]}/Data-0001' && kill -9 $$"]

    monkeypatch.setattr(jena, "command", killed)
    assert main(["load", "--into", "jena-tdb2", str(location), "--release", str(good), "--quiet"]) == 2
    assert "tdb2.tdbloader failed (exit -9)" in capsys.readouterr().err
    monkeypatch.setattr(jena, "command", real)
    assert dump(location) == before and beside(location) == []

    # a 'govgraph load' killed itself: its new database left behind, or its swap cut between two renames
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    tdb2.beside(location).path("new", dead).mkdir()
    location.rename(tdb2.beside(location).path("old", dead))
    assert main(["load", "--into", "jena-tdb2", str(location), "--release", str(good)]) == 0
    assert "putting back the database as it was before an interrupted load" in capsys.readouterr().err
    assert dump(location) == before and beside(location) == []


def test_tdb2_refuses_a_database_open_elsewhere_and_a_folder_that_is_no_database(tmp_path, capsys):
    release = tiny_release(tmp_path / "r", synthetic_quads("curated", 1))
    location = with_other_graphs(tmp_path / "tdb")
    (location / "tdb.lock").write_text(str(os.getppid()))  # a live process, as Fuseki holding the database
    assert main(["load", "--into", "jena-tdb2", str(location), "--release", str(release)]) == 2
    assert f"the database is open in process {os.getppid()}" in capsys.readouterr().err
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("not a database")
    assert main(["load", "--into", "jena-tdb2", str(other), "--release", str(release)]) == 2
    assert "not a TDB2 database folder" in capsys.readouterr().err
    assert sorted(p.name for p in other.iterdir()) == ["keep.txt"]
