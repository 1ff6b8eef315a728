"""What changed in the data since the previous release: units, unit versions, holdings and task assignments
added, ended, changed or removed; written as RDF (schema.org actions) and as text.

- a *unit* is an official code; it ends when its last version in force ends;
- a *version* is a unit version (a subject with ``gg:officialCode``); it ends when it gains ``gg:validUntil``;
- a *holding* is a ``gg:PostHolding``; it ends when it gains ``gg:endDate``;
- an *assignment* is a ``gg:TaskAssignment``.
Anything present in both releases whose statements differ (apart from an ending) is *changed*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph.namespaces import GG

SCHEMA = "https://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
KINDS = ("unit", "version", "holding", "assignment")
ENDS = {"version": str(GG.validUntil), "holding": str(GG.endDate)}
ACTIONS = {"added": "AddAction", "ended": "UpdateAction", "changed": "ReplaceAction", "removed": "DeleteAction"}
TEXT_FILE = "CHANGELOG.txt"
RDF_FILE = "changelog.ttl"


@dataclass
class Changes:
    """Per kind, per change ("added", "ended", "changed", "removed"): the sorted IRIs or codes."""

    version: str
    previous: str | None
    items: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    def counts(self, kind: str) -> dict[str, int]:
        """How many resources of ``kind`` were added, ended, changed or removed."""
        return {change: len(self.items.get(kind, {}).get(change, [])) for change in ACTIONS}


def _subjects(store: ox.Store, kind: str) -> set[str]:
    if kind in ("unit", "version"):
        quads = store.quads_for_pattern(None, ox.NamedNode(str(GG.officialCode)), None)
        return {(q.object.value if kind == "unit" else q.subject.value) for q in quads}
    cls = GG.PostHolding if kind == "holding" else GG.TaskAssignment
    return {q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(str(cls)))
            if isinstance(q.subject, ox.NamedNode)}


def _description(store: ox.Store, iri: str) -> set[tuple[str, str]]:
    return {(q.predicate.value, str(q.object)) for q in store.quads_for_pattern(ox.NamedNode(iri), None, None)
            if not isinstance(q.object, ox.BlankNode)}


def _in_force_codes(store: ox.Store) -> set[str]:
    ended = {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(str(GG.validUntil)), None)}
    return {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(GG.officialCode)), None)
            if q.subject not in ended}


def compare(previous: ox.Store | None, current: ox.Store, version: str, previous_version: str | None) -> Changes:
    """The changes from ``previous`` (None: a first release, everything counted, nothing listed) to ``current``.

    >>> a, b = ox.Store(), ox.Store()
    >>> gg = "https://w3id.org/govgraph/ontology#"
    >>> a.add(ox.Quad(ox.NamedNode("http://e/u1"), ox.NamedNode(gg + "officialCode"), ox.Literal("1")))
    >>> b.add(ox.Quad(ox.NamedNode("http://e/u1"), ox.NamedNode(gg + "officialCode"), ox.Literal("1")))
    >>> b.add(ox.Quad(ox.NamedNode("http://e/u1"), ox.NamedNode(gg + "validUntil"), ox.Literal("2026-01-01")))
    >>> b.add(ox.Quad(ox.NamedNode("http://e/u2"), ox.NamedNode(gg + "officialCode"), ox.Literal("2")))
    >>> changes = compare(a, b, "0.2.0", "0.1.0")
    >>> changes.items["version"]["added"], changes.items["version"]["ended"], changes.items["unit"]["ended"]
    (['http://e/u2'], ['http://e/u1'], ['1'])
    """
    changes = Changes(version, previous_version)
    for kind in KINDS:
        now = _subjects(current, kind)
        changes.totals[kind] = len(now)
        if previous is None:
            continue
        before = _subjects(previous, kind)
        found = {"added": sorted(now - before), "ended": [], "changed": [], "removed": sorted(before - now)}
        if kind == "unit":
            was, still = _in_force_codes(previous), _in_force_codes(current)
            found["ended"] = sorted((was - still) & now)
        else:
            end = ENDS.get(kind)
            for iri in sorted(now & before):
                old, new = _description(previous, iri), _description(current, iri)
                if old == new:
                    continue
                if end and not any(p == end for p, _ in old) and any(p == end for p, _ in new):
                    found["ended"].append(iri)
                else:
                    found["changed"].append(iri)
        changes.items[kind] = found
    return changes


def as_text(changes: Changes, *, limit: int = 50) -> str:
    """The changelog for people: counts per kind, then the items (at most ``limit`` per list)."""
    if changes.previous is None:
        lines = [f"govgraph {changes.version}: first release (no previous release given)"]
        lines += [f"  {kind}s: {changes.totals[kind]:,}" for kind in KINDS]
        return "\n".join(lines) + "\n"
    lines = [f"govgraph {changes.version}: changes since {changes.previous}"]
    for kind in KINDS:
        counts = changes.counts(kind)
        lines.append(f"  {kind}s: {changes.totals[kind]:,} ("
                     + ", ".join(f"{n:,} {change}" for change, n in counts.items()) + ")")
    for kind in KINDS:
        for change in ACTIONS:
            listed = changes.items[kind][change]
            for item in listed[:limit]:
                lines.append(f"{change} {kind} {item}")
            if len(listed) > limit:
                lines.append(f"... and {len(listed) - limit:,} more {change} {kind}s (see {RDF_FILE})")
    return "\n".join(lines) + "\n"


def as_triples(changes: Changes, dataset: str) -> list[ox.Triple]:
    """The changelog as schema.org actions on the release's dataset node ``dataset``."""
    out: list[ox.Triple] = []
    log = ox.NamedNode(dataset.replace("#govgraph", "#changes"))

    def add(s, p: str, o) -> None:
        out.append(ox.Triple(s, ox.NamedNode(p), o))

    add(log, RDF_TYPE, ox.NamedNode(SCHEMA + "ItemList"))
    add(log, SCHEMA + "about", ox.NamedNode(dataset))
    add(log, SCHEMA + "version", ox.Literal(changes.version))
    if changes.previous:
        add(log, SCHEMA + "description", ox.Literal(f"changes since govgraph {changes.previous}", language="en"))
    for kind in KINDS:
        for change, items in changes.items.get(kind, {}).items():
            for item in items:
                action = ox.BlankNode()
                add(log, SCHEMA + "itemListElement", action)
                add(action, RDF_TYPE, ox.NamedNode(SCHEMA + ACTIONS[change]))
                add(action, SCHEMA + "additionalType", ox.Literal(kind))
                add(action, SCHEMA + "object", ox.Literal(item) if kind == "unit" else ox.NamedNode(item))
    return out


def write_changelog(changes: Changes, dataset: str, folder: Path) -> list[Path]:
    """Write the changes as text and as schema.org actions about ``dataset`` into ``folder``; returns the paths."""
    (folder / TEXT_FILE).write_text(as_text(changes), encoding="utf-8")
    ox.serialize(as_triples(changes, dataset), str(folder / RDF_FILE), format=ox.RdfFormat.TURTLE,
                 prefixes={"schema": SCHEMA})
    return [folder / TEXT_FILE, folder / RDF_FILE]
