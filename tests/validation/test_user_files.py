"""Validating user files against the build: the merged data is a set, the judged scope reaches the consequences
of the user's statements (with their causes), gg: terms and govgraph's graphs are refused, blank nodes do not widen
the scope, literals are normalised to NFC, every format carries file:line, and RDF 1.2 triple terms get one line."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from govgraph.cli.main import main
from govgraph.rdf.parse import parse_file

REPO = Path(__file__).resolve().parent.parent.parent
GG = "https://w3id.org/govgraph/ontology#"
ID = "https://w3id.org/govgraph/id/"
PREFIXES = (f"@prefix gg: <{GG}> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n")


def validate(capsys, build_dir, *argv):
    code = main(["validate", "--build-dir", str(build_dir), *map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def results(capsys, build_dir, *argv):
    code, out, err = validate(capsys, build_dir, *argv, "--format", "json")
    return code, json.loads(out), err


def keys(document):
    return sorted((r["focus"], r["sourceShape"], r["severity"]) for r in document["results"])


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_already_in_the_build_gives_the_builds_results(capsys, build_dir):
    path = REPO / "data" / "curated" / "haiphong-2025-10-02.ttl"
    nodes = {quad.subject.value for quad in parse_file(path)}
    _, whole, _ = results(capsys, build_dir)
    code, curated, _ = results(capsys, build_dir, path)
    # before: "The parts add up to 6230016, not to the total 6084" (each statement counted twice) and 20 infos
    expected = [key for key in keys(whole) if key[0] in nodes]
    assert expected and keys(curated) == expected
    assert curated["statements"] == whole["statements"]
    assert code == 0


def test_the_same_statements_twice_are_one_statement(capsys, build_dir, tmp_path):
    """Two files holding the same statements (a copy of the curated file) add nothing twice either."""
    curated = REPO / "data" / "curated" / "haiphong-2025-10-02.ttl"
    copy = write(tmp_path, "copy.ttl", curated.read_text(encoding="utf-8"))
    code, document, _ = results(capsys, build_dir, curated, copy)
    assert code == 0 and document["counts"]["violation"] == 0


ENDED = PREFIXES + f"\n<{ID}unit/31/2025-07-01> gg:validUntil \"2025-08-01\"^^xsd:date .\n"


def test_ending_a_unit_fails_its_communes_and_assignments_with_the_cause(capsys, build_dir, tmp_path):
    path = write(tmp_path, "ended.ttl", ENDED)
    code, document, _ = results(capsys, build_dir, path)
    assert code == 1
    by_rule: dict[str, list] = {}
    for result in document["results"]:
        by_rule.setdefault(result["sourceShape"].rsplit("#", 1)[1], []).append(result)
    parents = by_rule["parent-not-valid"]
    assert len(parents) == 114 and {r["value"] for r in parents} == {f"{ID}unit/31/2025-07-01"}
    assert by_rule["unit-not-valid-when-used"], "assignments of the ended unit's organs must fail too"
    for result in parents + by_rule["unit-not-valid-when-used"]:
        assert result["location"] == {"file": str(path), "line": 6}
        assert result["cause"] == {"subject": f"{ID}unit/31/2025-07-01", "predicate": GG + "validUntil",
                                   "value": "2025-08-01", "file": str(path), "line": 6}
    _, out, _ = validate(capsys, build_dir, path)
    assert "(consequence of unit:31/2025-07-01 gg:validUntil 2025-08-01)" in out


def test_a_holding_that_overlaps_a_single_holder_post_fails_the_other_holding(capsys, build_dir, tmp_path):
    """A consequence through a post: the user's new Chairman makes govgraph's own Chairman's holding overlap."""
    post = f"{ID}unit/31/2025-07-01/peoples-committee/chair"
    path = write(tmp_path, "second-chair.ttl", PREFIXES + (
        f"<{ID}holding/synthetic-second-chair> a gg:PostHolding ;\n"
        f"    gg:post <{post}> ;\n"
        f"    <http://www.w3.org/ns/org#member> <{ID}person/le-tien-chau> ;\n"
        f"    gg:startDate \"2025-08-01\"^^xsd:date .\n"))
    _, document, _ = results(capsys, build_dir, path)
    overlaps = [r for r in document["results"] if r["sourceShape"].endswith("single-holder-overlap")]
    theirs = [r for r in overlaps if r["cause"] is not None]
    assert theirs and all(r["cause"]["predicate"] == GG + "post" and r["location"]["line"] == 6 for r in theirs)


def test_user_files_cannot_declare_gg_terms(capsys, build_dir, tmp_path):
    path = write(tmp_path, "declares.ttl", PREFIXES + (
        "gg:myProperty a owl:DatatypeProperty .\n"
        f"<{ID}person/synthetic-x> gg:myProperty \"1\" .\n"))
    code, document, _ = results(capsys, build_dir, path)
    assert code == 1
    refused = [r for r in document["results"] if r["sourceShape"].endswith("user-file-describes-gg-term")]
    assert [(r["focus"], r["location"]["line"]) for r in refused] == [(GG + "myProperty", 5)]
    unknown = [r for r in document["results"] if r["sourceShape"].endswith("unknown-term")]
    assert [(r["value"], r["location"]["line"]) for r in unknown] == [(GG + "myProperty", 6)]


def test_restating_the_ontology_is_not_declaring(capsys, build_dir):
    """The ontology's own statements are in the build: they declare nothing new and change no result."""
    code, document, _ = results(capsys, build_dir, REPO / "ontology" / "govgraph.ttl", "--fail-on", "info")
    assert code == 0 and document["results"] == []


