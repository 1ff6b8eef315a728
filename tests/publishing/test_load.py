"""govgraph load: only govgraph's graphs replaced, all or nothing, idempotent; on Oxigraph and Virtuoso (and what
all engines loaded as a folder share, on Jena TDB2 too)."""

from __future__ import annotations

import subprocess

import pytest

from .conftest import SYNTHETIC, synthetic_quads, tiny_release
from .folders import FOLDER_ENGINES, OTHER, counts_of, local_store
from govgraph.cli.main import main
from govgraph.publishing.loaders.oxigraph import oxigraph_binary
from govgraph.publishing.loaders.virtuoso import Virtuoso


def test_oxigraph_load_replaces_only_govgraph_graphs_and_is_idempotent(tmp_path, capsys):
    location = local_store(tmp_path)
    first = tiny_release(tmp_path / "r1", synthetic_quads("curated", 5) + synthetic_quads("holders", 3))
    second = tiny_release(tmp_path / "r2", synthetic_quads("curated", 2, "b"))
    assert main(["load", "--into", "oxigraph", str(location), "--release", str(first), "--quiet"]) == 0
    assert "8 statements in 2 govgraph graphs, 1 other graphs untouched" in capsys.readouterr().out
    once = counts_of(location)
    assert main(["load", "--into", "oxigraph", str(location), "--release", str(first), "--quiet"]) == 0
    assert counts_of(location) == once == {"https://example.org/other/g": 1, SYNTHETIC + "curated": 5,
                                           SYNTHETIC + "holders": 3}
    assert main(["load", "--into", "oxigraph", str(location), "--release", str(second), "--quiet"]) == 0
    assert counts_of(location) == {"https://example.org/other/g": 1, SYNTHETIC + "curated": 2}


@pytest.mark.parametrize("engine", FOLDER_ENGINES)
def test_a_malformed_release_leaves_the_folder_as_it_was(engine, tmp_path, capsys, request):
    for fixture in engine.fixtures:
        request.getfixturevalue(fixture)
    location = engine.folder(tmp_path)
    good = tiny_release(tmp_path / "good", synthetic_quads("curated", 5))
    assert main(["load", "--into", engine.into, str(location), "--release", str(good), "--quiet"]) == 0
    before = engine.contents(location)
    bad = tiny_release(tmp_path / "bad", synthetic_quads("curated", 3, "x") + ["<broken"] +
                       synthetic_quads("holders", 3))
    assert main(["load", "--into", engine.into, str(location), "--release", str(bad), "--quiet"]) == 2
    assert engine.malformed in capsys.readouterr().err
    assert engine.contents(location) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing left beside it


