"""Office holders: read the hand-curated tables of ``data/holders/`` and make them RDF (``graph/holders``).

Three kinds of CSV file (``data/holders/README.md``): ``sources-*.csv`` (pages read), ``people-*.csv`` (one row
per person) and ``holdings-*.csv`` (a person in a head office of a province-level unit, from a day to a day). Every
row is checked; a problem is reported as ``file:row:column: what is wrong`` and the build stops on it, so a typo
never drops a fact silently.

A holding attaches to the post of the unit *version* valid on its days: a holding that spans a new version of its
unit (Đồng Nai became a centrally-run city on 30 April 2026) is split at the change into one holding per version.
A person is one IRI, ``person/{person_id}``, across posts and provinces (the founding article's two people keep
theirs: ``person/le-ngoc-chau``, ``person/le-tien-chau``).

>>> sorted(OFFICES)
['committee-chair', 'council-chair', 'party-secretary']
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph import resources
from govgraph.errors import InputError
from govgraph.namespaces import GG, GRAPH, ID, ORG, ROLE
from govgraph.reference.changes import Source, Span, source_iri, source_triples
from govgraph.reference.terms import RDF_TYPE, RDFS_LABEL, date, en, iri, string, vi

HOLDERS_GRAPH = str(GRAPH.holders)
HOLDERS_DIR = "holders"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"

# office -> (organ slug, post slug, English label, Vietnamese label)
OFFICES = {
    "party-secretary": ("party-committee", "secretary", "Party Secretary", "Bí thư"),
    "committee-chair": ("peoples-committee", "chair", "People's Committee Chairman", "Chủ tịch UBND"),
    "council-chair": ("peoples-council", "chair", "People's Council Chair", "Chủ tịch HĐND"),
}
START_BASES = ("effective", "decision", "attested")
SOURCE_COLUMNS = ("source_id", "url", "publisher", "published", "read", "note")
PEOPLE_COLUMNS = ("person_id", "person_name", "born", "evidence")
HOLDING_COLUMNS = ("province_code", "office", "person_id", "person_name", "start", "start_basis", "end",
                   "appointed_by", "decision", "source_ids", "note")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Person:
    """A person of the ``people-*.csv`` files: ``where`` is the row that first names them, ``evidence`` says why
    the rows with this id (in one file or several) are one person.
    """

    id: str
    name: str
    born: str
    evidence: str
    where: str  # file:row


@dataclass(frozen=True)
class Holding:
    """A checked row of a ``holdings-*.csv`` file: a person in a head office of a province-level unit.

    ``start`` is ``""`` when the sources do not give the first day (the holding then counts from the unit's
    first version), ``end`` None while the person is in office.
    """

    province_code: str
    office: str
    person_id: str
    person_name: str
    start: str
    start_basis: str
    end: str | None
    appointed_by: str
    decision: str
    source_ids: tuple[str, ...]
    note: str
    where: str  # file:row


@dataclass
class HolderTables:
    """What the CSV files hold, and every problem found in them (``file:row:column: message``)."""

    sources: dict[str, Source] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    holdings: list[Holding] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)

    def raise_first(self) -> None:
        """Stop on the first problem, saying how many there are in all."""
        if self.problems:
            first = self.problems[0]
            more = len(self.problems) - 1
            if more:
                first = InputError(first.message, path=first.path, line=first.line, column=first.column,
                                   hint=f"and {more} more problem{'s' if more > 1 else ''} in data/holders: "
                                        "run python -m govgraph.reference.holders to list them")
            raise first


def holder_files(folder: Path | None = None) -> dict[str, list[Path]]:
    """The ``sources-*``, ``people-*`` and ``holdings-*`` CSV files of a folder."""
    folder = folder or resources.data_dir() / HOLDERS_DIR
    return {kind: sorted(folder.glob(f"{kind}-*.csv")) if folder.is_dir() else []
            for kind in ("sources", "people", "holdings")}


def _rows(path: Path, columns: tuple[str, ...], tables: HolderTables) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for each data row; a missing column is a problem of the header."""
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as error:
        tables.problems.append(InputError(f"cannot read the file: {error.strerror}", path=path))
        return
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in columns if c not in header]
        if missing:
            tables.problems.append(InputError(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
                                              path=path, line=1, hint=f"the header is {','.join(columns)}"))
            return
        line = 1
        for row in reader:
            line_start = line + 1
            line = reader.line_num
            if not any((value or "").strip() for value in row.values()):
                continue  # a blank line
            yield line_start, {k: (v or "").strip() for k, v in row.items() if k is not None}


