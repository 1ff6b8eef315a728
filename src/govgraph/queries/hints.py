"""Explain an answer with no rows: a parameter that names nothing in the graph is an error with a suggestion.

An empty table is a true answer only when every parameter names something that exists. When a unit code names
no unit of the kind the query declares (``code=KIND`` in its header), or an IRI occurs nowhere in the graph,
:func:`check_empty_answer` raises a :class:`UsageError` naming the parameter and the likely value: the code with
its leading zeros restored, or the code of the unit the value names (diacritics and letter case aside).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from govgraph.errors import UsageError
from govgraph.queries.library import LibraryQuery
from govgraph.queries.parameters import CODE_KINDS, Parameter
from govgraph.queries.unit_search import CODE_LENGTHS, Unit, code_digits, find_by_code, find_by_name
from govgraph.store.base import Store
from govgraph.store.terms import lexical
from govgraph.store.values import with_rows, with_values

# One row, one string: the engine joins the unit versions, so no per-term conversion is paid for thousands of rows.
UNITS_QUERY = """\
PREFIX gg:   <https://w3id.org/govgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT (GROUP_CONCAT(?row; separator="\\n") AS ?units) WHERE {
  ?unit gg:officialCode ?code ; rdfs:label ?name ; gg:level ?level .
  OPTIONAL { ?unit gg:validUntil ?until }
  OPTIONAL { ?unit gg:validFrom ?since }
  BIND (CONCAT(STR(?code), "\\t", STR(?name), "\\t", STRAFTER(STR(?level), "/level/"), "\\t",
               COALESCE(STR(?until), ""), "\\t", COALESCE(STR(?since), "")) AS ?row)
}"""
PROVINCE_LEVEL = ox.NamedNode("https://w3id.org/govgraph/id/level/province")
MENTIONED_QUERY = "SELECT ?found WHERE { { ?term ?p ?o } UNION { ?s ?p ?term } BIND (1 AS ?found) } LIMIT 1"
MAX_SUGGESTIONS = 4


@dataclass(frozen=True)
class UnitVersion:
    """One row of the unit table: a unit version's code and name, level, last day (None while in force) and first
    day (None where the source records none)."""

    unit: Unit
    level: str
    until: str | None
    since: str | None = None

    def is_kind(self, kind: str, day: str | None = None) -> bool:
        """Whether this version is a unit of ``kind`` (a key of :data:`CODE_KINDS`); "in force" means on ``day``
        when the query is asked about a day, else today.

        >>> hai_duong = UnitVersion(Unit("30", "Tỉnh Hải Dương"), "province", "2025-06-30")
        >>> UnitVersion(Unit("31", "Thành phố Hải Phòng"), "province", None).is_kind("current-province")
        True
        >>> hai_duong.is_kind("current-province"), hai_duong.is_kind("current-province", "2025-06-30")
        (False, True)
        """
        if kind.endswith("province") and self.level != "province":
            return False
        if kind.startswith("current-"):
            if day is None:
                return self.until is None
            return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)
        if kind.startswith("former-"):
            return self.until is not None
        return True

    def describe(self) -> str:
        """What this version is, for a hint.

        >>> UnitVersion(Unit("30", "Tỉnh Hải Dương"), "province", "2025-06-30").describe()
        '30 is Tỉnh Hải Dương, a province-level unit in force until 2025-06-30'
        """
        span = f" in force from {self.since} to {self.until}" if self.since and self.until else \
            f" in force until {self.until}" if self.until else f" in force since {self.since}" if self.since else ""
        return f"{self.unit.code} is {self.unit.name}, a {self.level}-level unit{span}"


def unit_versions(store: Store, *, codes: list[str] | None = None, province_level: bool = False
                  ) -> list[UnitVersion]:
    """The unit versions of the graph (only those with one of ``codes``, or of province level, when asked), with
    their code, Vietnamese name, level and end.

    >>> from govgraph.store import EmbeddedStore
    >>> store = EmbeddedStore.from_turtle('''@prefix gg: <https://w3id.org/govgraph/ontology#> .
    ...   <http://e/u> gg:officialCode "31" ; gg:level <https://w3id.org/govgraph/id/level/province> ;
    ...   <http://www.w3.org/2000/01/rdf-schema#label> "Thành phố Hải Phòng"@vi .''')
    >>> unit_versions(store)
    [UnitVersion(unit=Unit(code='31', name='Thành phố Hải Phòng', note=''), level='province', until=None, since=None)]
    >>> unit_versions(store, codes=["01", "31"]) == unit_versions(store, province_level=True) == unit_versions(store)
    True
    >>> unit_versions(store, codes=["01"]), unit_versions(store, codes=[])
    ([], [])
    """
    query = UNITS_QUERY
    if codes is not None:
        query = with_rows(query, ["code"], [[ox.Literal(code)] for code in codes])
    elif province_level:
        query = with_values(query, {"level": PROVINCE_LEVEL})
    table = store.select(query)
    text = lexical(table.cells[0][0]) if table.cells and table.cells[0][0] is not None else ""
    versions = []
    for row in text.split("\n"):
        fields = row.split("\t")
        if len(fields) == 5:
            code, name, level, until, since = fields
            versions.append(UnitVersion(Unit(code, name), level, until or None, since or None))
    return versions


def unknown_code_error(parameter: Parameter, value: str, versions: list[UnitVersion],
                       day: str | None = None, dated: bool = False) -> UsageError | None:
    """The error for a code that names no unit of the parameter's kind (in force on ``day``, when the query is
    about a day), or None when one has it. ``dated``: the query takes ``--param date=``, so a unit that was in force
    on another day gets that day as a suggestion.

    >>> versions = [UnitVersion(Unit("01", "Thành phố Hà Nội"), "province", None),
    ...             UnitVersion(Unit("31", "Thành phố Hải Phòng"), "province", None)]
    >>> province = Parameter("province", "string", True, "", code="current-province")
    >>> print(unknown_code_error(province, "1", versions))
    parameter province: no province-level unit in force has the code '1' (did you mean 01, Thành phố Hà Nội? --param province=01)
    >>> print(unknown_code_error(province, "hai phong", versions))
    parameter province: no province-level unit in force has the code 'hai phong' (did you mean 31, Thành phố Hải Phòng? --param province=31)
    >>> unknown_code_error(province, "31", versions) is None
    True
    >>> since_merger = [UnitVersion(Unit("31", "Thành phố Hải Phòng"), "province", None, "2025-07-01")]
    >>> print(unknown_code_error(province, "31", since_merger, day="2020-01-01"))
    parameter province: no province-level unit in force on 2020-01-01 has the code '31' (31 is Thành phố Hải Phòng, a province-level unit in force since 2025-07-01)
    >>> former = [UnitVersion(Unit("30", "Tỉnh Hải Dương"), "province", "2025-06-30")]
    >>> print(unknown_code_error(province, "hai duong", former, dated=True))
    parameter province: no province-level unit in force has the code 'hai duong' (30 is Tỉnh Hải Dương, a province-level unit in force until 2025-06-30; for that day: --param province=30 --param date=2025-06-30)
    """
    kind = parameter.code or "unit"
    in_scope = [v for v in versions if v.is_kind(kind, day)]
    if any(v.unit.code == value for v in in_scope):
        return None
    units = [v.unit for v in in_scope]
    suggestions = (find_by_code(units, value) + find_by_name(units, value))[:MAX_SUGGESTIONS]
    what = CODE_KINDS[kind] + (f" on {day}" if day and kind.startswith("current-") else "")
    message = f"parameter {parameter.name}: no {what} has the code {value!r}"
    if suggestions:
        choices = " or ".join(f"{u.code}, {u.name}" for u in suggestions)
        hint = f"did you mean {choices}? --param {parameter.name}={suggestions[0].code}"
    elif elsewhere := [v for v in versions if v.unit.code == value] or _named(versions, value, kind):
        hint = "; ".join(dict.fromkeys(v.describe() for v in elsewhere))
        ended = [v for v in elsewhere if v.until and v.is_kind(kind, v.until)]
        if dated and kind.startswith("current-") and len(ended) == 1:
            hint += f"; for that day: --param {parameter.name}={ended[0].unit.code} --param date={ended[0].until}"
    else:
        hint = "official codes have 2 digits (province level), 3 (former districts) or 5 (commune level)"
    return UsageError(message, hint=hint)


def _named(versions: list[UnitVersion], value: str, kind: str) -> list[UnitVersion]:
    """The versions of the kind's level (in force or not) named ``value``: a name the user wrote for a unit that is
    not in force on the day asked, such as a former province.

    >>> former = [UnitVersion(Unit("30", "Tỉnh Hải Dương"), "province", "2025-06-30")]
    >>> [v.unit.code for v in _named(former, "hai duong", "current-province")]
    ['30']
    """
    level = [v for v in versions if not kind.endswith("province") or v.level == "province"]
    found = {unit.code for unit in find_by_name([v.unit for v in level], value)}
    return [v for v in level if v.unit.code in found]


def _day(query: LibraryQuery, raw: Mapping[str, str], bound: Mapping[str, object]) -> str | None:
    """The day a query is asked about, when the user gave one (``--param date=...``); else None, meaning today."""
    if "date" in raw and query.takes_date:
        return lexical(bound["date"])
    return None


def check_empty_answer(store: Store, query: LibraryQuery, raw: Mapping[str, str],
                       bound: Mapping[str, object]) -> None:
    """Raise a :class:`UsageError` when an empty answer comes from a parameter that names nothing.

    ``raw`` holds the values as the user wrote them, ``bound`` the terms they were bound to.
    """
    for name, value in raw.items():
        parameter = query.parameter(name)
        if parameter.code:
            value = value.strip()
            digits = code_digits(value)
            padded = [digits.zfill(n) for n in CODE_LENGTHS if n >= len(digits)] if digits else []
            versions = unit_versions(store, codes=list(dict.fromkeys([value, *padded])))
            if digits is None:  # perhaps a name: the search needs the names (of the provinces, if they will do)
                versions += unit_versions(store, province_level=parameter.code.endswith("province"))
            error = unknown_code_error(parameter, value, versions, day=_day(query, raw, bound),
                                       dated=query.takes_date)
            if error is not None:
                raise error
        elif parameter.type == "iri" and isinstance(bound.get(name), ox.NamedNode):
            if not len(store.select(with_values(MENTIONED_QUERY, {"term": bound[name]}))):
                raise UsageError(f"parameter {name}: nothing in the graph is {value!r}",
                                 hint="check the IRI; '--format csv' shows the answers' IRIs whole")
