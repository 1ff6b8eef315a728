"""The generated national structure against the pinned source and the founding article."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from govgraph.reference.source import read_current_units
from govgraph.reference.structure import _unit, commune_quads, province_quads, type_disagreements
from govgraph.reference.terms import iri
from govgraph.reference.types import COMMUNE_LEVEL, classify


@pytest.fixture(scope="module")
def units():
    return read_current_units()


def test_34_province_level_and_3321_commune_level_units(units):
    provinces, communes = units
    assert len(provinces) == 34
    assert len(communes) == 3321
    assert len({c.code for c in communes}) == 3321


def test_national_type_counts_by_name(units):
    _, communes = units
    counts = Counter(classify(c.name, COMMUNE_LEVEL).concept.rsplit("/", 1)[1] for c in communes)
    assert counts == {"commune": 2621, "ward": 687, "special-zone": 13}


def test_hai_phong_has_the_articles_114_units(units):
    _, communes = units
    hai_phong = [c for c in communes if c.province_code == "31"]
    counts = Counter(classify(c.name, COMMUNE_LEVEL).concept.rsplit("/", 1)[1] for c in hai_phong)
    assert counts == {"ward": 45, "commune": 67, "special-zone": 2}
    special = sorted((c.code, c.name) for c in hai_phong if c.name.startswith("Đặc khu"))
    assert special == [("11914", "Đặc khu Cát Hải"), ("11948", "Đặc khu Bạch Long Vĩ")]


def test_source_type_errors_are_reported_and_typed_by_name(units):
    _, communes = units
    lines = type_disagreements(communes)
    assert [line.split()[0] for line in lines] == ["10543", "11848", "31213", "31299"]


def test_province_codes_match_the_resolutions_table(units):
    import csv
    from govgraph import resources

    with open(resources.data_dir() / "reference" / "resolutions-2025.csv", encoding="utf-8") as handle:
        table = {row["province_code"]: row["province_name"] for row in csv.DictReader(handle)}
    provinces, _ = units
    assert {p.code: p.name for p in provinces} == table


def test_quads_of_a_graph_are_the_triples_changes_make(units):
    """The generated graph's statements (quads made directly) and the triples reference/changes.py makes from the
    same unit helper agree, term for term."""
    provinces, communes = units
    graph = iri("https://w3id.org/govgraph/graph/reference")
    for record, quads in [(provinces[0], province_quads), (communes[0], commune_quads)]:
        made = list(quads(record, graph))
        assert {q.graph_name for q in made} == {graph}
        subject = made[0].subject
        fields = dict(cls=made[0].object.value, level=made[1].object.value, unit_type=made[2].object.value,
                      code=record.code, name=record.name, short_name=record.short_name, lat=record.lat, lon=record.lon)
        triples = list(_unit(subject, **fields))
        assert [ox.Triple(q.subject, q.predicate, q.object) for q in made[:len(triples)]] == triples
