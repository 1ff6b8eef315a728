"""Fixtures for the crosswalk tests: the crosswalk table read once from the session build, and the CLI run on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.crosswalk import successor_table

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_CSV = REPO / "examples" / "crosswalk-synthetic-stats.csv"
EXAMPLE_XLSX = REPO / "examples" / "crosswalk-synthetic-stats.xlsx"
EXAMPLE_CP1258 = REPO / "examples" / "crosswalk-synthetic-stats-cp1258.csv"


@pytest.fixture(scope="session")
def formers(built_store):
    """Former code -> Former, from the built graph's ``transfers`` query."""
    return successor_table(built_store)


@pytest.fixture
def fast_cli(monkeypatch, built_store, formers):
    """``govgraph crosswalk`` in-process over the session's store and table (not re-read for every call)."""
    import govgraph.cli.crosswalk as cli

    monkeypatch.setattr(cli, "open_store", lambda **_: built_store)
    monkeypatch.setattr(cli, "successor_table", lambda store: formers)
