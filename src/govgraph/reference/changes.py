"""Change sets: the reorganisations since 1 July 2025, one hand-edited TOML file per legal act (``data/changes/``).

A change set says what one act changed, from which day and on whose authority (the format is documented in
``data/changes/README.md``). :func:`read_change_sets` reads and checks every file, :func:`apply_change_sets`
applies them in date order to the structure of 1 July 2025 and returns the new unit versions, the ends of the old
ones, one reorganisation event per changed unit with its transfers, and the legal acts with their sources.

Versioning rules:

- a changed unit gets a new version ``unit/{code}/{effective day}``; the old version ends the day before;
- when a province-level unit gets a new version, each of its commune-level units gets a new version on the same
  day, whose parent is the new province-level version (so a parent is valid for as long as its children: the
  ``parent-not-valid`` check), with an event citing the province-level act;
- one unit gets at most one new version per day: two acts changing the same unit on one day are an error.

>>> sorted(KINDS)
['change-type', 'create', 'merge', 'rename', 'split']
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from govgraph import resources
from govgraph.errors import InputError
from govgraph.namespaces import GG, GRAPH, ID, LEVEL, M8G, UNIT_TYPE, unit_iri
from govgraph.reference.history import legal_act_iri, legal_act_triples
from govgraph.reference.organs import organs_of
from govgraph.reference.resolutions import Resolution
from govgraph.reference.source import TWO_TIER_START, CommuneRecord, ProvinceRecord
from govgraph.reference.structure import _unit
from govgraph.reference.terms import RDF_TYPE, RDFS_LABEL, date, decimal, en, iri, string, vi
from govgraph.reference.types import COMMUNE_LEVEL, PROVINCE_LEVEL, UnitType, classify

CHANGES_GRAPH = str(GRAPH.changes)
CHANGES_DIR = "changes"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
FALSE = ox.Literal("false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))

# The unit types a change may give, by the slug of their concept in the unit-type scheme, with their level.
TYPES: dict[str, tuple[str, UnitType]] = {
    **{t.concept.rsplit("/", 1)[1]: ("province", t) for t in PROVINCE_LEVEL},
    **{t.concept.rsplit("/", 1)[1]: ("commune", t) for t in COMMUNE_LEVEL if t.prefix != "Thị trấn"},
}
KINDS = {
    "change-type": ("unit", "type"),
    "rename": ("unit", "name"),
    "create": ("code", "type", "name", "parent"),
    "merge": ("units", "into"),
    "split": ("unit", "into"),
}
_OPTIONAL = {"change-type": ("name",), "rename": (), "create": ("from",), "merge": ("name", "type"), "split": ()}
ACT_FIELDS = ("number", "title", "issued_by", "adopted", "effective")
SOURCE_FIELDS = ("id", "title", "url", "publisher", "published", "read", "note")


@dataclass(frozen=True)
class Source:
    """A page read for a change set: cited by URL, publisher, publication day and day read, with our note."""

    id: str
    title: str
    url: str
    publisher: str
    published: str
    read: str
    note: str


@dataclass(frozen=True)
class Change:
    """One change of an act; ``line`` is where it starts in its file."""

    kind: str
    fields: dict
    line: int


@dataclass(frozen=True)
class ChangeSet:
    """One legal act and what it changed."""

    path: Path
    number: str
    title: str
    issued_by: str
    adopted: str
    effective: str
    sources: tuple[Source, ...]
    changes: tuple[Change, ...]

    def resolution(self) -> Resolution:
        """The act as a :class:`Resolution`, for :func:`~govgraph.reference.history.legal_act_triples`."""
        return Resolution(self.number, self.issued_by, self.adopted, self.effective)


@dataclass(frozen=True)
class UnitState:
    """One version of a unit as the change sets see it."""

    code: str
    level: str  # "province" or "commune"
    type_slug: str
    name: str
    short_name: str
    parent: str | None
    lat: float | None
    lon: float | None
    area_km2: float | None
    valid_from: str

    @property
    def iri(self) -> str:
        """The IRI of this version: ``unit/{code}/{valid_from}``."""
        return unit_iri(self.code, self.valid_from)


@dataclass(frozen=True)
class Span:
    """When one version of a unit was valid (``until`` None while in force)."""

    iri: str
    start: str
    until: str | None


@dataclass
class Applied:
    """The result of applying the change sets: triples for ``graph/changes`` and every unit's timeline."""

    triples: list[ox.Triple] = field(default_factory=list)
    timeline: dict[str, list[Span]] = field(default_factory=dict)
    states: dict[str, UnitState] = field(default_factory=dict)


