"""``govgraph build`` where it cannot write: one line, exit 2, and no temporary file left behind.

The tests run as root, which may write anywhere: a read-only folder and a full disk are simulated by making the
write itself fail with the errno the system would give. The dataset is a small synthetic one, so no test spends
the time of a real assembly.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.cli import build

from .helpers import one_line_error, run

FIXTURE = Path(__file__).parent.parent / "queries" / "fixture.ttl"


def small_store() -> ox.Store:
    """The SYNTHETIC query fixture in one named graph."""
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE, base_iri="https://w3id.org/govgraph/id/",
               to_graph=ox.NamedNode("https://w3id.org/govgraph/graph/synthetic-test"))
    return store


class FullDisk:
    """A store whose ``dump`` writes part of the file, then fails as a full disk does."""

    def __init__(self, store: ox.Store, fail_on: str) -> None:
        self._store, self._fail_on = store, fail_on

    def __getattr__(self, name):
        return getattr(self._store, name)

    def __iter__(self):
        return iter(self._store)

    def __len__(self):
        return len(self._store)

    def dump(self, output, *args, **kwargs):
        self._store.dump(output, *args, **kwargs)
        if kwargs.get("format") == self._fail_on:
            with open(output, "r+b") as handle:
                handle.truncate(100)
            raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def fast_assembly(monkeypatch):
    monkeypatch.setattr(build, "assemble", lambda **_: small_store())


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_out_naming_a_file_fails_before_assembling(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(build, "assemble", lambda **_: pytest.fail("assembled although --out is a file"))
    target = tmp_path / "build"
    target.write_text("keep me")
    code, _, err = run(capsys, "build", "--out", str(target))
    one_line_error(code, err)
    assert f"{target}: --out names a file, not a folder" in err
    assert target.read_text() == "keep me"


def test_out_below_a_file_is_one_line(capsys, tmp_path, fast_assembly):
    (tmp_path / "file").write_text("")
    code, _, err = run(capsys, "build", "--out", str(tmp_path / "file" / "build"))
    one_line_error(code, err)
    assert "cannot write the build" in err


@pytest.mark.parametrize("number,fix", [(errno.EROFS, "choose a writable folder with --out"),
                                        (errno.EACCES, "choose a folder you may write to with --out")])
def test_a_folder_that_cannot_be_written(capsys, tmp_path, monkeypatch, number, fix):
    def refuse(*args, **kwargs):
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(build, "assemble", lambda **_: pytest.fail("assembled although the folder is read-only"))
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, _, err = run(capsys, "build", "--out", str(tmp_path))
    one_line_error(code, err)
    assert f"cannot write the build: {os.strerror(number)}" in err and fix in err
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fail_on", [ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES])
def test_a_full_disk_leaves_no_temporary_file_and_keeps_the_old_build(capsys, tmp_path, monkeypatch, fail_on):
    out = tmp_path / "build"
    out.mkdir()
    (out / "govgraph.trig").write_text("# the previous build\n")
    monkeypatch.setattr(build, "assemble", lambda **_: FullDisk(small_store(), fail_on))
    code, _, err = run(capsys, "build", "--out", str(out))
    one_line_error(code, err)
    assert "cannot write the build: No space left on device" in err and "free some space" in err
    assert leftovers(out) == []
    assert (out / "govgraph.trig").read_text() == "# the previous build\n"


def test_the_small_build_itself_works(capsys, tmp_path, fast_assembly):
    """The harness above is sound: the same build without a failure writes every file."""
    code, out, err = run(capsys, "build", "--out", str(tmp_path))
    assert code == 0, err
    assert {"govgraph.trig", "govgraph.nq", "govgraph.ttl", "govgraph.nt"} <= {p.name for p in tmp_path.iterdir()}
    assert leftovers(tmp_path) == []


def test_a_full_disk_while_writing_the_store_keeps_every_old_file(capsys, tmp_path, monkeypatch, fast_assembly):
    from govgraph.assembly import writer

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "build"
    out.mkdir()
    for name in writer.OUTPUTS:
        (out / name).write_text("# the previous build\n")
    monkeypatch.setattr(writer, "load_store", no_space)
    code, _, err = run(capsys, "build", "--out", str(out))
    one_line_error(code, err)
    assert "No space left on device" in err
    assert leftovers(out) == []
    assert {(out / name).read_text() for name in writer.OUTPUTS} == {"# the previous build\n"}
