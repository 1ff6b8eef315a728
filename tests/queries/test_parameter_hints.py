"""Parameters never give a silent wrong answer: declared values are checked, and a parameter that names nothing
is an error that suggests the likely value (on the synthetic fixture; the CLI tests check the built graph)."""

from __future__ import annotations

import unicodedata

import pytest

from govgraph.errors import InputError, UsageError
from govgraph.namespaces import PREFIXES
from govgraph.queries import run_query
from govgraph.queries.hints import check_empty_answer
from govgraph.queries.library import parse_query_file
from govgraph.queries.runner import bind_parameters
from govgraph.queries.unit_search import Unit, find_by_code, find_by_name, fold

from .test_queries import ID, LIBRARY, fixture_store  # noqa: F401 - the synthetic fixture store


def answer(store, name, **params):
    """Run like the CLI does: bind, run, and explain an empty answer."""
    query = LIBRARY[name]
    bindings = bind_parameters(query, params)
    table = run_query(store, query, params)
    if not table.rows:
        check_empty_answer(store, query, params, bindings)
    return table


# --- declared values -------------------------------------------------------------------------------------------

FIXED_MEANINGS = {"lang": ("en", "vi"), "level": ("province", "district", "commune")}


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_parameters_with_fixed_meanings_declare_their_values(name):
    for parameter in LIBRARY[name].parameters:
        if parameter.name in FIXED_MEANINGS:
            assert parameter.values == FIXED_MEANINGS[parameter.name], (name, parameter.name)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_unit_code_parameters_declare_their_kind(name):
    for parameter in LIBRARY[name].parameters:
        if parameter.name in ("unit", "province"):
            assert parameter.code is not None, (name, parameter.name)


@pytest.mark.parametrize("name,params", [
    ("directives-due", {"before": "2026-01-01"}),
    ("who-assigned-what", {}),
    ("task-statistics", {}),
    ("office-holders", {"unit": "99"}),
])
def test_a_value_in_another_letter_case_means_the_same(fixture_store, name, params):
    lower = run_query(fixture_store, LIBRARY[name], {**params, "lang": "vi"}).rows
    assert run_query(fixture_store, LIBRARY[name], {**params, "lang": "VI"}).rows == lower
    assert run_query(fixture_store, LIBRARY[name], {**params, "lang": " Vi"}).rows == lower


@pytest.mark.parametrize("name,params", [
    ("directives-due", {"before": "2026-01-01", "lang": "fr"}),
    ("who-assigned-what", {"lang": "english"}),
    ("transfers", {"level": "ward"}),
])
def test_a_value_outside_the_declared_ones_is_refused(fixture_store, name, params):
    with pytest.raises(UsageError) as caught:
        run_query(fixture_store, LIBRARY[name], params)
    message = str(caught.value)
    declared = next(p for p in LIBRARY[name].parameters if p.values)
    assert "is not one of its values" in message and all(v in message for v in declared.values)
    assert "\n" not in message


def test_transfers_level_in_capitals(fixture_store):
    assert run_query(fixture_store, LIBRARY["transfers"], {"level": "Commune"}).rows == \
        run_query(fixture_store, LIBRARY["transfers"], {"level": "commune"}).rows != []


