"""Unit types by name prefix: an official Vietnamese unit name begins with its type ("Phường Hồng Hà").

The name is authoritative: ``vietnamadminunits`` 1.0.4 gives the wrong type field for 4 units whose names (and
``vietnam-provinces``) agree on the type; see :func:`govgraph.reference.structure.type_disagreements`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from govgraph.namespaces import GG, UNIT_TYPE


class UnitType(NamedTuple):
    """A type of unit: the word its official names begin with, its ontology class and its SKOS concept."""

    prefix: str  # as the name spells it, e.g. "Đặc khu"
    cls: str  # the ontology class
    concept: str  # the SKOS concept of the unit-type scheme


PROVINCE_LEVEL = (
    UnitType("Tỉnh", GG.Province, UNIT_TYPE["province"]),
    UnitType("Thành phố", GG.CentrallyRunCity, UNIT_TYPE["centrally-run-city"]),
)
DISTRICT_LEVEL = (
    UnitType("Huyện", GG.RuralDistrict, UNIT_TYPE["rural-district"]),
    UnitType("Quận", GG.UrbanDistrict, UNIT_TYPE["urban-district"]),
    UnitType("Thị xã", GG.DistrictLevelTown, UNIT_TYPE["district-level-town"]),
    UnitType("Thành phố", GG.DistrictLevelCity, UNIT_TYPE["district-level-city"]),
)
COMMUNE_LEVEL = (
    UnitType("Xã", GG.Commune, UNIT_TYPE["commune"]),
    UnitType("Phường", GG.Ward, UNIT_TYPE["ward"]),
    UnitType("Đặc khu", GG.SpecialZone, UNIT_TYPE["special-zone"]),
    UnitType("Thị trấn", GG.Township, UNIT_TYPE["township"]),
)


def classify(name: str, types: tuple[UnitType, ...]) -> UnitType:
    """The type of a unit of one level, from its official name's prefix (in any letter case).

    >>> classify("Phường Việt Hòa", COMMUNE_LEVEL).cls.rsplit("#", 1)[1]
    'Ward'
    >>> classify("Thành Phố Bắc Kạn", DISTRICT_LEVEL).prefix
    'Thành phố'
    """
    folded = name.casefold()
    for unit_type in types:
        if folded.startswith(unit_type.prefix.casefold() + " "):
            return unit_type
    raise ValueError(f"unit name without a known type prefix: {name!r}")


@lru_cache(maxsize=None)  # the source repeats each province and district name on every commune's row
def without_doubled_type_word(name: str, types: tuple[UnitType, ...]) -> str:
    """The name with a type word the source wrote twice written once ("Phường Phường Đúc" -> "Phường Đúc").

    >>> without_doubled_type_word("Phường Phường Đúc", COMMUNE_LEVEL)
    'Phường Đúc'
    >>> without_doubled_type_word("Xã Phường Hai", COMMUNE_LEVEL)  # a different word after the type is kept
    'Xã Phường Hai'
    """
    folded = name.casefold()
    for unit_type in types:
        prefix = unit_type.prefix.casefold() + " "
        while folded.startswith(prefix + prefix):
            name, folded = name[len(prefix):], folded[len(prefix):]
    return name


def repeats_type_word(name: str, types: tuple[UnitType, ...]) -> bool:
    """Whether a name begins with its type word twice.

    >>> repeats_type_word("Phường Phường Đúc", COMMUNE_LEVEL), repeats_type_word("Phường Đúc", COMMUNE_LEVEL)
    (True, False)
    """
    return without_doubled_type_word(name, types) != name


def standard_name(name: str, unit_type: UnitType) -> str:
    """The name with its type prefix in the standard spelling (the source capitalises a few).

    >>> standard_name("Thị Trấn Prao", COMMUNE_LEVEL[3])
    'Thị trấn Prao'
    """
    return unit_type.prefix + name[len(unit_type.prefix):]


def name_notes(code: str, name: str, type_field: str | None, types: tuple[UnitType, ...]) -> list[str]:
    """What the build reports about one source name: a non-standard prefix, or a type field it contradicts."""
    unit_type = classify(name, types)
    notes = []
    if not name.startswith(unit_type.prefix + " "):
        notes.append(f"{code} {name!r}: written {standard_name(name, unit_type)!r}")
    if type_field and type_field != unit_type.prefix:
        notes.append(f"{code} {name}: source type {type_field!r}, name says {unit_type.prefix!r}; typed by name")
    return notes
