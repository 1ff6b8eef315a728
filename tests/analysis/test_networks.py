"""govgraph graph: the networks' node and edge counts on the built graph, their exports and pictures."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from govgraph.analysis.networks import assignment_network, command_network, lineage_network, lineage_summary
from govgraph.cli.main import main

UNIT = "https://w3id.org/govgraph/id/unit/"


def test_hai_phong_lineage_374_former_communes_into_114(built_store):
    graph = lineage_network(built_store, "31")
    summary = lineage_summary(graph)
    former = [n for n, side in graph.nodes(data="side") if side == "former"]
    communes = [n for n in former if len(graph.nodes[n]["code"]) == 5]
    # the island district of Bạch Long Vĩ had no communes: it went whole into the special zone
    assert (len(communes), summary["former"], summary["new"]) == (374, 375, 114)
    assert graph.has_edge(UNIT + "318/until-2025-06-30", UNIT + "11948/2025-07-01")
    assert all(graph.in_degree(n) >= 1 for n, side in graph.nodes(data="side") if side == "new")
    assert summary["most_absorbed"][0] == ("Đặc khu Cát Hải", 12)


def test_chain_of_command_of_hai_phong(built_store):
    graph = command_network(built_store, "31", "2025-10-02")
    kinds = nx.utils.groups(dict(graph.nodes(data="kind")))
    assert (len(kinds["unit"]), len(kinds["organ"]), len(kinds["post"]), len(kinds["child unit"])) == (1, 3, 4, 114)
    names = {graph.nodes[n]["label"] for n in kinds["person"]}
    assert {"Lê Ngọc Châu", "Lê Tiến Châu"} <= names
    assert nx.is_tree(graph.to_undirected()) and nx.is_directed_acyclic_graph(graph)


def test_assignment_network_of_the_article(built_store):
    graph = assignment_network(built_store)
    chair = UNIT + "31/2025-07-01/peoples-committee/chair"
    group = "https://w3id.org/govgraph/id/group/31/2025-07-01/departments-and-localities"
    edge = graph.edges[chair, group]
    assert (edge["done"], edge["in-progress"], edge["overdue"]) == (4678, 1331, 75)
    assert graph.edges["https://w3id.org/govgraph/id/person/le-ngoc-chau", chair]["relation"] == "assigned as"


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_exports_read_back(built_store, tmp_path, build_dir, capsys, suffix):
    path = tmp_path / f"lineage{suffix}"
    assert main(["graph", "lineage", "--province", "31", "--build-dir", str(build_dir), "--export", str(path)]) == 0
    if suffix == ".graphml":
        graph = nx.read_graphml(path)
    elif suffix == ".gexf":
        graph = nx.read_gexf(path)
    else:
        graph = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    assert (graph.number_of_nodes(), sum(1 for _ in graph.edges)) == \
        (489, lineage_network(built_store, "31").number_of_edges())


def test_pictures_keep_vietnamese_labels(build_dir, tmp_path, capsys):
    svg, png = tmp_path / "command.svg", tmp_path / "command.png"
    assert main(["graph", "command", "--unit", "31", "--date", "2025-10-02", "--build-dir", str(build_dir),
                 "--draw", str(svg), "--draw", str(png)]) == 0
    text = svg.read_text(encoding="utf-8")
    assert "Lê Ngọc Châu" in text and "45 phường" in text and "Ủy ban nhân dân" in text
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "chain of command of 31 on 2025-10-02" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["graph", "lineage"], "needs --province"),
    (["graph", "lineage", "--province", "99"], "no province-level unit in force has the code '99'"),
    (["graph", "command", "--unit", "31", "--draw", "x.pdf"], "cannot draw to x.pdf"),
    (["graph", "assignments", "--export", "x.csv"], "cannot export to x.csv"),
])
def test_mistakes_are_one_line(build_dir, capsys, argv, message):
    assert main([*argv, "--build-dir", str(build_dir)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