@pytest.mark.parametrize("engine", FOLDER_ENGINES)
def test_a_swap_that_fails_is_one_line_and_leaves_the_folder_as_it_was(engine, tmp_path, capsys, request,
                                                                       monkeypatch):
    import errno

    from govgraph import swap

    for fixture in engine.fixtures:
        request.getfixturevalue(fixture)
    location = engine.folder(tmp_path)
    before = engine.contents(location)

    def refused(a, b):
        raise OSError(errno.EACCES, "Permission denied", str(b))

    monkeypatch.setattr(swap, "exchange", refused)
    release = tiny_release(tmp_path / "good", synthetic_quads("curated", 5))
    assert main(["load", "--into", engine.into, str(location), "--release", str(release), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"govgraph: error: {location}: cannot swap the new {engine.what} in: Permission denied"], err
    monkeypatch.undo()
    assert engine.contents(location) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing left beside it


def test_a_store_folder_that_cannot_be_made_is_one_line(tmp_path, capsys):
    (tmp_path / "file").write_text("not a folder")
    release = tiny_release(tmp_path / "r", synthetic_quads("curated", 5))
    location = tmp_path / "file" / "stores" / "store"
    assert main(["load", "--into", "oxigraph", str(location), "--release", str(release), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"govgraph: error: {location}: cannot make the store's folder: Not a directory"], err


def test_a_damaged_release_is_refused_before_the_engine_is_touched(tmp_path, capsys):
    release = tiny_release(tmp_path / "r", synthetic_quads("curated", 5))
    (release / "govgraph-0.0.0.nq.gz").write_bytes(b"not gzip")
    assert main(["load", "--into", "oxigraph", str(tmp_path / "store"), "--release", str(release)]) == 2
    assert "checksum mismatch" in capsys.readouterr().err
    assert not (tmp_path / "store").exists()


def test_killed_oxigraph_loader_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    location = local_store(tmp_path)
    good = tiny_release(tmp_path / "good", synthetic_quads("curated", 5))
    assert main(["load", "--into", "oxigraph", str(location), "--release", str(good), "--quiet"]) == 0
    before = counts_of(location)
    big = tiny_release(tmp_path / "big", synthetic_quads("curated", 300_000, "k"))
    original = subprocess.Popen

    def killed(*args, **kwargs):  # the bulk loader is killed as soon as it starts
        process = original(*args, **kwargs)
        if "load" in args[0]:
            process.kill()
        return process

    monkeypatch.setattr(subprocess, "Popen", killed)
    assert main(["load", "--into", "oxigraph", str(location), "--release", str(big), "--quiet"]) == 2
    monkeypatch.undo()
    assert counts_of(location) == before


def test_oxigraph_reload_keeps_every_other_graph_and_the_default_graph(tmp_path):
    location = tmp_path / "store"
    others = tmp_path / "others.nq"
    others.write_text(OTHER + "\n"
                      '_:b1 <https://example.org/other/p> "SYNTHETIC lang"@vi <https://example.org/other/h> .\n'
                      '_:b1 <https://example.org/other/p> _:b2 <https://example.org/other/h> .\n'
                      '<https://example.org/other/s> <https://example.org/other/p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(others)], check=True,
                   capture_output=True)
    release = tiny_release(tmp_path / "r", synthetic_quads("curated", 4))
    for _ in range(2):
        assert main(["load", "--into", "oxigraph", str(location), "--release", str(release), "--quiet"]) == 0
    import pyoxigraph as ox

    store = ox.Store.read_only(str(location))
    assert counts_of(location) == {"https://example.org/other/g": 1, "https://example.org/other/h": 2,
                                   SYNTHETIC + "curated": 4}
    assert [str(q.object) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())] == [
        '"2"^^<http://www.w3.org/2001/XMLSchema#integer>']
    linked = list(store.quads_for_pattern(None, None, None, ox.NamedNode("https://example.org/other/h")))
    assert len({q.subject for q in linked}) == 1  # the blank node is still one node
    assert sorted(p.name for p in tmp_path.iterdir()) == ["others.nq", "r", "store"]  # nothing left beside it


def test_oxigraph_failed_reload_leaves_the_old_folder_untouched(tmp_path, capsys):
    location = local_store(tmp_path)
    good = tiny_release(tmp_path / "good", synthetic_quads("curated", 5))
    assert main(["load", "--into", "oxigraph", str(location), "--release", str(good), "--quiet"]) == 0
    files = {p.relative_to(location): p.stat().st_ino for p in location.rglob("*")}
    bad = tiny_release(tmp_path / "bad", synthetic_quads("holders", 3) + ["<broken"])
    assert main(["load", "--into", "oxigraph", str(location), "--release", str(bad), "--quiet"]) == 2
    assert "oxigraph load failed" in capsys.readouterr().err
    assert {p.relative_to(location): p.stat().st_ino for p in location.rglob("*")} == files
    assert counts_of(location) == {"https://example.org/other/g": 1, SYNTHETIC + "curated": 5}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "good", "other.nq", "store"]


@pytest.mark.parametrize("swapped", [False, True])
def test_a_load_killed_before_or_during_the_swap_is_cleaned_up_by_the_next(tmp_path, swapped):
    location = local_store(tmp_path)
    good = tiny_release(tmp_path / "good", synthetic_quads("curated", 5))
    assert main(["load", "--into", "oxigraph", str(location), "--release", str(good), "--quiet"]) == 0
    before = counts_of(location)
    # what a SIGKILL of govgraph leaves: a half-built new store, and the old store moved aside (before the 2nd rename)
    half = tmp_path / ".govgraph-new-store-999999999"
    subprocess.run([oxigraph_binary(), "load", "--location", str(half), "--file", str(tmp_path / "other.nq")],
                   check=True, capture_output=True)
    moved = tmp_path / ".govgraph-old-store-999999999"
    if swapped:
        location.rename(moved)
    assert main(["load", "--into", "oxigraph", str(location), "--release", str(good), "--quiet"]) == 0
    assert counts_of(location) == before and not half.exists() and not moved.exists()


# --- Virtuoso ---------------------------------------------------------------------------------------------

