"""``govgraph graph``: the graph's networks (assignments, chain of command, lineage), summarised, exported, drawn."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.analysis.networks import (EXPORTS, STATUSES, assignment_network, command_network, export,
                                        lineage_network, lineage_summary)
from govgraph.errors import InputError, UsageError
from govgraph.store.location import add_build_dir_argument, build_dir
from govgraph.store.overlay import store_with_files

if TYPE_CHECKING:  # for the annotations only: networkx is imported when a network is built, not at start
    import networkx as nx

EXAMPLE = """\
examples:
  $ govgraph graph lineage --province 31 --draw lineage-31.svg --export lineage-31.graphml
  $ govgraph graph assignments --data tasks.ttl --source id:register/tasks/source --draw assignments.png
  $ govgraph graph command --unit 31 --date 2025-10-02 --draw command-31.svg --export command-31.json

Exports: .graphml (Gephi, Cytoscape, yEd), .gexf (Gephi), .json (node-link, for D3). Pictures: .svg or .png."""


def register(subparsers) -> None:
    """Add ``govgraph graph`` (the network, its filters, ``--export``, ``--draw``) to ``subparsers``."""
    parser = subparsers.add_parser(
        "graph", help="networks: assignments, chain of command, lineage (summary, export, picture)",
        description=__doc__.split(": ", 1)[1], epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("network", choices=["assignments", "command", "lineage"], help="which network")
    parser.add_argument("--province", metavar="CODE", help="lineage: the new province-level unit, e.g. 31")
    parser.add_argument("--unit", metavar="CODE", help="command: the unit, e.g. 31")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="command: the day (default: today)")
    parser.add_argument("--from", dest="from_", metavar="YYYY-MM-DD", help="assignments: issued on or after")
    parser.add_argument("--to", metavar="YYYY-MM-DD", help="assignments: issued on or before")
    parser.add_argument("--source", metavar="IRI", help="assignments: only those derived from this source, "
                        "e.g. id:register/NAME/source for a register ingested from NAME.csv")
    parser.add_argument("--title", help="the picture's title (default: one naming the network)")
    parser.add_argument("--data", type=Path, action="append", default=[], metavar="FILE",
                        help="add this RDF file to the built graph (e.g. the output of govgraph ingest); repeatable")
    parser.add_argument("--export", type=Path, action="append", default=[], metavar="FILE",
                        help=f"write the network ({', '.join(EXPORTS)}); repeatable")
    parser.add_argument("--draw", type=Path, action="append", default=[], metavar="FILE",
                        help="draw the network (.svg or .png); repeatable")
    add_build_dir_argument(parser)
    parser.set_defaults(run=run)


def _explain_empty(store, name: str, parameters: dict[str, str]):
    """Raise the query's hint when a parameter names no unit (as ``govgraph query`` does); else return the query."""
    from govgraph.queries import load_library
    from govgraph.queries.hints import check_empty_answer
    from govgraph.queries.runner import bind_parameters

    query = load_library()[name]
    check_empty_answer(store, query, parameters, bind_parameters(query, parameters))
    return query


def run(args: argparse.Namespace) -> int:
    """Summarise, export and draw one network; 0, or 2 (raised) for bad options or a code naming no unit."""
    from govgraph.analysis import drawing  # matplotlib loads only when a picture is asked for

    for path in args.export:
        if path.suffix.lower() not in EXPORTS:
            raise UsageError(f"cannot export to {path}", hint=f"write one of {', '.join(EXPORTS)}")
    for path in args.draw:
        if path.suffix.lower() not in drawing.PICTURES:
            raise UsageError(f"cannot draw to {path}", hint="write .svg or .png")
    store = store_with_files(args.data, build_dir(args.build_dir))
    if args.network == "lineage":
        if not args.province:
            raise UsageError("the lineage network needs --province CODE", hint="e.g. --province 31")
        graph = lineage_network(store, args.province)
        if graph.number_of_nodes() == 0:
            _explain_empty(store, "lineage", {"province": args.province})  # a code that names no unit, with a hint
            raise UsageError(f"no new province-level unit of 1 July 2025 has the code {args.province!r}",
                             hint="see 'govgraph query unit-counts'")
        summary = lineage_summary(graph)
        lines = [f"lineage of {args.province}: {summary['former']} former units -> {summary['new']} new units, "
                 f"{summary['transfers']} transfers; {summary['split']} former units split; "
                 f"{summary['components']} connected components",
                 "absorbed most: " + "; ".join(f"{name} ({n})" for name, n in summary["most_absorbed"])]
        title = f"Sắp xếp đơn vị hành chính ngày 1/7/2025: {args.province}"
        draw = drawing.draw_lineage
    elif args.network == "command":
        if not args.unit:
            raise UsageError("the command network needs --unit CODE", hint="e.g. --unit 31 --date 2025-10-02")
        day = args.date or dt.date.today().isoformat()
        graph = command_network(store, args.unit, day)
        if graph.number_of_nodes() == 0:
            query = _explain_empty(store, "chain-of-command", {"unit": args.unit, "date": day})
            raise UsageError(f"unit {args.unit} on {day}: {query.empty}")
        from networkx.utils import groups  # loaded by now: the network is a networkx graph

        kinds = groups(dict(graph.nodes(data="kind")))
        lines = [f"chain of command of {args.unit} on {day}: {graph.number_of_nodes()} nodes, "
                 f"{graph.number_of_edges()} edges; " + ", ".join(f"{len(v)} {k}" for k, v in sorted(kinds.items()))]
        title = f"Hệ thống chỉ đạo: {_label_of_top(graph)}, ngày {day}"
        draw = drawing.draw_command
    else:
        parameters = {k: v for k, v in (("from", args.from_), ("to", args.to), ("source", args.source)) if v}
        graph = assignment_network(store, parameters)
        lines = [_assignment_summary(graph)]
        title = "Ai giao nhiệm vụ cho ai (who assigned tasks to whom)"
        draw = drawing.draw_assignments
    for path in [*args.export, *args.draw]:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path in args.export:
                export(graph, path)
                lines.append(f"wrote {path}")
            else:
                draw(graph, path, args.title or title)
                lines.append(f"drew {path}")
        except OSError as error:
            raise InputError(f"cannot write: {error.strerror}", path=path) from None
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _label_of_top(graph: nx.DiGraph) -> str:
    return next((data["label"] for _, data in graph.nodes(data=True) if data["kind"] == "unit"), "")


def _assignment_summary(graph: nx.DiGraph) -> str:
    edges = [(s, t, d) for s, t, d in graph.edges(data=True) if d["relation"] == "assigned to"]
    total = sum(d["tasks"] for _, _, d in edges)
    by_status = {status: sum(d[status] for _, _, d in edges) for status in STATUSES}
    posts = sorted({s for s, _, _ in edges}, key=lambda p: -sum(d["tasks"] for _, _, d in graph.out_edges(p, data=True)))
    overdue = sorted(((t, d["overdue"]) for _, t, d in edges if d["overdue"]), key=lambda item: -item[1])
    lines = [f"assignment network: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
             f"{total:,} tasks (" + ", ".join(f"{k} {v:,}" for k, v in by_status.items() if v) + ")"]
    if posts:
        top = posts[0]
        lines.append(f"assigns most: {graph.nodes[top]['label']} "
                     f"({sum(d['tasks'] for _, _, d in graph.out_edges(top, data=True)):,} tasks)")
    if overdue:
        lines.append("overdue concentrates at: " + "; ".join(f"{graph.nodes[t]['label']} ({n:,})"
                                                            for t, n in overdue[:3]))
    return "\n".join(lines)
