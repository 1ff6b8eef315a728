"""Corrections to the 2025 lineage of the pinned converter data, each citing the resolution that contradicts it.

The converter (``converter_2025.json`` of ``vietnamadminunits==1.0.4``) confuses some namesakes: two former units
of one new province with the same name are both sent to both namesakes' destinations, flagged partial. The
resolutions 1654-1687/NQ-UBTVQH15 are the authority; ``data/reference/lineage-overrides-2025.csv`` holds one
reviewed row per former unit whose destinations the resolution of its province contradicts:

- ``former_code``, ``former_name``: the former unit and its name as the source gives it, with its district;
- ``wrong_destination_codes``: the new units the converter sends it to (``;``-separated), checked at every build,
  so that a new converter version that changes them stops the build instead of being silently overridden;
- ``correct_destination_codes``, ``whole``: the new units the resolution sends it to, and whether it went whole
  into one of them (``true``) or was divided among two or more (``false``);
- ``resolution``, ``clause``: the NQ-UBTVQH15 number and the article and clauses read;
- ``source_url``, ``publisher``, ``read``: where the text was read, by whom it is published, and when;
- ``note``: what the clause says, in the reviewer's own words.

The rows are applied where the converter is read (:func:`govgraph.reference.source.read_conversion`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from govgraph import resources
from govgraph.errors import InputError
from govgraph.namespaces import GG, ID
from govgraph.reference.terms import RDF_TYPE, RDFS_LABEL, date as date_literal, en, iri, string

if TYPE_CHECKING:  # imported for type hints only: source.py imports this module
    from collections.abc import Iterator

    from govgraph.reference.source import Conversion, FormerStructure

OVERRIDES_FILE = "reference/lineage-overrides-2025.csv"
COLUMNS = ("former_code", "former_name", "wrong_destination_codes", "correct_destination_codes", "whole",
           "resolution", "clause", "source_url", "publisher", "read", "note")
COMMUNE_CODE = re.compile(r"\d{5}")
RESOLUTION = re.compile(r"(\d{4})/NQ-UBTVQH15")
CLAUSE = re.compile(r"Điều \d+, (khoản|điểm) \S.*")
TWO_TIER_START = "2025-07-01"  # as in source.py, which imports this module
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
SKOS_NOTE = "http://www.w3.org/2004/02/skos/core#note"


@dataclass(frozen=True)
class Override:
    """One reviewed correction: the converter sends ``former_code`` to ``wrong``; the resolution to ``correct``."""

    former_code: str
    former_name: str
    wrong: tuple[str, ...]
    correct: tuple[str, ...]
    whole: bool
    resolution: str
    clause: str
    source_url: str
    publisher: str
    read: str
    note: str
    line: int


def codes(text: str) -> tuple[str, ...]:
    """A ``;``-separated list of 5-digit commune-level codes (empty when one is malformed or repeated).

    >>> codes("10843;10804")
    ('10843', '10804')
    >>> codes("10843;1084"), codes("10843;10843")
    ((), ())
    """
    parts = tuple(part.strip() for part in text.split(";"))
    if not all(COMMUNE_CODE.fullmatch(part) for part in parts) or len(set(parts)) != len(parts):
        return ()
    return parts


def _row_problem(row: dict[str, str]) -> str | None:
    """What is wrong with one row on its own, or None."""
    if any(row.get(column) is None for column in COLUMNS):
        return "the row has fewer fields than the header"
    if None in row:
        return "the row has more fields than the header (quote a field that holds a comma)"
    values = {column: row[column].strip() for column in COLUMNS}
    empty = [column for column in COLUMNS if not values[column]]
    if empty:
        return f"{', '.join(empty)} must not be empty"
    if not COMMUNE_CODE.fullmatch(values["former_code"]):
        return f"former_code {values['former_code']!r} is not a 5-digit commune-level code"
    for column in ("wrong_destination_codes", "correct_destination_codes"):
        if not codes(values[column]):
            return f"{column} {values[column]!r} is not a ';'-separated list of distinct 5-digit codes"
    if values["whole"] not in ("true", "false"):
        return f"whole must be true or false, not {values['whole']!r}"
    correct = codes(values["correct_destination_codes"])
    if values["whole"] == "true" and len(correct) != 1:
        return "a unit that went whole has exactly one correct destination"
    if values["whole"] == "false" and len(correct) < 2:
        return "a divided unit has at least two correct destinations (else set whole to true)"
    if set(correct) == set(codes(values["wrong_destination_codes"])) and values["whole"] == "false":
        return "the correct destinations are the converter's: the row corrects nothing"
    number = RESOLUTION.fullmatch(values["resolution"])
    if not number or not 1654 <= int(number.group(1)) <= 1687:
        return f"resolution {values['resolution']!r} is not one of 1654-1687/NQ-UBTVQH15"
    if not CLAUSE.fullmatch(values["clause"]):
        return f"clause {values['clause']!r} must name the article and clause, e.g. 'Điều 1, khoản 63'"
    if not values["source_url"].startswith(("https://", "http://")):
        return f"source_url {values['source_url']!r} is not a web address"
    try:
        date.fromisoformat(values["read"])
    except ValueError:
        return f"read {values['read']!r} is not a date (YYYY-MM-DD)"
    return None


def read_overrides(path: Path | None = None) -> list[Override]:
    """The rows of the override table, each checked on its own (a malformed row is an error naming its line)."""
    path = path or resources.data_dir() / OVERRIDES_FILE
    found: list[Override] = []
    seen: dict[str, int] = {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
        raise InputError(f"cannot read the lineage corrections: {reason}", path=path) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise InputError(f"expected the columns {', '.join(COLUMNS)}", path=path, line=1)
        for row in reader:
            line = reader.line_num
            problem = _row_problem(row)
            if problem:
                raise InputError(problem, path=path, line=line)
            code = row["former_code"].strip()
            if code in seen:
                raise InputError(f"former unit {code} is corrected twice (first at line {seen[code]})",
                                 path=path, line=line, hint="keep one row per former unit")
            seen[code] = line
            found.append(Override(code, row["former_name"].strip(), codes(row["wrong_destination_codes"]),
                                  codes(row["correct_destination_codes"]), row["whole"].strip() == "true",
                                  row["resolution"].strip(), row["clause"].strip(), row["source_url"].strip(),
                                  row["publisher"].strip(), row["read"].strip(), row["note"].strip(), line))
    except csv.Error as error:
        raise InputError(f"not a CSV table: {error}", path=path, line=reader.line_num) from None
    return found


def destinations(conversion: Conversion, code: str) -> set[str]:
    """The new units the conversion sends one former unit to, whole or in part."""
    return set(conversion.split.get(code, ())) | {new for new, olds in conversion.whole.items() if code in olds}


def apply_overrides(conversion: Conversion, former: FormerStructure, overrides: list[Override],
                    path: Path | str | None = None) -> Conversion:
    """The conversion with each override applied, after checking it still fits the converter data.

    A row is refused (an error naming its line) when its former unit is not in the converter data or has
    another name there, when the converter no longer sends it to the row's wrong destinations (the converter
    changed: review the row), or when a correct destination is not a new unit of the converter.
    """
    path = path or resources.data_dir() / OVERRIDES_FILE
    names = {unit.code: unit for unit in former.units}
    new_units = set(conversion.whole) | {new for news in conversion.split.values() for new in news}
    whole = {new: list(olds) for new, olds in conversion.whole.items()}
    split = {old: list(news) for old, news in conversion.split.items()}
    for row in overrides:
        current = destinations(conversion, row.former_code)
        unit = names.get(row.former_code)
        if not current or unit is None or unit.level != "commune":
            raise InputError(f"former unit {row.former_code} is not a commune-level unit of the converter data",
                             path=path, line=row.line)
        label = f"{unit.name} ({names[unit.parent_code].name})" if unit.parent_code in names else unit.name
        if row.former_name != label:
            raise InputError(f"former_name {row.former_name!r} is not the source's {label!r} for {row.former_code}",
                             path=path, line=row.line)
        if current != set(row.wrong):
            raise InputError(f"stale correction: the converter now sends {row.former_code} to "
                             f"{';'.join(sorted(current))}, not to {';'.join(row.wrong)}",
                             path=path, line=row.line, hint="check the row against the resolution again")
        unknown = [code for code in row.correct if code not in new_units]
        if unknown:
            raise InputError(f"correct destination {', '.join(unknown)} is not a new unit of the converter data",
                             path=path, line=row.line)
        split.pop(row.former_code, None)
        for olds in whole.values():
            if row.former_code in olds:
                olds.remove(row.former_code)
        if row.whole:
            whole.setdefault(row.correct[0], []).append(row.former_code)
        else:
            split[row.former_code] = list(row.correct)
    return dataclasses.replace(conversion, whole={new: olds for new, olds in whole.items() if olds}, split=split)


def source_iri(row: Override) -> ox.NamedNode:
    """The IRI of the source read for one correction.

    >>> source_iri(Override("11890", "", (), (), True, "", "", "", "", "", "", 2)).value
    'https://w3id.org/govgraph/id/source/lineage-override-11890'
    """
    return iri(f"{ID}source/lineage-override-{row.former_code}")


def override_triples(overrides: list[Override]) -> Iterator[ox.Triple]:
    """The provenance of the corrected transfers: each derived from the resolution text read for its row."""
    for row in overrides:
        source = source_iri(row)
        yield ox.Triple(source, RDF_TYPE, iri(GG.SourceDocument))
        yield ox.Triple(source, iri(DCT + "title"), string(f"Nghị quyết số {row.resolution}, {row.clause}"))
        yield ox.Triple(source, RDFS_LABEL, en(f"{row.publisher}: {row.resolution}, {row.clause}"))
        yield ox.Triple(source, iri(FOAF + "page"), iri(row.source_url))
        yield ox.Triple(source, iri(DCT + "publisher"), string(row.publisher))
        yield ox.Triple(source, iri(GG.readOn), date_literal(row.read))
        yield ox.Triple(source, iri(SKOS_NOTE), en(row.note))
        for new in row.correct:
            transfer = iri(f"{ID}transfer/{row.former_code}/{new}/{TWO_TIER_START}")
            yield ox.Triple(transfer, iri(PROV + "wasDerivedFrom"), source)