@pytest.mark.parametrize("line,message", [
    ("#+ param: lang string optional values=  Language.", "values= lists no value"),
    ("#+ param: unit string required code=street  A code.", "unknown code kind 'street'"),
])
def test_bad_header_options_name_the_file_and_line(tmp_path, line, message):
    path = tmp_path / "q.rq"
    path.write_text(f"#+ title: T\n{line}\nSELECT * WHERE {{ ?s ?p ?o }}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_query_file(path)
    assert message in str(caught.value) and str(caught.value).startswith(f"{path}:2:")


def test_header_options_parse(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("#+ title: T\n#+ param: lang string optional values=en,vi  Language code=x stays text.\n"
                    "#+ param: unit string required code=former-unit  Former unit.\n"
                    "SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    lang, unit = parse_query_file(path).parameters
    assert (lang.values, lang.code, lang.description) == (("en", "vi"), None, "Language code=x stays text.")
    assert (unit.values, unit.code, unit.description) == ((), "former-unit", "Former unit.")


# --- IRIs --------------------------------------------------------------------------------------------------------

def test_an_unknown_prefix_is_an_error_listing_the_known_ones(fixture_store):
    with pytest.raises(UsageError) as caught:
        run_query(fixture_store, LIBRARY["who-assigned-what"], {"assignee": "foo:bar"})
    message = str(caught.value)
    assert "unknown prefix 'foo:'" in message and "parameter assignee" in message
    assert all(prefix in message for prefix in PREFIXES)


@pytest.mark.parametrize("value", ["urn:x-govgraph:none", "https://example.org/x", "id:assignment/none"])
def test_an_iri_that_occurs_nowhere_is_reported(fixture_store, value):
    with pytest.raises(UsageError, match="parameter assignment: nothing in the graph is"):
        answer(fixture_store, "task-statistics", assignment=value)


def test_an_existing_iri_with_no_rows_is_a_true_empty_answer(fixture_store):
    # the assignment exists; it just has no statistics
    assert answer(fixture_store, "task-statistics", assignment=ID + "assignment/single").rows == []


# --- unit codes ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,params,expected", [
    ("units-of-province", {"province": "mau thu"}, "did you mean 99, Tỉnh Mẫu Thử?"),
    ("units-of-province", {"province": "TỈNH MẪU THỬ"}, "did you mean 99, Tỉnh Mẫu Thử?"),
    ("units-of-province", {"province": unicodedata.normalize("NFD", "Mẫu Thử")}, "did you mean 99,"),
    ("units-of-province", {"province": "980"}, "980 is Huyện Cũ, a district-level unit in force from 2020-01-01 to 2025-06-30"),
    ("units-of-province", {"province": "7"}, "official codes have 2 digits (province level)"),
    ("office-holders", {"unit": "xa hai"}, "did you mean 99002, Xã Hai? --param unit=99002"),
    ("successors", {"unit": "99001"}, "99001 is Phường Một, a commune-level unit"),
    ("predecessors", {"unit": "98777"}, "98777 is Xã Cũ, a commune-level unit in force from 2020-01-01 to 2025-06-30"),
    ("structure-as-of", {"date": "2025-07-01", "province": "Thu"}, "did you mean 98, Thành phố Thử?"),
])
def test_a_code_that_names_no_unit_is_an_error_with_a_suggestion(fixture_store, name, params, expected):
    with pytest.raises(UsageError) as caught:
        answer(fixture_store, name, **params)
    message = str(caught.value)
    code_parameter = next(p for p in LIBRARY[name].parameters if p.code)
    assert message.startswith(f"parameter {code_parameter.name}: no ")
    assert expected in message and "\n" not in message


def test_in_force_means_on_the_day_the_query_asks_about(fixture_store):
    # unit 99 began on 2025-07-01: it answers for today, and on 2024-01-01 no province-level unit had its code
    assert answer(fixture_store, "units-of-province", province="99").rows != []
    with pytest.raises(UsageError) as caught:
        answer(fixture_store, "units-of-province", province="99", date="2024-01-01")
    assert "no province-level unit in force on 2024-01-01 has the code '99'" in str(caught.value)
    assert "99 is Tỉnh Mẫu Thử, a province-level unit in force since 2025-07-01" in str(caught.value)


def test_a_code_with_spaces_around_it_is_the_code(fixture_store):
    assert answer(fixture_store, "units-of-province", province=" 99 ").rows == \
        answer(fixture_store, "units-of-province", province="99").rows != []


def test_an_existing_code_with_no_rows_is_a_true_empty_answer(fixture_store):
    assert answer(fixture_store, "office-holders", unit="99", date="2025-06-30").rows == []


# --- the reusable search -------------------------------------------------------------------------------------------

UNITS = [Unit("01", "Thành phố Hà Nội"), Unit("31", "Thành phố Hải Phòng"), Unit("001", "Quận Ba Đình"),
         Unit("00001", "Phường Phúc Xá"), Unit("11629", "Xã An Lão"), Unit("318", "Huyện An Lão")]


def test_find_by_code_restores_leading_zeros_at_every_level():
    assert [u.code for u in find_by_code(UNITS, "1")] == ["01", "001", "00001"]
    assert find_by_code(UNITS, "31") == []  # not shorter than a code that exists: nothing to restore
    assert find_by_code(UNITS, "x1") == []


def test_find_by_name_ignores_diacritics_case_and_type_word():
    assert [u.code for u in find_by_name(UNITS, "hai phong")] == ["31"]
    assert [u.code for u in find_by_name(UNITS, "Hải Phòng")] == ["31"]
    assert [u.code for u in find_by_name(UNITS, "HA NOI")] == ["01"]
    assert [u.code for u in find_by_name(UNITS, "an lao")] == ["318", "11629"]
    assert [u.code for u in find_by_name(UNITS, "Xã An Lão")] == ["318", "11629"]
    assert find_by_name(UNITS, "") == [] and find_by_name(UNITS, "Hải") == []


def test_fold():
    assert fold("Đặc khu Bạch Long Vĩ") == "dac khu bach long vi"
    assert fold(unicodedata.normalize("NFD", "Thị trấn Cát Bà")) == "thi tran cat ba"


def test_a_date_parameter_takes_exactly_the_days_of_the_calendar():
    import datetime

    from govgraph.queries.parameters import _is_day

    day, end = datetime.date(1899, 1, 1), datetime.date(2101, 1, 1)
    while day < end:
        assert _is_day(day.isoformat())
        day += datetime.timedelta(days=1)
    for year in (1900, 2000, 2024, 2025, 2100):
        for month in range(0, 14):
            for number in (0, 28, 29, 30, 31, 32):
                text = f"{year:04d}-{month:02d}-{number:02d}"
                try:
                    real = datetime.date.fromisoformat(text) is not None
                except ValueError:
                    real = False
                assert _is_day(text) == real, text