# --- reading -------------------------------------------------------------------------------------------

def _line_of(lines: list[str], pattern: str, start: int = 0, stop: int | None = None) -> int | None:
    regex = re.compile(pattern)
    for number in range(start, stop if stop is not None else len(lines)):
        if regex.match(lines[number]):
            return number + 1
    return None


def _day(value, path: Path, line: int | None, what: str) -> str:
    """An ISO day from a TOML date or a ``YYYY-MM-DD`` string, else an error naming the field."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).isoformat() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) \
                else _bad_day(value, path, line, what)
        except ValueError:
            pass
    return _bad_day(value, path, line, what)


def _bad_day(value, path: Path, line: int | None, what: str) -> str:
    raise InputError(f"{what} {value!r} is not a day", path=path, line=line, hint="write it as YYYY-MM-DD")


def read_change_set(path: Path) -> ChangeSet:
    """One change-set file, its fields checked (codes are checked when the sets are applied)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        raise InputError(f"not valid TOML: {str(error).split(' (at line')[0]}", path=path,
                         line=int(found[1]) if found else None, column=int(found[2]) if found else None) from None
    act = document.get("act")
    act_line = _line_of(lines, r"\s*\[act\]") or 1
    if not isinstance(act, dict):
        raise InputError("the file has no [act] table", path=path, line=1,
                         hint=f"give the act's {', '.join(ACT_FIELDS)}")
    for name in ACT_FIELDS:
        if not act.get(name):
            raise InputError(f"the act has no {name}", path=path, line=act_line, hint=f"add {name} = ... under [act]")

    def act_line_of(key: str) -> int:
        return _line_of(lines, rf"\s*{key}\s*=") or act_line

    adopted = _day(act["adopted"], path, act_line_of("adopted"), "adopted")
    effective = _day(act["effective"], path, act_line_of("effective"), "effective")
    if effective < adopted:
        raise InputError(f"dates out of order: effective {effective} is before adopted {adopted}", path=path,
                         line=act_line_of("effective"))
    if effective <= TWO_TIER_START:
        raise InputError(f"effective {effective} is not after {TWO_TIER_START}: the structure of that day is the "
                         "reference data", path=path, line=act_line_of("effective"))
    sources = tuple(_read_source(entry, path, lines, index) for index, entry in enumerate(document.get("source", [])))
    if not sources:
        raise InputError("the act cites no source", path=path, line=act_line, hint="add a [[source]] table")
    headers = [number + 1 for number, line in enumerate(lines) if re.match(r"\s*\[\[change\]\]", line)]
    changes = []
    entries = document.get("change", [])
    if not entries:
        raise InputError("the act lists no change", path=path, line=act_line, hint="add a [[change]] table")
    for index, entry in enumerate(entries):
        line = headers[index] if index < len(headers) else act_line
        changes.append(_read_change(entry, path, line))
    for key in document:
        if key not in ("act", "source", "change"):
            raise InputError(f"unknown table {key!r}", path=path, line=_line_of(lines, rf"\s*\[*{key}") or 1,
                             hint="the tables are [act], [[source]] and [[change]]")
    return ChangeSet(path, str(act["number"]), str(act["title"]), str(act["issued_by"]), adopted, effective,
                     sources, tuple(changes))


