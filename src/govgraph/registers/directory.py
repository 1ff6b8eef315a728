"""What a register refers to, looked up once in the built graph: unit versions, their posts and holders.

A register names a unit by its official code and a day; the directory answers with the unit version valid
that day, so a reused code never lands in the wrong unit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from govgraph.namespaces import ROLE
from govgraph.reference.organs import ORGANS
from govgraph.reference.organs import organ_iri as organ_iri_of
from govgraph.store.values import with_values
from govgraph.registers.fields import fold
from govgraph.queries.unit_search import padded
from govgraph.store.base import Store

_UNITS = """
PREFIX gg: <https://w3id.org/govgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?unit ?from ?until WHERE {
  ?unit gg:officialCode ?code .
  OPTIONAL { ?unit gg:validFrom ?from }
  OPTIONAL { ?unit gg:validUntil ?until }
}"""

_NAME = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name WHERE { ?unit rdfs:label ?name FILTER (LANG(?name) = "vi") }"""
_POST = """PREFIX org: <http://www.w3.org/ns/org#> SELECT ?organ WHERE { ?post org:postIn ?organ ; org:role ?role }"""

_HOLDINGS = """
PREFIX gg: <https://w3id.org/govgraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?post ?person ?name ?from ?until WHERE {
  ?holding gg:post ?post ; org:member ?person .
  ?person foaf:name ?name .
  OPTIONAL { ?holding gg:startDate ?start } OPTIONAL { ?holding gg:attestedFrom ?attestedFrom }
  OPTIONAL { ?holding gg:endDate ?end } OPTIONAL { ?holding gg:attestedUntil ?attestedUntil }
  BIND (COALESCE(?start, ?attestedFrom) AS ?from)
  BIND (COALESCE(?end, ?attestedUntil) AS ?until)
}"""


@dataclass(frozen=True)
class UnitVersion:
    """A version of a unit as a register needs it: its IRI, code and validity (None: open, or not recorded)."""

    iri: str
    code: str
    valid_from: dt.date | None
    valid_until: dt.date | None

    def valid_on(self, day: dt.date) -> bool:
        """Whether the version was in force on ``day`` (a bound not recorded is open).

        >>> version = UnitVersion("unit:31", "31", dt.date(2025, 7, 1), None)
        >>> version.valid_on(dt.date(2025, 10, 2)), version.valid_on(dt.date(2025, 6, 30))
        (True, False)
        """
        return (self.valid_from is None or self.valid_from <= day) and \
            (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class Holder:
    """A person who held a post, with the days the graph vouches for (None: open)."""

    person: str
    name: str
    valid_from: dt.date | None
    valid_until: dt.date | None


@dataclass
class Directory:
    """Unit versions by code, posts by (unit version, role), holders by post.

    Holders are read at once; a unit code, a post and a unit's name are looked up in ``store`` the first time a
    register needs them (a register names a few dozen units and a handful of posts; the graph holds some 14,000
    of each).
    """

    units: dict[str, list[UnitVersion]] = field(default_factory=dict)
    posts: dict[tuple[str, str], str] = field(default_factory=dict)
    organs: dict[str, str] = field(default_factory=dict)  # post -> organ
    holders: dict[str, list[Holder]] = field(default_factory=dict)
    store: Store | None = None
    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store) -> "Directory":
        """Read the holders (one query, milliseconds); units are looked up as they are named."""
        directory = cls(store=store)
        holders: dict[str, list[Holder]] = defaultdict(list)
        for row in _rows(store, _HOLDINGS):
            holders[str(row["post"])].append(Holder(str(row["person"]), str(row["name"]),
                                                    _day(row.get("from")), _day(row.get("until"))))
        directory.holders = dict(holders)
        return directory

    def unit_on(self, code: str, day: dt.date) -> UnitVersion:
        """The version of the unit with ``code`` valid on ``day``; raises ``LookupError`` saying why not."""
        if code not in self.units and self.store is not None:
            for candidate in {code, *padded(code)}:
                self._look_up(candidate)
        versions = self.units.get(code)
        if not versions:
            # a code that lost its leading zeros is restored only when exactly one level's code fits it
            fitting = sorted({candidate for candidate in padded(code) if self.units.get(candidate)})
            if len(fitting) > 1:
                raise LookupError(f"{code!r} could be {' or '.join(fitting)}: write the code in full")
            if not fitting:
                raise LookupError(f"no unit has the code {code!r}")
            versions = self.units[fitting[0]]
        for version in versions:
            if version.valid_on(day):
                return version
        spans = ", ".join(f"{self.name_of(v)} {v.valid_from or '…'}–{v.valid_until or ''}" for v in versions)
        raise LookupError(f"unit {code} was not in force on {day} ({spans})")

    def _look_up(self, code: str) -> None:
        """The versions of the unit with ``code`` (none, if no unit has it), from ``store``, once."""
        if code not in self.units:
            self.units[code] = [UnitVersion(row["unit"], code, _day(row.get("from")), _day(row.get("until")))
                                for row in _rows(self.store, with_values(_UNITS, {"code": Literal(code)}))]

    def name_of(self, unit: UnitVersion) -> str:
        """The unit version's Vietnamese name (its code where the graph gives none), looked up once."""
        if unit.iri not in self.names:
            found = _rows(self.store, with_values(_NAME, {"unit": URIRef(unit.iri)})) if self.store else []
            self.names[unit.iri] = found[0]["name"] if found else unit.code
        return self.names[unit.iri]

    def post_of(self, unit: UnitVersion, role: str) -> str:
        """The post of ``role`` in the organ of ``unit`` that has it, e.g. the People's Committee's chair."""
        key = (unit.iri, role)
        if key not in self.posts and self.store is not None:
            for organ in ORGANS:
                for post in organ.posts:
                    if post.role == ROLE[role]:
                        organ_iri = organ_iri_of(unit.iri, organ.slug)
                        candidate = f"{organ_iri}/{post.slug}"
                        if _rows(self.store, with_values(_POST, {"post": URIRef(candidate),
                                                                 "role": URIRef(ROLE[role])})):
                            self.posts[key], self.organs[candidate] = candidate, organ_iri
        try:
            return self.posts[key]
        except KeyError:
            raise LookupError(f"{self.name_of(unit)} ({unit.code}) has no {role} post in the graph") from None

    def holder_named(self, post: str, name: str, day: dt.date) -> Holder | None:
        """The holder of ``post`` on ``day`` whose name matches ``name`` (ignoring diacritics and case)."""
        wanted = fold(name)
        for holder in self.holders.get(post, []):
            if fold(holder.name) == wanted and (holder.valid_from is None or holder.valid_from <= day) \
                    and (holder.valid_until is None or day <= holder.valid_until):
                return holder
        return None


def _rows(store: Store, query: str) -> list[dict[str, str]]:
    """Solutions as {variable: lexical value}; straight from pyoxigraph where the store is embedded, since
    converting some 100,000 terms to rdflib's would cost seconds."""
    native = getattr(store, "oxigraph", None)
    if native is None:
        return [{k: str(v) for k, v in row.items()} for row in store.select(query).as_dicts()]
    solutions = native.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: t.value for n, t in zip(names, solution) if t is not None} for solution in solutions]


def _day(term) -> dt.date | None:
    return None if term is None else dt.date.fromisoformat(str(term))
