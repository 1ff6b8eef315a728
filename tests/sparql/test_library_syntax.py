"""Library queries are checked with pyoxigraph's parser and the guard (rdflib's parser is not loaded at start)."""

from __future__ import annotations

import sys

import pytest

from govgraph import resources
from govgraph.errors import InputError
from govgraph.queries.library import check_syntax, parse_query_file


@pytest.mark.parametrize("path", sorted(resources.queries_dir().glob("*.rq")), ids=lambda p: p.stem)
def test_every_library_query_passes(path):
    check_syntax(path.read_text(encoding="utf-8"), path)


@pytest.mark.parametrize("body,message,line", [
    ("SELECT * WHERE {\n  ?s ?p ?o ] }", "invalid SPARQL: ", "engine's"),
    ("SELECT * WHERE {\n  SERVICE <http://127.0.0.1:1/> { ?s ?p ?o }\n}", "SERVICE is not allowed", 2),
    ("SELECT * FROM <https://w3id.org/govgraph/graph/curated> WHERE { ?s ?p ?o }", "FROM is not allowed", None),
    ("SELECT * FROM <http://example.org/x> WHERE { ?s ?p ?o }", "FROM is not allowed", 1),
])
def test_a_bad_library_query_names_its_line(tmp_path, body, message, line):
    path = tmp_path / "bad.rq"
    path.write_text(f"#+ title: bad\n{body}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_query_file(path)
    assert message in caught.value.message
    if line == "engine's":  # pyoxigraph names where its parser gave up
        assert isinstance(caught.value.line, int) and isinstance(caught.value.column, int)
    else:
        assert caught.value.line == (None if line is None else line + 1)


def test_loading_the_library_does_not_import_rdflibs_sparql_parser():
    import subprocess

    code = ("import sys; from govgraph.queries import load_library; load_library(); "
            "print('rdflib.plugins.sparql.parser' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
