"""Generate the history: the structure in force until 30 June 2025 and the reorganisation that replaced it.

- 63 former provinces, 696 former districts and 10,035 former communes, wards and townships, each a unit
  version ``unit/{code}/until-2025-06-30`` valid until 30 June 2025 (the source records no start dates);
- one reorganisation event per new unit (34 province-level, 3,321 commune-level), effective 1 July 2025, with
  its legal basis and one transfer per predecessor, whole or partial.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from govgraph.namespaces import FORMER_VERSION, GG, ID, LEVEL, M8G, WGS84, unit_iri
from govgraph.reference.resolutions import PROVINCE_MERGERS, Resolution
from govgraph.reference.source import TWO_TIER_START, Conversion, FormerUnit
from govgraph.reference.terms import RDF_TYPE, RDFS_LABEL, date, decimal, en, iri, string, vi
from govgraph.reference.types import COMMUNE_LEVEL, DISTRICT_LEVEL, PROVINCE_LEVEL, classify, name_notes, standard_name

FORMER_UNTIL = "2025-06-30"
SKOS_ALT_LABEL = iri("http://www.w3.org/2004/02/skos/core#altLabel")
TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
FALSE = ox.Literal("false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
LEVEL_TYPES = {"province": PROVINCE_LEVEL, "district": DISTRICT_LEVEL, "commune": COMMUNE_LEVEL}
# Terms made once, not per statement: a ``GG.x`` lookup (rdflib) and a new NamedNode for each of the graph's
# 185,000 statements cost a third of generating it. Statements are made as quads of their graph directly: a
# triple rewrapped into a quad copies its three terms again.
_LEVELS = {level: iri(LEVEL[level]) for level in LEVEL_TYPES}
_CLASSES = {t: iri(t) for types in LEVEL_TYPES.values() for u in types for t in (u.cls, u.concept)}
_LEVEL, _UNIT_TYPE, _CODE, _PARENT = iri(GG.level), iri(GG.unitType), iri(GG.officialCode), iri(GG.parentUnit)
_VALID_UNTIL, _UNTIL, _LAT, _LONG = iri(GG.validUntil), date(FORMER_UNTIL), iri(WGS84.lat), iri(WGS84.long)
_EVENT, _RESULTING, _FRAMEWORK = iri(GG.ReorganisationEvent), iri(GG.resultingUnit), iri(M8G.hasFormalFramework)
_ADOPTED, _EFFECTIVE, _START = iri(GG.adoptedOn), iri(GG.effectiveOn), date(TWO_TIER_START)
_TRANSFER, _TRANSFER_OF, _FROM, _TO, _WHOLE = (iri(GG.Transfer), iri(GG.transferOf), iri(GG.fromUnit),
                                               iri(GG.toUnit), iri(GG.whole))


def former_name_notes(former: list[FormerUnit]) -> list[str]:
    """What the build reports about the former units' source names (see :func:`name_notes`)."""
    return [note for unit in former
            for note in name_notes(unit.code, unit.name, unit.type_name if unit.level == "commune" else None,
                                   LEVEL_TYPES[unit.level])]


def former_iri(code: str) -> ox.NamedNode:
    """The IRI of a unit version in force until 30 June 2025.

    >>> former_iri("31").value
    'https://w3id.org/govgraph/id/unit/31/until-2025-06-30'
    """
    return iri(unit_iri(code, FORMER_VERSION))


def new_iri(code: str) -> ox.NamedNode:
    """The IRI of a unit of the two-tier structure (in force from 1 July 2025), from its code."""
    return iri(unit_iri(code, TWO_TIER_START))


def legal_act_iri(number: str) -> ox.NamedNode:
    """The IRI of a legal act, from its number.

    >>> legal_act_iri("1669/NQ-UBTVQH15").value
    'https://w3id.org/govgraph/id/legal-act/1669-NQ-UBTVQH15'
    """
    return iri(f"{ID}legal-act/{number.replace('/', '-')}")


