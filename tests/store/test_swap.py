"""govgraph.swap, the folder swap the build's store and the loaders of store folders share: what a run keeps beside
the folder, and how the next run cleans up after one that was killed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from govgraph.swap import FolderSwap

PATTERN = ".govgraph-{kind}-{pid}-{name}"


@pytest.fixture(scope="module")
def dead() -> int:
    """The PID of a process that has ended."""
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout)


def names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_only_this_folders_leftovers_are_its_own(tmp_path, dead):
    swap = FolderSwap(tmp_path / "db", PATTERN, files={"kept": ".nq"})
    swap.path("new", dead).mkdir()
    swap.path("kept", dead).write_text("")
    for other in (f".govgraph-new-{dead}-db2", f".govgraph-new-{dead}-db.nq", ".govgraph-new-x-db", "db.txt"):
        (tmp_path / other).write_text("")
    assert [(p.name, kind, pid) for p, kind, pid in swap.leftovers()] == [
        (f".govgraph-kept-{dead}-db.nq", "kept", dead), (f".govgraph-new-{dead}-db", "new", dead)]


def test_clean_puts_back_an_old_folder_and_leaves_a_running_load_alone(tmp_path, dead):
    swap = FolderSwap(tmp_path / "db", PATTERN, files={"kept": ".nq"}, what="database", run="load")
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "data").write_text("old")
    os.rename(tmp_path / "db", swap.path("old", dead))  # killed between its two renames
    swap.path("new", dead).mkdir()
    swap.path("kept", dead).write_text("")
    running = swap.path("new", os.getppid())  # a live process: the loader of another run
    running.mkdir()
    assert swap.running() == [os.getppid()]
    said = []
    swap.clean(said.append)
    assert names(tmp_path) == sorted(["db", running.name]) and (tmp_path / "db" / "data").read_text() == "old"
    assert said == [f"removing the database an interrupted load left half built (.govgraph-new-{dead}-db)",
                    f"putting back the database as it was before an interrupted load (.govgraph-old-{dead}-db)"]


@pytest.mark.parametrize("atomic", [True, False], ids=["exchange", "two-renames"])
def test_swap_in_replaces_the_folder_and_leaves_nothing_beside(tmp_path, monkeypatch, atomic):
    from govgraph import swap as module

    if not atomic:
        monkeypatch.setattr(module, "exchange", lambda a, b: False)
    swap = FolderSwap(tmp_path / "db", PATTERN)
    for version in ("1", "2"):  # the first time there is no folder to replace
        new = swap.path("new")
        new.mkdir()
        (new / "data").write_text(version)
        assert swap.swap_in(new) == tmp_path / "db"
        assert names(tmp_path) == ["db"] and (tmp_path / "db" / "data").read_text() == version
