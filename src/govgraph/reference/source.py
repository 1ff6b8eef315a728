"""Read the data files of the pinned ``vietnamadminunits==1.0.4`` package.

Only its data files are read: importing the package's modules would set up a network geocoder. The files
are located through the installed distribution's metadata, which imports nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from govgraph import resources
from govgraph.errors import InputError
from govgraph.reference.overrides import OVERRIDES_FILE, apply_overrides, read_overrides
from govgraph.reference.types import COMMUNE_LEVEL, DISTRICT_LEVEL, PROVINCE_LEVEL, without_doubled_type_word

PACKAGE = "vietnamadminunits"
PINNED_VERSION = "1.0.4"
TWO_TIER_START = "2025-07-01"


@dataclass(frozen=True)
class ProvinceRecord:
    """A province-level unit in force since 1 July 2025."""

    code: str
    name: str
    short_name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class CommuneRecord:
    """A commune-level unit in force since 1 July 2025."""

    code: str
    name: str
    short_name: str
    type_name: str  # "Xã", "Phường" or "Đặc khu", as the data file spells it
    province_code: str
    lat: float | None
    lon: float | None
    area_km2: float | None


def data_file(name: str) -> Path:
    """The path of one data file of the installed, pinned source package."""
    try:
        dist = distribution(PACKAGE)
    except PackageNotFoundError:
        raise InputError(f"the source data package {PACKAGE} is not installed",
                         hint=f"pip install {PACKAGE}=={PINNED_VERSION}") from None
    if dist.version != PINNED_VERSION:
        raise InputError(f"{PACKAGE} {dist.version} is installed but govgraph is built from {PINNED_VERSION}",
                         hint=f"pip install {PACKAGE}=={PINNED_VERSION}")
    path = Path(dist.locate_file(f"{PACKAGE}/data/{name}"))
    if not path.is_file():
        raise InputError(f"the data file {name} is missing from {PACKAGE}", path=path)
    return path


def _connect(database: Path) -> sqlite3.Connection:
    # Read-only: the build must never modify the installed package's data.
    return sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)


def _query(database: Path | None, sql: str) -> list[tuple]:
    """The rows of one query on the pinned package's ``dataset.db`` (or another copy of it)."""
    with _connect(database or data_file("dataset.db")) as connection:
        return connection.execute(sql).fetchall()


def read_current_units(database: Path | None = None) -> tuple[list[ProvinceRecord], list[CommuneRecord]]:
    """The 34 province-level and 3,321 commune-level units in force since 1 July 2025, ordered by code."""
    rows = _query(database, "SELECT provinceCode, province, provinceShort, provinceLat, provinceLon, "
                            "wardCode, ward, wardShort, wardType, wardLat, wardLon, wardAreaKm2 "
                            "FROM admin_units ORDER BY provinceCode, wardCode")
    provinces: dict[str, ProvinceRecord] = {}
    communes: list[CommuneRecord] = []
    for (p_code, p_name, p_short, p_lat, p_lon, code, name, short, type_name, lat, lon, area) in rows:
        provinces.setdefault(p_code, ProvinceRecord(p_code, without_doubled_type_word(p_name, PROVINCE_LEVEL),
                                                    p_short, p_lat, p_lon))
        communes.append(CommuneRecord(code, without_doubled_type_word(name, COMMUNE_LEVEL), short, type_name, p_code,
                                      lat, lon, area))
    return list(provinces.values()), communes


@dataclass(frozen=True)
class FormerUnit:
    """A unit in force until 30 June 2025: a province, a district, or a commune, ward or township."""

    code: str
    name: str
    short_name: str
    level: str  # "province", "district" or "commune"
    parent_code: str | None
    type_name: str | None  # the source's type field, where it has one
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class FormerStructure:
    """The 63 / 696 / 10,035 former units, and the source's keys for them (the converter refers to keys)."""

    units: list[FormerUnit]
    code_by_key: dict[str, str]  # "province_district_ward" key (ward part empty for a district) -> code
    province_code_by_key: dict[str, str]


