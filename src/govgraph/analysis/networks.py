"""The graph's networks as networkx graphs, built from the store by library queries.

- :func:`assignment_network`: assigning posts and persons to assignees, weighted by tasks, split by status;
- :func:`command_network`: a unit on a day, its organs, their posts and departments, the holders, its child units;
- :func:`lineage_network`: the 2025 reorganisation of one province, former units to new units, whole or partial.

Every node has ``label`` (Vietnamese, with diacritics) and ``kind``; every edge a ``relation`` or counts.
:func:`export` writes GraphML, GEXF or node-link JSON for Gephi, Cytoscape or D3.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.errors import UsageError
from govgraph.queries import load_library, run_query
from govgraph.store.base import Store

if TYPE_CHECKING:
    import networkx as nx

STATUSES = ("done", "in-progress", "overdue", "not-reported")
EXPORTS = (".graphml", ".gexf", ".json")


def assignment_network(store: Store, parameters: Mapping[str, str] | None = None) -> nx.DiGraph:
    """Posts and persons -> assignees; an edge's ``tasks`` and one count per status.

    A person is linked to the post they assigned from (``relation`` "assigned as"); a post to each assignee,
    with ``tasks`` and ``done``, ``in-progress``, ``overdue``, ``not-reported``.
    """
    import networkx as nx  # here, not at the top: `govgraph graph --help` starts without it

    graph = nx.DiGraph(name="assignment network")
    for row in run_query(store, load_library()["assignment-network"], parameters or {}).as_dicts():
        post, assignee, tasks, status = str(row["post"]), str(row["assignee"]), int(row["tasks"]), str(row["status"])
        graph.add_node(post, label=str(row.get("post_label", post)), kind="post")
        graph.add_node(assignee, label=str(row.get("assignee_label", assignee)), kind="assignee")
        edge = graph.edges[post, assignee] if graph.has_edge(post, assignee) else \
            _new_edge(graph, post, assignee, relation="assigned to")
        edge["tasks"] += tasks
        edge[status] += tasks
        if "person" in row:
            person = str(row["person"])
            graph.add_node(person, label=str(row.get("person_name", person)), kind="person")
            held = graph.edges[person, post] if graph.has_edge(person, post) else \
                _new_edge(graph, person, post, relation="assigned as")
            held["tasks"] += tasks
            held[status] += tasks
    return graph


def _new_edge(graph: nx.DiGraph, source: str, target: str, *, relation: str) -> dict:
    graph.add_edge(source, target, relation=relation, tasks=0, **{status: 0 for status in STATUSES})
    return graph.edges[source, target]


def command_network(store: Store, unit: str, day: str) -> nx.DiGraph:
    """The chain of command of the unit with official code ``unit`` on ``day`` (YYYY-MM-DD), top down."""
    import networkx as nx

    graph = nx.DiGraph(name=f"chain of command of {unit} on {day}")
    rows = run_query(store, load_library()["chain-of-command"], {"unit": unit, "date": day}).as_dicts()
    for row in rows:
        source, target = str(row["source"]), str(row["target"])
        graph.add_node(source, label=str(row["source_label"]), kind=str(row["source_kind"]))
        graph.add_node(target, label=str(row["target_label"]), kind=str(row["target_kind"]))
        graph.add_edge(source, target, relation=str(row["relation"]))
    return graph


def lineage_network(store: Store, province: str) -> nx.DiGraph:
    """Former units -> the new commune-level units of ``province`` they went into (``whole`` on each edge).

    Nodes carry ``side`` "former" or "new" (the two sides of a bipartite graph) and ``code``.
    """
    import networkx as nx

    graph = nx.DiGraph(name=f"lineage of {province}, 1 July 2025")
    for row in run_query(store, load_library()["lineage"], {"province": province}).as_dicts():
        former, new = str(row["former"]), str(row["new"])
        graph.add_node(former, label=str(row["former_name"]), code=str(row["former_code"]), kind="former unit",
                       side="former")
        graph.add_node(new, label=str(row["new_name"]), code=str(row["new_code"]), kind="new unit", side="new")
        graph.add_edge(former, new, relation="went into", whole=bool(row["whole"].toPython()))
    return graph


def lineage_summary(graph: nx.DiGraph) -> dict[str, object]:
    """Counts a reader asks of a lineage: sides, split former units, the new units that absorbed most, components.

    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_nodes_from(["a", "b"], side="former", label="A")
    >>> g.add_nodes_from(["x", "y"], side="new", label="X")
    >>> g.add_edges_from([("a", "x"), ("b", "x"), ("b", "y")])
    >>> s = lineage_summary(g)
    >>> s["former"], s["new"], s["split"], s["components"]
    (2, 2, 1, 1)
    """
    import networkx as nx

    former = [n for n, side in graph.nodes(data="side") if side == "former"]
    new = [n for n, side in graph.nodes(data="side") if side == "new"]
    absorbed = sorted(new, key=lambda n: (-graph.in_degree(n), graph.nodes[n].get("code", n)))
    return {
        "former": len(former), "new": len(new), "transfers": graph.number_of_edges(),
        "split": sum(1 for n in former if graph.out_degree(n) > 1),
        "most_absorbed": [(graph.nodes[n]["label"], graph.in_degree(n)) for n in absorbed[:5]],
        "components": nx.number_weakly_connected_components(graph),
    }


def export(graph: nx.DiGraph, path: Path) -> None:
    """Write ``graph`` as GraphML, GEXF or node-link JSON, chosen by the file's suffix."""
    import networkx as nx

    suffix = path.suffix.lower()
    if suffix == ".graphml":
        nx.write_graphml(graph, path)
    elif suffix == ".gexf":
        nx.write_gexf(graph, path)
    elif suffix == ".json":
        path.write_text(json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=1),
                        encoding="utf-8")
    else:
        raise UsageError(f"cannot export to {path.name}", hint=f"write one of {', '.join(EXPORTS)}")
