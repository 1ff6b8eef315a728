"""Pictures of the networks (SVG or PNG, by the file's suffix), laid out for their structure.

- lineage: bipartite, former units on the left and new units on the right, each former unit placed beside the
  new unit it went into, so a merger reads as a bracket; partial transfers dashed;
- assignments: bipartite flow, assigning persons and posts on the left, assignees on the right, line width by
  tasks and colour by the share overdue;
- command: hierarchical, unit, organs, posts, holders from top to bottom; many child units are drawn as one node
  per type ("45 phường"), since 100 names in one row cannot be read.

Labels keep their Vietnamese diacritics (DejaVu Sans, which matplotlib ships, has them all), at 7 points or more
at the size written.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx

from govgraph.errors import UsageError
from govgraph.reference.types import COMMUNE_LEVEL, classify

PICTURES = (".svg", ".png")
FONT = "DejaVu Sans"
ROW = 0.17  # inches per label row: 7-point text with room to breathe


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only: no display
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": FONT, "svg.fonttype": "none", "svg.hashsalt": "govgraph",
                         "path.simplify": True})
    return plt


def _save(figure, path: Path) -> None:
    if path.suffix.lower() not in PICTURES:
        raise UsageError(f"cannot draw to {path.name}", hint="write .svg or .png")
    metadata = {"Date": None} if path.suffix.lower() == ".svg" else {}
    figure.savefig(path, dpi=110, bbox_inches="tight", metadata=metadata)


def draw_lineage(graph: nx.DiGraph, path: Path, title: str) -> None:
    """Draw the lineage network as a picture at ``path``: former units on the left, new units on the right."""
    plt = _pyplot()
    new = sorted((n for n, s in graph.nodes(data="side") if s == "new"), key=lambda n: graph.nodes[n]["code"])
    order = {n: i for i, n in enumerate(new)}
    former = sorted((n for n, s in graph.nodes(data="side") if s == "former"),
                    key=lambda n: (min(order[t] for t in graph.successors(n)), graph.nodes[n]["code"]))
    rows = max(len(former), len(new))
    y_former = {n: rows - i * rows / len(former) for i, n in enumerate(former)}
    y_new = {n: rows - i * rows / len(new) for i, n in enumerate(new)}
    figure, axes = plt.subplots(figsize=(13, max(4, rows * ROW)))
    for source, target, whole in graph.edges(data="whole"):
        axes.plot([0, 1], [y_former[source], y_new[target]], color="#7a7a7a" if whole else "#d95f02",
                  linestyle="-" if whole else (0, (3, 2)), linewidth=0.6, alpha=0.8)
    for n in former:
        axes.text(-0.01, y_former[n], f"{graph.nodes[n]['label']} ({graph.nodes[n]['code']})", ha="right",
                  va="center", fontsize=7)
    for n in new:
        axes.text(1.01, y_new[n], f"{graph.nodes[n]['label']} ({graph.nodes[n]['code']}) ← {graph.in_degree(n)}",
                  ha="left", va="center", fontsize=7.5, fontweight="bold")
    axes.set_xlim(-0.9, 1.9)
    axes.set_ylim(0, rows + 1)
    axes.axis("off")
    axes.set_title(f"{title}\n{len(former)} đơn vị cũ → {len(new)} đơn vị mới; nét đứt: chia tách một phần "
                   "(partial transfer)", fontsize=11)
    _save(figure, path)
    plt.close(figure)


def draw_assignments(graph: nx.DiGraph, path: Path, title: str) -> None:
    """Draw the assignment network at ``path``: assigners (people, posts) on the left, assignees on the right."""
    plt = _pyplot()
    left = sorted((n for n, k in graph.nodes(data="kind") if k in ("person", "post")),
                  key=lambda n: (graph.nodes[n]["kind"] != "person", graph.nodes[n]["label"]))
    right = sorted((n for n, k in graph.nodes(data="kind") if k == "assignee"),
                   key=lambda n: -sum(d["tasks"] for _, _, d in graph.in_edges(n, data=True)))
    rows = max(len(left), len(right), 4)
    y = {n: rows - i * rows / len(left) for i, n in enumerate(left)}
    y.update({n: rows - i * rows / len(right) for i, n in enumerate(right)})
    x = {n: 0.0 if graph.nodes[n]["kind"] == "person" else 0.4 for n in left}
    x.update({n: 1.0 for n in right})
    heaviest = max((d["tasks"] for _, _, d in graph.edges(data=True)), default=1)
    colours = plt.get_cmap("RdYlGn_r")
    figure, axes = plt.subplots(figsize=(14, max(4, rows * 0.3)))
    for source, target, data in graph.edges(data=True):
        share = data["overdue"] / data["tasks"] if data["tasks"] else 0
        axes.plot([x[source], x[target]], [y[source], y[target]], color=colours(min(1.0, share * 10)),
                  linewidth=0.8 + 7 * data["tasks"] / heaviest, alpha=0.7, solid_capstyle="round", zorder=1)
    for n in left + right:
        kind = graph.nodes[n]["kind"]
        label = graph.nodes[n]["label"]
        if kind == "assignee":
            received = [d for _, _, d in graph.in_edges(n, data=True)]
            tasks, overdue = sum(d["tasks"] for d in received), sum(d["overdue"] for d in received)
            label += f"  · {tasks:,} nhiệm vụ" + (f", {overdue:,} quá hạn" if overdue else "")
        align = "left" if kind == "assignee" else "right" if kind == "person" else "center"
        axes.text(x[n] + (0.01 if kind == "assignee" else -0.01 if kind == "person" else 0), y[n],
                  _wrap(label, 34) if kind == "post" else label, ha=align, va="center", fontsize=8, zorder=2,
                  fontweight="bold" if kind != "assignee" else "normal",
                  bbox={"boxstyle": "round,pad=0.2", "fc": "#eef3fb" if kind == "post" else "white", "ec": "#999"})
    axes.set_xlim(-0.6, 1.7)
    axes.set_ylim(0, rows + 1)
    axes.axis("off")
    axes.set_title(f"{title}\nđộ dày: số nhiệm vụ; màu: tỉ lệ quá hạn (xanh 0 % → đỏ ≥ 10 %)", fontsize=11)
    _save(figure, path)
    plt.close(figure)


def draw_command(graph: nx.DiGraph, path: Path, title: str, *, max_children: int = 12) -> None:
    """Draw a unit's chain of command at ``path`` in layers; over ``max_children`` child units are grouped by type."""
    plt = _pyplot()
    drawn = graph.copy()
    children = [n for n, k in graph.nodes(data="kind") if k == "child unit"]
    if len(children) > max_children:
        by_type: dict[str, list[str]] = defaultdict(list)
        for child in children:
            by_type[classify(graph.nodes[child]["label"], COMMUNE_LEVEL).prefix].append(child)
        top = next(iter(graph.predecessors(children[0])))
        drawn.remove_nodes_from(children)
        for kind, members in sorted(by_type.items()):
            node = f"children:{kind}"
            drawn.add_node(node, label=f"{len(members)} {kind.lower()}", kind="child unit")
            drawn.add_edge(top, node, relation="child unit")
    layers = {"unit": 0, "organ": 1, "child unit": 1, "post": 2, "department": 2, "person": 3}
    position = _layered(drawn, {n: layers.get(k, 2) for n, k in drawn.nodes(data="kind")})
    span = max(x for x, _ in position.values()) - min(x for x, _ in position.values())
    figure, axes = plt.subplots(figsize=(max(10, (span + 1) * 2.6), 7))
    nx.draw_networkx_edges(drawn, position, ax=axes, edge_color="#888", arrows=True, arrowsize=8, width=0.8)
    fill = {"unit": "#cfe2f3", "organ": "#d9ead3", "department": "#d9ead3", "child unit": "#fff2cc",
            "post": "#eeeeee", "person": "#f4cccc"}
    for node, (px, py) in position.items():
        label = drawn.nodes[node]["label"]
        axes.text(px, py, _wrap(label, 20), ha="center", va="center", fontsize=8,
                  bbox={"boxstyle": "round,pad=0.3", "fc": fill.get(drawn.nodes[node]["kind"], "white"),
                        "ec": "#666"})
    axes.axis("off")
    axes.margins(0.12, 0.15)
    axes.set_title(title, fontsize=11)
    _save(figure, path)
    plt.close(figure)


