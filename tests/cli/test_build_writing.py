"""``govgraph build``'s writing on both cores and its single read of the source package.

The dataset is a small SYNTHETIC one, so no test spends the time of a real assembly (except the one that checks
the source records are read once, on the real package's records).
"""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.assembly import dataset
from govgraph.assembly.writer import OUTPUTS, merged_default_graph, write_outputs
from govgraph.cli import build
from govgraph.namespaces import PREFIXES
from govgraph.store.disk import open_read_only

from .helpers import run
from .test_build_errors import small_store


def two_graph_store() -> ox.Store:
    """The SYNTHETIC query fixture, and a second graph repeating one of its statements (the merge drops it)."""
    store = small_store()
    first = next(iter(store))
    store.add(ox.Quad(first.subject, first.predicate, first.object, ox.NamedNode("https://w3id.org/govgraph/graph/x")))
    return store


def one_after_another(store: ox.Store, folder: Path) -> None:
    """The four files written the plain way, one step after the other."""
    folder.mkdir()
    for name, rdf_format in OUTPUTS.items():
        if rdf_format.supports_datasets:
            store.dump(str(folder / name), format=rdf_format, prefixes=PREFIXES)
    with merged_default_graph(store):
        for name, rdf_format in OUTPUTS.items():
            if not rdf_format.supports_datasets:
                store.dump(str(folder / name), format=rdf_format, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)


def test_files_written_side_by_side_are_the_files_written_one_after_another(tmp_path):
    store = two_graph_store()
    one_after_another(store, tmp_path / "plain")
    written = write_outputs(store, tmp_path / "build")
    for name in OUTPUTS:
        assert written[name].read_bytes() == (tmp_path / "plain" / name).read_bytes(), name
    assert len(open_read_only(tmp_path / "build")) == len(store)
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))  # the merge is undone


@pytest.mark.parametrize("fail_on", [ox.RdfFormat.TRIG, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE])
def test_a_failure_beside_the_store_loading_keeps_the_previous_store(capsys, tmp_path, monkeypatch, fail_on):
    from .test_build_errors import FullDisk, leftovers

    out = tmp_path / "build"
    write_outputs(small_store(), out)
    before = len(open_read_only(out))
    store = two_graph_store()
    monkeypatch.setattr(build, "assemble", lambda **_: FullDisk(store, fail_on))
    code, _, err = run(capsys, "build", "--out", str(out))
    assert code == 2 and "No space left on device" in err
    assert leftovers(out) == []  # neither a temporary file nor the new store's folder
    assert len(open_read_only(out)) == before


def test_the_build_reads_the_source_package_once_and_notes_what_it_read(capsys, tmp_path, monkeypatch):
    reads = []

    class Records:
        def notes(self):
            return ["SYNTHETIC note"]

    monkeypatch.setattr(build.SourceRecords, "read", classmethod(lambda cls: reads.append(1) or Records()))
    monkeypatch.setattr(build, "assemble", lambda records: small_store())
    code, out, err = run(capsys, "build", "--out", str(tmp_path))
    assert code == 0 and reads == [1]
    assert "note: source data: SYNTHETIC note" in err
    assert out.strip().splitlines()[-1].startswith(f"{len(small_store()):,} statements in 1 named graphs")


def test_the_graphs_take_the_records_they_are_given(monkeypatch):
    records = dataset.SourceRecords.read()

    def reread(*args, **kwargs):
        raise AssertionError("the source package was read again")

    monkeypatch.setattr(dataset, "read_current_units", reread)
    monkeypatch.setattr(dataset, "read_former_units", reread)
    dataset.applied_changes(records)
    reference = dataset.reference_quads(records)
    assert len(reference) > 100_000
    assert {q.graph_name.value for q in reference} == {str(dataset.REFERENCE_GRAPH)}


def test_assembling_pauses_the_garbage_collector_and_restores_it():
    assert gc.isenabled()
    with dataset._collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with dataset._collector_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
