"""Read-only access to the built store for pages: small, bounded lookups around one IRI.

Pages never run user SPARQL here (that goes through the query pool, with its timeout); every lookup below
is a quad pattern or a query bounded by ``LIMIT`` on one subject.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from govgraph.store.disk import open_read_only
from govgraph.store.location import store_dir
from govgraph.rdf.convert import to_rdflib
from govgraph.store.values import with_values

LABEL_PREDICATES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://xmlns.com/foaf/0.1/name",
    "http://purl.org/dc/terms/title",
)
INCOMING_LIMIT = 200


def build_id(build_dir: Path) -> str:
    """A short fingerprint of the build (names, sizes and times of the store's files): the base of ETags."""
    digest = hashlib.sha256()
    for path in sorted(store_dir(build_dir).rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


@dataclass
class Labels:
    """Labels by language for many nodes; ``best`` picks the one a reader of ``lang`` wants."""

    by_node: dict[str, dict[str, str]]

    def get(self, iri: str, lang: str) -> str | None:
        """The label of ``iri`` tagged exactly ``lang`` (``""``: no tag), or None."""
        return self.by_node.get(iri, {}).get(lang)

    def best(self, iri: str, lang: str = "vi") -> str | None:
        """The label of ``iri`` in ``lang``, else in Vietnamese, English, untagged, else any; None without a label.

        >>> Labels({"u": {"en": "Hanoi", "vi": "Hà Nội"}}).best("u", "fr")
        'Hà Nội'
        """
        found = self.by_node.get(iri)
        if not found:
            return None
        for key in (lang, "vi", "en", ""):
            if key in found:
                return found[key]
        return next(iter(found.values()))


class GraphReader:
    """The read-only store of a build, with the lookups the pages need."""

    def __init__(self, store: ox.Store, build_id: str = "") -> None:
        self.store = store
        self.build_id = build_id

    @classmethod
    def open(cls, build_dir: Path) -> "GraphReader":
        """The built store of ``build_dir``, opened read-only, with the build's fingerprint for ETags."""
        return cls(open_read_only(build_dir), build_id(build_dir))

    def query(self, text: str, **bindings: ox.NamedNode | ox.Literal):
        """A bounded page query over the union of the named graphs, each binding a typed term.

        Bindings become a one-row ``VALUES`` block written from the terms (:mod:`govgraph.store.values`).
        """
        terms = {name: to_rdflib(term) for name, term in bindings.items()}
        return self.store.query(with_values(text, terms), use_default_graph_as_union=True)

    def holds(self, iri: str) -> bool:
        """Whether the graph has any statement about ``iri`` or pointing to it."""
        node = ox.NamedNode(iri)
        return (next(iter(self.store.quads_for_pattern(node, None, None)), None) is not None
                or next(iter(self.store.quads_for_pattern(None, None, node)), None) is not None
                or self.is_graph(iri))

    def is_graph(self, iri: str) -> bool:
        """Whether ``iri`` names one of the store's named graphs."""
        return self.store.contains_named_graph(ox.NamedNode(iri))

    def graph_names(self) -> list[str]:
        """The IRIs of the store's named graphs, sorted."""
        return sorted(graph.value for graph in self.store.named_graphs() if isinstance(graph, ox.NamedNode))

    def graph_size(self, iri: str) -> int:
        """How many statements the named graph ``iri`` holds (counted by the engine, the graph bound as a term).

        >>> store = ox.Store()
        >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1"),
        ...                   ox.NamedNode("http://e/g")))
        >>> GraphReader(store).graph_size("http://e/g"), GraphReader(store).graph_size("http://e/other")
        (1, 0)
        """
        solutions = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", g=ox.NamedNode(iri))
        return int(next(iter(solutions))["n"].value)

    def description(self, iri: str) -> list[ox.Triple]:
        """The concise bounded description of ``iri``: its statements, following blank nodes, no duplicates."""
        seen: set[ox.Triple] = set()
        triples: list[ox.Triple] = []
        todo: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(iri)]
        visited: set = set()
        while todo:
            subject = todo.pop()
            if subject in visited:
                continue
            visited.add(subject)
            for quad in self.store.quads_for_pattern(subject, None, None):
                triple = ox.Triple(quad.subject, quad.predicate, quad.object)
                if triple not in seen:
                    seen.add(triple)
                    triples.append(triple)
                    if isinstance(quad.object, ox.BlankNode):
                        todo.append(quad.object)
        return triples

    def graph_triples(self, graph_iri: str) -> list[ox.Triple]:
        """Every statement of one named graph."""
        graph = ox.NamedNode(graph_iri)
        return [ox.Triple(q.subject, q.predicate, q.object)
                for q in self.store.quads_for_pattern(None, None, None, graph)]

    def incoming(self, iri: str, limit: int = INCOMING_LIMIT) -> tuple[list[tuple[ox.NamedNode, ox.NamedNode]], int]:
        """Up to ``limit`` (subject, predicate) pairs pointing at ``iri``, and how many there are in all."""
        pairs: list[tuple] = []
        total = 0
        seen = set()
        for quad in self.store.quads_for_pattern(None, None, ox.NamedNode(iri)):
            key = (quad.subject, quad.predicate)
            if key in seen:
                continue
            seen.add(key)
            total += 1
            if len(pairs) < limit:
                pairs.append(key)
        return pairs, total

    def labels(self, nodes) -> Labels:
        """rdfs:label, skos:prefLabel, foaf:name or dct:title of each IRI, by language ('' for none)."""
        by_node: dict[str, dict[str, str]] = defaultdict(dict)
        for node in {n for n in nodes if isinstance(n, ox.NamedNode)}:
            for predicate in LABEL_PREDICATES:
                for quad in self.store.quads_for_pattern(node, ox.NamedNode(predicate), None):
                    if isinstance(quad.object, ox.Literal):
                        lang = quad.object.language or ""
                        by_node[node.value].setdefault(lang, quad.object.value)
        return Labels(dict(by_node))
