"""Every report format, parsed back or matched: SARIF's required 2.1.0 structure, JUnit XML, GitHub annotations,
the SHACL report graph in Turtle, and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import rdflib
from rdflib.namespace import RDF, SH

from govgraph.cli.main import main

SHAPES = Path(__file__).parent.parent / "shapes"
INVALID = [SHAPES / "context.ttl", SHAPES / "check-statistics" / "invalid-sum-and-shares.ttl",
           SHAPES / "assignments" / "invalid-parties.ttl"]
VALID = [SHAPES / "context.ttl", SHAPES / "statistics" / "valid-breakdown.ttl"]


def run(capsys, build_dir, files, *options):
    code = main(["validate", "--build-dir", str(build_dir), *options, *map(str, files)])
    return code, capsys.readouterr().out


def test_sarif_has_the_required_2_1_0_structure(capsys, build_dir):
    code, out = run(capsys, build_dir, INVALID, "--format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = sarif["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "govgraph" and driver["version"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids)) and all(rule["shortDescription"]["text"] for rule in driver["rules"])
    assert len(run_["results"]) == 7
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note", "none"}
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith(".ttl") and "\\" not in physical["artifactLocation"]["uri"]
        assert physical["region"]["startLine"] >= 1
    levels = sorted(r["level"] for r in run_["results"])
    assert levels == ["error"] * 6 + ["warning"]


def test_junit_has_one_test_case_per_shape_and_check(capsys, build_dir):
    code, out = run(capsys, build_dir, INVALID, "--format", "junit")
    assert code == 1
    suites = ET.fromstring(out)
    (suite,) = suites.findall("testsuite")
    cases = suite.findall("testcase")
    shape_files = list((SHAPES.parent.parent / "shapes").glob("*.ttl"))
    checks = list((SHAPES.parent.parent / "queries" / "checks").glob("*.rq"))
    assert len(cases) == int(suite.get("tests")) >= len(checks) + len(shape_files)
    failed = sorted(case.get("name") for case in cases if case.find("failure") is not None)
    assert int(suite.get("failures")) == len(failed) == 4
    assert "An assignment whose task count differs from its total statistic" in failed
    assert "TaskAssignmentShape" in failed
    # the warning does not fail by default, but is reported
    issued = next(case for case in cases if case.get("name") == "IssuedShape")
    assert issued.find("failure") is None and "gg:assigner" in issued.find("system-out").text


def test_junit_fails_warnings_when_asked(capsys, build_dir):
    _, out = run(capsys, build_dir, INVALID, "--format", "junit", "--fail-on", "warning")
    issued = next(c for c in ET.fromstring(out).iter("testcase") if c.get("name") == "IssuedShape")
    assert issued.find("failure").get("type") == "warning"


ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),title=([^:]+)::(.+)$")


def test_github_annotations(capsys, build_dir):
    code, out = run(capsys, build_dir, INVALID, "--format", "github")
    assert code == 1
    lines = out.strip().splitlines()
    annotations = [ANNOTATION.match(line) for line in lines[:-1]]
    assert all(annotations), lines
    assert sorted(m.group(1) for m in annotations) == ["error"] * 6 + ["warning"]
    share = next(m for m in annotations if "check%3Astatistics-share-rounding" in m.group(4))
    assert share.group(2).endswith("invalid-sum-and-shares.ttl") and int(share.group(3)) > 1
    assert "70%25" in share.group(5) and "%0A" not in share.group(5)
    assert lines[-1].endswith("does not conform")


def test_turtle_is_a_shacl_validation_report(capsys, build_dir):
    _, out = run(capsys, build_dir, INVALID, "--format", "turtle")
    graph = rdflib.Graph().parse(data=out, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms).toPython() is False
    results = list(graph.objects(report, SH.result))
    assert len(results) == 7
    focus = {str(graph.value(r, SH.focusNode)).rsplit("/", 2)[-2:][0] for r in results}
    assert {"assignment", "observation"} >= focus
    languages = {m.language for r in results for m in graph.objects(r, SH.resultMessage)}
    assert languages == {"en", "vi"}


def test_json_results_carry_locations_and_both_languages(capsys, build_dir):
    code, out = run(capsys, build_dir, VALID, "--format", "json")
    assert code == 0 and json.loads(out)["conforms"] is True
    _, out = run(capsys, build_dir, INVALID, "--format", "json")
    document = json.loads(out)
    assert document["counts"] == {"violation": 6, "warning": 1, "info": 0}  # the fixtures give due dates
    for result in document["results"]:
        assert result["message"]["en"] and result["message"]["vi"]
        assert result["location"]["file"].endswith(".ttl") and result["location"]["line"] >= 1


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "github", "turtle"])
def test_quiet_keeps_the_verdict(capsys, build_dir, fmt):
    code, out = run(capsys, build_dir, INVALID, "--format", fmt, "--quiet")
    assert code == 1 and out


def test_engines_agree_on_every_shape_fixture():
    """The shapes compiled to SPARQL and the same shapes through pySHACL report the same results."""
    from decimal import Decimal, InvalidOperation

    from govgraph.assembly.dataset import ontology_quads
    from govgraph.rdf.parse import parse_file
    from govgraph.validation import load_checks, load_shapes, validate_quads

    def value(text):
        try:
            return str(Decimal(text).normalize())
        except (InvalidOperation, TypeError, ValueError):
            return text

    shapes, checks = load_shapes(), load_checks()
    background = ontology_quads() + parse_file(SHAPES / "context.ttl")
    for fixture in sorted(SHAPES.glob("*/*.ttl")):
        quads = background + parse_file(fixture)
        found = {engine: {(r.focus, r.source_shape, r.constraint, r.severity, value(r.value))
                          for r in validate_quads(quads, shapes=shapes, checks=checks, engine=engine).results}
                 for engine in ("sparql", "pyshacl")}
        assert found["sparql"] == found["pyshacl"], fixture


HOSTILE = ('@prefix gg: <https://w3id.org/govgraph/ontology#> .\n'
           '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
           '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
           '<https://w3id.org/govgraph/id/assignment/synthetic-hostile>\n'
           '    rdfs:label """label\n::warning file=README.md,line=1::from a label\\u0007"""@en ;\n'
           '    gg:dueDate """soon\r\n::error file=README.md,line=1::100% owned'
           '\\u0000\\u0008\\u000C\\u001B[31m\\uFFFE"""'
           '^^xsd:date .\n')


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "hostile.ttl"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def _injected(line: str) -> bool:
    return line.lstrip().startswith("::") and "README.md" in line.split("::", 2)[1]


