"""Change sets: the real Đồng Nai acts applied, the other kinds of change on SYNTHETIC acts, one clear error per
bad change set, and no unit name that repeats its type word."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.errors import InputError
from govgraph.reference.changes import apply_change_sets, read_change_set, read_change_sets
from govgraph.reference.source import read_current_units, read_former_units
from govgraph.reference.types import COMMUNE_LEVEL, DISTRICT_LEVEL, PROVINCE_LEVEL, repeats_type_word

ID = "https://w3id.org/govgraph/id/"
GG = "https://w3id.org/govgraph/ontology#"
WARDS_2026 = {"25270": "Phường Lộc Ninh", "25357": "Phường Tân Khai", "25363": "Phường Đồng Phú",
              "26116": "Phường Tân Phú", "26170": "Phường Trị An", "26248": "Phường Trảng Bom",
              "26326": "Phường Dầu Giây", "26368": "Phường Long Thành", "26425": "Phường Xuân Lộc",
              "26485": "Phường Nhơn Trạch"}


@pytest.fixture(scope="module")
def units():
    return read_current_units()


@pytest.fixture(scope="module")
def applied(units):
    return apply_change_sets(*units, read_change_sets())


def test_dong_nai_becomes_a_centrally_run_city_on_30_april_2026(applied):
    sets = read_change_sets()
    assert [(s.number, s.effective) for s in sets] == [("237/NQ-UBTVQH16", "2026-04-30"),
                                                       ("30/2026/QH16", "2026-04-30"),
                                                       ("36/2026/QH16", "2026-09-01")]
    spans = applied.timeline["75"]
    assert [(s.start, s.until) for s in spans] == [("2025-07-01", "2026-04-29"), ("2026-04-30", None)]
    state = applied.states["75"]
    assert (state.name, state.type_slug) == ("Thành phố Đồng Nai", "centrally-run-city")


def test_ten_communes_became_wards_and_every_commune_follows_its_city(applied):
    dong_nai = {code: s for code, s in applied.states.items() if s.parent == "75"}
    assert len(dong_nai) == 95
    assert {code: s.name for code, s in dong_nai.items() if code in WARDS_2026} == WARDS_2026
    assert all(s.type_slug == "ward" for code, s in dong_nai.items() if code in WARDS_2026)
    assert sum(s.type_slug == "ward" for s in dong_nai.values()) == 33  # 23 + 10
    assert all(s.valid_from == "2026-04-30" for s in dong_nai.values())  # new versions, parent the new city
    triples = applied.triples
    parent = [t.object.value for t in triples
              if t.subject.value == ID + "unit/26248/2026-04-30" and t.predicate.value == GG + "parentUnit"]
    assert parent == [ID + "unit/75/2026-04-30"]
    bases = {t.subject.value: t.object.value for t in triples
             if t.predicate.value == "http://data.europa.eu/m8g/hasFormalFramework"}
    assert bases[ID + "event/26248/2026-04-30"] == ID + "legal-act/237-NQ-UBTVQH16"
    assert bases[ID + "event/25222/2026-04-30"] == ID + "legal-act/30-2026-QH16"  # Xã Bù Gia Mập stays a commune
    assert bases[ID + "event/75/2026-04-30"] == ID + "legal-act/30-2026-QH16"


def test_quang_ninh_becomes_a_centrally_run_city(applied):
    for code, name, day in (("22", "Thành phố Quảng Ninh", "2026-09-01"),):
        assert (applied.states[code].name, applied.states[code].type_slug) == (name, "centrally-run-city")
        assert [s.start for s in applied.timeline[code]] == ["2025-07-01", day]
        children = [s for s in applied.states.values() if s.parent == code]
        assert children and all(s.valid_from == day for s in children)  # new versions, types unchanged
    quang_ninh = [s.type_slug for s in applied.states.values() if s.parent == "22"]
    assert (quang_ninh.count("ward"), quang_ninh.count("commune"), quang_ninh.count("special-zone")) == (30, 22, 2)


def test_other_provinces_are_unchanged(applied):
    changed = {"75", "22"}
    assert all(len(spans) == 1 for code, spans in applied.timeline.items()
               if code not in changed and applied.states[code].parent not in changed)


def write(tmp_path: Path, name: str, body: str, effective: str = "2026-06-01", adopted: str = "2026-05-01") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(f"""# SYNTHETIC change set
[act]
number = "{name}/TEST"
title = "SYNTHETIC"
issued_by = "Test"
adopted = {adopted}
effective = {effective}