def _read_source(entry: dict, path: Path, lines: list[str], index: int) -> Source:
    headers = [n + 1 for n, line in enumerate(lines) if re.match(r"\s*\[\[source\]\]", line)]
    line = headers[index] if index < len(headers) else None
    missing = [name for name in SOURCE_FIELDS if not entry.get(name)]
    if missing:
        raise InputError(f"the source has no {', '.join(missing)}", path=path, line=line,
                         hint=f"a source gives {', '.join(SOURCE_FIELDS)}")
    published = _day(entry["published"], path, line, "published")
    read = _day(entry["read"], path, line, "read")
    if read < published:
        raise InputError(f"dates out of order: read {read} is before published {published}", path=path, line=line)
    return Source(str(entry["id"]), str(entry["title"]), str(entry["url"]), str(entry["publisher"]), published,
                  read, str(entry["note"]))


def _read_change(entry: dict, path: Path, line: int) -> Change:
    kind = entry.get("kind")
    if kind not in KINDS:
        raise InputError(f"unknown change kind {kind!r}", path=path, line=line, hint=f"kind is one of {', '.join(KINDS)}")
    missing = [name for name in KINDS[kind] if name not in entry]
    if missing:
        raise InputError(f"a {kind} change needs {', '.join(missing)}", path=path, line=line)
    unknown = sorted(set(entry) - {"kind", *KINDS[kind], *_OPTIONAL[kind]})
    if unknown:
        raise InputError(f"a {kind} change has no field {unknown[0]!r}", path=path, line=line,
                         hint=f"its fields: {', '.join((*KINDS[kind], *_OPTIONAL[kind]))}")
    if "type" in entry and entry["type"] not in TYPES:
        raise InputError(f"type {entry['type']!r} is not in the unit-type scheme", path=path, line=line,
                         hint=f"one of {', '.join(TYPES)}")
    return Change(kind, {k: v for k, v in entry.items() if k != "kind"}, line)


def change_set_files(folder: Path | None = None) -> list[Path]:
    """The change-set files (``*.toml``) of ``folder``, by default the curated ones, sorted."""
    folder = folder or resources.data_dir() / CHANGES_DIR
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def read_change_sets(paths: list[Path] | None = None) -> list[ChangeSet]:
    """Every change set, in the order they apply: by effective day, then adoption day, then file name."""
    sets = [read_change_set(path) for path in (change_set_files() if paths is None else paths)]
    seen: dict[str, tuple[Source, Path]] = {}
    for change_set in sets:
        for source in change_set.sources:
            first = seen.setdefault(source.id, (source, change_set.path))
            if first[0] != source:
                raise InputError(f"source {source.id!r} is described differently in {first[1].name}",
                                 path=change_set.path, hint="one id, one description: copy it or give a new id")
    return sorted(sets, key=lambda s: (s.effective, s.adopted, s.path.name))


# --- applying ------------------------------------------------------------------------------------------

def initial_states(provinces: list[ProvinceRecord], communes: list[CommuneRecord]) -> dict[str, UnitState]:
    """The unit versions of 1 July 2025, by code."""
    states = {}
    for p in provinces:
        slug = classify(p.name, PROVINCE_LEVEL).concept.rsplit("/", 1)[1]
        states[p.code] = UnitState(p.code, "province", slug, p.name, p.short_name, None, p.lat, p.lon, None,
                                   TWO_TIER_START)
    for c in communes:
        slug = classify(c.name, COMMUNE_LEVEL).concept.rsplit("/", 1)[1]
        states[c.code] = UnitState(c.code, "commune", slug, c.name, c.short_name, c.province_code, c.lat, c.lon,
                                   c.area_km2, TWO_TIER_START)
    return states


def day_before(day: str) -> str:
    """The day before a day.

    >>> day_before("2026-03-01")
    '2026-02-28'
    """
    return (datetime.date.fromisoformat(day) - datetime.timedelta(days=1)).isoformat()


def retyped_name(name: str, old: UnitType, new: UnitType) -> str:
    """The name with its type word replaced.

    >>> retyped_name("Tỉnh Đồng Nai", PROVINCE_LEVEL[0], PROVINCE_LEVEL[1])
    'Thành phố Đồng Nai'
    """
    return new.prefix + name[len(old.prefix):]


def _type(slug: str) -> UnitType:
    return TYPES[slug][1]


