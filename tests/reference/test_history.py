"""The generated history against the source: counts, and every unit with its formation or successors."""

from __future__ import annotations

from collections import Counter

import pytest

from govgraph.reference.history import predecessors_by_new_unit
from govgraph.reference.resolutions import read_resolutions
from govgraph.reference.source import read_conversion, read_current_units, read_former_units


@pytest.fixture(scope="module")
def former():
    return read_former_units()


@pytest.fixture(scope="module")
def conversion(former):
    return read_conversion(former)


def test_former_counts(former):
    assert Counter(u.level for u in former.units) == {"province": 63, "district": 696, "commune": 10035}
    island_districts = sorted(code for key, code in former.code_by_key.items() if key.endswith("_"))
    assert island_districts == ["318", "471", "498", "536", "755"]


def test_every_new_unit_has_predecessors(conversion):
    provinces, communes = read_current_units()
    assert set(predecessors_by_new_unit(conversion)) == {c.code for c in communes}
    assert set(conversion.provinces) == {p.code for p in provinces}
    assert sorted(code for olds in conversion.provinces.values() for code in olds) == sorted(
        {u.code for u in read_former_units().units if u.level == "province"})


def test_every_former_commune_level_unit_has_a_successor(former, conversion):
    carried = {old for olds in conversion.whole.values() for old in olds} | set(conversion.split)
    assert {u.code for u in former.units if u.level == "commune"} <= carried
    assert len(carried) == 10035 + 5
    assert all(len(news) >= 2 for news in conversion.split.values())


def test_every_new_province_has_its_resolution():
    resolutions = read_resolutions()
    assert len(resolutions) == 34
    assert resolutions["31"].number == "1669/NQ-UBTVQH15"
    assert {r.adopted for r in resolutions.values()} == {"2025-06-16"}


def test_events_in_the_built_graph(built_store):
    counts = built_store.select("""
        PREFIX gg: <https://w3id.org/govgraph/ontology#>
        SELECT (COUNT(DISTINCT ?event) AS ?events) (COUNT(DISTINCT ?unit) AS ?formed) WHERE {
          ?event a gg:ReorganisationEvent ; gg:resultingUnit ?unit ;
                 gg:effectiveOn "2025-07-01"^^<http://www.w3.org/2001/XMLSchema#date> .
        }""").rows[0]
    assert (int(counts[0]), int(counts[1])) == (34 + 3321, 34 + 3321)  # later events are the change sets'
    later = built_store.select("""
        PREFIX gg: <https://w3id.org/govgraph/ontology#>
        SELECT (COUNT(DISTINCT ?event) AS ?events) WHERE {
          ?event a gg:ReorganisationEvent ; gg:effectiveOn "2026-04-30"^^<http://www.w3.org/2001/XMLSchema#date> .
        }""").rows[0]
    assert int(later[0]) == 1 + 95  # Đồng Nai and each of its commune-level units
    unformed = built_store.select("""
        PREFIX gg: <https://w3id.org/govgraph/ontology#>
        SELECT ?unit WHERE {
          ?unit gg:validFrom "2025-07-01"^^<http://www.w3.org/2001/XMLSchema#date> .
          FILTER NOT EXISTS { ?event gg:resultingUnit ?unit }
        }""").rows
    assert unformed == []
