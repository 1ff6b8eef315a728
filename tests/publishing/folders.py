"""The engines ``govgraph load`` writes as a folder, an Oxigraph store and a Jena TDB2 database: a folder of each
holding SYNTHETIC statements that are not govgraph's, and what it holds, for the tests of each and those they
share (:data:`FOLDER_ENGINES`)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from govgraph.publishing.loaders import tdb2
from govgraph.publishing.loaders.oxigraph import LocalOxigraph, oxigraph_binary

OTHER = '<https://example.org/other/s> <https://example.org/other/p> "SYNTHETIC other" <https://example.org/other/g> .'
TDB2_OTHER_GRAPH = "https://example.org/synthetic/other"
TDB2_OTHER = ('INSERT DATA { <https://example.org/synthetic/s> <https://example.org/synthetic/p> "SYNTHETIC default" . '
              f'GRAPH <{TDB2_OTHER_GRAPH}> {{ <https://example.org/synthetic/s> <https://example.org/synthetic/p> _:b . '
              '_:b <https://example.org/synthetic/p> "SYNTHETIC other" } }')


def local_store(tmp_path: Path) -> Path:
    """An Oxigraph store folder ``tmp_path/store`` holding the graph of :data:`OTHER` (its file: ``other.nq``)."""
    location = tmp_path / "store"
    other = tmp_path / "other.nq"
    other.write_text(OTHER + "\n")
    subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(other)], check=True,
                   capture_output=True)
    return location


def counts_of(location: Path) -> dict[str, int]:
    return LocalOxigraph(location, lambda m: None).graph_counts()


def with_other_graphs(location: Path) -> Path:
    """A TDB2 database holding a SYNTHETIC graph and a statement in its default graph, none of them govgraph's."""
    tdb2.run_jena("tdb2.tdbupdate", "--loc", str(location), TDB2_OTHER)
    return location


def dump(location: Path) -> list[str]:
    """The TDB2 database's statements, sorted, blank node labels left out (a reload gives them new ones)."""
    return sorted(re.sub(r"_:\S+", "_:b", line) for line in
                  tdb2.run_jena("tdb2.tdbdump", "--loc", str(location)).splitlines())


@dataclass(frozen=True)
class FolderEngine:
    into: str  # its name for ``govgraph load --into``
    folder: Callable[[Path], Path]  # a folder in the given one, holding statements that are not govgraph's
    contents: Callable[[Path], object]  # what a failed load must leave as it was
    malformed: str  # the error a load of a malformed release ends with
    what: str  # what its messages call the folder
    fixtures: tuple[str, ...] = ()  # the fixtures its tests need


FOLDER_ENGINES = [
    pytest.param(FolderEngine("oxigraph", local_store, counts_of, "oxigraph load failed", "store"), id="oxigraph"),
    pytest.param(FolderEngine("jena-tdb2", lambda folder: with_other_graphs(folder / "tdb"), dump,
                              "the release's N-Quads are malformed", "database", ("quick_java",)), id="jena-tdb2"),
]
