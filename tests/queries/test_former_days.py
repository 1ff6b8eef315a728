"""The structure before 1 July 2025 answers as the graph holds it: units of a former province (through its
districts), counts on a former day, a former unit's chain of command; and days the graph cannot vouch for say so.

Issue 8's promise: no silent empty answers. These queries answered an empty table (exit 0) for every day before
1 July 2025, although the graph holds that structure: the former versions have no recorded start (gg:validFrom) and
a former commune's parent is its district, not its province.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.queries import load_library, run_query
from govgraph.queries.notes import day_note
from govgraph.queries.runner import bind_parameters
from govgraph.store import EmbeddedStore

FIXTURE = Path(__file__).parent / "fixture.ttl"
LIBRARY = load_library()


@pytest.fixture(scope="module")
def fixture_store():
    return EmbeddedStore.from_files([FIXTURE])


def values(store, name, *columns, **params):
    result = run_query(store, LIBRARY[name], params)
    indexes = [result.columns.index(c) for c in columns]
    return [tuple(None if row[i] is None else str(row[i]) for i in indexes) for row in result.rows]


# --- the fixture (former province 98 of 2020-01-01 to 2025-06-30, its district 980 and communes 98777, 98778) ------

def test_units_of_a_former_province_are_reached_through_its_district(fixture_store):
    assert values(fixture_store, "units-of-province", "code", "type", province="98", date="2024-01-01") == [
        ("98777", "xã"), ("98778", "thị trấn")]
    assert values(fixture_store, "units-of-province", "code", province="98", date="2025-07-01") == [
        ("98001",), ("98002",)]


def test_unit_counts_on_a_former_day_count_townships(fixture_store):
    assert values(fixture_store, "unit-counts", "code", "communes", "townships", "total", date="2024-01-01") == [
        ("98", "1", "1", "2")]


def test_chain_of_command_of_a_former_unit_lists_its_children(fixture_store):
    assert values(fixture_store, "chain-of-command", "relation", "target_label", unit="98", date="2024-01-01") == [
        ("child unit", "Huyện Cũ")]


# --- the built graph ---------------------------------------------------------------------------------------------

def test_hai_duong_on_30_june_2025_is_its_former_units(built_store):
    """Province code 30 was Hải Dương until 30 June 2025: its units that day are those structure-as-of lists."""
    units = values(built_store, "units-of-province", "code", "unit", province="30", date="2025-06-30")
    structure = values(built_store, "structure-as-of", "level", "code", province="30", date="2025-06-30")
    assert sorted(code for code, _ in units) == sorted(code for level, code in structure if level == "3")
    assert units and all(unit.endswith("/until-2025-06-30") for _, unit in units)


def test_unit_counts_on_30_june_2025_are_the_former_structure(built_store):
    table = run_query(built_store, LIBRARY["unit-counts"], {"date": "2025-06-30"})
    assert len(table) == 63  # the former provinces (README: 63 / 696 / 10,035)
    assert sum(int(row[table.columns.index("total")]) for row in table.rows) == 10_035
    counts = {str(row[0]): [int(v) for v in row[2:]] for row in table.rows}
    assert all(communes + wards + townships + zones == total
               for communes, wards, townships, zones, total in counts.values())


def test_unit_counts_since_1_july_2025_are_unchanged(built_store):
    table = run_query(built_store, LIBRARY["unit-counts"], {"date": "2025-07-01"})
    townships = table.columns.index("townships")
    assert len(table) == 34 and {int(row[townships]) for row in table.rows} == {0}


def test_a_day_before_the_recorded_starts_gets_a_note(built_store):
    query = LIBRARY["units-of-province"]
    raw = {"province": "31", "date": "2020-01-01"}
    note = day_note(built_store, query, bind_parameters(query, raw), raw)
    assert note.startswith("note: the graph records no start day for the unit versions in force until 2025-06-30")
    for day in ("2025-06-30", "2025-07-01"):
        raw = {"province": "31", "date": day}
        assert day_note(built_store, query, bind_parameters(query, raw), raw) is None
