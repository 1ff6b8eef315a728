"""The prefixes every ``govgraph sparql`` query (and the server's endpoint) may use without declaring them.

They are the project's own (:data:`govgraph.namespaces.PREFIXES`) plus ``graph:`` for its named graphs and
``wd:`` for Wikidata; a ``PREFIX`` declaration in the query overrides any of them.

>>> PREDECLARED["unit"]
'https://w3id.org/govgraph/id/unit/'
>>> print(listing().splitlines()[0])
PREFIX check: <https://w3id.org/govgraph/checks#>
"""

from __future__ import annotations

from govgraph.namespaces import GRAPH_BASE, PREFIXES, WIKIDATA

GRAPH_NAMESPACE = GRAPH_BASE

PREDECLARED: dict[str, str] = dict(sorted({**PREFIXES, "graph": GRAPH_NAMESPACE, "wd": WIKIDATA}.items()))


def listing() -> str:
    """The predeclared prefixes as SPARQL ``PREFIX`` lines, in name order."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREDECLARED.items())
