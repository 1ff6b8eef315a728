"""The history queries: expected answers on the synthetic fixture and on the built graph, the same rows on rdflib's
engine and on a real Oxigraph server."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.queries import load_library, run_query
from govgraph.store import EmbeddedStore, EndpointStore, RdflibStore

from .test_queries import normalised

FIXTURE = Path(__file__).parent / "fixture.ttl"
LIBRARY = load_library()


@pytest.fixture(scope="module")
def fixture_store():
    return EmbeddedStore.from_files([FIXTURE])


def table(store, name, **params):
    return run_query(store, LIBRARY[name], params)


def values(store, name, *columns, **params):
    result = table(store, name, **params)
    indexes = [result.columns.index(c) for c in columns]
    return [tuple(None if row[i] is None else str(row[i]) for i in indexes) for row in result.rows]


# --- the fixture ----------------------------------------------------------------------------------------------

def test_predecessors_on_fixture(fixture_store):
    assert values(fixture_store, "predecessors", "code", "transfer_kind", "district", "province", "resolution",
                  unit="98001") == [("98777", "whole", "Huyện Cũ", "Thành phố Thử Cũ", "1/NQ-TEST"),
                                    ("98778", "partial", "Huyện Cũ", "Thành phố Thử Cũ", "1/NQ-TEST")]
    assert values(fixture_store, "predecessors", "code", unit="99001") == []


def test_successors_on_fixture(fixture_store):
    assert values(fixture_store, "successors", "code", "transfer_kind", unit="98778") == [
        ("98001", "partial"), ("98002", "partial")]
    assert values(fixture_store, "successors", "code", "transfer_kind", unit="98777") == [("98001", "whole")]
    # a code in force today is not a former unit
    assert values(fixture_store, "successors", "code", unit="98001") == []


def test_structure_as_of_on_fixture(fixture_store):
    before = values(fixture_store, "structure-as-of", "level", "code", "parent_code", date="2025-06-30", province="98")
    assert before == [("1", "98", None), ("2", "980", "98"), ("3", "98777", "980"), ("3", "98778", "980")]
    after = values(fixture_store, "structure-as-of", "level", "code", "parent_code", date="2025-07-01", province="98")
    assert after == [("1", "98", None), ("3", "98001", "98"), ("3", "98002", "98")]
    assert values(fixture_store, "structure-as-of", "code", date="2019-12-31", province="98") == []


def test_reorganisation_summary_on_fixture(fixture_store):
    assert values(fixture_store, "reorganisation-summary", "code", "former_provinces", "former_communes",
                  "new_communes", "resolution") == [("98", "Thành phố Thử Cũ", "2", "2", "1/NQ-TEST")]


def test_transfers_on_fixture(fixture_store):
    assert values(fixture_store, "transfers", "former_code", "new_code", "whole", level="commune") == [
        ("98777", "98001", "true"), ("98778", "98001", "false"), ("98778", "98002", "false")]
    assert len(table(fixture_store, "transfers")) == 4


CASES = [
    ("predecessors", {"unit": "98001"}),
    ("successors", {"unit": "98778"}),
    ("structure-as-of", {"date": "2025-06-30"}),
    ("structure-as-of", {"date": "2025-07-01", "province": "99"}),
    ("reorganisation-summary", {}),
    ("transfers", {}),
]


@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_rdflib_engine_agrees_on_fixture(fixture_store, name, params):
    assert normalised(table(RdflibStore.from_files([FIXTURE]), name, **params)) == \
        normalised(table(fixture_store, name, **params))


# --- the built graph ------------------------------------------------------------------------------------------

CAT_HAI = ["11914", "11917", "11920", "11923", "11926", "11929", "11932", "11935", "11938", "11941", "11944", "11947"]


def test_cat_hai_formed_from_the_12_units_of_former_cat_hai_district(built_store):
    rows = values(built_store, "predecessors", "code", "district", "transfer_kind", "resolution", unit="11914")
    assert [r[0] for r in rows] == CAT_HAI
    assert {r[1:] for r in rows} == {("Huyện Cát Hải", "whole", "1669/NQ-UBTVQH15")}


def test_bach_long_vi_formed_from_the_district_without_communes(built_store):
    assert values(built_store, "predecessors", "code", "name", "transfer_kind", unit="11948") == [
        ("318", "Huyện Bạch Long Vĩ", "whole")]


def test_a_split_former_commune_lists_each_successor_as_partial(built_store):
    assert values(built_store, "successors", "code", "name", "transfer_kind", unit="11656") == [
        ("11446", "Phường Phù Liễn", "partial"), ("11629", "Xã An Lão", "partial")]


def test_hai_phong_structure_before_and_after(built_store):
    def levels(date):
        rows = values(built_store, "structure-as-of", "level", date=date, province="31")
        return {level: sum(1 for (l,) in rows if l == level) for level in ("1", "2", "3")}
    assert levels("2025-06-30") == {"1": 1, "2": 15, "3": 167}
    assert levels("2025-07-01") == {"1": 1, "2": 0, "3": 114}


def test_national_structure_before_and_after(built_store):
    def levels(date):
        rows = values(built_store, "structure-as-of", "level", date=date)
        return {level: sum(1 for (l,) in rows if l == level) for level in ("1", "2", "3")}
    assert levels("2025-06-30") == {"1": 63, "2": 696, "3": 10035}
    assert levels("2025-07-01") == {"1": 34, "2": 0, "3": 3321}


def test_reorganisation_summary_on_built_graph(built_store):
    rows = values(built_store, "reorganisation-summary", "code", "former_provinces", "former_communes",
                  "new_communes", "resolution")
    assert len(rows) == 34
    assert sum(int(r[2]) for r in rows) == 10035 and sum(int(r[3]) for r in rows) == 3321
    hai_phong = next(r for r in rows if r[0] == "31")
    assert sorted(hai_phong[1].split("; ")) == ["Thành phố Hải Phòng", "Tỉnh Hải Dương"]
    assert hai_phong[3:] == ("114", "1669/NQ-UBTVQH15")


@pytest.mark.server
@pytest.mark.parametrize("name,params", [
    ("predecessors", {"unit": "11914"}),
    ("successors", {"unit": "11656"}),
    ("structure-as-of", {"date": "2025-06-30", "province": "31"}),
    ("reorganisation-summary", {}),
])
def test_oxigraph_server_returns_the_same_rows(built_store, oxigraph_endpoint, name, params):
    remote = EndpointStore(oxigraph_endpoint, timeout=60)
    assert normalised(table(remote, name, **params)) == normalised(table(built_store, name, **params))
