"""Large user files (a register of thousands of tasks) are judged with another strategy than small ones: the
rules' queries only for the subjects a rule can reach, shapes skipped when no judged node has their target class,
lines found for the results only. These tests force that strategy on small files and check it changes nothing."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.cli.main import main
from govgraph.validation import compiled, context, scope

REPO = Path(__file__).resolve().parent.parent.parent
GG = "https://w3id.org/govgraph/ontology#"
ID = "https://w3id.org/govgraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ENDED = (f"@prefix gg: <{GG}> .\n@prefix xsd: <{XSD}> .\n"
         f"<{ID}unit/31/2025-07-01> gg:validUntil \"2025-08-01\"^^xsd:date .\n")
SUBCLASS = f"<http://xmlns.com/foaf/0.1/Person> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{GG}TaskAssignment> .\n"


def run(capsys, build_dir, *paths) -> dict:
    code = main(["validate", "--build-dir", str(build_dir), "--format", "json", *map(str, paths)])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return json.loads(out)


def large_strategy(monkeypatch) -> None:
    """Every scope counts as large: nothing bound in VALUES blocks, the context loaded into memory."""
    monkeypatch.setattr(compiled, "VALUES_LIMIT", 1)
    monkeypatch.setattr(scope, "VALUES_LIMIT", 1)
    monkeypatch.setattr(context, "LARGE_INPUT", 0)


@pytest.mark.parametrize("name,text", [
    ("register.ttl", (REPO / "examples" / "validate-task-register-SYNTHETIC.ttl").read_text(encoding="utf-8")),
    ("ended.ttl", ENDED),
    ("subclass.nt", SUBCLASS),
])
def test_the_large_strategy_gives_the_same_results(capsys, build_dir, tmp_path, monkeypatch, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    small = run(capsys, build_dir, path)
    large_strategy(monkeypatch)
    large = run(capsys, build_dir, path)
    assert small["results"] and large == small


def test_a_register_in_its_own_graph_stays_there_and_gives_the_same_results(capsys, build_dir, tmp_path):
    """N-Quads in one graph of the user's own are judged in that graph (nothing copied into the default graph),
    with the same results and lines as the same statements in N-Triples; a comment line shifts the lines."""
    lines = [f"<{ID}assignment/synthetic/q{n}> <{GG}dueDate> \"soon\"^^<{XSD}date>" for n in range(3)]
    triples = tmp_path / "register.nt"
    triples.write_text("".join(f"{line} .\n" for line in lines), encoding="utf-8")
    quads = tmp_path / "register.nq"
    quads.write_text("# SYNTHETIC\n" + "".join(f"{line} <http://example.org/SYNTHETIC/g> .\n" for line in lines),
                     encoding="utf-8")
    as_triples, as_quads = run(capsys, build_dir, triples), run(capsys, build_dir, quads)
    strip = [{**r, "location": None} for r in as_triples["results"]]
    assert as_triples["results"] and strip == [{**r, "location": None} for r in as_quads["results"]]
    assert [r["location"]["line"] + 1 for r in as_triples["results"]] == \
        [r["location"]["line"] for r in as_quads["results"]]
    assert as_quads["statements"] == as_triples["statements"]


def test_the_benchmarks_register_is_not_refused(capsys, build_dir, tmp_path):
    """bench/synthetic_register.py writes into a graph of its own, labelled SYNTHETIC, outside govgraph's graphs
    (which user files may not write into), so its statements are used when it is validated as a user file."""
    spec = importlib.util.spec_from_file_location("synthetic_register", REPO / "bench" / "synthetic_register.py")
    register = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(register)
    assert "SYNTHETIC" in register.GRAPH and not register.GRAPH.startswith("https://w3id.org/govgraph/graph/")
    path = tmp_path / "register.nq"
    store = ox.Store.read_only(str(Path(build_dir) / "store"))
    statements, built = register.write_register(store, 20, path, posts=5), len(store)
    del store
    document = run(capsys, build_dir, path)
    assert not [r for r in document["results"] if r["sourceShape"].endswith("user-file-writes-govgraph-graph")]
    assert statements > 200 and document["statements"] == built + statements