@dataclass
class _Pending:
    """What happens to the units on one day, collected from every act in force that day."""

    new: dict[str, UnitState] = field(default_factory=dict)  # code -> its new version
    basis: dict[str, ChangeSet] = field(default_factory=dict)  # code -> the act that changed it
    origin: dict[str, tuple[Path, int]] = field(default_factory=dict)  # code -> where the change is written
    transfers: list[tuple[str, str, bool, str]] = field(default_factory=list)  # (from iri, to code, whole, act no.)
    ended: dict[str, ChangeSet] = field(default_factory=dict)


def apply_change_sets(provinces: list[ProvinceRecord], communes: list[CommuneRecord],
                      change_sets: list[ChangeSet]) -> Applied:
    """Apply the change sets in date order; an unknown code, a type of the wrong level or a unit changed twice
    on one day is an ``InputError`` naming the file and line."""
    states = initial_states(provinces, communes)
    timeline = {code: [Span(state.iri, state.valid_from, None)] for code, state in states.items()}
    applied = Applied(timeline=timeline)
    by_day: dict[str, list[ChangeSet]] = defaultdict(list)
    for change_set in change_sets:
        by_day[change_set.effective].append(change_set)
    for change_set in change_sets:
        applied.triples.extend(_act_triples(change_set))
    for day in sorted(by_day):
        pending = _Pending()
        for change_set in by_day[day]:
            for change in change_set.changes:
                _collect(change, change_set, states, pending, day)
        _cascade(states, pending, day)
        _emit(states, pending, day, applied)
    applied.states = states
    return applied


def _known(code, states: dict[str, UnitState], pending: _Pending, change_set: ChangeSet, change: Change,
           what: str = "unit") -> UnitState:
    code = str(code)
    state = pending.new.get(code) or states.get(code)
    if state is None or code in pending.ended:
        raise InputError(f"unknown {what} code {code!r} (no unit with that code is in force on {change_set.effective})",
                         path=change_set.path, line=change.line)
    return state


def _claim(code: str, pending: _Pending, change_set: ChangeSet, change: Change) -> None:
    if code in pending.origin or code in pending.ended:
        path, line = pending.origin.get(code, (change_set.path, change.line))
        raise InputError(f"unit {code} is changed twice on {change_set.effective} (first at {path.name}:{line})",
                         path=change_set.path, line=change.line, hint="one unit gets one new version per day")
    pending.origin[code] = (change_set.path, change.line)
    pending.basis[code] = change_set


def _check_level(state_level: str, slug: str, change_set: ChangeSet, change: Change, code: str) -> None:
    if TYPES[slug][0] != state_level:
        raise InputError(f"type {slug!r} is not a {state_level}-level type (unit {code})", path=change_set.path,
                         line=change.line)