@pytest.mark.parametrize("name,text,line", [
    ("into-ontology.trig", PREFIXES + "<https://w3id.org/govgraph/graph/ontology> {\n"
                                      "  gg:myProperty a owl:DatatypeProperty .\n}\n", 5),
    ("into-curated.nq", f"<{ID}person/synthetic-x> <{GG}quote> \"x\" <https://w3id.org/govgraph/graph/curated> .\n", 1),
])
def test_user_files_cannot_write_into_govgraphs_graphs(capsys, build_dir, tmp_path, name, text, line):
    path = write(tmp_path, name, text)
    code, document, _ = results(capsys, build_dir, path)
    assert code == 1
    refused = [r for r in document["results"] if r["sourceShape"].endswith("user-file-writes-govgraph-graph")]
    assert len(refused) == 1 and refused[0]["location"] == {"file": str(path), "line": line}


def test_a_blank_node_subject_does_not_widen_the_scope(capsys, build_dir, tmp_path):
    path = write(tmp_path, "blank.ttl", PREFIXES + '[] rdfs:comment "harmless" .\n_:x rdfs:label "harmless too" .\n')
    code, out, _ = validate(capsys, build_dir, path, "--fail-on", "info")
    assert code == 0 and out.startswith("0 violations, 0 warnings, 0 infos")


def test_a_blank_node_is_judged_and_located(capsys, build_dir, tmp_path):
    path = write(tmp_path, "blank-task.ttl",
                 PREFIXES + '\n_:task a gg:TaskAssignment ;\n    gg:dueDate "soon"^^xsd:date .\n')
    code, out, _ = validate(capsys, build_dir, path)
    assert code == 1
    lines = [line for line in out.splitlines() if "ill-typed-literal" in line]
    assert lines and lines[0].startswith(f"{path}:7: violation: a blank node")


def test_decomposed_unicode_is_normalised_and_said(capsys, build_dir, tmp_path):
    name = unicodedata.normalize("NFD", "Xã Tây Phương")
    assert name != "Xã Tây Phương"
    path = write(tmp_path, "nfd.ttl", PREFIXES + f'<{ID}unit/10003/2025-07-01> rdfs:label "{name}"@vi .\n')
    code, out, err = validate(capsys, build_dir, path)
    assert code == 0, out
    assert err == f"note: {path}:5: 1 literal written in decomposed Unicode (NFD) was normalised to NFC\n"


@pytest.mark.parametrize("name,text,line", [
    ("tasks.trig", PREFIXES + f"<http://example.org/mine> {{ <{ID}assignment/synthetic-t> gg:dueDate "
                              f"\"soon\"^^xsd:date . }}\n", 5),
    ("tasks-graph.trig", PREFIXES + f"GRAPH <http://example.org/mine> {{\n  <{ID}assignment/synthetic-t>\n"
                                    f"    gg:dueDate \"soon\"^^xsd:date .\n}}\n", 7),
    ("tasks.nq", f"<{ID}person/synthetic-y> <{GG}quote> \"q\" <http://example.org/g> .\n"
                 f"_:b1 <{GG}dueDate> \"soon\"^^<http://www.w3.org/2001/XMLSchema#date> <http://example.org/g> .\n", 2),
])
def test_trig_and_nquads_results_carry_file_and_line(capsys, build_dir, tmp_path, name, text, line):
    path = write(tmp_path, name, text)
    code, document, _ = results(capsys, build_dir, path)
    assert code == 1
    typed = [r for r in document["results"] if r["sourceShape"].endswith("ill-typed-literal")]
    assert typed and typed[0]["location"] == {"file": str(path), "line": line}
    assert all(r["location"] for r in document["results"])


@pytest.mark.parametrize("name, text", [
    ("star.ttl", "<http://e/a> <http://e/says> << <http://e/b> <http://e/c> <http://e/d> >> .\n"),
    ("star.ttl", "<http://e/a> <http://e/says> <<( <http://e/b> <http://e/c> <http://e/d> )>> .\n"),
    ("star.nt", "<http://e/a> <http://e/says> <<( <http://e/b> <http://e/c> <http://e/d> )>> .\n"),
    # Turtle's reifiers and annotations make triple terms without writing << (no statement-by-statement skip)
    ("star.ttl", "<http://e/b> <http://e/c> <http://e/d> ~ <http://e/r> .\n"),
    ("star.trig", "<http://e/b> <http://e/c> <http://e/d> {| <http://e/says> <http://e/a> |} .\n"),
])
def test_triple_terms_get_one_line(capsys, build_dir, tmp_path, name, text):
    path = write(tmp_path, name, "# RDF 1.2\n" + text)
    for engine in ("sparql", "pyshacl"):
        code, out, err = validate(capsys, build_dir, path, "--engine", engine)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and err.startswith(f"govgraph: error: {path}:2: RDF 1.2 triple terms")


def test_the_pyshacl_engine_judges_the_same_scope(capsys, build_dir, tmp_path):
    path = write(tmp_path, "ended.ttl", ENDED)
    _, fast, _ = results(capsys, build_dir, path)
    _, slow, _ = results(capsys, build_dir, path, "--engine", "pyshacl")
    assert keys(fast) == keys(slow)


def test_extending_a_class_judges_its_instances(capsys, build_dir, tmp_path):
    """Saying that every person is a task assignment makes govgraph's people fail the assignment shapes."""
    path = write(tmp_path, "subclass.ttl",
                 PREFIXES + "<http://xmlns.com/foaf/0.1/Person> rdfs:subClassOf gg:TaskAssignment .\n")
    code, document, _ = results(capsys, build_dir, path)
    people = {r["focus"] for r in document["results"] if r["focus"].startswith(ID + "person/")}
    assert code == 1 and len(people) > 100
    assert all(r["cause"]["predicate"].endswith("#subClassOf") and r["location"]["line"] == 5
               for r in document["results"])
