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
from govgraph.store.embedded import EmbeddedStore
from govgraph.validation import compiled, context, scope
from govgraph.validation import run as run_module

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


def in_a_graph_of_its_own(turtle: str) -> str:
    """The statements of ``turtle`` as N-Quads, all in one SYNTHETIC graph of the user's."""
    quads = ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)
    graph = ox.NamedNode("http://example.org/SYNTHETIC/own")
    return "# SYNTHETIC\n" + ox.serialize((ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads),
                                          format=ox.RdfFormat.N_QUADS).decode()


UNIT = f"{ID}unit/31/2025-07-01"
POST = f"{UNIT}/party-committee/secretary"
# a subject of every kind a rule starts from: a unit the build describes, a holding of a post the build's holdings
# and assignments use, a source the build's assignments derive from, and a class extended (its instances judged)
EVERY_RULE = (ENDED + f"<{ID}holding/synthetic/h1> a gg:PostHolding ; gg:post <{POST}> ; "
              f"gg:startDate \"2025-08-01\"^^xsd:date .\n"
              f"<{ID}source/tienphong-2025-10-02-haiphong> <http://purl.org/dc/terms/issued> "
              f"\"2031-01-01\"^^xsd:date .\n" + SUBCLASS)


@pytest.mark.parametrize("name,turtle", [
    ("register.nq", (REPO / "examples" / "validate-task-register-SYNTHETIC.ttl").read_text(encoding="utf-8")),
    ("every-rule.nq", EVERY_RULE),
])
def test_a_graph_of_its_own_asks_each_rule_once_with_the_same_results(capsys, build_dir, tmp_path, monkeypatch,
                                                                      name, turtle):
    """When a large file's new statements fill a graph of their own, each rule is asked once for all its subjects
    (scope._rule_from_other_graphs) instead of with them bound: the same nodes are judged, for the same causes, and
    the report is the same."""
    path = tmp_path / name
    path.write_text(in_a_graph_of_its_own(turtle), encoding="utf-8")
    scopes, asked = [], []
    judged_scope, rule_query = scope.judged_scope, scope._rule_from_other_graphs
    monkeypatch.setattr(run_module, "judged_scope", lambda *args: scopes.append(judged_scope(*args)) or scopes[-1])
    monkeypatch.setattr(scope, "_rule_from_other_graphs", lambda *args: asked.append(args[0]) or rule_query(*args))
    small = run(capsys, build_dir, path)
    assert asked == []
    large_strategy(monkeypatch)
    large = run(capsys, build_dir, path)
    assert len(asked) == len(scope._RULES) - 1
    assert small["results"] and large == small
    assert scopes[0].consequences == scopes[1].consequences
    if name == "every-rule.nq":
        assert {"parent-not-valid", "unit-not-valid-when-used", "assigner-held-post", "single-holder-overlap",
                "overdue-not-yet-due", scope.ALL} <= set(scopes[0].consequences)


PERSON = f"{ID}person/be-thanh-tinh"  # described by the build; nothing else depends on it


def test_checks_of_statements_read_the_users_graph_with_the_same_results(capsys, build_dir, tmp_path, monkeypatch):
    """A check that judges statements one by one reads the user's own graph (and the ontology) when its nodes are
    too many to bind, and the store only for the few judged nodes described elsewhere: the same results, each once,
    about new subjects and about a subject with statements both in the build and in the file."""
    tasks = "".join(f"<{ID}assignment/synthetic/t{n}> gg:dueDate \"{'soon' if n % 2 else '2026-01-01'}\"^^xsd:date "
                    f"; gg:{'notATerm' if n % 5 == 0 else 'status'} \"x\" .\n" for n in range(30))
    described = f"<{PERSON}> <http://purl.org/dc/terms/modified> \"yesterday\"^^xsd:date .\n"
    path = tmp_path / "statements.nq"
    path.write_text(in_a_graph_of_its_own(f"@prefix gg: <{GG}> .\n@prefix xsd: <{XSD}> .\n{tasks}{described}"),
                    encoding="utf-8")
    small = run(capsys, build_dir, path)
    views = []
    within = EmbeddedStore.within
    monkeypatch.setattr(EmbeddedStore, "within", lambda self, graphs: views.append(graphs) or within(self, graphs))
    monkeypatch.setattr(compiled, "VALUES_LIMIT", 10)  # 31 subjects: too many to bind; one described elsewhere
    large = run(capsys, build_dir, path)
    assert len(views) == 2  # the two checks that judge statements
    assert large == small
    found = [(r["sourceShape"].rsplit("#", 1)[1], r["focus"].rsplit("/", 1)[1]) for r in small["results"]
             if r["sourceShape"].endswith(("#ill-typed-literal", "#unknown-term"))]
    assert sorted(found) == sorted([("ill-typed-literal", f"t{n}") for n in range(1, 30, 2)] +
                                   [("unknown-term", f"t{n}") for n in range(0, 30, 5)] +
                                   [("ill-typed-literal", "be-thanh-tinh")])


def test_a_described_node_is_judged_by_its_statements_outside_the_users_graph(tmp_path, monkeypatch):
    """The statements of a judged node described elsewhere are judged where they are: here an ill-typed literal
    in the context about a node the user's file also describes."""
    from govgraph.assembly.dataset import ontology_quads
    from govgraph.namespaces import CURATED_GRAPH
    from govgraph.validation import validate_files

    context = ox.Store()
    context.extend(ontology_quads())
    context.add(ox.Quad(ox.NamedNode(PERSON), ox.NamedNode("http://purl.org/dc/terms/modified"),
                        ox.Literal("yesterday", datatype=ox.NamedNode(XSD + "date")), ox.NamedNode(CURATED_GRAPH)))
    path = tmp_path / "statements.nq"
    path.write_text(in_a_graph_of_its_own("".join(f"<{ID}assignment/synthetic/t{n}> <{GG}status> \"x\" .\n"
                                                  for n in range(20)) + f"<{PERSON}> <{GG}status> \"x\" .\n"),
                    encoding="utf-8")
    monkeypatch.setattr(compiled, "VALUES_LIMIT", 10)
    report = validate_files([path], context=context)
    assert [(r.focus, r.value) for r in report.results if r.source_shape.endswith("#ill-typed-literal")] == \
        [(PERSON, "yesterday")]


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
