"""A SYNTHETIC task register for benchmarks: made-up assignments, people and holdings, never shipped as data.

Seeded, so every run makes the same register. Everything goes into its own named graph :data:`GRAPH`, outside
govgraph's graph namespace (``govgraph validate`` refuses statements a user file puts into govgraph's named
graphs), with IRIs under https://w3id.org/govgraph/id/synthetic/, and cites a source document whose title says it
is synthetic. About 1 % of the assignments carry a deliberate defect
(due before issued, an assigner not yet in post, an overdue task not yet due, an unknown status) so that the
engines compared have results to agree on.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

# Labelled SYNTHETIC, and not under https://w3id.org/govgraph/graph/ (govgraph's own named graphs).
GRAPH = "https://example.org/govgraph-bench/SYNTHETIC/task-register"
SYN = "https://w3id.org/govgraph/id/synthetic/"
GG = "https://w3id.org/govgraph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
STATUS = "https://w3id.org/govgraph/id/status/"


def _posts(store: ox.Store, limit: int) -> list[tuple[str, str]]:
    """(chair post, People's Committee) of the first ``limit`` commune-level units, in code order."""
    query = f"""PREFIX gg: <{GG}> PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?post ?organ WHERE {{
          ?unit gg:level <https://w3id.org/govgraph/id/level/commune> ; gg:officialCode ?code .
          FILTER NOT EXISTS {{ ?unit gg:validUntil ?end }}
          ?organ gg:jurisdiction ?unit ; a gg:PeoplesCommittee .
          ?post org:postIn ?organ ; org:role <https://w3id.org/govgraph/id/role/committee-chair> .
        }} ORDER BY ?code LIMIT {limit}"""
    return [(s["post"].value, s["organ"].value) for s in store.query(query, use_default_graph_as_union=True)]


def write_register(store: ox.Store, assignments: int, path: Path, *, seed: int = 2025, posts: int = 500) -> int:
    """Write ``assignments`` synthetic assignments as N-Quads to ``path``; returns the number of statements."""
    rng = random.Random(seed)
    chairs = _posts(store, posts)
    start = date(2025, 7, 1)
    lines = []

    def quad(s: str, p: str, o: str) -> None:
        lines.append(f"<{s}> <{p}> {o} <{GRAPH}> .\n")

    def iri(value: str) -> str:
        return f"<{value}>"

    def day(value: date) -> str:
        return f'"{value.isoformat()}"^^<{XSD}date>'

    source = SYN + "source/register"
    quad(source, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", iri(GG + "SourceDocument"))
    quad(source, "http://purl.org/dc/terms/title", '"SYNTHETIC benchmark task register, not fact"')
    quad(source, "http://purl.org/dc/terms/issued", day(date(2026, 1, 15)))
    for number, (post, _) in enumerate(chairs):
        person, holding = f"{SYN}person/{number}", f"{SYN}holding/{number}"
        for p, o in (("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", iri(GG + "Person")),
                     ("http://xmlns.com/foaf/0.1/name", f'"Synthetic person {number}"'),
                     ("http://www.w3.org/ns/prov#wasDerivedFrom", iri(source)), (GG + "quote", '"synthetic"')):
            quad(person, p, o)
        for p, o in (("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", iri(GG + "PostHolding")),
                     (GG + "post", iri(post)), ("http://www.w3.org/ns/org#member", iri(person)),
                     (GG + "startDate", day(start)),
                     ("http://www.w3.org/ns/prov#wasDerivedFrom", iri(source)), (GG + "quote", '"synthetic"')):
            quad(holding, p, o)
    statuses = ["done", "in-progress", "overdue"]
    for number in range(assignments):
        chair = rng.randrange(len(chairs))
        post, organ = chairs[chair]
        issued = start + timedelta(days=rng.randrange(150))
        due = issued + timedelta(days=rng.randrange(1, 60))
        status = rng.choice(statuses)
        defect = rng.random()
        if defect < 0.0025:
            due = issued - timedelta(days=3)                       # due before issued
        elif defect < 0.005:
            issued = date(2025, 6, 20)                             # assigner not yet in post
        elif defect < 0.0075:
            status, due = "overdue", date(2026, 2, 1)              # overdue but not yet due
        elif defect < 0.01:
            status = "total"                                       # not a task status
        subject = f"{SYN}assignment/{number}"
        for p, o in (("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", iri(GG + "TaskAssignment")),
                     (GG + "assignerPost", iri(post)), (GG + "assigner", iri(f"{SYN}person/{chair}")),
                     (GG + "assignee", iri(organ)), (GG + "task", f'"Synthetic task {number}"@en'),
                     (GG + "issuedOn", day(issued)), (GG + "dueDate", day(due)),
                     (GG + "status", iri(STATUS + status)),
                     ("http://www.w3.org/ns/prov#wasDerivedFrom", iri(source)), (GG + "quote", '"synthetic"')):
            quad(subject, p, o)
        if len(lines) > 200_000:
            _flush(path, lines)
    _flush(path, lines)
    return sum(1 for _ in open(path, encoding="utf-8"))


def _flush(path: Path, lines: list[str]) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.writelines(lines)
    lines.clear()
