"""The README's coverage table and counts say what the data says."""

from __future__ import annotations

from collections import Counter

from govgraph import resources
from govgraph.reference.changes import apply_change_sets, initial_states, read_change_sets
from govgraph.reference.coverage import coverage_table, readme_block
from govgraph.reference.source import read_current_units

README = resources.project_root() / "README.md"


def test_readme_coverage_table_is_what_the_data_says():
    assert readme_block(README) == coverage_table(), "run: python -m govgraph.reference.coverage --write"


def test_coverage_totals_add_up():
    table = coverage_table()
    rows = [line for line in table.splitlines() if line.startswith("| ") and line[2:4].isdigit()]
    assert len(rows) == 34
    missing = sum(line.count("| missing") for line in rows)
    filled = 34 * 3 - missing
    assert f"Totals: {filled} of 102 cells filled, {missing} missing;" in table


def test_readme_counts_today_and_on_1_july_2025():
    provinces, communes = read_current_units()
    before = Counter(s.type_slug for s in initial_states(provinces, communes).values())
    after = Counter(s.type_slug for s in apply_change_sets(provinces, communes, read_change_sets()).states.values())
    assert before == {"province": 28, "centrally-run-city": 6, "commune": 2621, "ward": 687, "special-zone": 13}
    assert after == {"province": 26, "centrally-run-city": 8, "commune": 2611, "ward": 697, "special-zone": 13}
    text = README.read_text(encoding="utf-8")
    assert ("| province-level units | 34: 28 provinces, 6 centrally-run cities | 34: 26 provinces, 8 centrally-run "
            "cities (Đồng Nai, Quảng Ninh since 2026) |") in text
    assert ("| commune-level units | 3,321: 2,621 communes, 687 wards, 13 special zones | "
            "3,321: 2,611 communes, 697 wards, 13 special zones |") in text
