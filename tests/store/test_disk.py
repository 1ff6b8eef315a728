"""The on-disk store: written whole or not at all, opened read-only, found through --build-dir or the environment."""

from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest

from govgraph.assembly.writer import write_outputs
from govgraph import swap
from govgraph.errors import InputError
from govgraph.store import EmbeddedStore
from govgraph.store import disk
from govgraph.store.disk import clean_stale, open_read_only, write_store
from govgraph.store.location import build_dir

GOOD = "".join(f'<http://e/s{i}> <http://e/p> "{i}" <http://e/g> .\n' for i in range(1000))


def entries(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def built(tmp_path):
    source = tmp_path / "good.nq"
    source.write_text(GOOD)
    write_store(source, tmp_path)
    source.unlink()
    return tmp_path


def test_the_store_opens_read_only(built):
    store = open_read_only(built)
    assert len(store) == 1000
    with pytest.raises(RuntimeError, match="read-write"):
        store.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"), ox.Literal("x")))


def test_a_failed_load_leaves_the_previous_store_and_no_temporary_folder(built):
    bad = built / "bad.nq"
    bad.write_text(GOOD.replace("s1000", "x") + "".join(
        f'<http://e/t{i}> <http://e/p> "{i}" <http://e/g> .\n' for i in range(50_000)) + "<http://e/broken .\n")
    with pytest.raises(SyntaxError):
        write_store(bad, built)
    assert entries(built) == ["bad.nq", "store"]
    assert len(open_read_only(built)) == 1000


def test_an_interrupted_swap_puts_the_old_store_back(built, monkeypatch):
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)  # a system with no atomic exchange: two renames
    source = built / "new.nq"
    source.write_text(GOOD[: GOOD.index("\n") + 1])
    calls = []
    real_rename = os.rename

    def rename(a, b):
        calls.append((a, b))
        if len(calls) == 2:  # between moving the old store aside and moving the new one in
            raise KeyboardInterrupt
        real_rename(a, b)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        write_store(source, built)
    monkeypatch.setattr(os, "rename", real_rename)
    assert entries(built) == ["new.nq", "store"]
    assert len(open_read_only(built)) == 1000


def test_the_swap_is_one_exchange_where_the_system_has_it(built, monkeypatch, tmp_path_factory):
    probe = tmp_path_factory.mktemp("probe")
    (probe / "a").mkdir()
    (probe / "b").mkdir()
    if not swap.exchange(probe / "a", probe / "b"):
        pytest.skip("no renameat2(RENAME_EXCHANGE) here")
    source = built / "one.nq"
    source.write_text('<http://e/a> <http://e/p> "1" <http://e/g> .\n')
    moved = []
    real_rename = os.rename
    monkeypatch.setattr(os, "rename", lambda a, b: (moved.append(a), real_rename(a, b)))
    write_store(source, built)
    assert moved == [] and len(open_read_only(built)) == 1  # the store was never renamed aside: never missing
    assert entries(built) == ["one.nq", "store"]


def test_a_killed_build_is_cleaned_by_the_next(built):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    (built / f".store-new-{dead}").mkdir()
    (built / f".store-new-{dead}" / "000001.sst").write_bytes(b"half")
    os.rename(built / "store", built / f".store-old-{dead}")  # killed between the two renames
    clean_stale(built)
    assert entries(built) == ["store"]
    assert len(open_read_only(built)) == 1000


def test_a_running_builds_folder_is_left_alone(built):
    mine = built / f".store-new-{os.getppid()}"
    mine.mkdir()
    clean_stale(built)
    assert mine.is_dir()


def test_a_new_build_replaces_the_store(built):
    source = built / "one.nq"
    source.write_text('<http://e/a> <http://e/p> "1" <http://e/g> .\n')
    write_store(source, built)
    assert len(open_read_only(built)) == 1
    assert entries(built) == ["one.nq", "store"]


def test_missing_store_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="store/ is missing.*govgraph build"):
        EmbeddedStore.from_build(tmp_path)


def test_embedded_store_from_build_queries_the_union(built):
    assert len(EmbeddedStore.from_build(built).select("SELECT ?s { ?s ?p ?o }")) == 1000


def test_build_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVGRAPH_BUILD_DIR", str(tmp_path))
    assert build_dir("elsewhere").name == "elsewhere"
    assert build_dir(None) == tmp_path
    monkeypatch.delenv("GOVGRAPH_BUILD_DIR")
    assert str(build_dir(None)) == "build"


def test_writer_merges_named_graphs_once_and_leaves_the_dataset_as_it_was(tmp_path):
    store = ox.Store()
    store.load('<http://e/a> <http://e/p> "1" <http://e/g1> .\n<http://e/a> <http://e/p> "1" <http://e/g2> .\n'
               '<http://e/b> <http://e/p> "2" <http://e/g2> .\n', format=ox.RdfFormat.N_QUADS)
    written = write_outputs(store, tmp_path)
    assert len(store) == 3 and {q.graph_name for q in store} == {ox.NamedNode("http://e/g1"),
                                                                  ox.NamedNode("http://e/g2")}
    assert len(list(ox.parse(path=written["govgraph.nt"], format=ox.RdfFormat.N_TRIPLES))) == 2
    assert len(list(ox.parse(path=written["govgraph.ttl"], format=ox.RdfFormat.TURTLE))) == 2
    assert len(open_read_only(tmp_path)) == 3
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.fixture
def damaged(built):
    """A built store whose files were cut short (a full disk, a copy interrupted)."""
    for name in ("CURRENT", *(p.name for p in (built / "store").glob("*.sst"))):
        with open(built / "store" / name, "r+b") as handle:
            handle.truncate(3)
    return built


def test_a_damaged_store_is_an_input_error(damaged):
    with pytest.raises(InputError) as caught:
        open_read_only(damaged)
    message = str(caught.value)
    assert "\n" not in message and str(damaged / "store") in message and "run govgraph build again" in message
    with pytest.raises(InputError, match="run govgraph build again"):
        disk.writable_copy(damaged)


@pytest.mark.parametrize("argv", [["sparql", "SELECT * { ?s ?p ?o }"], ["validate", "{ttl}"]],
                         ids=["sparql", "validate"])
def test_commands_on_a_damaged_store_print_one_line(capsys, damaged, tmp_path_factory, argv):
    from govgraph.cli.main import main

    ttl = tmp_path_factory.mktemp("user") / "user.ttl"
    ttl.write_text('<http://e/a> <http://e/p> "1" .\n')
    code = main([a.replace("{ttl}", str(ttl)) for a in argv] + ["--build-dir", str(damaged)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "cannot open the built store" in err and "run govgraph build again" in err and "Traceback" not in err