[[source]]
id = "synthetic-{name}"
title = "SYNTHETIC"
url = "https://example.org/{name}"
publisher = "SYNTHETIC"
published = 2026-05-02
read = 2026-11-27
note = "SYNTHETIC"
{body}""", encoding="utf-8")
    return path


def test_rename_merge_create_and_split(tmp_path, units):
    paths = [
        write(tmp_path, "a", '\n[[change]]\nkind = "rename"\nunit = "26248"\nname = "Xã Bom Mới"\n',
              effective="2026-03-01", adopted="2026-02-01"),
        write(tmp_path, "b", '\n[[change]]\nkind = "merge"\nunits = ["25255", "25261"]\ninto = "25261"\n'
                             'name = "Xã Hợp Nhất"\n'
                             '\n[[change]]\nkind = "create"\ncode = "99999"\ntype = "ward"\nname = "Phường Mới"\n'
                             'parent = "75"\nfrom = ["25267"]\n'
                             '\n[[change]]\nkind = "split"\nunit = "25279"\ninto = ["25280", "99999"]\n'),
    ]
    applied = apply_change_sets(*units, read_change_sets(paths))
    assert applied.states["26248"].name == "Xã Bom Mới"
    assert "25255" not in applied.states and "25279" not in applied.states
    assert applied.timeline["25255"][-1].until == "2026-05-31"
    assert applied.states["25261"].name == "Xã Hợp Nhất"
    assert (applied.states["99999"].name, applied.states["99999"].parent) == ("Phường Mới", "75")
    transfers = {(t.subject.value.split("/transfer/")[1]) for t in applied.triples
                 if t.predicate.value == GG + "whole"}
    assert {"25255/25261/2026-06-01", "25267/99999/2026-06-01", "25279/25280/2026-06-01",
            "25279/99999/2026-06-01"} <= transfers


@pytest.mark.parametrize("body,effective,expected", [
    ('\n[[change]]\nkind = "change-type"\nunit = "00000"\ntype = "ward"\n', "2026-06-01",
     "a.toml:18: unknown unit code '00000'"),
    ('\n[[change]]\nkind = "change-type"\nunit = "26248"\ntype = "town"\n', "2026-06-01",
     "a.toml:18: type 'town' is not in the unit-type scheme"),
    ('\n[[change]]\nkind = "change-type"\nunit = "75"\ntype = "ward"\n', "2026-06-01",
     "a.toml:18: type 'ward' is not a province-level type"),
    ('\n[[change]]\nkind = "change-type"\nunit = "26248"\ntype = "ward"\n'
     '\n[[change]]\nkind = "rename"\nunit = "26248"\nname = "Phường X"\n', "2026-06-01",
     "a.toml:23: unit 26248 is changed twice on 2026-06-01"),
    ('\n[[change]]\nkind = "change-type"\nunit = "26248"\ntype = "ward"\n', "2026-04-01",
     "a.toml:7: dates out of order: effective 2026-04-01 is before adopted 2026-05-01"),
    ('\n[[change]]\nkind = "grow"\nunit = "26248"\n', "2026-06-01", "a.toml:18: unknown change kind 'grow'"),
    ('\n[[change]\nkind = "rename"\n', "2026-06-01", "a.toml:18:"),
])
def test_each_bad_change_set_gets_one_clear_message(tmp_path, units, body, effective, expected):
    path = write(tmp_path, "a", body, effective=effective)
    with pytest.raises(InputError) as caught:
        apply_change_sets(*units, read_change_sets([path]))
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(expected), str(caught.value)


def test_a_unit_changed_by_two_acts_on_one_day_is_an_error(tmp_path, units):
    first = write(tmp_path, "a", '\n[[change]]\nkind = "change-type"\nunit = "26248"\ntype = "ward"\n')
    second = write(tmp_path, "b", '\n[[change]]\nkind = "rename"\nunit = "26248"\nname = "Xã Khác"\n')
    with pytest.raises(InputError, match=r"b.toml:18: unit 26248 is changed twice on 2026-06-01 \(first at a.toml:18\)"):
        apply_change_sets(*units, read_change_sets([first, second]))


def test_the_real_change_sets_read_cleanly():
    for path in sorted((Path(__file__).parents[2] / "data" / "changes").glob("*.toml")):
        change_set = read_change_set(path)
        assert change_set.sources and all(s.read == "2026-11-27" for s in change_set.sources)


def test_no_unit_name_repeats_its_type_word(units, applied):
    provinces, communes = units
    names = [(p.name, PROVINCE_LEVEL) for p in provinces] + [(c.name, COMMUNE_LEVEL) for c in communes]
    levels = {"province": PROVINCE_LEVEL, "district": DISTRICT_LEVEL, "commune": COMMUNE_LEVEL}
    former = read_former_units().units
    names += [(u.name, levels[u.level]) for u in former]
    names += [(s.name, levels[s.level]) for s in applied.states.values()]
    assert [name for name, types in names if repeats_type_word(name, types)] == []
    assert [u.name for u in former if u.code == "19780"] == ["Phường Đúc"]  # the source writes "Phường Phường Đúc"
