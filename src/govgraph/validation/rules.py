"""The catalogue of rules a validation applies: every node shape of the shapes graph and every check.

Reports that list rules (JUnit's test cases, SARIF's rules) take them from here, so a rule that found nothing
still shows as passed.
"""

from __future__ import annotations

from dataclasses import dataclass

import rdflib
from rdflib import URIRef
from rdflib.namespace import RDF, SH

from govgraph.validation.checks import CHECKS_IRI, Check


@dataclass(frozen=True)
class Rule:
    """A rule as the reports list it: the shape's or check's IRI, and a title."""

    id: str  # the shape's or check's IRI
    title: str


# Rules about the user's files themselves, applied when they join the context (validation/context.py).
GG_TERM_RULE = Rule(CHECKS_IRI + "user-file-describes-gg-term", "A user file makes statements about a gg: term")
GRAPH_RULE = Rule(CHECKS_IRI + "user-file-writes-govgraph-graph", "A user file writes into a govgraph named graph")
INPUT_RULES = (GG_TERM_RULE, GRAPH_RULE)


def rule_catalog(shapes: rdflib.Graph, checks: list[Check]) -> list[Rule]:
    """Named node shapes (by local name) and checks (by title), sorted by id."""
    rules = [Rule(str(shape), str(shape).rsplit("#", 1)[-1])
             for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) if isinstance(shape, URIRef)]
    rules += [Rule(check.iri, check.title) for check in checks]
    rules += INPUT_RULES
    return sorted(rules, key=lambda rule: rule.id)
