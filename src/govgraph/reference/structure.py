"""Generate the national two-tier structure: 34 province-level and 3,321 commune-level unit versions.

Every unit version gets its IRI (official code plus the day it began), class, level and type concepts,
official code, Vietnamese name, parent, validity, coordinates and area where the source has them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

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


# Terms made once, not per statement (a ``GG.x`` lookup and a new NamedNode for each of the graph's 144,000
# statements cost more than the rest), and statements made as quads of their graph directly (not as triples
# rewrapped: a pyoxigraph term is copied each time it goes into a new triple or quad).
_LEVEL, _UNIT_TYPE, _CODE, _VALID_FROM = iri(GG.level), iri(GG.unitType), iri(GG.officialCode), iri(GG.validFrom)
_PARENT, _AREA, _LAT, _LONG = iri(GG.parentUnit), iri(GG.areaKm2), iri(WGS84.lat), iri(WGS84.long)
_term = lru_cache(maxsize=256)(iri)  # classes, levels and type concepts: a few dozen
_date = lru_cache(maxsize=256)(date)  # the days versions begin: a few


def _unit(subject: ox.NamedNode, *, cls: str, level: str, unit_type: str, code: str, name: str,
          short_name: str, lat: float | None, lon: float | None, valid_from: str = TWO_TIER_START,
          graph: ox.NamedNode | None = None) -> Iterator[ox.Triple] | Iterator[ox.Quad]:
    """The statements about one unit version: triples, or quads of ``graph`` if one is given."""
    statement = ox.Triple if graph is None else (lambda s, p, o: ox.Quad(s, p, o, graph))
    yield statement(subject, RDF_TYPE, _term(cls))
    yield statement(subject, _LEVEL, _term(level))
    yield statement(subject, _UNIT_TYPE, _term(unit_type))
    yield statement(subject, _CODE, string(code))
    yield statement(subject, RDFS_LABEL, vi(name))
    yield statement(subject, SKOS_ALT_LABEL, vi(short_name))
    yield statement(subject, _VALID_FROM, _date(valid_from))
    if lat is not None and lon is not None:
        yield statement(subject, _LAT, decimal(lat))
        yield statement(subject, _LONG, decimal(lon))


def _organs(subject: ox.NamedNode, name: str, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    for triple in organs_of(subject, name):
        yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def province_quads(record: ProvinceRecord, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The statements about one province-level unit version and its organs, in ``graph``."""
    subject = iri(unit_iri(record.code, TWO_TIER_START))
    unit_type = classify(record.name, PROVINCE_LEVEL)
    yield from _unit(subject, cls=unit_type.cls, level=LEVEL.province, unit_type=unit_type.concept, code=record.code,
                     name=record.name, short_name=record.short_name, lat=record.lat, lon=record.lon, graph=graph)
    yield from _organs(subject, record.name, graph)


def commune_quads(record: CommuneRecord, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The statements about one commune-level unit version and its organs, in ``graph``."""
    subject = iri(unit_iri(record.code, TWO_TIER_START))
    unit_type = classify(record.name, COMMUNE_LEVEL)
    yield from _unit(subject, cls=unit_type.cls, level=LEVEL.commune, unit_type=unit_type.concept, code=record.code,
                     name=record.name, short_name=record.short_name, lat=record.lat, lon=record.lon, graph=graph)
    yield ox.Quad(subject, _PARENT, iri(unit_iri(record.province_code, TWO_TIER_START)), graph)
    if record.area_km2:  # the source writes 0 where it has no area
        yield ox.Quad(subject, _AREA, decimal(record.area_km2), graph)
    yield from _organs(subject, record.name, graph)


def structure_quads(provinces: list[ProvinceRecord], communes: list[CommuneRecord],
                    graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """All statements of the current national structure, in ``graph``.

    >>> from govgraph.reference.source import ProvinceRecord
    >>> hai_phong = ProvinceRecord("31", "Thành phố Hải Phòng", "Hải Phòng", None, None)
    >>> quads = list(structure_quads([hai_phong], [], iri("https://w3id.org/govgraph/graph/reference")))
    >>> quads[0].subject.value, quads[0].object.value.rsplit("#", 1)[1], quads[0].graph_name.value
    ('https://w3id.org/govgraph/id/unit/31/2025-07-01', 'CentrallyRunCity', 'https://w3id.org/govgraph/graph/reference')
    """
    for province in provinces:
        yield from province_quads(province, graph)
    for commune in communes:
        yield from commune_quads(commune, graph)
