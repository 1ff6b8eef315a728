"""The office-holder queries (career, post-holders-on-day, turnover, office-holders on any day) and the
"as of a day, today by default" queries, on SYNTHETIC fixtures, with today pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.queries import load_library, run_query
from govgraph.store import EmbeddedStore

HERE = Path(__file__).parent
LIBRARY = load_library()


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return EmbeddedStore.from_files([HERE / "holders-fixture.ttl"])


def values(store, name, *columns, **params):
    table = run_query(store, LIBRARY[name], params)
    indexes = [table.columns.index(c) for c in columns]
    return [tuple(None if row[i] is None else str(row[i]) for i in indexes) for row in table.rows]


def test_career_follows_a_person_across_provinces_and_versions(store):
    expected = [("tran-van-a", "2025-07-01", "2025-09-30", "96"), ("tran-van-a", "2025-10-01", "2025-11-30", "97"),
                ("tran-van-a", "2025-12-01", "2026-04-29", "97"), ("tran-van-a", "2026-04-30", None, "97")]
    assert values(store, "career", "person_id", "from", "until", "code", person="tran-van-a")[:4] == expected
    # by name, with or without diacritics: the namesake is listed too, under its own id
    by_name = values(store, "career", "person_id", "from", person="Tran Van A")
    assert by_name == values(store, "career", "person_id", "from", person="trần văn a")
    assert [r[0] for r in by_name] == ["tran-van-a"] * 4 + ["tran-van-a-2"]
    assert values(store, "career", "office", person="le-thi-b") == [("Party Secretary",)]
    assert values(store, "career", "person_id", person="nobody") == []


def test_post_holders_on_day_lists_every_unit_with_its_holder_or_a_gap(store):
    assert values(store, "post-holders-on-day", "code", "unit_name", "holder", office="party-secretary",
                  date="2025-08-01") == [("96", "Tỉnh Thử Khác", None), ("97", "Tỉnh Thử Đổi", "Lê Thị B")]
    assert values(store, "post-holders-on-day", "code", "unit_name", "holder", office="party-secretary",
                  date="2026-05-01") == [("96", "Tỉnh Thử Khác", None), ("97", "Thành phố Thử Đổi", "Trần Văn A")]


def test_post_holders_on_day_defaults_to_today(store, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_TODAY", "2025-08-01")
    assert values(store, "post-holders-on-day", "code", "holder", office="party-secretary") == [
        ("96", None), ("97", "Lê Thị B")]
    monkeypatch.setenv("GOVGRAPH_TODAY", "2026-11-27")
    assert values(store, "post-holders-on-day", "code", "holder", office="party-secretary") == [
        ("96", None), ("97", "Trần Văn A")]


def test_turnover_counts_new_holders_not_reappointments_or_new_versions(store):
    rows = values(store, "turnover", "code", "office_name", "changes", "first_change", "last_change",
                  **{"from": "2025-07-01", "to": "2026-11-27"})
    assert rows == [("96", "committee-chair", "2", "2025-07-01", "2025-10-05"),
                    ("97", "party-secretary", "2", "2025-07-01", "2025-10-01")]
    assert values(store, "turnover", "code", "changes", office="party-secretary",
                  **{"from": "2025-07-02", "to": "2026-11-27"}) == [("97", "1")]
    assert values(store, "turnover", "code", unit="96", **{"from": "2025-07-01", "to": "2026-11-27"}) == [("96",)]


def test_office_holders_on_a_day_after_the_unit_changed(store):
    assert values(store, "office-holders", "holder", "from", unit="97", date="2026-05-01") == [
        ("Trần Văn A", "2026-04-30")]
    assert values(store, "office-holders", "holder", unit="97", date="2025-08-01") == [("Lê Thị B",)]


def test_structure_queries_answer_for_any_day_today_by_default(store, monkeypatch):
    assert values(store, "units-of-province", "code", "type", province="97", date="2025-08-01") == [("97001", "xã")]
    assert values(store, "units-of-province", "code", "type", province="97", date="2026-05-01") == [
        ("97001", "phường")]
    monkeypatch.setenv("GOVGRAPH_TODAY", "2026-11-27")
    assert values(store, "units-of-province", "type", province="97") == [("phường",)]
    assert values(store, "unit-counts", "code", "name", "communes", "wards") == [
        ("97", "Thành phố Thử Đổi", "0", "1")]
    monkeypatch.setenv("GOVGRAPH_TODAY", "2025-08-01")
    assert values(store, "unit-counts", "code", "name", "communes", "wards") == [("97", "Tỉnh Thử Đổi", "1", "0")]


# --- on the built graph (data/holders and data/changes) ---------------------------------------------------

def test_office_holders_of_da_nang_on_15_july_2025(built_store):
    rows = values(built_store, "office-holders", "post", "holder", unit="48", date="2025-07-15")
    assert [holder for _, holder in rows] == ["Nguyễn Đức Dũng", "Lương Nguyễn Minh Triết", "Nguyễn Văn Quảng"]
    assert [post.split(" of ")[0] for post, _ in rows] == ["Chair", "Chairman", "Secretary"]


def test_holdings_after_a_unit_change_are_of_the_new_version(built_store):
    after = values(built_store, "office-holders", "holding", unit="75", date="2026-06-01")
    before = values(built_store, "office-holders", "holding", unit="75", date="2026-04-01")
    assert after and all("/holding/75/2026-04-30/" in h for (h,) in after)
    assert before and all("/holding/75/2025-07-01/" in h for (h,) in before)


def test_career_follows_a_person_across_provinces_on_the_built_graph(built_store):
    codes = [code for (code,) in values(built_store, "career", "code", person="Trinh Viet Hung")]
    assert len(set(codes)) > 1
