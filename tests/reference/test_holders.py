"""Office holders from CSV: row-level errors, holdings cut at unit version changes, one IRI per person.

The CSV files under holders-fixture/ are SYNTHETIC; the unit timeline is the real one (change sets applied)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govgraph.errors import InputError
from govgraph.reference.changes import apply_change_sets, read_change_sets
from govgraph.reference.holders import holder_files, holder_triples, load_holders
from govgraph.reference.source import read_current_units

FIXTURE = Path(__file__).parent / "holders-fixture"
ID = "https://w3id.org/govgraph/id/"
GG = "https://w3id.org/govgraph/ontology#"


@pytest.fixture(scope="module")
def applied():
    provinces, communes = read_current_units()
    return apply_change_sets(provinces, communes, read_change_sets())


def load(folder: Path, applied):
    provinces = {c for c, s in applied.states.items() if s.level == "province"}
    return load_holders(applied.timeline, provinces, holder_files(folder))


def test_fixture_loads_without_problems(applied):
    tables = load(FIXTURE, applied)
    assert tables.problems == []
    assert (len(tables.sources), len(tables.people), len(tables.holdings)) == (2, 2, 2)


def test_a_holding_spanning_a_unit_version_change_is_split(applied):
    tables = load(FIXTURE, applied)
    triples = list(holder_triples(tables, applied.timeline))
    posts = sorted((t.subject.value, t.object.value) for t in triples if t.predicate.value == GG + "post"
                   and "nguoi-thu-a" in t.subject.value)
    assert posts == [
        (ID + "holding/75/2025-07-01/party-committee/secretary/nguoi-thu-a/2025-07-01",
         ID + "unit/75/2025-07-01/party-committee/secretary"),
        (ID + "holding/75/2026-04-30/party-committee/secretary/nguoi-thu-a/2026-04-30",
         ID + "unit/75/2026-04-30/party-committee/secretary"),
    ]
    ends = {t.subject.value.rsplit("/", 1)[1]: t.object.value for t in triples
            if t.predicate.value == GG + "endDate" and "nguoi-thu-a" in t.subject.value}
    assert ends == {"2025-07-01": "2026-04-29"}  # the second piece is open: still in office
    decisions = [t for t in triples if t.predicate.value == GG + "decision"]
    assert [d.object.value for d in decisions] == ["1/QĐ-TEST"]


def test_the_founding_articles_person_keeps_its_iri_and_a_blank_start_counts_from_the_unit(applied):
    triples = list(holder_triples(load(FIXTURE, applied), applied.timeline))
    subjects = {t.subject.value for t in triples}
    assert ID + "person/le-ngoc-chau" in subjects
    starts = [t.object.value for t in triples if t.predicate.value == GG + "startDate" and "le-ngoc-chau" in
              t.subject.value]
    assert starts == ["2025-07-01"]
    # a source that shows no publication day has no dct:issued
    issued = {t.subject.value for t in triples if t.predicate.value == "http://purl.org/dc/terms/issued"}
    assert issued == {ID + "source/t-001"}


BROKEN = {
    "holdings": [
        ("99,party-secretary,nguoi-thu-a,Người Thử A,2025-07-01,effective,,,,t-001,x",
         "holdings-t.csv:2:1: province_code: unknown province code '99'"),
        ("75,chairman,nguoi-thu-a,Người Thử A,2025-07-01,effective,,,,t-001,x",
         "holdings-t.csv:2:2: office: unknown office 'chairman'"),
        ("75,party-secretary,nguoi-thu-a,Người Thử A,2025-7-1,effective,,,,t-001,x",
         "holdings-t.csv:2:5: start: bad date '2025-7-1'"),
        ("75,party-secretary,nguoi-thu-a,Người Thử A,2025-09-01,effective,2025-08-31,,,t-001,x",
         "holdings-t.csv:2:7: end: end 2025-08-31 is before start 2025-09-01"),
        ("75,party-secretary,nguoi-thu-a,Người Thử A,2025-07-01,effective,,,,t-009,x",
         "holdings-t.csv:2:10: source_ids: unknown source id 't-009'"),
        ("75,party-secretary,nguoi-khac,Người Khác,2025-07-01,effective,,,,t-001,x",
         "holdings-t.csv:2:3: person_id: 'nguoi-khac' has no row in a people-*.csv file"),
        ("75,party-secretary,nguoi-thu-a,Người Thử B,2025-07-01,effective,,,,t-001,x",
         "holdings-t.csv:2:4: person_name: 'Người Thử B' differs from the people row's 'Người Thử A'"),
        ("75,party-secretary,nguoi-thu-a,Người Thử A,2025-07-01,,,,,t-001,x",
         "holdings-t.csv:2:6: start_basis: is blank"),
        ("75,party-secretary,nguoi-thu-a,Người Thử A,2025-07-01,effective,,,,,x",
         "holdings-t.csv:2:10: source_ids: no source"),
    ],
    "sources": [
        ("t-001,example.org/x,P,2025-06-30,2026-11-27,n", "sources-t.csv:2:2: url: 'example.org/x' is not a web address"),
        ("t-001,https://e.org/x,P,2026-12-01,2026-11-27,n", "sources-t.csv:2:5: read: read 2026-11-27 is before"),
    ],
}


@pytest.mark.parametrize("kind,row,expected", [(k, r, e) for k, cases in BROKEN.items() for r, e in cases],
                         ids=lambda v: v[:30] if isinstance(v, str) else v)
def test_each_bad_row_is_reported_with_file_row_and_column(tmp_path, applied, kind, row, expected):
    for path in FIXTURE.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / f"{kind}-t.csv"
    header = target.read_text(encoding="utf-8").splitlines()[0]
    target.write_text(f"{header}\n{row}\n", encoding="utf-8")
    if kind == "sources":  # the holdings cite t-001 and t-002: keep only a holding citing t-001
        (tmp_path / "holdings-t.csv").write_text(
            (FIXTURE / "holdings-t.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    tables = load(tmp_path, applied)
    messages = [str(p).replace(str(tmp_path) + "/", "") for p in tables.problems]
    assert any(m.startswith(expected) for m in messages), messages
    with pytest.raises(InputError):
        tables.raise_first()


def test_a_missing_column_is_reported_on_the_header(tmp_path, applied):
    for path in FIXTURE.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "people-t.csv").write_text("person_id,name\nx,X\n", encoding="utf-8")
    messages = [str(p) for p in load(tmp_path, applied).problems]
    assert any("people-t.csv:1: missing columns person_name, born, evidence" in m for m in messages)
