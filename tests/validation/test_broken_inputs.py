"""Inputs a user can get wrong: each exits 2 with one line naming the file (and line), or 1 with a report;
never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govgraph.cli.main import main

GG = "https://w3id.org/govgraph/ontology#"
ID = "https://w3id.org/govgraph/id/"


def run(capsys, build_dir, *argv):
    code = main(["validate", "--build-dir", str(build_dir), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&c;</ex:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("name,content,message", [
    ("empty.ttl", "", "holds no RDF statements"),
    ("comments-only.ttl", "# nothing here\n", "holds no RDF statements"),
    ("utf16.ttl", b"\xff\xfe\x00garbage", "the file is UTF-16"),
    ("binary.ttl", b"\x80garbage", "Invalid UTF-8"),
    ("unterminated.ttl", '<http://e/a> <http://e/b> "open .\n', ":1:"),
    ("undeclared-prefix.ttl", "ex:a ex:b ex:c .\n", ":1:"),
    ("laughs.rdf", BILLION_LAUGHS, "document type declarations are not accepted"),
    ("remote.jsonld", '{"@context": "https://example.org/c.jsonld", "@id": "http://e/a", "n": "x"}',
     "remote JSON-LD contexts are not fetched"),
    ("data.xlsx", "x", "unknown RDF file type"),
])
def test_unusable_files_exit_2_with_one_line(capsys, tmp_path, build_dir, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code, out, err = run(capsys, build_dir, str(path))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith(f"govgraph: error: {path}") and message in err


def test_a_folder_is_not_a_file(capsys, tmp_path, build_dir):
    folder = tmp_path / "data.ttl"
    folder.mkdir()
    code, _, err = run(capsys, build_dir, str(folder))
    assert code == 2 and "cannot read the file" in err


def test_wrong_datatype_is_a_violation_with_its_line(capsys, tmp_path, build_dir):
    path = tmp_path / "dates.ttl"
    path.write_text(f'@prefix gg: <{GG}> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n'
                    f'<{ID}assignment/x> gg:dueDate "next week"^^xsd:date .\n', encoding="utf-8")
    code, out, _ = run(capsys, build_dir, str(path), "--format", "json")
    assert code == 1
    results = json.loads(out)["results"]
    due = [r for r in results if r["path"] == GG + "dueDate"]
    assert due and due[0]["value"] == "next week" and due[0]["location"]["line"] == 4


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_an_ill_typed_literal_is_reported_as_written_and_nothing_else_is_printed(tmp_path, build_dir, engine):
    """rdflib reads "yes"^^xsd:boolean as false (and warns), " 1"^^xsd:integer as 1, "1e5"^^xsd:decimal as 100000:
    the report shows what the file says, in its values and its messages, with either engine of the shapes, and
    prints nothing on stderr."""
    written = {"boolean": "yes", "integer": " 1", "decimal": "1e5"}
    path = tmp_path / "ill-typed.nt"
    path.write_text("".join(f'<{ID}assignment/synthetic/{name}> <{GG}issuedOn> "{text}"'
                            f"^^<http://www.w3.org/2001/XMLSchema#{name}> .\n" for name, text in written.items())
                    + f"<{ID}assignment/synthetic/boolean> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                      f"<{GG}TaskAssignment> .\n", encoding="utf-8")  # and a shape's sh:datatype judges one
    done = subprocess.run([sys.executable, "-m", "govgraph", "validate", "--build-dir", str(build_dir), "--format",
                           "json", "--engine", engine, str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 1 and done.stderr == ""
    results = json.loads(done.stdout)["results"]
    found = {r["focus"].rsplit("/", 1)[1]: (r["value"], r["message"]["en"]) for r in results
             if r["sourceShape"].endswith("#ill-typed-literal")}
    assert found == {name: (text, f'"{text}" is not a valid xsd:{name}.') for name, text in written.items()}
    assert [r["value"] for r in results if "/shapes#" in r["sourceShape"] and r["path"] == GG + "issuedOn"] == ["yes"]


def test_unknown_terms_are_violations(capsys, tmp_path, build_dir):
    path = tmp_path / "typo.ttl"
    path.write_text(f'<{ID}person/x> a <{GG}Persn> .\n', encoding="utf-8")
    code, out, _ = run(capsys, build_dir, str(path))
    assert code == 1 and f"{GG}Persn".replace(GG, "gg:") in out and "not a term of the govgraph ontology" in out


def test_huge_literals_are_handled(capsys, tmp_path, build_dir):
    path = tmp_path / "huge.ttl"
    quote = "x" * 5_000_000
    path.write_text(f'<{ID}person/h> a <{GG}Person> ; <http://xmlns.com/foaf/0.1/name> "H" ;\n'
                    f'  <http://www.w3.org/ns/prov#wasDerivedFrom> <{ID}source/tienphong-2025-10-02-haiphong> ;\n'
                    f'  <{GG}quote> "{quote}" .\n', encoding="utf-8")
    code, out, _ = run(capsys, build_dir, str(path), "--quiet")
    assert code == 0 and out.strip().endswith(": conforms")