def former_unit_quads(unit: FormerUnit, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The statements about a unit in force until 30 June 2025, in ``graph``: type, level, code, names, parent,
    place."""
    subject = former_iri(unit.code)
    unit_type = classify(unit.name, LEVEL_TYPES[unit.level])
    yield ox.Quad(subject, RDF_TYPE, _CLASSES[unit_type.cls], graph)
    yield ox.Quad(subject, _LEVEL, _LEVELS[unit.level], graph)
    yield ox.Quad(subject, _UNIT_TYPE, _CLASSES[unit_type.concept], graph)
    yield ox.Quad(subject, _CODE, string(unit.code), graph)
    yield ox.Quad(subject, RDFS_LABEL, vi(standard_name(unit.name, unit_type)), graph)
    yield ox.Quad(subject, SKOS_ALT_LABEL, vi(unit.short_name), graph)
    yield ox.Quad(subject, _VALID_UNTIL, _UNTIL, graph)
    if unit.parent_code:
        yield ox.Quad(subject, _PARENT, former_iri(unit.parent_code), graph)
    if unit.lat is not None and unit.lon is not None:
        yield ox.Quad(subject, _LAT, decimal(unit.lat), graph)
        yield ox.Quad(subject, _LONG, decimal(unit.lon), graph)


def legal_act_triples(resolution: Resolution) -> Iterator[ox.Triple]:
    """The statements about a resolution as a legal act: type, labels, number, issuing body and dates."""
    subject = legal_act_iri(resolution.number)
    yield ox.Triple(subject, RDF_TYPE, iri(GG.LegalAct))
    yield ox.Triple(subject, RDFS_LABEL, vi(f"Nghị quyết số {resolution.number}"))
    yield ox.Triple(subject, RDFS_LABEL, en(f"Resolution {resolution.number}"))
    yield ox.Triple(subject, iri(GG.actNumber), string(resolution.number))
    yield ox.Triple(subject, iri(GG.issuedBy), vi(resolution.issuing_body))
    yield ox.Triple(subject, iri(GG.adoptedOn), date(resolution.adopted))
    if resolution.effective:
        yield ox.Triple(subject, iri(GG.effectiveOn), date(resolution.effective))


def event_quads(new_code: str, new_name: str, basis: Resolution, predecessors: list[tuple[str, bool]],
                graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The event that formed one new unit, in ``graph``: its basis and one transfer per (former code, whole?)."""
    event = iri(f"{ID}event/{new_code}/{TWO_TIER_START}")
    resulting = new_iri(new_code)
    yield ox.Quad(event, RDF_TYPE, _EVENT, graph)
    yield ox.Quad(event, RDFS_LABEL, vi(f"Thành lập {new_name} từ ngày 1/7/2025"), graph)
    yield ox.Quad(event, RDFS_LABEL, en(f"Formation of {new_name}, 1 July 2025"), graph)
    yield ox.Quad(event, _RESULTING, resulting, graph)
    yield ox.Quad(event, _FRAMEWORK, legal_act_iri(basis.number), graph)
    yield ox.Quad(event, _ADOPTED, date(basis.adopted), graph)
    yield ox.Quad(event, _EFFECTIVE, _START, graph)
    for old_code, whole in predecessors:
        transfer = iri(f"{ID}transfer/{old_code}/{new_code}/{TWO_TIER_START}")
        yield ox.Quad(transfer, RDF_TYPE, _TRANSFER, graph)
        yield ox.Quad(transfer, _TRANSFER_OF, event, graph)
        yield ox.Quad(transfer, _FROM, former_iri(old_code), graph)
        yield ox.Quad(transfer, _TO, resulting, graph)
        yield ox.Quad(transfer, _WHOLE, TRUE if whole else FALSE, graph)


def predecessors_by_new_unit(conversion: Conversion) -> dict[str, list[tuple[str, bool]]]:
    """For each new commune-level unit, its predecessors as (former code, whole?), in code order."""
    found: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for new_code, olds in conversion.whole.items():
        found[new_code].extend((old, True) for old in olds)
    for old_code, news in conversion.split.items():
        for new_code in news:
            found[new_code].append((old_code, False))
    return {code: sorted(items) for code, items in found.items()}


def history_quads(former: list[FormerUnit], conversion: Conversion, new_names: dict[str, str],
                 resolutions: dict[str, Resolution], new_parent: dict[str, str],
                 graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """All statements of the history graph, in ``graph``.

    ``new_names`` maps every new unit's code to its name; ``new_parent`` each new commune-level unit's code to
    its province code, whose resolution is the commune's legal basis.
    """
    for unit in former:
        yield from former_unit_quads(unit, graph)
    for resolution in [PROVINCE_MERGERS, *resolutions.values()]:
        yield from (ox.Quad(t.subject, t.predicate, t.object, graph) for t in legal_act_triples(resolution))
    for new_code, olds in sorted(conversion.provinces.items()):
        yield from event_quads(new_code, new_names[new_code], PROVINCE_MERGERS, [(old, True) for old in olds], graph)
    for new_code, predecessors in sorted(predecessors_by_new_unit(conversion).items()):
        yield from event_quads(new_code, new_names[new_code], resolutions[new_parent[new_code]], predecessors, graph)