def virtuoso_counts(server):
    return {g: n for g, n in Virtuoso(server.target, "dba", "dba", lambda m: None).graph_counts().items()
            if g.startswith(("https://w3id.org/govgraph/", "https://example.org/"))}


@pytest.mark.server
def test_virtuoso_tiny_releases_all_or_nothing(virtuoso, tmp_path, capsys):
    virtuoso.isql("SPARQL INSERT DATA { GRAPH <https://example.org/other/g> { <https://example.org/other/s> "
                  "<https://example.org/other/p> 'SYNTHETIC other' } };")
    load = ["load", "--into", "virtuoso", virtuoso.target, "--load-dir", str(virtuoso.load_dir), "--quiet"]
    first = tiny_release(tmp_path / "r1", synthetic_quads("t-curated", 5) + synthetic_quads("t-holders", 3))
    assert main([*load, "--release", str(first)]) == 0
    once = virtuoso_counts(virtuoso)
    assert once["https://example.org/other/g"] == 1 and once[SYNTHETIC + "t-curated"] == 5
    assert main([*load, "--release", str(first)]) == 0
    assert virtuoso_counts(virtuoso) == once
    bad = tiny_release(tmp_path / "bad", synthetic_quads("t-curated", 3, "x") + ["<broken"] +
                       synthetic_quads("t-holders", 3, "y"))
    assert main([*load, "--release", str(bad)]) == 2
    assert "malformed" in capsys.readouterr().err
    assert virtuoso_counts(virtuoso) == once
    # clean up for the release test sharing this server
    Virtuoso(virtuoso.target, "dba", "dba", lambda m: None).drop(
        [SYNTHETIC + "t-curated", SYNTHETIC + "t-holders", "https://example.org/other/g"])


@pytest.mark.server
def test_virtuoso_new_release_changes_only_what_differs(virtuoso, tmp_path):
    load = ["load", "--into", "virtuoso", virtuoso.target, "--load-dir", str(virtuoso.load_dir), "--quiet"]
    first = tiny_release(tmp_path / "r1", synthetic_quads("t-curated", 5) + synthetic_quads("t-holders", 3))
    assert main([*load, "--release", str(first)]) == 0
    second = tiny_release(tmp_path / "r2", synthetic_quads("t-curated", 3) + synthetic_quads("t-curated", 2, "b")
                          + synthetic_quads("t-holders", 3) + synthetic_quads("t-new", 1))
    assert main([*load, "--release", str(second)]) == 0
    counts = virtuoso_counts(virtuoso)
    assert (counts[SYNTHETIC + "t-curated"], counts[SYNTHETIC + "t-holders"], counts[SYNTHETIC + "t-new"]) == (5, 3, 1)
    subjects = virtuoso.isql(f"SPARQL SELECT ?s FROM <{SYNTHETIC}t-curated> WHERE {{ ?s ?p ?o }};")
    assert "synthetic/b1" in subjects and "synthetic/a2" in subjects and "synthetic/a3" not in subjects
    assert not [g for g in virtuoso_counts(virtuoso) if "/staging/" in g]
    Virtuoso(virtuoso.target, "dba", "dba", lambda m: None).drop(
        [SYNTHETIC + "t-curated", SYNTHETIC + "t-holders", SYNTHETIC + "t-new"])


@pytest.fixture
def oxigraph_server(tmp_path):
    """A writable Oxigraph server on a free port (the shared fixture is read-only), stopped by PID."""
    import os
    import time
    import urllib.request

    from tests.ports import free_port

    location = local_store(tmp_path)
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2).read()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "oxigraph serve did not start"
            time.sleep(0.1)
    try:
        yield url
    finally:
        os.kill(process.pid, 15)
        process.wait(timeout=10)


@pytest.mark.server
def test_oxigraph_server_load_through_its_url(oxigraph_server, tmp_path, capsys):
    from govgraph.publishing.loaders.oxigraph import OxigraphServer

    def counts():
        return OxigraphServer(oxigraph_server, lambda m: None).graph_counts()

    first = tiny_release(tmp_path / "r1", synthetic_quads("curated", 5) + synthetic_quads("holders", 3))
    load = ["load", "--into", "oxigraph", oxigraph_server + "/query", "--quiet"]
    assert main([*load, "--release", str(first)]) == 0
    once = counts()
    assert once == {"https://example.org/other/g": 1, SYNTHETIC + "curated": 5, SYNTHETIC + "holders": 3}
    assert main([*load, "--release", str(first)]) == 0
    assert counts() == once
    bad = tiny_release(tmp_path / "bad", synthetic_quads("curated", 3, "x") + ["<broken"])
    assert main([*load, "--release", str(bad)]) == 2
    assert "refused /store" in capsys.readouterr().err
    assert counts() == once