def _layered(graph: nx.DiGraph, layer: dict[str, int], gap: float = 1.0) -> dict[str, tuple[float, float]]:
    """Top-down positions: one row per layer, each node as near as it can be below the mean of its parents,
    neighbours at least ``gap`` apart (so labels never overlap), each row centred under its parents."""
    position: dict[str, tuple[float, float]] = {}
    for depth in sorted(set(layer.values())):
        row = [n for n in graph if layer[n] == depth]
        wanted = {}
        for n in row:
            parents = [position[p][0] for p in graph.predecessors(n) if p in position]
            wanted[n] = sum(parents) / len(parents) if parents else 0.0
        row.sort(key=lambda n: (wanted[n], graph.nodes[n]["label"]))
        placed: list[float] = []
        for n in row:
            placed.append(wanted[n] if not placed else max(wanted[n], placed[-1] + gap))
        shift = sum(wanted.values()) / len(row) - sum(placed) / len(row)
        for n, x in zip(row, placed):
            position[n] = (x + shift, -depth)
    return position


def _wrap(text: str, width: int) -> str:
    """Break a label into lines of about ``width`` characters.

    >>> _wrap("Chủ tịch Ủy ban nhân dân Thành phố Hải Phòng", 20)
    'Chủ tịch Ủy ban nhân\\ndân Thành phố Hải\\nPhòng'
    """
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])