class _Row:
    """Problems of one row, each naming its column."""

    def __init__(self, path: Path, line: int, columns: tuple[str, ...], row: dict[str, str], tables: HolderTables):
        self.path, self.line, self.columns, self.row, self.tables = path, line, columns, row, tables
        self.ok = True

    def problem(self, column: str, message: str, hint: str | None = None) -> None:
        """Record a problem of ``column`` in this row (its file, line and column number); the row is not ok."""
        self.ok = False
        self.tables.problems.append(InputError(f"{column}: {message}", path=self.path, line=self.line,
                                               column=self.columns.index(column) + 1, hint=hint))

    def required(self, column: str) -> str:
        """The cell of ``column``; a blank one is a problem (and ``""`` is returned)."""
        value = self.row.get(column, "")
        if not value:
            self.problem(column, "is blank")
        return value

    def slug(self, column: str, example: str) -> str:
        """A required id of lower-case letters, digits and single hyphens."""
        value = self.required(column)
        if value and not _SLUG.match(value):
            self.problem(column, f"{value!r} is not an id like {example}")
        return value

    def day(self, column: str, required: bool = True) -> str | None:
        """The cell of ``column`` as a ``YYYY-MM-DD`` day, or None: blank (a problem if ``required``) or not a day
        of the calendar (a problem).
        """
        value = self.row.get(column, "")
        if not value:
            if required:
                self.problem(column, "is blank", hint="write the day as YYYY-MM-DD")
            return None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.problem(column, f"bad date {value!r}", hint="write the day as YYYY-MM-DD")
            return None
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            self.problem(column, f"bad date {value!r}: no such day")
            return None


def read_holder_tables(files: dict[str, list[Path]] | None = None) -> HolderTables:
    """Read every holders CSV, collecting all problems (nothing is dropped silently)."""
    files = files or holder_files()
    tables = HolderTables()
    for path in files["sources"]:
        for line, row in _rows(path, SOURCE_COLUMNS, tables):
            r = _Row(path, line, SOURCE_COLUMNS, row, tables)
            source_id = r.slug("source_id", "n-001")
            if source_id in tables.sources:
                r.problem("source_id", f"duplicate source id {source_id!r}")
            url = r.required("url")
            if url and not re.match(r"^https?://[^\s<>\"]+$", url):
                r.problem("url", f"{url!r} is not a web address")
            publisher = r.required("publisher")
            published, read = r.day("published", required=False), r.day("read")  # some pages show no date
            if published and read and read < published:
                r.problem("read", f"read {read} is before published {published}")
            note = r.required("note")
            if r.ok:
                tables.sources[source_id] = Source(source_id, row.get("title", ""), url, publisher, published or "",
                                                   read, note)
    for path in files["people"]:
        for line, row in _rows(path, PEOPLE_COLUMNS, tables):
            r = _Row(path, line, PEOPLE_COLUMNS, row, tables)
            person_id = r.slug("person_id", "le-ngoc-chau")
            name = r.required("person_name")
            first = tables.people.get(person_id)
            if first and name and name != first.name:  # one person may appear in both files, with one name
                r.problem("person_name", f"{person_id!r} is {first.name!r} at {first.where}, here {name!r}")
            born = row.get("born", "")
            if born and not re.fullmatch(r"(19|20)\d\d", born):
                r.problem("born", f"{born!r} is not a year of birth")
            if r.ok and first:  # the same person in two files: one person, the evidence of both rows
                evidence = " ".join(e for e in (first.evidence, row.get("evidence", "")) if e)
                tables.people[person_id] = Person(person_id, name, first.born or born, evidence, first.where)
            elif r.ok:
                tables.people[person_id] = Person(person_id, name, born, row.get("evidence", ""), f"{path}:{line}")
    return tables


