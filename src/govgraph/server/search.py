"""Unit search for the server: names compared without diacritics, case or type word, codes without lost zeros.

The name folding is :mod:`govgraph.queries.unit_search`'s (the same the query hints use); this module keeps
an index of every unit version with its validity, and answers with the former units a unit was formed from
(or the units a former unit went into), each with its validity and whether it came whole or in part.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from govgraph.queries.unit_search import find_by_code, fold, name_key, Unit
from govgraph.server.graph import GraphReader
from govgraph.server.pages.html import local_path

GG = "https://w3id.org/govgraph/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
TRANSFERS = """PREFIX gg: <https://w3id.org/govgraph/ontology#>
PREFIX m8g: <http://data.europa.eu/m8g/>
SELECT DISTINCT ?from ?to ?whole ?effective ?act WHERE {
  ?t gg:fromUnit ?from ; gg:toUnit ?to ; gg:transferOf ?event .
  OPTIONAL { ?t gg:whole ?whole }
  OPTIONAL { ?event gg:effectiveOn ?effective }
  OPTIONAL { ?event m8g:hasFormalFramework/gg:actNumber ?act }
}"""
LIMIT = 50


@dataclass
class Entry:
    """One unit version in the index: IRI, code, name (the Vietnamese label where there is one), level and type,
    validity, parent, and ``keys``, the folded forms of its names a search compares with.
    """

    iri: str
    code: str
    name: str
    level: str
    type: str = ""
    valid_from: str | None = None
    valid_until: str | None = None
    parent: str | None = None
    keys: set[str] = field(default_factory=set)

    @property
    def current(self) -> bool:
        """Whether the version is in force (it has no last day)."""
        return self.valid_until is None

    def summary(self, index: "UnitIndex") -> dict:
        """The version as a search answers it (JSON-ready): its page path, validity and parent's name."""
        parent = index.entries.get(self.parent) if self.parent else None
        return {"iri": self.iri, "path": local_path(self.iri),
                "code": self.code, "name": self.name, "type": self.type, "level": self.level.rsplit("/", 1)[-1],
                "validFrom": self.valid_from, "validUntil": self.valid_until, "current": self.current,
                "parent": parent.name if parent else None}


class UnitIndex:
    """Every unit version of the graph, searchable by name or code."""

    def __init__(self, entries: dict[str, Entry], before: dict, after: dict) -> None:
        self.entries = entries
        self.before = before  # new unit -> [(former unit, whole, effective, act)]
        self.after = after    # former unit -> [(new unit, whole, effective, act)]

    @classmethod
    def load(cls, reader: GraphReader) -> "UnitIndex":
        """Every unit version and transfer of the store, read into an index (once: the server builds it at start)."""
        store = reader.store

        def values(predicate: str) -> dict[str, list[ox.Literal | ox.NamedNode]]:
            found: dict = defaultdict(list)
            for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None):
                found[quad.subject.value].append(quad.object)
            return found

        codes, levels = values(GG + "officialCode"), values(GG + "level")
        names, alts = values(LABEL), values(ALT_LABEL)
        starts, ends = values(GG + "validFrom"), values(GG + "validUntil")
        types, parents = values(GG + "unitType"), values(GG + "parentUnit")
        type_names = {iri: next((v.value for v in labels if v.language == "vi"), "")
                      for iri, labels in values(PREF_LABEL).items()}
        entries: dict[str, Entry] = {}
        for iri, code in codes.items():
            if iri not in levels or not names.get(iri):
                continue
            labels = names[iri]
            name = next((v.value for v in labels if v.language == "vi"), labels[0].value)
            entry = entries[iri] = Entry(
                iri, code[0].value, name, levels[iri][0].value,
                type_names.get(types[iri][0].value, "") if iri in types else "",
                starts[iri][0].value if iri in starts else None, ends[iri][0].value if iri in ends else None,
                parents[iri][0].value if iri in parents else None)
            for label in labels + alts.get(iri, []):
                entry.keys.update({fold(label.value), name_key(label.value)})
        before: dict = defaultdict(list)
        after: dict = defaultdict(list)
        for row in reader.query(TRANSFERS):
            whole = row["whole"] is not None and row["whole"].value == "true"
            effective = row["effective"].value if row["effective"] else None
            act = row["act"].value if row["act"] else None
            before[row["to"].value].append((row["from"].value, whole, effective, act))
            after[row["from"].value].append((row["to"].value, whole, effective, act))
        return cls(entries, dict(before), dict(after))

    def _links(self, pairs) -> list[dict]:
        out = []
        for iri, whole, effective, act in sorted(pairs, key=lambda p: self.entries[p[0]].code if p[0] in self.entries else p[0]):
            entry = self.entries.get(iri)
            if entry is None:
                continue
            out.append(entry.summary(self) | {"whole": whole, "effective": effective, "legalBasis": act})
        return out

    def search(self, text: str, limit: int = LIMIT) -> list[dict]:
        """Units whose name matches ``text`` (exact name first, then every word as a word prefix), or its code.

        Current units come first; each carries ``formerUnits`` or ``successors`` with their validity.
        """
        wanted = fold(text)
        if not wanted:
            return []
        exact, partial = name_key(text), wanted.split()
        scored = []
        by_code = {u.code for u in find_by_code([Unit(e.code, e.name) for e in self.entries.values()], text)}
        for entry in self.entries.values():
            if entry.code == text.strip() or entry.code in by_code:
                rank = 0
            elif exact in entry.keys or wanted in entry.keys:
                rank = 1
            elif any(all(any(word.startswith(token) for word in key.split()) for token in partial)
                     for key in entry.keys):
                rank = 2
            else:
                continue
            scored.append((rank, not entry.current, len(entry.code), entry.code, entry.valid_from or "", entry))
        scored.sort(key=lambda item: item[:5])
        results = []
        for *_, entry in scored[:limit]:
            result = entry.summary(self)
            result["formerUnits"] = self._links(self.before.get(entry.iri, []))
            result["successors"] = self._links(self.after.get(entry.iri, []))
            results.append(result)
        return results


def validity(result: dict) -> str:
    """A unit's validity as people read it.

    >>> validity({"validFrom": "2025-07-01", "validUntil": None})
    'since 2025-07-01'
    >>> validity({"validFrom": None, "validUntil": "2025-06-30"})
    'until 2025-06-30'
    """
    start, end = result.get("validFrom"), result.get("validUntil")
    if start and end:
        return f"{start} to {end}"
    if end:
        return f"until {end}"
    return f"since {start}" if start else ""