def _collect(change: Change, change_set: ChangeSet, states: dict[str, UnitState], pending: _Pending,
             day: str) -> None:
    f = change.fields
    act = change_set.number
    if change.kind in ("change-type", "rename"):
        state = _known(f["unit"], states, pending, change_set, change)
        _claim(state.code, pending, change_set, change)
        if change.kind == "change-type":
            _check_level(state.level, f["type"], change_set, change, state.code)
            if f["type"] == state.type_slug:
                raise InputError(f"unit {state.code} already is a {f['type']}", path=change_set.path, line=change.line)
            name = f.get("name") or retyped_name(state.name, _type(state.type_slug), _type(f["type"]))
            new = replace(state, type_slug=f["type"], name=name, valid_from=day)
        else:
            new = replace(state, name=str(f["name"]), valid_from=day)
        _check_name(new, change_set, change)
        pending.new[state.code] = new
        pending.transfers.append((state.iri, state.code, True, act))
    elif change.kind == "create":
        code = str(f["code"])
        if code in states or code in pending.new:
            raise InputError(f"code {code} already names a unit in force", path=change_set.path, line=change.line)
        parent = _known(f["parent"], states, pending, change_set, change, "parent")
        level = TYPES[f["type"]][0]
        if parent.level != "province" or level != "commune":
            raise InputError("create makes a commune-level unit inside a province-level unit", path=change_set.path,
                             line=change.line)
        _claim(code, pending, change_set, change)
        name = str(f["name"])
        new = UnitState(code, level, f["type"], name, name[len(_type(f["type"]).prefix) + 1:], parent.code,
                        None, None, None, day)
        _check_name(new, change_set, change)
        pending.new[code] = new
        for old in f.get("from", []):
            source = _known(old, states, pending, change_set, change)
            pending.transfers.append((states[source.code].iri, code, False, act))
    elif change.kind == "merge":
        target = _known(f["into"], states, pending, change_set, change)
        members = [_known(code, states, pending, change_set, change) for code in f["units"]]
        if any(m.level != "commune" for m in [*members, target]):
            raise InputError("merge joins commune-level units", path=change_set.path, line=change.line)
        _claim(target.code, pending, change_set, change)
        slug = f.get("type", target.type_slug)
        _check_level(target.level, slug, change_set, change, target.code)
        new = replace(target, type_slug=slug, name=str(f.get("name", target.name)), valid_from=day, area_km2=None)
        _check_name(new, change_set, change)
        pending.new[target.code] = new
        pending.transfers.append((target.iri, target.code, True, act))
        for member in members:
            if member.code == target.code:
                continue
            _claim(member.code, pending, change_set, change)
            pending.ended[member.code] = change_set
            pending.transfers.append((member.iri, target.code, True, act))
    elif change.kind == "split":
        state = _known(f["unit"], states, pending, change_set, change)
        if state.level != "commune":
            raise InputError("split divides a commune-level unit", path=change_set.path, line=change.line)
        _claim(state.code, pending, change_set, change)
        pending.ended[state.code] = change_set
        for code in f["into"]:
            target = _known(code, states, pending, change_set, change)
            if target.code not in pending.new:
                _claim(target.code, pending, change_set, change)
                pending.new[target.code] = replace(target, valid_from=day, area_km2=None)
                pending.transfers.append((target.iri, target.code, True, act))
            pending.transfers.append((state.iri, target.code, False, act))


def _check_name(state: UnitState, change_set: ChangeSet, change: Change) -> None:
    unit_type = _type(state.type_slug)
    if not state.name.startswith(unit_type.prefix + " "):
        raise InputError(f"name {state.name!r} does not begin with its type word {unit_type.prefix!r}",
                         path=change_set.path, line=change.line)


def _cascade(states: dict[str, UnitState], pending: _Pending, day: str) -> None:
    """New versions for the commune-level units of every province-level unit that gets a new version."""
    provinces = {code for code, state in pending.new.items() if state.level == "province"}
    for code, state in states.items():
        if state.parent in provinces and code not in pending.new and code not in pending.ended:
            pending.new[code] = replace(state, valid_from=day)
            pending.basis[code] = pending.basis[state.parent]
            pending.transfers.append((state.iri, code, True, pending.basis[state.parent].number))


def _emit(states: dict[str, UnitState], pending: _Pending, day: str, applied: Applied) -> None:
    until = day_before(day)
    for code in sorted(set(pending.new) | set(pending.ended)):
        if code in states:  # the version in force until now ends the day before
            applied.triples.append(ox.Triple(iri(states[code].iri), iri(GG.validUntil), date(until)))
            applied.timeline[code][-1] = replace(applied.timeline[code][-1], until=until)
    for code in pending.ended:
        del states[code]
    states.update(pending.new)
    for code, state in sorted(pending.new.items()):
        applied.timeline.setdefault(code, []).append(Span(state.iri, day, None))
        applied.triples.extend(version_triples(state, states))
    by_target: dict[str, list[tuple[str, bool, str]]] = defaultdict(list)
    for old_iri, target, whole, act in pending.transfers:
        by_target[target].append((old_iri, whole, act))
    for target, parts in sorted(by_target.items()):
        applied.triples.extend(_event_triples(states[target], pending.basis[target], parts))


