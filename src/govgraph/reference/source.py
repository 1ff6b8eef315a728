"""Read the data files of the pinned ``vietnamadminunits==1.0.4`` package.

Only its data files are read: importing the package's modules would set up a network geocoder. The files
are located through the installed distribution's metadata, which imports nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from govgraph.errors import InputError

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


def read_current_units(database: Path | None = None) -> tuple[list[ProvinceRecord], list[CommuneRecord]]:
    """The 34 province-level and 3,321 commune-level units in force since 1 July 2025, ordered by code."""
    database = database or data_file("dataset.db")
    with _connect(database) as connection:
        rows = connection.execute(
            "SELECT provinceCode, province, provinceShort, provinceLat, provinceLon, "
            "wardCode, ward, wardShort, wardType, wardLat, wardLon, wardAreaKm2 "
            "FROM admin_units ORDER BY provinceCode, wardCode"
        ).fetchall()
    provinces: dict[str, ProvinceRecord] = {}
    communes: list[CommuneRecord] = []
    for (p_code, p_name, p_short, p_lat, p_lon, code, name, short, type_name, lat, lon, area) in rows:
        provinces.setdefault(p_code, ProvinceRecord(p_code, p_name, p_short, p_lat, p_lon))
        communes.append(CommuneRecord(code, name, short, type_name, p_code, lat, lon, area))
    return list(provinces.values()), communes
