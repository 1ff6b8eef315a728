"""The parts of a page that only an administrative unit has: its place in the structure, its organs and
posts with their holders, and where its territory came from and went (whole or in part, with the legal act)."""

from __future__ import annotations

import pyoxigraph as ox

from govgraph.server.graph import GraphReader
from govgraph.server.pages.html import Markup, join, table, tag, term

GG = "https://w3id.org/govgraph/ontology#"
PREFIXES = """PREFIX gg: <https://w3id.org/govgraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX m8g: <http://data.europa.eu/m8g/>
"""
LIMIT = 1000

CHILDREN = PREFIXES + """SELECT DISTINCT ?child ?code ?from ?until WHERE {
  ?child gg:parentUnit ?unit ; gg:officialCode ?code .
  OPTIONAL { ?child gg:validFrom ?from } OPTIONAL { ?child gg:validUntil ?until }
} ORDER BY ?code ?from LIMIT 1000"""

ORGANS = PREFIXES + """SELECT DISTINCT ?organ ?post ?holder ?start ?end ?attestedFrom ?attestedUntil WHERE {
  ?organ gg:jurisdiction ?unit .
  OPTIONAL {
    ?post org:postIn ?organ .
    OPTIONAL {
      ?holding gg:post ?post ; org:member ?holder .
      OPTIONAL { ?holding gg:startDate ?start } OPTIONAL { ?holding gg:endDate ?end }
      OPTIONAL { ?holding gg:attestedFrom ?attestedFrom } OPTIONAL { ?holding gg:attestedUntil ?attestedUntil }
    }
  }
} ORDER BY ?organ ?post ?start LIMIT 1000"""

TRANSFERS = PREFIXES + """SELECT DISTINCT ?other ?whole ?event ?effective ?act ?number WHERE {
  ?transfer gg:%(here)s ?unit ; gg:%(there)s ?other ; gg:transferOf ?event .
  OPTIONAL { ?transfer gg:whole ?whole }
  OPTIONAL { ?event gg:effectiveOn ?effective }
  OPTIONAL { ?event m8g:hasFormalFramework ?act OPTIONAL { ?act gg:actNumber ?number } }
} ORDER BY ?other LIMIT 1000"""


def is_unit(triples: list[ox.Triple]) -> bool:
    """Whether the statements describe a unit (it has an official code and a level)."""
    return any(t.predicate.value == GG + "officialCode" for t in triples) and any(
        t.predicate.value == GG + "level" for t in triples)


def _rows(reader: GraphReader, query: str, iri: str) -> list[dict]:
    solutions = reader.query(query, unit=ox.NamedNode(iri))
    names = [v.value for v in solutions.variables]
    return [{name: solution[name] for name in names} for solution in solutions]


def _date(value) -> str:
    return value.value if isinstance(value, ox.Literal) else ""


def _validity(start, end) -> str:
    if start is None and end is None:
        return ""
    return f"{_date(start) or '…'} – {_date(end) or 'today'}"


def summary(reader: GraphReader, iri: str, lang: str) -> Markup:
    """Code, level, type, parent and validity of the unit, in one table."""
    node = ox.NamedNode(iri)
    found: dict[str, list] = {}
    for name in ("officialCode", "level", "unitType", "parentUnit", "validFrom", "validUntil"):
        found[name] = [q.object for q in reader.store.quads_for_pattern(node, ox.NamedNode(GG + name), None)]
    labels = reader.labels([v for values in found.values() for v in values])
    cells = lambda name: join((term(v, labels, lang) for v in dict.fromkeys(found[name])), ", ")
    valid = f"{_date(found['validFrom'][0]) if found['validFrom'] else 'before 1 July 2025'} – " \
            f"{_date(found['validUntil'][0]) if found['validUntil'] else 'today'}"
    rows = [["official code", cells("officialCode")], ["level", cells("level")], ["type", cells("unitType")],
            ["parent unit", cells("parentUnit") or "none"], ["valid", valid]]
    return join([tag("h2", "Unit"), table(["", ""], rows, class_="data summary")])


def unit_sections(reader: GraphReader, iri: str, lang: str = "vi") -> Markup:
    """Children, organs and posts with holders, predecessors and successors of the unit ``iri``."""
    children = _rows(reader, CHILDREN, iri)
    organs = _rows(reader, ORGANS, iri)
    before = _rows(reader, TRANSFERS % {"here": "toUnit", "there": "fromUnit"}, iri)
    after = _rows(reader, TRANSFERS % {"here": "fromUnit", "there": "toUnit"}, iri)
    nodes = [row[k] for rows in (children, organs, before, after) for row in rows for k in row]
    labels = reader.labels(nodes)
    parts: list[Markup] = [summary(reader, iri, lang)]

    if organs:
        rows = []
        for row in organs:
            held = ""
            if row["holder"] is not None:
                start = row["start"] or row["attestedFrom"]
                end = row["end"] or row["attestedUntil"]
                basis = "term dates" if row["start"] is not None else "attested by sources"
                held = join([term(row["holder"], labels, lang), " ",
                             tag("small", f"{_validity(start, end)} ({basis})", class_="muted")])
            rows.append([term(row["organ"], labels, lang),
                         term(row["post"], labels, lang) if row["post"] is not None else "", held])
        parts.append(tag("h2", "Organs, posts and holders"))
        parts.append(table(["organ", "post", "held by"], rows))

    for title, rows_, column in (("Predecessors (where its territory came from)", before, "former unit"),
                                 ("Successors (where its territory went)", after, "new unit")):
        if not rows_:
            continue
        rows = [[term(r["other"], labels, lang),
                 "whole" if r["whole"] is not None and r["whole"].value == "true" else "partial",
                 _date(r["effective"]),
                 term(r["act"], labels, lang) if r["act"] is not None else "",
                 term(r["event"], labels, lang)] for r in rows_]
        parts.append(tag("h2", f"{title}: {len(rows_)}"))
        parts.append(table([column, "whole or partial", "effective", "legal basis", "event"], rows))

    if children:
        rows = [[term(r["child"], labels, lang), r["code"].value, _validity(r["from"], r["until"])]
                for r in children]
        parts.append(tag("h2", f"Subordinate units: {len(children)}" + (" (first 1,000)" if len(children) >= LIMIT else "")))
        parts.append(table(["unit", "code", "valid"], rows))
    return join(parts)
