"""The sums: whole transfers carried, and every row that is not carried exactly reported, with the totals it would
have gone into marked incomplete. examples/crosswalk-synthetic-stats.* hold SYNTHETIC values keyed by real former
codes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govgraph.crosswalk import Former, Successor, crosswalk, read_table
from govgraph.crosswalk.numbers import NumberConvention
from govgraph.crosswalk.readers import Row, Table

from .conftest import EXAMPLE_CSV, EXAMPLE_XLSX

COLUMNS = ["dan_so", "dien_tich"]


def run(formers, lines: list[str], columns=("n",), **options):
    """Crosswalk a few CSV lines (header 'ma;' + columns), numbered from line 2."""
    header = ["ma", *columns]
    rows = [Row(number, dict(zip(header, [cell or None for cell in line.split(";")])))
            for number, line in enumerate(lines, start=2)]
    return crosswalk(Table("t.csv", header, rows), code_column="ma", value_columns=list(columns), formers=formers,
                     **options)


def test_successor_table_covers_every_former_commune_and_island_district(formers):
    assert len(formers) == 63 + 10035 + 5
    assert formers["11656"] == Former("11656", "commune", (Successor("11446", "Phường Phù Liễn", False),
                                                           Successor("11629", "Xã An Lão", False)))
    assert formers["318"] == Former("318", "district", (Successor("11948", "Đặc khu Bạch Long Vĩ", True),))
    assert formers["31"].level == "province" and formers["00031"].level == "commune"
    # 9,569 whole in the converter, plus the 30 it split that the resolutions send whole (lineage-overrides-2025.csv)
    assert sum(1 for former in formers.values() if former.whole_into) == 63 + 9599


@pytest.mark.parametrize("path", [EXAMPLE_CSV, EXAMPLE_XLSX], ids=["csv", "xlsx"])
def test_the_example_is_carried_and_reported_row_by_row(formers, path):
    result = crosswalk(read_table(path, ["ma", *COLUMNS]), code_column="ma", value_columns=COLUMNS, formers=formers)
    assert result.level == "commune" and result.rows == 11 and result.carried == 5
    assert result.totals == {
        "00025": {"dan_so": Decimal(6084), "dien_tich": Decimal("2.5")},       # "31": commune 00031, not Hải Phòng
        "11914": {"dan_so": Decimal(29000), "dien_tich": Decimal("25.5")},     # 17.000 + 9.000 + 3.000
        "11948": {"dan_so": Decimal(900), "dien_tich": Decimal("3.1")},
        "11629": {"dan_so": Decimal(15500), "dien_tich": Decimal("9.25")},
    }
    assert result.sources == {"00025": 1, "11914": 3, "11948": 1, "11629": 2}
    assert [(i.line, i.column, i.code, i.kind) for i in result.issues] == [
        (3, 4, "11917", "empty"), (6, None, "11656", "split"), (7, 1, "99999", "unknown"),
        (8, 4, "11629", "refused"), (11, None, "11923", "repeated"), (12, None, "11923", "repeated")]
    assert result.incomplete("11914") == "dien_tich: 11917 empty; every column: 11923 repeated (lines 11, 12)"
    assert result.incomplete("11629") == "every column: 11656 split (share unknown); dien_tich: 11629 not a number"
    assert result.incomplete("11446") == "every column: 11656 split (share unknown)"
    assert result.incomplete("11948") == result.incomplete("00025") == ""
    assert result.summary() == ("carried 5 of 11 commune-level rows exactly; 6 rows reported above (1 unknown code, "
                                "2 repeated codes, 1 split unit, 1 empty cell, 1 value not a number)")


@pytest.mark.parametrize("cell", ["", "   ", None])
def test_an_empty_cell_is_missing_not_zero(formers, cell):
    header = ["ma", "dan_so", "dien_tich"]
    table = Table("t.csv", header, [Row(2, {"ma": "11914", "dan_so": "17.000", "dien_tich": "15,5"}),
                                    Row(3, {"ma": "11917", "dan_so": "9.000", "dien_tich": (cell or "").strip()
                                            or None})])
    result = crosswalk(table, code_column="ma", value_columns=COLUMNS, formers=formers)
    assert result.totals["11914"] == {"dan_so": Decimal(26000), "dien_tich": Decimal("15.5")}
    assert [(i.line, i.column, i.kind) for i in result.issues] == [(3, 3, "empty")]
    assert "dien_tich: empty: a missing value, not 0" in result.issues[0].reason
    assert result.incomplete("11914") == "dien_tich: 11917 empty"
    assert result.carried == 1 and "1 empty cell" in result.summary()


def test_a_column_with_only_missing_values_has_no_total(formers):
    result = run(formers, ["11914;", "11917;"])
    assert result.totals == {"11914": {}} and result.incomplete("11914") == "n: 11914 empty; n: 11917 empty"


@pytest.mark.parametrize("lines, repeated, totals", [
    (["11914;1", "11914;1"], [2, 3], {}),                        # the same row twice: still not summed twice
    (["11914;1", "11917;2", "11914;5"], [2, 4], {"11914": {"n": Decimal(2)}}),
    (["6187;1", "06187;2"], [2, 3], {}),                         # one unit, with and without its leading zero
    (["11914;1", "11914;2", "11914;3"], [2, 3, 4], {}),
    (["11656;1", "11656;1"], [2, 3], {}),                        # a split unit, repeated
])
def test_a_repeated_code_is_carried_on_no_row_and_every_line_is_named(formers, lines, repeated, totals):
    result = run(formers, lines)
    listed = ", ".join(map(str, repeated))
    issues = [i for i in result.issues if i.kind == "repeated"]
    assert [i.line for i in issues] == repeated and len(issues) == len(result.issues)
    assert all(f"repeated on lines {listed}: no row of it is carried" in i.reason for i in issues)
    assert result.totals == totals
    code = issues[0].code
    for target in formers[code].successors:
        assert result.incomplete(target.code) == f"every column: {code} repeated (lines {listed})"


@pytest.mark.parametrize("level, written, into", [
    ("commune", "31", "00025"),     # 00031 Phường Giảng Võ -> 00025; never the province 31
    ("commune", "6187", "06187"),
    ("commune", "318", "11948"),    # the island district Bạch Long Vĩ, carried at commune level
    ("province", "31", "31"),
    ("province", "1", "01"),
    ("district", "318", "11948"),
])
def test_short_codes_are_restored_only_at_the_input_level(formers, level, written, into):
    result = run(formers, [f"{written};7"], level=level)
    assert result.totals == {into: {"n": Decimal(7)}} and not result.issues


@pytest.mark.parametrize("level, written, reason", [
    ("commune", "3", "no former commune-level unit has code 00003"),
    ("province", "11914", "no former province-level unit has code 11914 (11914 is a former commune-level code"),
    ("district", "31", "no former district-level unit has code 031 (31 is a former province-level code"),
    ("district", "11", "no former district-level unit has code 011"),   # a district with communes: re-key those
])
def test_a_short_code_no_unit_of_the_level_fits_is_reported(formers, level, written, reason):
    result = run(formers, [f"{written};7"], level=level)
    assert result.totals == {} and [(i.kind, i.line) for i in result.issues] == [("unknown", 2)]
    assert reason in result.issues[0].reason


def test_the_level_is_inferred_from_the_widths_of_the_codes(formers):
    assert run(formers, ["31;1", "11914;1"]).totals.keys() == {"00025", "11914"}
    assert run(formers, ["01;1", "31;1"]).totals.keys() == {"01", "31"}


def test_a_refused_value_leaves_the_other_columns_carried(formers):
    result = run(formers, ["11914;1.23;2.000"], columns=("a", "b"))
    assert result.totals == {"11914": {"b": Decimal(2000)}}
    assert [(i.column, i.kind) for i in result.issues] == [(2, "refused")]
    assert result.issues[0].reason.startswith("a: '1.23': a group after the thousands mark '.' must have 3 digits")
    assert result.incomplete("11914") == "a: 11914 not a number"


def test_the_convention_can_be_chosen(formers):
    english = NumberConvention(decimal=".", thousands=",")
    assert run(formers, ["11914;1,234.5"], numbers=english).totals == {"11914": {"n": Decimal("1234.5")}}
    assert run(formers, ["11914;1,234.5"]).issues[0].kind == "refused"


def test_a_row_with_shifted_fields_is_reported_and_its_unit_marked(formers):
    table = Table("t.csv", ["ma", "n"], [Row(2, {"ma": "11914", "n": "15"}, problem="3 fields where the header has 2")])
    result = crosswalk(table, code_column="ma", value_columns=["n"], formers=formers)
    assert [(i.kind, i.reason) for i in result.issues] == [
        ("malformed", "3 fields where the header has 2: not carried")]
    assert result.totals == {} and result.incomplete("11914") == "every column: 11914 row malformed"


@pytest.mark.parametrize("cell, value", [(6084, "6084"), (2.5, "2.5"), (0.1, "0.1"), ("6.084", "6084")])
def test_workbook_numbers_are_taken_as_typed_and_text_by_the_convention(formers, cell, value):
    table = Table("t.xlsx", ["ma", "n"], [Row(2, {"ma": 11914, "n": cell})])
    assert crosswalk(table, code_column="ma", value_columns=["n"], formers=formers).totals == {
        "11914": {"n": Decimal(value)}}


@pytest.mark.parametrize("cell, reason", [
    (True, "TRUE is a truth value"), (float("nan"), "not a finite number"), ("#DIV/0!", "not a number"),
])
def test_workbook_cells_that_are_not_numbers_are_refused(formers, cell, reason):
    table = Table("t.xlsx", ["ma", "n"], [Row(2, {"ma": 11914, "n": cell})])
    result = crosswalk(table, code_column="ma", value_columns=["n"], formers=formers)
    assert [i.kind for i in result.issues] == ["refused"] and reason in result.issues[0].reason


def test_sums_are_exact_beyond_28_digits(formers):
    result = run(formers, ["11914;1.000.000.000.000.000.000.000.000.000", "11917;0,000000000000000000000000000001"])
    assert result.totals["11914"]["n"] == Decimal("1000000000000000000000000000.000000000000000000000000000001")