def version_triples(state: UnitState, states: dict[str, UnitState]) -> Iterator[ox.Triple]:
    """The triples of one new unit version, its organs and head posts."""
    unit_type = _type(state.type_slug)
    subject = iri(state.iri)
    yield from _unit(subject, cls=unit_type.cls, level=LEVEL[state.level], unit_type=UNIT_TYPE[state.type_slug],
                     code=state.code, name=state.name, short_name=state.short_name, lat=state.lat, lon=state.lon,
                     valid_from=state.valid_from)
    if state.parent:
        yield ox.Triple(subject, iri(GG.parentUnit), iri(states[state.parent].iri))
    if state.area_km2:
        yield ox.Triple(subject, iri(GG.areaKm2), decimal(state.area_km2))
    yield from organs_of(subject, state.name)


def _event_triples(state: UnitState, basis: ChangeSet, parts: list[tuple[str, bool, str]]) -> Iterator[ox.Triple]:
    event = iri(f"{ID}event/{state.code}/{state.valid_from}")
    yield ox.Triple(event, RDF_TYPE, iri(GG.ReorganisationEvent))
    yield ox.Triple(event, RDFS_LABEL, vi(f"{state.name} từ ngày {_vi_day(state.valid_from)} theo {basis.number}"))
    yield ox.Triple(event, RDFS_LABEL, en(f"{state.name} from {state.valid_from} under {basis.number}"))
    yield ox.Triple(event, iri(GG.resultingUnit), iri(state.iri))
    yield ox.Triple(event, iri(M8G.hasFormalFramework), legal_act_iri(basis.number))
    yield ox.Triple(event, iri(GG.adoptedOn), date(basis.adopted))
    yield ox.Triple(event, iri(GG.effectiveOn), date(state.valid_from))
    for old_iri, whole, _act in parts:
        old_code = old_iri.split("/unit/", 1)[1].split("/", 1)[0]
        transfer = iri(f"{ID}transfer/{old_code}/{state.code}/{state.valid_from}")
        yield ox.Triple(transfer, RDF_TYPE, iri(GG.Transfer))
        yield ox.Triple(transfer, iri(GG.transferOf), event)
        yield ox.Triple(transfer, iri(GG.fromUnit), iri(old_iri))
        yield ox.Triple(transfer, iri(GG.toUnit), iri(state.iri))
        yield ox.Triple(transfer, iri(GG.whole), TRUE if whole else FALSE)


def _vi_day(day: str) -> str:
    """A day as Vietnamese text writes it.

    >>> _vi_day("2026-04-30")
    '30/4/2026'
    """
    year, month, dom = day.split("-")
    return f"{int(dom)}/{int(month)}/{year}"


def source_iri(source_id: str) -> ox.NamedNode:
    """The IRI of a source document, from its id.

    >>> source_iri("n-001").value
    'https://w3id.org/govgraph/id/source/n-001'
    """
    return iri(f"{ID}source/{source_id}")


def source_triples(source: Source) -> Iterator[ox.Triple]:
    """A page read: its address, publisher, publication day, the day we read it and our note on it."""
    subject = source_iri(source.id)
    yield ox.Triple(subject, RDF_TYPE, iri(GG.SourceDocument))
    if source.title:
        yield ox.Triple(subject, iri(DCT + "title"), string(source.title))
    yield ox.Triple(subject, RDFS_LABEL, en(f"{source.publisher}, {source.published or 'undated'} ({source.id})"))
    yield ox.Triple(subject, iri(FOAF + "page"), iri(source.url))
    yield ox.Triple(subject, iri(DCT + "publisher"), string(source.publisher))
    if source.published:  # a page that shows no publication day has none here (its note says so)
        yield ox.Triple(subject, iri(DCT + "issued"), date(source.published))
    yield ox.Triple(subject, iri(GG.readOn), date(source.read))
    yield ox.Triple(subject, iri(SKOS + "note"), en(source.note))


def _act_triples(change_set: ChangeSet) -> Iterator[ox.Triple]:
    yield from legal_act_triples(change_set.resolution())
    act = legal_act_iri(change_set.number)
    yield ox.Triple(act, iri(DCT + "title"), vi(change_set.title))
    for source in change_set.sources:
        yield from source_triples(source)
        yield ox.Triple(act, iri(PROV + "wasDerivedFrom"), source_iri(source.id))