def check_holdings(tables: HolderTables, files: dict[str, list[Path]] | None,
                   timeline: dict[str, list[Span]], province_codes: set[str]) -> None:
    """Read the holdings files into ``tables``, checking each row against the sources, people and units."""
    files = files or holder_files()
    for path in files["holdings"]:
        for line, row in _rows(path, HOLDING_COLUMNS, tables):
            r = _Row(path, line, HOLDING_COLUMNS, row, tables)
            code = r.required("province_code")
            if code and code not in province_codes:
                r.problem("province_code", f"unknown province code {code!r}",
                          hint="a 2-digit code of a province-level unit, e.g. 48 for Đà Nẵng")
            office = r.required("office")
            if office and office not in OFFICES:
                r.problem("office", f"unknown office {office!r}", hint=f"one of {', '.join(OFFICES)}")
            person_id = r.required("person_id")
            person = tables.people.get(person_id)
            if person_id and person is None:
                r.problem("person_id", f"{person_id!r} has no row in a people-*.csv file")
            name = r.required("person_name")
            if person and name and name != person.name:
                r.problem("person_name", f"{name!r} differs from the people row's {person.name!r} ({person.where})")
            start = r.day("start", required=False)
            basis = row.get("start_basis", "")
            if start and not basis:
                r.problem("start_basis", "is blank", hint=f"one of {', '.join(START_BASES)}")
            if basis and basis not in START_BASES:
                r.problem("start_basis", f"unknown start basis {basis!r}", hint=f"one of {', '.join(START_BASES)}")
            end = r.day("end", required=False)
            if start and end and end < start:
                r.problem("end", f"end {end} is before start {start}")
            ids = tuple(i.strip() for i in row["source_ids"].split(";") if i.strip())
            if not ids:
                r.problem("source_ids", "no source: every holding cites at least one source id")
            for source_id in ids:
                if source_id not in tables.sources:
                    r.problem("source_ids", f"unknown source id {source_id!r}")
            if end and code in timeline and end < timeline[code][0].start:
                r.problem("end", f"{end} is before the unit began ({timeline[code][0].start})",
                          hint="the graph holds the offices of the units in force since 1 July 2025")
            if code in timeline:
                last = timeline[code][-1].until
                if last and (end or "9999-12-31") > last:
                    r.problem("end", f"the unit ended on {last}")
            if r.ok:
                tables.holdings.append(Holding(code, office, person_id, name, start or "", basis, end,
                                               row["appointed_by"], row["decision"], ids, row["note"],
                                               f"{path}:{line}"))


def load_holders(timeline: dict[str, list[Span]], province_codes: set[str],
                 files: dict[str, list[Path]] | None = None) -> HolderTables:
    """Every table read and checked; the problems are left in ``problems`` for the caller to raise or list."""
    tables = read_holder_tables(files)
    check_holdings(tables, files, timeline, province_codes)
    return tables


def holding_iri(post: str, person_id: str, start: str) -> str:
    """The IRI of one holding: the post (of one unit version), the person and the first day.

    >>> holding_iri(ID + "unit/48/2025-07-01/party-committee/secretary", "a-b", "2025-07-01")
    'https://w3id.org/govgraph/id/holding/48/2025-07-01/party-committee/secretary/a-b/2025-07-01'
    """
    return f"{ID}holding/{post.split('/unit/', 1)[1]}/{person_id}/{start}"


def pieces(holding: Holding, spans: list[Span]) -> list[tuple[Span, str, str | None]]:
    """The holding cut at its unit's version changes: (version, first day, last day or None) per version.

    >>> spans = [Span("u/1", "2025-07-01", "2026-04-29"), Span("u/2", "2026-04-30", None)]
    >>> h = Holding("75", "party-secretary", "a", "A", "2025-07-01", "effective", None, "", "", ("s",), "", "")
    >>> [(s.iri, a, b) for s, a, b in pieces(h, spans)]
    [('u/1', '2025-07-01', '2026-04-29'), ('u/2', '2026-04-30', None)]
    """
    found = []
    end = holding.end or "9999-12-31"
    start = holding.start or spans[0].start  # blank: in office before the unit's first version began
    for span in spans:
        until = span.until or "9999-12-31"
        if span.start <= end and start <= until:
            first = max(start, span.start)
            last = min(end, until)
            found.append((span, first, None if last == "9999-12-31" else last))
    return found


