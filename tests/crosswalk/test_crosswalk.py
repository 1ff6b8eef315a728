"""The crosswalk from former unit codes to the units of 1 July 2025: whole transfers summed, the rest reported.

synthetic-stats.csv holds made-up values (test data, not fact) keyed by real former codes of Hải Phòng."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from govgraph.cli.main import main
from govgraph.crosswalk import Successor, crosswalk, read_rows, successor_table, write_totals
from govgraph.errors import InputError

STATS = Path(__file__).parent / "synthetic-stats.csv"


@pytest.fixture(scope="module")
def successors(built_store):
    return successor_table(built_store)


def test_successor_table_covers_every_former_commune_and_island_district(successors):
    assert len(successors) == 63 + 10035 + 5
    assert successors["11656"] == [Successor("11446", "Phường Phù Liễn", False), Successor("11629", "Xã An Lão", False)]
    assert successors["318"] == [Successor("11948", "Đặc khu Bạch Long Vĩ", True)]
    whole = sum(1 for targets in successors.values() if len(targets) == 1 and targets[0].whole)
    assert whole == 63 + 9569


def test_crosswalk_sums_whole_units_and_reports_the_rest(successors):
    result = crosswalk(read_rows(STATS, "ma", ["dan_so", "dien_tich"]), code_column="ma",
                       value_columns=["dan_so", "dien_tich"], successors=successors)
    assert result.rows == 8 and result.carried == 5
    assert result.totals["11914"] == {"dan_so": Decimal(29000), "dien_tich": Decimal("25.5")}
    assert result.sources["11914"] == 3
    assert result.totals["11948"] == {"dan_so": Decimal(900), "dien_tich": Decimal("3.1")}
    assert result.totals["11629"] == {"dan_so": Decimal(7500), "dien_tich": Decimal("9.25")}
    assert [(i.line, i.code) for i in result.issues] == [(6, "11656"), (7, "99999"), (8, "11629")]
    assert "split among 11446 Phường Phù Liễn, 11629 Xã An Lão" in result.issues[0].reason
    assert result.missing == {"11446": ["11656"], "11629": ["11656"]}


def test_totals_csv_marks_incomplete_units(successors):
    result = crosswalk(read_rows(STATS, "ma", ["dan_so"]), code_column="ma", value_columns=["dan_so"],
                       successors=successors)
    out = io.StringIO()
    write_totals(result, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    by_code = {r["new_code"]: r for r in rows}
    assert by_code["11629"]["missing_shares_from"] == "11656" and by_code["11629"]["dan_so"] == "15500"
    assert by_code["11446"]["dan_so"] == "" and by_code["11446"]["former_units"] == "0"
    assert by_code["11914"]["missing_shares_from"] == ""


def test_leading_zeros_restored():
    table = {"06187": [Successor("06187", "Phường Kỳ Lừa", True)]}
    result = crosswalk([(2, {"c": "6187", "v": "1"})], code_column="c", value_columns=["v"], successors=table)
    assert result.totals == {"06187": {"v": Decimal(1)}}


def test_missing_column_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no column 'nope'"):
        read_rows(STATS, "ma", ["nope"])


def test_cli_exit_codes_and_report(capsys, build_dir, tmp_path):
    code = main(["crosswalk", str(STATS), "--code-column", "ma", "--value-column", "dan_so",
                 "--build-dir", str(build_dir)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines()[0] == "new_code,new_name,dan_so,former_units,missing_shares_from"
    assert f"{STATS}:6: 11656: split among" in err
    assert f"{STATS}:7: 99999: not the code of a unit in force until 30 June 2025" in err
    assert err.strip().endswith("carried 6 of 8 rows exactly; 2 rows not carried (listed above)")

    clean = tmp_path / "clean.csv"
    clean.write_text("ma,n\n11914,1\n11917,2\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    assert main(["crosswalk", str(clean), "--code-column", "ma", "--value-column", "n", "--out", str(target),
                 "--build-dir", str(build_dir)]) == 0
    assert target.read_text(encoding="utf-8").splitlines()[1] == "11914,Đặc khu Cát Hải,3,2,"

    assert main(["crosswalk", str(clean), "--code-column", "code", "--build-dir", str(build_dir)]) == 2
    assert "no column 'code'" in capsys.readouterr().err
