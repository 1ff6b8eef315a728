"""The legal basis of the 2025 reorganisation: one NQ-UBTVQH15 resolution per new province
(``data/reference/resolutions-2025.csv``) and Resolution 202/2025/QH15 for the province mergers."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from govgraph import resources
from govgraph.errors import InputError

RESOLUTIONS_FILE = "reference/resolutions-2025.csv"
COLUMNS = ("province_code", "province_name", "resolution", "issuing_body", "adopted", "effective")


@dataclass(frozen=True)
class Resolution:
    """A legal act of the reorganisation: number, issuing body, day adopted, day in force (None: not in our sources)."""

    number: str
    issuing_body: str
    adopted: str
    effective: str | None


# The province mergers' basis, as the design brief records it: adopted 12 June 2025; the new provinces began
# on 1 July 2025 (the resolution's own entry-into-force date is not in our sources).
PROVINCE_MERGERS = Resolution("202/2025/QH15", "Quốc hội", "2025-06-12", None)


def read_resolutions(path: Path | None = None) -> dict[str, Resolution]:
    """The resolution of each new province-level unit, by province code."""
    path = path or resources.data_dir() / RESOLUTIONS_FILE
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise InputError(f"expected the columns {', '.join(COLUMNS)}", path=path, line=1)
        return {row["province_code"]: Resolution(row["resolution"], row["issuing_body"], row["adopted"],
                                                 row["effective"])
                for row in reader}