@pytest.mark.parametrize("fmt", ["text", "junit"])
def test_text_and_junit_escape_control_characters(capsys, build_dir, hostile, fmt):
    code, out = run(capsys, build_dir, [hostile], "--format", fmt)
    assert code == 1 and "owned" in out
    assert not any(_injected(line) for line in out.splitlines()), out
    assert not any(ord(char) < 32 and char != "\n" for char in out)
    if fmt == "junit":
        suites = ET.fromstring(out.split("\n", 1)[1])  # control characters would make XML 1.0 ill-formed
        failure = next(case.find("failure") for case in suites.iter("testcase") if case.find("failure") is not None)
        assert "\\n::error" in failure.get("message") + failure.text
    else:
        assert "soon\\r\\n::error file=README.md,line=1::100% owned\\x00\\x08\\x0c\\x1b[31m\\ufffe" in out


def test_github_escapes_data_and_properties(capsys, build_dir, hostile):
    code, out = run(capsys, build_dir, [hostile], "--format", "github")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2 and lines[-1].endswith("does not conform")
    match = ANNOTATION.match(lines[0])
    assert match and match.group(1) == "error" and match.group(3) == "7"  # the gg:dueDate line
    message = match.group(5)
    assert "soon%0D%0A::error file=README.md,line=1::100%25 owned" in message and "label%0A::warning" in message
    assert not any(ord(char) < 32 for char in lines[0])


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_stay_valid_json(capsys, build_dir, hostile, fmt):
    code, out = run(capsys, build_dir, [hostile], "--format", fmt)
    document = json.loads(out)
    results = document["results"] if fmt == "json" else document["runs"][0]["results"]
    assert code == 1 and len(results) == 1
    text = json.dumps(document, ensure_ascii=False)
    assert "soon\\r\\n::error file=README.md,line=1::100% owned\\u0000" in text


def test_turtle_stays_valid_turtle(capsys, build_dir, hostile):
    import pyoxigraph as ox

    code, out = run(capsys, build_dir, [hostile], "--format", "turtle")
    assert code == 1
    graph = rdflib.Graph().parse(data=out, format="turtle")
    values = {str(v) for v in graph.objects(None, SH.value)}
    assert "soon\r\n::error file=README.md,line=1::100% owned\x00\x08\x0c\x1b[31m\ufffe" in values
    assert len(list(ox.parse(out.encode("utf-8"), format=ox.RdfFormat.TURTLE))) == len(graph)
