"""``govgraph sparql`` in-process: query text, -f, standard input, formats, prefixes, limits, refusals."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest

from govgraph.cli.main import main
from govgraph.sparql.prefixes import PREDECLARED


def run(capsys, *argv):
    code = main(["sparql", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_select_as_a_table(capsys, small_build):
    code, out, err = run(capsys, "SELECT ?code WHERE { ?u gg:officialCode ?code } ORDER BY ?code",
                         "--build-dir", str(small_build))
    assert (code, err) == (0, "")
    assert out == "code\n----\n01\n31\n(2 rows)\n"


@pytest.mark.parametrize("fmt,parse", [
    ("csv", lambda out: out.splitlines()),
    ("tsv", lambda out: out.splitlines()),
    ("json", lambda out: json.loads(out)["results"]["bindings"]),
    ("xml", lambda out: out.count("<result>")),
])
def test_select_formats(capsys, small_build, fmt, parse):
    code, out, _ = run(capsys, "SELECT ?code WHERE { ?u gg:officialCode ?code }", "--format", fmt,
                       "--build-dir", str(small_build))
    assert code == 0
    parsed = parse(out)
    assert (len(parsed) == 3) if fmt in ("csv", "tsv") else (len(parsed) == 2 if fmt == "json" else parsed == 2)


@pytest.mark.parametrize("fmt,rdf_format", [("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES),
                                            ("jsonld", ox.RdfFormat.JSON_LD), ("rdfxml", ox.RdfFormat.RDF_XML),
                                            ("table", ox.RdfFormat.TURTLE)])
def test_graph_formats(capsys, small_build, fmt, rdf_format):
    code, out, _ = run(capsys, "DESCRIBE <https://w3id.org/govgraph/id/unit/31/2025-07-01>", "--format", fmt,
                       "--build-dir", str(small_build))
    assert code == 0
    assert len(list(ox.parse(out.encode(), format=rdf_format))) == 3


def test_ask_prints_true_or_false(capsys, small_build):
    assert run(capsys, "ASK { ?u gg:officialCode '31' }", "--build-dir", str(small_build))[1] == "true\n"
    assert run(capsys, "ASK { ?u gg:officialCode '99' }", "--build-dir", str(small_build))[1] == "false\n"


def test_query_from_a_file_and_from_standard_input(capsys, small_build, tmp_path, monkeypatch):
    query = tmp_path / "codes.rq"
    query.write_text("# codes\nSELECT (COUNT(*) AS ?n) WHERE { ?u gg:officialCode ?code }\n", encoding="utf-8")
    assert run(capsys, "-f", str(query), "--format", "csv", "--build-dir", str(small_build))[1] == "n\r\n2\r\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(query.read_text()))
    assert run(capsys, "--format", "csv", "--build-dir", str(small_build))[1] == "n\r\n2\r\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(query.read_text()))
    assert run(capsys, "-f", "-", "--format", "csv", "--build-dir", str(small_build))[1] == "n\r\n2\r\n"


def test_build_dir_from_the_environment(capsys, small_build, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_BUILD_DIR", str(small_build))
    assert run(capsys, "ASK { ?u gg:officialCode '31' }")[1] == "true\n"


def test_missing_store_names_the_fix(capsys, tmp_path):
    code, out, err = run(capsys, "ASK {}", "--build-dir", str(tmp_path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "store" in err and "govgraph build" in err


def test_prefixes_are_listed_and_user_declarations_override(capsys, small_build):
    code, out, _ = run(capsys, "--prefixes")
    assert code == 0
    assert f"PREFIX gg: <{PREDECLARED['gg']}>\n" in out and len(out.splitlines()) == len(PREDECLARED)
    code, out, _ = run(capsys, "PREFIX gg: <http://elsewhere/> ASK { ?u gg:officialCode '31' }",
                       "--build-dir", str(small_build))
    assert (code, out) == (0, "false\n")


@pytest.mark.parametrize("query,message", [
    ("INSERT DATA { <http://e/a> <http://e/p> 1 }", "INSERT is an update"),
    ("LOAD <http://127.0.0.1:1/data.ttl>", "LOAD is an update"),
    ("SELECT * FROM <http://example.org/data> { ?s ?p ?o }", "FROM <http://example.org/data> is refused"),
    ("SELECT * WHERE { ?s ?p }", "error at 1:"),
])
def test_refusals_and_errors_are_one_line(capsys, small_build, query, message):
    code, out, err = run(capsys, query, "--build-dir", str(small_build))
    assert code == 2 and out == ""
    assert err.startswith("govgraph: error: ") and message in err and err.count("\n") == 1


def test_format_must_fit_the_query(capsys, small_build):
    code, _, err = run(capsys, "SELECT * {}", "--format", "turtle", "--build-dir", str(small_build))
    assert code == 2 and "use table, csv, tsv, json or xml" in err


def test_row_cap_and_its_note(capsys, small_build):
    code, out, err = run(capsys, "SELECT * { ?s ?p ?o }", "--row-cap", "2", "--format", "csv",
                         "--build-dir", str(small_build))
    assert code == 0 and out.count("\r\n") == 3
    assert "cut at 2 rows" in err


def test_timeout_stops_a_cross_product(capsys, small_build):
    query = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(14)) + " }"
    code, out, err = run(capsys, query, "--timeout", "1", "--build-dir", str(small_build))
    assert code == 2 and err.startswith("govgraph: error: query stopped after 1 s")


def test_no_query_is_a_usage_error(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("   "))
    assert run(capsys)[0] == 2


@pytest.mark.server
def test_the_same_query_on_an_endpoint(capsys, oxigraph_endpoint, build_dir):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?u a gg:CentrallyRunCity ; gg:validFrom ?from }"
    local = run(capsys, query, "--format", "csv", "--build-dir", str(build_dir))
    remote = run(capsys, query, "--format", "csv", "--endpoint", oxigraph_endpoint)
    assert local[0] == remote[0] == 0 and local[1] == remote[1]
    code, out, _ = run(capsys, "ASK { ?u gg:officialCode '31' }", "--endpoint", oxigraph_endpoint)
    assert (code, out) == (0, "true\n")
    code, out, _ = run(capsys, "DESCRIBE <https://w3id.org/govgraph/id/unit/31/2025-07-01>", "--format", "ntriples",
                       "--endpoint", oxigraph_endpoint)
    assert code == 0 and len(list(ox.parse(out.encode(), format=ox.RdfFormat.N_TRIPLES))) > 5
