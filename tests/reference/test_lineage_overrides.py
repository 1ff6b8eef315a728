"""The corrections to the converter's 2025 lineage: each against its resolution, the table, and stale rows."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

from govgraph.cli.main import main
from govgraph.errors import InputError
from govgraph.reference.overrides import COLUMNS, OVERRIDES_FILE, destinations, read_overrides
from govgraph.reference.resolutions import read_resolutions
from govgraph.reference.source import read_conversion, read_current_units, read_former_units
from govgraph.resources import data_dir

# What each resolution says, read by hand (Điều 1 of the resolution named): former unit -> (its new units, whole?).
# Written out here, not read from the table, so that a row edited or dropped by mistake fails its test.
RESOLUTION_SAYS = {
    "06079": ("1672/NQ-UBTVQH15", {"06079"}, True),  # Xã Hồng Phong, Bình Gia (k.10)
    "09013": ("1656/NQ-UBTVQH15", {"09817", "09022", "08980", "08995"}, False),  # Xã Văn Khê (k.107, 118-120)
    "10798": ("1669/NQ-UBTVQH15", {"10843", "10804"}, False),  # Xã Hòa Bình, Kim Thành (k.79, 112)
    "11890": ("1669/NQ-UBTVQH15", {"11911"}, True),  # Xã Hòa Bình, Vĩnh Bảo (k.63)
    "25462": ("1682/NQ-UBTVQH15", {"25459"}, True),  # Phường IV, Tây Ninh city (k.87)
    "27691": ("1682/NQ-UBTVQH15", {"27694"}, True),  # Phường 4, Tân An (k.84)
    "28036": ("1682/NQ-UBTVQH15", {"28036"}, True),  # Thị trấn Thủ Thừa (k.20)
    "28252": ("1663/NQ-UBTVQH15", {"28249"}, True),  # Phường 4, Mỹ Tho (k.84)
    "28270": ("1663/NQ-UBTVQH15", {"28270"}, True),  # Phường 6, Mỹ Tho (k.86)
    "28437": ("1663/NQ-UBTVQH15", {"28435"}, True),  # Phường 3, Cai Lậy (k.99)
    "28439": ("1663/NQ-UBTVQH15", {"28439"}, True),  # Phường 4, Cai Lậy (k.101)
    "28924": ("1687/NQ-UBTVQH15", {"28921"}, True),  # Xã Hòa Lộc, Mỏ Cày Bắc (k.68)
    "29623": ("1687/NQ-UBTVQH15", {"29623"}, True),  # Xã Mỹ An, Mang Thít (k.3)
    "29734": ("1687/NQ-UBTVQH15", {"29734"}, True),  # Xã Hòa Lộc, Tam Bình (k.20)
    "29902": ("1663/NQ-UBTVQH15", {"29905"}, True),  # Phường 3, Sa Đéc (k.98)
    "29908": ("1663/NQ-UBTVQH15", {"29905"}, True),  # Phường 4, Sa Đéc (k.98)
    "31246": ("1668/NQ-UBTVQH15", {"31246"}, True),  # Xã Thạnh Quới, Vĩnh Thạnh (k.43)
    "31268": ("1668/NQ-UBTVQH15", {"31288"}, True),  # Xã Tân Thạnh, Thới Lai (k.36)
    "31378": ("1668/NQ-UBTVQH15", {"31378"}, True),  # Xã Phú Hữu, Châu Thành (Hậu Giang) (k.57)
    "31379": ("1668/NQ-UBTVQH15", {"31378"}, True),  # Xã Phú Tân, Châu Thành (Hậu Giang) (k.57)
    "31438": ("1668/NQ-UBTVQH15", {"31408"}, True),  # Xã Tân Long, Phụng Hiệp (k.64)
    "31474": ("1668/NQ-UBTVQH15", {"31473"}, True),  # Xã Long Bình, Long Mỹ town (k.18)
    "31480": ("1668/NQ-UBTVQH15", {"31480"}, True),  # Xã Long Phú, Long Mỹ town (k.20)
    "31483": ("1668/NQ-UBTVQH15", {"31495"}, True),  # Xã Thuận Hưng, Long Mỹ district (k.50)
    "31582": ("1668/NQ-UBTVQH15", {"31582"}, True),  # Xã Phú Tân, Châu Thành (Sóc Trăng) (k.80)
    "31606": ("1668/NQ-UBTVQH15", {"31591"}, True),  # Xã Thuận Hưng, Mỹ Tú (k.84)
    "31657": ("1668/NQ-UBTVQH15", {"31654"}, True),  # Xã Phú Hữu, Long Phú (k.69)
    "31666": ("1668/NQ-UBTVQH15", {"31666"}, True),  # Xã Tân Thạnh, Long Phú (k.71)
    "31669": ("1668/NQ-UBTVQH15", {"31639"}, True),  # Xã Long Phú, Long Phú district (k.72)
    "31714": ("1668/NQ-UBTVQH15", {"31726"}, True),  # Xã Thạnh Quới, Mỹ Xuyên (k.66)
    "31741": ("1668/NQ-UBTVQH15", {"31741"}, True),  # Xã Tân Long, Ngã Năm (k.85)
    "31744": ("1668/NQ-UBTVQH15", {"31741"}, True),  # Xã Long Bình, Ngã Năm (k.85)
}


@pytest.fixture(scope="module")
def built_transfers(built_store) -> dict[str, set[tuple[str, bool, str]]]:
    """Former code -> {(new code, whole?, resolution number)}, from the built graph."""
    rows = built_store.select("""
        PREFIX gg: <https://w3id.org/govgraph/ontology#>
        PREFIX m8g: <http://data.europa.eu/m8g/>
        SELECT ?old ?new ?whole ?act WHERE {
          ?transfer gg:fromUnit ?former ; gg:toUnit ?successor ; gg:whole ?whole ; gg:transferOf ?event .
          ?former gg:officialCode ?old ; gg:validUntil "2025-06-30"^^<http://www.w3.org/2001/XMLSchema#date> ;
                  gg:level <https://w3id.org/govgraph/id/level/commune> .
          ?successor gg:officialCode ?new .
          ?event gg:effectiveOn "2025-07-01"^^<http://www.w3.org/2001/XMLSchema#date> ;
                 m8g:hasFormalFramework ?basis .
          ?basis gg:actNumber ?act .
        }""").rows
    found: dict[str, set[tuple[str, bool, str]]] = defaultdict(set)
    for old, new, whole, act in rows:
        found[str(old)].add((str(new), whole.toPython() is True, str(act)))
    return found


@pytest.mark.parametrize("code", sorted(RESOLUTION_SAYS))
def test_successors_are_the_resolutions(code, built_transfers):
    resolution, successors, whole = RESOLUTION_SAYS[code]
    assert built_transfers[code] == {(new, whole, resolution) for new in successors}


def test_transfer_counts_of_the_readme(built_store):
    rows = built_store.select("""
        PREFIX gg: <https://w3id.org/govgraph/ontology#>
        SELECT ?whole (COUNT(?transfer) AS ?n) WHERE {
          GRAPH <https://w3id.org/govgraph/graph/history> { ?transfer a gg:Transfer ; gg:whole ?whole }
        } GROUP BY ?whole""").rows
    assert {whole.toPython(): int(n) for whole, n in rows} == {True: 9662, False: 972}


def test_each_corrected_transfer_names_the_text_it_rests_on(built_store):
    rows = built_store.select("""
        PREFIX gg: <https://w3id.org/govgraph/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dct: <http://purl.org/dc/terms/>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?old ?new ?title ?page WHERE {
          ?transfer a gg:Transfer ; gg:fromUnit/gg:officialCode ?old ; gg:toUnit/gg:officialCode ?new ;
                    prov:wasDerivedFrom ?source .
          ?source a gg:SourceDocument ; dct:title ?title ; foaf:page ?page ; gg:readOn ?read ; skos:note ?note .
        }""").rows
    found = {(str(old), str(new)): str(title) for old, new, title, page in rows}
    assert set(found) == {(code, new) for code, (_, news, _) in RESOLUTION_SAYS.items() for new in news}
    assert found[("11890", "11911")] == "Nghị quyết số 1669/NQ-UBTVQH15, Điều 1, khoản 63"


def test_the_example_of_the_issue_through_the_cli(build_dir, capsys):
    assert main(["query", "successors", "--param", "unit=11890", "--format", "csv",
                 "--columns", "code,name,transfer_kind,resolution", "--build-dir", str(build_dir)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "code,name,transfer_kind,resolution", "11911,Xã Nguyễn Bỉnh Khiêm,whole,1669/NQ-UBTVQH15"]


def test_the_table_is_well_formed_and_cites_resolution_and_clause(tmp_path):
    table = data_dir() / OVERRIDES_FILE
    rows = read_overrides(table)
    assert {row.former_code: (set(row.correct), row.whole) for row in rows} == {
        code: (successors, whole) for code, (_, successors, whole) in RESOLUTION_SAYS.items()}
    # Each row cites the resolution of the province its correct destinations belong to, and a clause of Điều 1.
    provinces, communes = read_current_units()
    province_of = {c.code: c.province_code for c in communes}
    resolutions = read_resolutions()
    for row in rows:
        assert {resolutions[province_of[code]].number for code in row.correct} == {row.resolution}, row
        assert re.fullmatch(r"Điều 1, khoản \d+(, \d+)*", row.clause), row
        assert row.resolution == RESOLUTION_SAYS[row.former_code][0]
        assert row.source_url.startswith("https://") and row.publisher and row.read == "2026-11-27" and row.note
    # The wrong destinations are the converter's own, read without the corrections.
    empty = tmp_path / "none.csv"
    empty.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    former = read_former_units()
    raw = read_conversion(former, overrides=empty)
    for row in rows:
        assert destinations(raw, row.former_code) == set(row.wrong), row
        assert row.former_code in raw.split  # every correction here is of a record the converter flags as split


def test_after_the_corrections_whole_units_go_to_one_place():
    conversion = read_conversion(read_former_units())
    for code, (_, successors, whole) in RESOLUTION_SAYS.items():
        assert destinations(conversion, code) == successors
        assert (code in conversion.split) is not whole
        assert sum(code in olds for olds in conversion.whole.values()) == (1 if whole else 0)
    # The README's counts: 9,594 commune-level units and 5 island districts whole, 441 split.
    assert (len({old for olds in conversion.whole.values() for old in olds}), len(conversion.split)) == (9599, 441)


def _table_with(tmp_path: Path, change) -> Path:
    """The project's table with its first row changed by ``change(row)``."""
    with open(data_dir() / OVERRIDES_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    change(rows[0])
    path = tmp_path / "overrides.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_stale_row_is_refused(tmp_path):
    # As if a future converter no longer sent the unit where the row says it does.
    path = _table_with(tmp_path, lambda row: row.update(wrong_destination_codes="06184;06205"))
    with pytest.raises(InputError) as caught:
        read_conversion(read_former_units(), overrides=path)
    assert str(caught.value).startswith(f"{path}:2: stale correction: the converter now sends 06079 to 06079;06184")


@pytest.mark.parametrize("field, value, message", [
    ("former_code", "99999", "former unit 99999 is not a commune-level unit of the converter data"),
    ("former_name", "Xã Hồng Phong (Huyện Cao Lộc)", "not the source's 'Xã Hồng Phong (Huyện Bình Gia)'"),
    ("correct_destination_codes", "99998", "correct destination 99998 is not a new unit"),
    ("resolution", "1700/NQ-UBTVQH15", "is not one of 1654-1687/NQ-UBTVQH15"),
    ("clause", "khoản 10", "must name the article and clause"),
    ("whole", "yes", "whole must be true or false"),
    ("note", "", "note must not be empty"),
])
def test_a_bad_row_is_refused_with_its_line(tmp_path, field, value, message):
    path = _table_with(tmp_path, lambda row: row.update({field: value}))
    with pytest.raises(InputError) as caught:
        read_conversion(read_former_units(), overrides=path)
    assert str(caught.value).startswith(f"{path}:2: ") and message in str(caught.value)