def holder_triples(tables: HolderTables, timeline: dict[str, list[Span]]) -> Iterator[ox.Triple]:
    """Sources, people and holdings (split per unit version) as triples."""
    used_sources: set[str] = set()
    person_sources: dict[str, set[str]] = {}
    for holding in tables.holdings:
        organ_slug, post_slug, label_en, label_vi = OFFICES[holding.office]
        person = iri(f"{ID}person/{holding.person_id}")
        person_sources.setdefault(holding.person_id, set()).update(holding.source_ids)
        for number, (span, first, last) in enumerate(pieces(holding, timeline[holding.province_code])):
            organ = f"{span.iri}/{organ_slug}"
            post = f"{organ}/{post_slug}"
            subject = iri(holding_iri(post, holding.person_id, first))
            yield ox.Triple(subject, RDF_TYPE, iri(GG.PostHolding))
            yield ox.Triple(subject, RDFS_LABEL, en(f"{holding.person_name}, {label_en} ({holding.province_code})"))
            yield ox.Triple(subject, RDFS_LABEL, vi(f"{holding.person_name}, {label_vi} ({holding.province_code})"))
            yield ox.Triple(subject, iri(GG.post), iri(post))
            yield ox.Triple(subject, iri(ORG.member), person)
            yield ox.Triple(subject, iri(ORG.organization), iri(organ))
            yield ox.Triple(subject, iri(ORG.role), iri(ROLE[holding.office]))
            clipped = number == 0 and first != holding.start
            attested = number == 0 and not clipped and holding.start_basis == "attested"
            yield ox.Triple(subject, iri(GG.attestedFrom if attested else GG.startDate), date(first))
            if last:
                yield ox.Triple(subject, iri(GG.endDate), date(last))
            if number == 0 and holding.appointed_by:
                yield ox.Triple(subject, iri(GG.appointedBy), string(holding.appointed_by))
            if number == 0 and holding.decision:
                yield ox.Triple(subject, iri(GG.decision), string(holding.decision))
            note = holding.note or f"The cited sources state this holding ({holding.where.rsplit('/', 1)[-1]})."
            if number > 0:
                note = (f"Continues the holding from {holding.start or 'before ' + first} in the unit's new version, "
                        f"which began on {span.start}. " + note)
            elif clipped:
                since = f"from {holding.start}" if holding.start else "from a day the sources do not give"
                note = (f"In office {since}, before this unit version began on {first}: counted from that day. "
                        + note)
            yield ox.Triple(subject, iri(SKOS + "note"), en(note))
            for source_id in holding.source_ids:
                used_sources.add(source_id)
                yield ox.Triple(subject, iri(PROV + "wasDerivedFrom"), source_iri(source_id))
    for person_id, sources in sorted(person_sources.items()):
        person = tables.people[person_id]
        subject = iri(f"{ID}person/{person_id}")
        yield ox.Triple(subject, RDF_TYPE, iri(GG.Person))
        yield ox.Triple(subject, iri(FOAF + "name"), string(person.name))
        yield ox.Triple(subject, RDFS_LABEL, vi(person.name))
        yield ox.Triple(subject, iri(SKOS + "note"), en(person.evidence or
                                                        "Named as the holder in the sources of its holdings."))
        for source_id in sorted(sources):
            yield ox.Triple(subject, iri(PROV + "wasDerivedFrom"), source_iri(source_id))
    for source_id in sorted(used_sources):
        yield from source_triples(tables.sources[source_id])


def main() -> int:  # pragma: no cover - a helper for curators: list every problem of data/holders
    """List every problem of ``data/holders`` and count what was read; 1 when there are problems, else 0."""
    from govgraph.reference.changes import apply_change_sets, read_change_sets
    from govgraph.reference.source import read_current_units

    provinces, communes = read_current_units()
    applied = apply_change_sets(provinces, communes, read_change_sets())
    tables = load_holders(applied.timeline, {p.code for p in provinces})
    for problem in tables.problems:
        print(problem)
    print(f"{len(tables.sources)} sources, {len(tables.people)} people, {len(tables.holdings)} holdings, "
          f"{len(tables.problems)} problems")
    return 1 if tables.problems else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
