"""Every library query: expected answers on the synthetic fixture, on the built graph, and the same rows on
every engine (embedded pyoxigraph, rdflib's engine, a real Oxigraph server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from govgraph.errors import UsageError
from govgraph.queries import load_library, run_query
from govgraph.store import EmbeddedStore, EndpointStore, RdflibStore

FIXTURE = Path(__file__).parent / "fixture.ttl"
ID = "https://w3id.org/govgraph/id/"
LIBRARY = load_library()


@pytest.fixture(scope="module")
def fixture_store() -> EmbeddedStore:
    return EmbeddedStore.from_files([FIXTURE])


def rows(store, name, **params):
    return [tuple(str(v) if v is not None else None for v in row)
            for row in run_query(store, LIBRARY[name], params).rows]


def column(store, name, col, **params):
    table = run_query(store, LIBRARY[name], params)
    index = table.columns.index(col)
    return [None if row[index] is None else str(row[index]) for row in table.rows]


# --- the library itself -------------------------------------------------------------------------------------

def test_library_has_the_promised_queries():
    assert {"who-assigned-what", "task-statistics", "units-of-province", "unit-counts", "office-holders",
            "directives-due"} <= set(LIBRARY)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_is_documented(name):
    query = LIBRARY[name]
    assert query.title and query.description and query.examples
    for example in query.examples:
        assert example.startswith(f"govgraph query {name}")
    for parameter in query.parameters:
        assert parameter.description
        assert f"?{parameter.name}" in query.text


# --- expected answers on the fixture ------------------------------------------------------------------------

def test_units_of_province_on_fixture(fixture_store):
    assert rows(fixture_store, "units-of-province", province="99") == [
        ("99001", "Phường Một", "phường", None, None, None, ID + "unit/99001/2025-07-01"),
        ("99002", "Xã Hai", "xã", "40.5", "20.1", "106.2", ID + "unit/99002/2025-07-01"),
        ("99003", "Đặc khu Ba", "đặc khu", None, None, None, ID + "unit/99003/2025-07-01"),
    ]
    # the former unit of 98 is not a unit today
    assert column(fixture_store, "units-of-province", "code", province="98") == ["98001", "98002"]
    assert rows(fixture_store, "units-of-province", province="00") == []


def test_unit_counts_on_fixture(fixture_store):
    assert rows(fixture_store, "unit-counts") == [  # code, name, communes, wards, townships, special zones, total
        ("98", "Thành phố Thử", "1", "1", "0", "0", "2"),
        ("99", "Tỉnh Mẫu Thử", "1", "1", "0", "1", "3"),
    ]


def test_office_holders_on_fixture(fixture_store):
    assert column(fixture_store, "office-holders", "holder", unit="99", date="2025-08-01") == ["Người A"]
    assert column(fixture_store, "office-holders", "holder", unit="99", date="2025-09-01") == ["Người B", "Người C"]
    # attested holdings count only within what the sources attest
    assert column(fixture_store, "office-holders", "holder", unit="99", date="2025-10-03") == ["Người B"]
    assert column(fixture_store, "office-holders", "basis", unit="99", date="2025-09-01") == [
        "term dates", "attested by sources"]
    assert len(rows(fixture_store, "office-holders", unit="99")) == 3
    assert rows(fixture_store, "office-holders", unit="99", date="2025-06-30") == []


def test_who_assigned_what_on_fixture(fixture_store):
    table = rows(fixture_store, "who-assigned-what")
    assert [(r[0], r[2], r[6], r[7]) for r in table] == [
        ("Người A", "departments of Tỉnh Mẫu Thử", "all statuses", "10"),
        ("Người A", "departments of Tỉnh Mẫu Thử", "done", "7"),
        ("Người A", "departments of Tỉnh Mẫu Thử", "overdue", "3"),
        ("Người C", "People's Committee of Tỉnh Mẫu Thử", "in progress", "1"),
        ("Người C", "departments of Tỉnh Mẫu Thử", "in progress", "1"),
        ("Người B", "departments of Tỉnh Mẫu Thử", "not reported", "1"),
    ]
    single = table[3]
    assert single[1] == "Secretary of Tỉnh Mẫu Thử"
    assert single[3:6] == ("fill the posts", "2025-09-20", "2025-10-15")
    assert table[0][4] == "2025-07-01/2025-08-31"
    assert table[0][8] == ID + "source/s"


def test_who_assigned_what_filters(fixture_store):
    def assignments(**params):
        return sorted(set(column(fixture_store, "who-assigned-what", "assignment", **params)))

    assert assignments(assigner=ID + "person/c") == [ID + "assignment/single"]
    assert assignments(assigner=ID + "unit/99/2025-07-01/peoples-committee/chair") == [
        ID + "assignment/batch", ID + "assignment/later"]
    assert assignments(assignee=ID + "unit/99/2025-07-01/peoples-committee") == [ID + "assignment/single"]
    # an issue interval counts when it reaches into the range
    assert assignments(**{"from": "2025-08-31", "to": "2025-09-20"}) == [ID + "assignment/batch", ID + "assignment/single"]
    assert assignments(**{"from": "2025-09-01", "to": "2025-10-31"}) == [ID + "assignment/single"]
    assert column(fixture_store, "who-assigned-what", "task", lang="vi")[0] == "lô nhiệm vụ"


def test_task_statistics_on_fixture(fixture_store):
    table = run_query(fixture_store, LIBRARY["task-statistics"])
    assert [(str(r[3]), int(r[4]), r[5] and float(r[5]), float(r[6])) for r in table.rows] == [
        ("all statuses", 10, None, 100.0), ("done", 7, 70.0, 70.0), ("overdue", 3, 30.0, 30.0),
    ]
    assert rows(fixture_store, "task-statistics", assignment=ID + "assignment/none") == []


def test_directives_due_on_fixture(fixture_store):
    due = rows(fixture_store, "directives-due", before="2025-10-16")
    assert [row[:2] + row[3:] for row in due] == [
        ("2025-10-15", "fill the posts", "Người C", "Directive D", "in progress", ID + "assignment/single")]
    assert sorted(due[0][2].split("; ")) == ["People's Committee of Tỉnh Mẫu Thử", "departments of Tỉnh Mẫu Thử"]
    assert rows(fixture_store, "directives-due", before="2025-10-15") == []
    assert column(fixture_store, "directives-due", "due", before="2026-01-01") == ["2025-10-15", "2025-12-31"]


def test_parameters_are_typed_and_checked(fixture_store):
    with pytest.raises(UsageError, match="not a valid date"):
        run_query(fixture_store, LIBRARY["directives-due"], {"before": "15/10/2025"})
    with pytest.raises(UsageError, match="needs before"):
        run_query(fixture_store, LIBRARY["directives-due"], {})
    with pytest.raises(UsageError, match="has no parameter"):
        run_query(fixture_store, LIBRARY["unit-counts"], {"province": "31"})


def test_a_parameter_cannot_inject_sparql(fixture_store):
    hostile = '99" } ?s ?p ?o . FILTER("1'
    assert rows(fixture_store, "units-of-province", province=hostile) == []
    with pytest.raises(UsageError, match="not an IRI"):
        run_query(fixture_store, LIBRARY["task-statistics"], {"assignment": "http://e/a> } <x"})


# --- the same rows on every engine --------------------------------------------------------------------------

CASES = [
    ("units-of-province", {"province": "99"}),
    ("unit-counts", {}),
    ("office-holders", {"unit": "99", "date": "2025-09-01"}),
    ("office-holders", {"unit": "99"}),
    ("who-assigned-what", {}),
    ("who-assigned-what", {"from": "2025-08-31", "to": "2025-09-20", "lang": "vi"}),
    ("task-statistics", {}),
    ("directives-due", {"before": "2026-01-01"}),
]


@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_rdflib_engine_agrees_on_fixture(fixture_store, name, params):
    rdflib_store = RdflibStore.from_files([FIXTURE])
    assert normalised(run_query(rdflib_store, LIBRARY[name], params)) == \
        normalised(run_query(fixture_store, LIBRARY[name], params))


def normalised(table):
    """Rows compared by value: numbers by value (engines print 70 and 70.0 differently), the rest as text;
    GROUP_CONCAT lists ('; '-joined) as sets, since SPARQL leaves their order to the engine."""
    def value(term):
        if term is None:
            return None
        if "; " in str(term):
            return tuple(sorted(str(term).split("; ")))
        python = term.toPython() if hasattr(term, "toPython") else term
        if isinstance(python, (int, float)) or type(python).__name__ == "Decimal":
            return round(float(python), 6)
        return str(term)
    return table.columns, [tuple(value(v) for v in row) for row in table.rows]


# --- the built graph ----------------------------------------------------------------------------------------

def test_hai_phong_has_114_units(built_store):
    table = run_query(built_store, LIBRARY["units-of-province"], {"province": "31"})
    assert len(table) == 114
    types = [str(row[2]) for row in table.rows]
    assert (types.count("phường"), types.count("xã"), types.count("đặc khu")) == (45, 67, 2)


def test_unit_counts_total_3321(built_store, monkeypatch):
    table = run_query(built_store, LIBRARY["unit-counts"], {"date": "2025-07-01"})
    assert len(table) == 34
    totals = [sum(int(row[i]) for row in table.rows) for i in range(2, 7)]
    assert totals == [2621, 687, 0, 13, 3321]
    hai_phong = next(row for row in table.rows if str(row[0]) == "31")
    assert [int(v) for v in hai_phong[2:]] == [67, 45, 0, 2, 114]
    monkeypatch.setenv("GOVGRAPH_TODAY", "2026-11-27")  # today, pinned: Đồng Nai's ten new wards (change sets)
    today = run_query(built_store, LIBRARY["unit-counts"])
    assert [sum(int(row[i]) for row in today.rows) for i in range(2, 7)] == [2611, 697, 0, 13, 3321]
    dong_nai = next(row for row in today.rows if str(row[0]) == "75")
    assert [str(dong_nai[1]), *(int(v) for v in dong_nai[2:])] == ["Thành phố Đồng Nai", 62, 33, 0, 0, 95]


def test_who_assigned_what_on_built_graph(built_store):
    table = run_query(built_store, LIBRARY["who-assigned-what"],
                      {"assigner": ID + "unit/31/2025-07-01/peoples-committee/chair",
                       "from": "2025-07-01", "to": "2025-09-30"})
    chairman_batch = [r for r in table.rows if str(r[-1]).endswith("2025-q3-chairman-tasks")]
    assert [(str(r[0]), str(r[6]), int(r[7])) for r in chairman_batch] == [
        ("Lê Ngọc Châu", "all statuses", 6084), ("Lê Ngọc Châu", "done", 4678),
        ("Lê Ngọc Châu", "in progress", 1331), ("Lê Ngọc Châu", "overdue", 75)]
    assert str(chairman_batch[0][2]) == "the departments and localities of Hải Phòng"
    assert str(chairman_batch[0][4]) == "2025-07-01/2025-09-30"


def test_task_statistics_on_built_graph(built_store):
    table = run_query(built_store, LIBRARY["task-statistics"])
    assert [(str(r[3]), int(r[4]), None if r[5] is None else float(r[5]), float(r[6])) for r in table.rows] == [
        ("all statuses", 6084, None, 100.0), ("done", 4678, 77.0, 76.89),
        ("in progress", 1331, 22.0, 21.88), ("overdue", 75, 1.0, 1.23)]


def test_office_holders_on_built_graph(built_store):
    on_1_september = run_query(built_store, LIBRARY["office-holders"], {"unit": "31", "date": "2025-09-01"})
    # the founding article attests the Chairman; data/holders gives his term (same person IRI) and the Secretary's
    assert sorted((str(r[1]), str(r[4])) for r in on_1_september.rows) >= [
        ("Lê Ngọc Châu", "attested by sources"), ("Lê Ngọc Châu", "term dates")]
    assert {str(r[1]) for r in on_1_september.rows} >= {"Lê Ngọc Châu", "Lê Tiến Châu"}
    on_2_october = run_query(built_store, LIBRARY["office-holders"], {"unit": "31", "date": "2025-10-02"})
    assert {str(r[1]) for r in on_2_october.rows} >= {
        "Lê Ngọc Châu", "Lê Tiến Châu", "the Vice-Chairmen of the Hải Phòng City People's Committee"}


def test_directives_due_on_built_graph(built_store):
    table = run_query(built_store, LIBRARY["directives-due"], {"before": "2025-10-31"})
    assert [(str(r[0]), str(r[3])) for r in table.rows] == [("2025-10-15", "Lê Tiến Châu")]
    assert str(table.rows[0][-1]).endswith("specialist-staff")


@pytest.mark.server
@pytest.mark.parametrize("name,params", [
    ("units-of-province", {"province": "31"}),
    ("unit-counts", {}),
    ("who-assigned-what", {}),
    ("who-assigned-what", {"lang": "vi", "from": "2025-10-01"}),
    ("task-statistics", {}),
    ("office-holders", {"unit": "31", "date": "2025-10-02"}),
    ("directives-due", {"before": "2025-10-31"}),
])
def test_oxigraph_server_returns_the_same_rows(built_store, oxigraph_endpoint, name, params):
    remote = EndpointStore(oxigraph_endpoint, timeout=60)
    assert normalised(run_query(remote, LIBRARY[name], params)) == \
        normalised(run_query(built_store, LIBRARY[name], params))