@pytest.mark.server
def test_virtuoso_first_load_loads_in_place_and_a_failure_leaves_no_graph(virtuoso, tmp_path, capsys, monkeypatch):
    from govgraph.publishing.loaders import virtuoso as loader

    load = ["load", "--into", "virtuoso", virtuoso.target, "--load-dir", str(virtuoso.load_dir), "--quiet"]
    assert not [g for g in virtuoso_counts(virtuoso) if g.startswith(SYNTHETIC)]
    # a malformed first load: the bulk loader has loaded the good lines into place; they are deleted again
    bad = tiny_release(tmp_path / "bad", synthetic_quads("t-curated", 3, "x") + ["<broken"] +
                       synthetic_quads("t-holders", 3, "y"))
    assert main([*load, "--release", str(bad)]) == 2
    assert "malformed" in capsys.readouterr().err
    assert not [g for g in virtuoso_counts(virtuoso) if g.startswith("https://w3id.org/govgraph/")]
    # a failure injected after the fresh graphs are fully loaded, before the swap commits
    first = tiny_release(tmp_path / "r1", synthetic_quads("t-curated", 5) + synthetic_quads("t-holders", 3))

    def failing_swap(self, *args):
        assert virtuoso_counts(virtuoso)[SYNTHETIC + "t-curated"] == 5  # loaded in place, not staged
        raise loader.EndpointError("SYNTHETIC failure injected before the swap", path=self.target)

    monkeypatch.setattr(loader.Virtuoso, "swap", failing_swap)
    assert main([*load, "--release", str(first)]) == 2
    assert "SYNTHETIC failure injected" in capsys.readouterr().err
    monkeypatch.undo()
    assert not [g for g in virtuoso_counts(virtuoso) if g.startswith("https://w3id.org/govgraph/")]
    # the first load that succeeds: its graphs stay, no staged or marker graph is left
    assert main([*load, "--release", str(first)]) == 0
    counts = virtuoso_counts(virtuoso)
    assert {g: n for g, n in counts.items() if g.startswith("https://w3id.org/govgraph/")} == {
        SYNTHETIC + "t-curated": 5, SYNTHETIC + "t-holders": 3}
    # a release adding a graph next to existing ones: the new graph loads in place, the others are replaced
    second = tiny_release(tmp_path / "r2", synthetic_quads("t-curated", 2, "b") + synthetic_quads("t-new", 4))
    assert main([*load, "--release", str(second)]) == 0
    assert {g: n for g, n in virtuoso_counts(virtuoso).items() if g.startswith("https://w3id.org/govgraph/")} == {
        SYNTHETIC + "t-curated": 2, SYNTHETIC + "t-new": 4}
    Virtuoso(virtuoso.target, "dba", "dba", lambda m: None).drop([SYNTHETIC + "t-curated", SYNTHETIC + "t-new"])


@pytest.mark.server
def test_virtuoso_first_load_killed_is_undone_by_the_next_load(virtuoso, tmp_path):
    from govgraph.publishing.loaders.staging import STAGING
    from govgraph.publishing.loaders.virtuoso import FRESH

    engine = Virtuoso(virtuoso.target, "dba", "dba", lambda m: None)
    # what a SIGKILL of govgraph during a first load leaves: its marker graph and part of a fresh graph
    marker = STAGING + "deadbeef" + FRESH
    engine.mark(marker, {SYNTHETIC + "t-half"})
    virtuoso.isql(f"SPARQL INSERT DATA {{ GRAPH <{SYNTHETIC}t-half> {{ <https://example.org/synthetic/h> "
                  "<https://example.org/synthetic/p> 'SYNTHETIC half' } };")
    assert SYNTHETIC + "t-half" in virtuoso_counts(virtuoso)
    first = tiny_release(tmp_path / "r1", synthetic_quads("t-curated", 5))
    assert main(["load", "--into", "virtuoso", virtuoso.target, "--load-dir", str(virtuoso.load_dir), "--quiet",
                 "--release", str(first)]) == 0
    assert {g: n for g, n in virtuoso_counts(virtuoso).items() if g.startswith("https://w3id.org/govgraph/")} == {
        SYNTHETIC + "t-curated": 5}
    engine.drop([SYNTHETIC + "t-curated"])