def read_former_units(database: Path | None = None) -> FormerStructure:
    """The structure in force until 30 June 2025, ordered by level and code."""
    rows = _query(database, "SELECT provinceCode, province, provinceShort, provinceKey, provinceLat, provinceLon, "
                            "districtCode, district, districtShort, districtKey, districtType, districtLat, districtLon, "
                            "wardCode, ward, wardShort, wardKey, wardType, wardLat, wardLon "
                            "FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode")
    provinces: dict[str, FormerUnit] = {}
    districts: dict[str, FormerUnit] = {}
    communes: list[FormerUnit] = []
    code_by_key: dict[str, str] = {}
    province_code_by_key: dict[str, str] = {}
    for (p_code, p_name, p_short, p_key, p_lat, p_lon, d_code, d_name, d_short, d_key, d_type, d_lat, d_lon,
         w_code, w_name, w_short, w_key, w_type, w_lat, w_lon) in rows:
        p_name = without_doubled_type_word(p_name, PROVINCE_LEVEL)
        d_name = without_doubled_type_word(d_name, DISTRICT_LEVEL)
        provinces.setdefault(p_code, FormerUnit(p_code, p_name, p_short, "province", None, None, p_lat, p_lon))
        districts.setdefault(d_code, FormerUnit(d_code, d_name, d_short, "district", p_code, d_type, d_lat, d_lon))
        province_code_by_key[p_key] = p_code
        if w_code:
            w_name = without_doubled_type_word(w_name, COMMUNE_LEVEL)  # the source writes "Phường Phường Đúc" once
            communes.append(FormerUnit(w_code, w_name, w_short, "commune", d_code, w_type, w_lat, w_lon))
            code_by_key[f"{p_key}_{d_key}_{w_key}"] = w_code
        else:  # an island district with no communes: the converter names it with an empty ward part
            code_by_key[f"{p_key}_{d_key}_"] = d_code
    return FormerStructure([*provinces.values(), *districts.values(), *communes], code_by_key, province_code_by_key)


@dataclass(frozen=True)
class Conversion:
    """How the former units became the new ones, by code: whole transfers and splits."""

    provinces: dict[str, list[str]]  # new province code -> former province codes
    whole: dict[str, list[str]]  # new unit code -> former unit codes that went into it whole
    split: dict[str, list[str]]  # former unit code -> the new unit codes it was divided among


def read_conversion(former: FormerStructure, database: Path | None = None,
                    converter: Path | None = None, overrides: Path | None = None) -> Conversion:
    """Read ``converter_2025.json``, resolving its keys to official codes (an unknown key is an error).

    The reviewed corrections of ``data/reference/lineage-overrides-2025.csv`` (or ``overrides``) are applied:
    see :mod:`govgraph.reference.overrides`.
    """
    converter = converter or data_file("converter_2025.json")
    new_codes = {(p, w): code
                 for p, w, code in _query(database, "SELECT provinceKey, wardKey, wardCode FROM admin_units")}
    new_province_codes = dict(_query(database, "SELECT DISTINCT provinceKey, provinceCode FROM admin_units"))
    document = json.loads(converter.read_text(encoding="utf-8"))

    def lookup(table: dict, key, what: str) -> str:
        try:
            return table[key]
        except KeyError:
            raise InputError(f"the converter names an unknown {what} {key!r}", path=converter) from None

    provinces = {lookup(new_province_codes, new, "new province"):
                 [lookup(former.province_code_by_key, old, "former province") for old in olds]
                 for new, olds in document["DICT_PROVINCE"].items()}
    whole = {lookup(new_codes, (p, ward), "new unit"): [lookup(former.code_by_key, old, "former unit") for old in olds]
             for p, wards in document["DICT_PROVINCE_WARD_NO_DIVIDED"].items() for ward, olds in wards.items()}
    split = {lookup(former.code_by_key, old, "former unit"):
             [lookup(new_codes, (p, part["newWardKey"]), "new unit") for part in parts]
             for p, olds in document["DICT_PROVINCE_WARD_DIVIDED"].items() for old, parts in olds.items()}
    overrides = overrides or resources.data_dir() / OVERRIDES_FILE
    return apply_overrides(Conversion(provinces, whole, split), former, read_overrides(overrides), overrides)
