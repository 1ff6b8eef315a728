"""One N-Triples or N-Quads file that needs no renaming or normalising is loaded straight into the working store
and sorted out there (statements the build holds, gg: terms, several graphs). These tests check that it gives
byte for byte the report the same file gives when it is parsed into Python objects, and the same errors."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.cli.main import main
from govgraph.rdf.parse import parse_file
from govgraph.validation import compiled, context, inputs, scope

REPO = Path(__file__).resolve().parent.parent.parent
GG = "https://w3id.org/govgraph/ontology#"
ID = "https://w3id.org/govgraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ENDED = f"<{ID}unit/31/2025-07-01> <{GG}validUntil> \"2025-08-01\"^^<{XSD}date>"
DUE = f"<{ID}assignment/synthetic/q1> <{GG}dueDate> \"soon\"^^<{XSD}date>"


def curated() -> str:
    """The curated facts of the build as N-Triples: every statement already in the build."""
    return ox.serialize(parse_file(REPO / "data" / "curated" / "haiphong-2025-10-02.ttl"),
                        format=ox.RdfFormat.N_TRIPLES).decode()


CASES = {
    # statements the build holds (used, not added), new ones about the same subjects, and a consequence
    "mixed.nt": lambda: curated() + f"{ENDED} .\n{DUE} .\n",
    # a gg: term described (refused, with its line) beside a statement of the ontology (already there)
    "gg-terms.nt": lambda: (f"<{GG}myProperty> <{LABEL}> \"mine\" .\n"
                            f"<{GG}Unit> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                            f"<http://www.w3.org/2002/07/owl#Class> .\n{DUE} .\n"),
    # several graphs of the user's: the new statements all go into the default graph
    "graphs.nq": lambda: (f"# SYNTHETIC\n{ENDED} <http://example.org/SYNTHETIC/a> .\n"
                          f"{DUE} <http://example.org/SYNTHETIC/b> .\n{DUE} .\n"),
    # one graph of the user's: the new statements stay there
    "one-graph.nq": lambda: f"{ENDED} <http://example.org/SYNTHETIC/a> .\n\n  {DUE}<http://example.org/SYNTHETIC/a>.\n",
}


def run(capsys, build_dir, path, *options) -> tuple[int, str, str]:
    code = main(["validate", "--build-dir", str(build_dir), "--format", "json", "--fail-on", "info", *options,
                 str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def parsed_and_loaded(capsys, build_dir, path, monkeypatch) -> tuple[tuple, tuple, list[bool]]:
    """The outcome of validating ``path`` parsed into Python objects, and loaded into the store."""
    loads: list[bool] = []
    load_into = inputs._load_into
    monkeypatch.setattr(inputs, "_load_into", lambda *args: loads.append(load_into(*args)) or loads[-1])
    with monkeypatch.context() as parsing:
        parsing.setattr(inputs, "_loadable", lambda path, data: False)
        parsed = run(capsys, build_dir, path)
    assert loads == []
    return parsed, run(capsys, build_dir, path), loads


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_loaded_file_gives_the_report_of_the_parsed_file(capsys, build_dir, tmp_path, monkeypatch, name, large):
    if large:  # the context in memory, the subjects the build describes read in one query, nothing bound
        monkeypatch.setattr(context, "LARGE_INPUT", 0)
        monkeypatch.setattr(inputs, "DESCRIBED_ONE_BY_ONE", 0)
        monkeypatch.setattr(compiled, "VALUES_LIMIT", 1)
        monkeypatch.setattr(scope, "VALUES_LIMIT", 1)
    path = tmp_path / name
    path.write_text(CASES[name](), encoding="utf-8")
    parsed, loaded, loads = parsed_and_loaded(capsys, build_dir, path, monkeypatch)
    assert loads == [True], "the file must have been loaded into the store"
    assert parsed[0] == 1 and '"line"' in parsed[1]
    assert loaded == parsed


def test_the_pyshacl_engine_judges_a_loaded_file_the_same(capsys, build_dir, tmp_path, monkeypatch):
    """pySHACL gets the statements used (those the build held, as the store holds them, and the new ones) and
    finds what the compiled shapes find."""
    path = tmp_path / "mixed.nt"
    path.write_text(CASES["mixed.nt"](), encoding="utf-8")
    keys = [sorted((r["focus"], r["sourceShape"], r["severity"]) for r in json.loads(run(*args)[1])["results"])
            for args in ((capsys, build_dir, path), (capsys, build_dir, path, "--engine", "pyshacl"))]
    assert keys[0] and keys[0] == keys[1]


@pytest.mark.parametrize("name,text,message", [
    ("empty.nt", "", "holds no RDF statements"),
    ("comments-only.nq", "# nothing here\n\n", "holds no RDF statements"),
    ("unterminated.nt", f"{DUE} .\n<http://e/a> <http://e/b> \"open .\n", ":2:"),
    ("relative.nq", "<a> <http://e/b> <http://e/c> .\n", ":1:"),
    ("utf16.nt", b"\xff\xfe\x00garbage", "the file is UTF-16"),
    ("binary.nt", b"\x80garbage", "Invalid UTF-8"),
])
def test_a_file_that_cannot_be_loaded_gives_the_parsers_error(capsys, build_dir, tmp_path, monkeypatch, name, text,
                                                               message):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    parsed, loaded, _ = parsed_and_loaded(capsys, build_dir, path, monkeypatch)
    assert loaded == parsed and loaded[0] == 2 and loaded[1] == ""
    assert loaded[2].count("\n") == 1 and message in loaded[2] and "Traceback" not in loaded[2]


@pytest.mark.parametrize("text", [
    f"_:b <{LABEL}> \"blank\" .\n",  # its blank node gets a name of the file's
    f"<{ID}person/synthetic-x> <{GG}quote> \"x\" <https://w3id.org/govgraph/graph/curated> .\n",  # refused
    f"<{ID}person/synthetic-x> <{LABEL}> \"Xa\\u0303\" .\n",  # an escape NFC changes
])
def test_files_that_need_more_are_parsed(tmp_path, text):
    path = tmp_path / "x.nq"
    assert not inputs._loadable(path, text.encode())
