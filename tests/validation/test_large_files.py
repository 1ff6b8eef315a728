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


def judged_in_context(tmp_path, context: ox.Store, turtle: str, limit: int):
    """The report of ``turtle``, in a graph of its own, validated against ``context`` with ``limit`` nodes bound."""
    from govgraph.validation import validate_files

    path = tmp_path / "statements.nq"
    path.write_text(in_a_graph_of_its_own(f"@prefix gg: <{GG}> .\n" + turtle), encoding="utf-8")
    scopes = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compiled, "VALUES_LIMIT", limit)
        patch.setattr(scope, "VALUES_LIMIT", limit)
        judged_scope = scope.judged_scope
        patch.setattr(run_module, "judged_scope", lambda *args: scopes.append(judged_scope(*args)) or scopes[-1])
        results = validate_files([path], context=context).results
    return [(r.source_shape, r.focus, r.path, r.value, r.cause) for r in results], scopes[0].consequences


def a_context(graph_of_the_ontology: str | None = None) -> ox.Store:
    """The ontology (in its graph, or in ``graph_of_the_ontology``), and an ill-typed literal about PERSON written
    in two of govgraph's graphs."""
    from govgraph.assembly.dataset import ontology_quads
    from govgraph.namespaces import CURATED_GRAPH, HISTORY_GRAPH

    context = ox.Store()
    moved = ox.NamedNode(graph_of_the_ontology) if graph_of_the_ontology else None
    context.extend(q if moved is None else ox.Quad(q.subject, q.predicate, q.object, moved) for q in ontology_quads())
    for graph in (CURATED_GRAPH, HISTORY_GRAPH):
        context.add(ox.Quad(ox.NamedNode(PERSON), ox.NamedNode("http://purl.org/dc/terms/modified"),
                            ox.Literal("yesterday", datatype=ox.NamedNode(XSD + "date")), ox.NamedNode(graph)))
    return context


TWENTY = "".join(f"<{ID}assignment/synthetic/t{n}> gg:status \"x\" ; gg:notATerm 1 .\n" for n in range(20))


@pytest.mark.parametrize("ontology", [None, "http://example.org/SYNTHETIC/ontology-elsewhere"])
def test_a_described_node_is_judged_by_its_statements_outside_the_users_graph(tmp_path, ontology):
    """The statements of a judged node described elsewhere are judged where they are (here an ill-typed literal
    the context writes in two graphs, about a node the user's file also describes with a term the ontology does
    not declare), as often as the whole store gives them, and once each from the user's graph; and when the
    ontology is not in its own graph, the checks of statements read the whole store."""
    turtle = TWENTY + f"<{PERSON}> gg:notATerm 1 .\n"
    (bound, _), (unbound, _) = (judged_in_context(tmp_path, a_context(ontology), turtle, limit)
                                for limit in (5_000, 10))
    assert unbound == bound
    assert [r[1:4] for r in bound if r[0].endswith("#ill-typed-literal")] == \
        [(PERSON, "http://purl.org/dc/terms/modified", "yesterday")] * 2
    assert sorted(r[1].rsplit("/", 1)[1] for r in bound if r[0].endswith("#unknown-term")) == \
        sorted([f"t{n}" for n in range(20)] + ["be-thanh-tinh"])


def test_the_users_graph_may_hold_statements_of_the_context(tmp_path):
    """A context with statements in the graph the user's file writes into: only the file's subjects have
    consequences, whether they are bound or asked for all at once (it used to fail on a cause with no statement)."""
    from govgraph.namespaces import CURATED_GRAPH

    post = ox.NamedNode(f"{ID}unit/31/2025-07-01/party-committee/secretary")

    def context() -> ox.Store:  # a fresh one for each run: the user's statements join it
        store = a_context()
        for holding, graph in (("context", "http://example.org/SYNTHETIC/own"), ("built", CURATED_GRAPH)):
            store.add(ox.Quad(ox.NamedNode(f"{ID}holding/synthetic/{holding}"), ox.NamedNode(GG + "post"), post,
                              ox.NamedNode(graph)))
        return store

    turtle = TWENTY + f"<{ID}holding/synthetic/h1> gg:post <{post.value}> .\n"
    unbound = judged_in_context(tmp_path, context(), turtle, 10)
    assert unbound == judged_in_context(tmp_path, context(), turtle, 5_000)
    overlap = unbound[1]["single-holder-overlap"]
    assert {node.rsplit("/", 1)[1]: cause.subject.rsplit("/", 1)[1] for node, cause in overlap.items()} == \
        {"built": "h1"}


def test_a_file_whose_lines_end_in_a_bare_return_is_judged_whole(capsys, build_dir, tmp_path, monkeypatch):
    """N-Quads lines may end in a bare CR: such a file is parsed, not loaded (the line index splits at LF only and
    would miss the subjects after a CR), so every subject is judged, with the same report in both strategies."""
    text = in_a_graph_of_its_own(f"@prefix gg: <{GG}> .\n@prefix xsd: <{XSD}> .\n" + EVERY_RULE)
    path = tmp_path / "returns.nq"
    path.write_bytes(text.replace("\n", "\r").encode())
    small = run(capsys, build_dir, path)
    large_strategy(monkeypatch)
    large = run(capsys, build_dir, path)
    assert large["results"] == small["results"]
    assert any(r.get("cause") and r["sourceShape"].endswith("#parent-not-valid") for r in small["results"])


def test_a_consequence_names_the_first_statement_of_the_file_that_it_follows_from(capsys, build_dir, tmp_path):
    """Of the statements a rule reads about S, the cause named is the first in the file, whatever order the store
    lists them in: here the unit's level, on line 1, before its code."""
    path = tmp_path / "overlap.ttl"
    path.write_text(f"<{ID}unit/synthetic/u1> <{GG}level> <{ID}level/commune> .\n"
                    f"<{ID}unit/synthetic/u1> <{GG}officialCode> \"00004\" .\n", encoding="utf-8")
    causes = {(r["cause"]["predicate"], r["cause"]["line"]) for r in run(capsys, build_dir, path)["results"]
              if r.get("cause") and r["sourceShape"].endswith("#overlapping-versions")}
    assert causes == {(GG + "level", 1)}


def test_checks_bound_to_many_nodes_without_a_scope(build_dir):
    """``run_checks`` with more nodes than a VALUES block holds, and no scope, runs each check over the store."""
    from govgraph.validation import load_checks, run_checks

    store = EmbeddedStore.from_turtle(f"<{ID}a> <{GG}notATerm> 1 .")
    nodes = {f"{ID}n{n}" for n in range(compiled.VALUES_LIMIT + 1)} | {f"{ID}a"}
    assert [r.focus for r in run_checks(store, load_checks(), focus=nodes)] == [f"{ID}a"]


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
