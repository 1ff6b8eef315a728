"""Generate the national two-tier structure: 34 province-level and 3,321 commune-level unit versions.

Every unit version gets its IRI (official code plus the day it began), class, level and type concepts,
official code, Vietnamese name, parent, validity, coordinates and area where the source has them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from govgraph.namespaces import GG, LEVEL, WGS84, unit_iri
from govgraph.reference.source import TWO_TIER_START, CommuneRecord, ProvinceRecord
from govgraph.reference.terms import RDF_TYPE, RDFS_LABEL, date, decimal, iri, string, vi
from govgraph.reference.organs import organs_of
from govgraph.reference.types import COMMUNE_LEVEL, PROVINCE_LEVEL, classify, name_notes

SKOS_ALT_LABEL = iri("http://www.w3.org/2004/02/skos/core#altLabel")


def type_disagreements(communes: list[CommuneRecord]) -> list[str]:
    """One line per unit whose source name or type field needed correcting (see :func:`name_notes`)."""
    return [note for record in communes
            for note in name_notes(record.code, record.name, record.type_name, COMMUNE_LEVEL)]


def _unit(subject: ox.NamedNode, *, cls: str, level: str, unit_type: str, code: str, name: str,
          short_name: str, lat: float | None, lon: float | None,
          valid_from: str = TWO_TIER_START) -> Iterator[ox.Triple]:
    yield ox.Triple(subject, RDF_TYPE, iri(cls))
    yield ox.Triple(subject, iri(GG.level), iri(level))
    yield ox.Triple(subject, iri(GG.unitType), iri(unit_type))
    yield ox.Triple(subject, iri(GG.officialCode), string(code))
    yield ox.Triple(subject, RDFS_LABEL, vi(name))
    yield ox.Triple(subject, SKOS_ALT_LABEL, vi(short_name))
    yield ox.Triple(subject, iri(GG.validFrom), date(valid_from))
    if lat is not None and lon is not None:
        yield ox.Triple(subject, iri(WGS84.lat), decimal(lat))
        yield ox.Triple(subject, iri(WGS84.long), decimal(lon))


def province_triples(record: ProvinceRecord) -> Iterator[ox.Triple]:
    """The triples of one province-level unit version and its organs."""
    subject = iri(unit_iri(record.code, TWO_TIER_START))
    unit_type = classify(record.name, PROVINCE_LEVEL)
    yield from _unit(subject, cls=unit_type.cls, level=LEVEL.province, unit_type=unit_type.concept, code=record.code,
                     name=record.name, short_name=record.short_name, lat=record.lat, lon=record.lon)
    yield from organs_of(subject, record.name)


def commune_triples(record: CommuneRecord) -> Iterator[ox.Triple]:
    """The triples of one commune-level unit version and its organs."""
    subject = iri(unit_iri(record.code, TWO_TIER_START))
    unit_type = classify(record.name, COMMUNE_LEVEL)
    yield from _unit(subject, cls=unit_type.cls, level=LEVEL.commune, unit_type=unit_type.concept, code=record.code,
                     name=record.name, short_name=record.short_name, lat=record.lat, lon=record.lon)
    yield ox.Triple(subject, iri(GG.parentUnit), iri(unit_iri(record.province_code, TWO_TIER_START)))
    if record.area_km2:  # the source writes 0 where it has no area
        yield ox.Triple(subject, iri(GG.areaKm2), decimal(record.area_km2))
    yield from organs_of(subject, record.name)


def structure_triples(provinces: list[ProvinceRecord], communes: list[CommuneRecord]) -> Iterator[ox.Triple]:
    """All triples of the current national structure."""
    for province in provinces:
        yield from province_triples(province)
    for commune in communes:
        yield from commune_triples(commune)
