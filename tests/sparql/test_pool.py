"""The query pool: every form and media type, the row cap, the guard, a timeout that kills its worker."""

from __future__ import annotations

import json
import os
import socket
import threading
import time

import pyoxigraph as ox
import pytest

from govgraph.errors import NotAcceptable, PoolBusy, QueryFailed, QueryRefused, QueryTimeout
from govgraph.sparql.pool import QueryPool

from .conftest import reference

SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
SELECT = "SELECT ?u ?code ?label WHERE { ?u gg:officialCode ?code OPTIONAL { ?u rdfs:label ?label } } ORDER BY ?code"
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(14)) + " }"


def rows(body: bytes, media_type: str) -> list[dict]:
    solutions = ox.parse_query_results(body, format=SOLUTION_TYPES[media_type])
    variables = [v.value for v in solutions.variables]
    return [{v: solution[v] for v in variables if solution[v] is not None} for solution in solutions]


@pytest.mark.parametrize("media_type", SOLUTION_TYPES)
def test_select_in_every_results_format_matches_pyoxigraph(pool, small_store, media_type):
    answer = pool.run(SELECT, media_type)
    assert (answer.kind, answer.media_type, answer.truncated, answer.count) == ("solutions", media_type, False, 2)
    expected = reference(small_store, "PREFIX gg: <https://w3id.org/govgraph/ontology#> "
                                      "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + SELECT)
    if media_type == "text/csv":  # CSV keeps only lexical forms: compare the text
        assert answer.body == expected.serialize(format=ox.QueryResultsFormat.CSV)
    else:
        assert rows(answer.body, media_type) == rows(expected.serialize(format=SOLUTION_TYPES[media_type]),
                                                     media_type)


@pytest.mark.parametrize("media_type", SOLUTION_TYPES)
def test_special_characters_survive_every_format(pool, media_type):
    answer = pool.run("SELECT ?q WHERE { ?t gg:quote ?q }", media_type)
    if media_type == "text/csv":
        assert answer.body == b'q\r\n"say ""hi"", then\ttab\nnew line"\r\n'
    else:
        assert rows(answer.body, media_type) == [{"q": ox.Literal('say "hi", then\ttab\nnew line')}]


@pytest.mark.parametrize("media_type", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask(pool, media_type):
    yes = pool.run("ASK { ?u gg:officialCode '31' }", media_type)
    no = pool.run("ASK { ?u gg:officialCode '99' }", media_type)
    assert yes.kind == "boolean"
    assert bool(ox.parse_query_results(yes.body, format=SOLUTION_TYPES[media_type])) is True
    assert bool(ox.parse_query_results(no.body, format=SOLUTION_TYPES[media_type])) is False


@pytest.mark.parametrize("media_type", GRAPH_TYPES)
@pytest.mark.parametrize("query", [
    "CONSTRUCT { ?u rdfs:label ?l } WHERE { ?u rdfs:label ?l }",
    "DESCRIBE <https://w3id.org/govgraph/id/unit/01/2025-07-01>",
])
def test_graph_answers_in_every_rdf_format(pool, media_type, query):
    answer = pool.run(query, media_type)
    assert answer.kind == "graph" and answer.media_type == media_type
    triples = set(ox.parse(answer.body, format=GRAPH_TYPES[media_type]))
    assert len(triples) == answer.count == (1 if query.startswith("CONSTRUCT") else 2)


def test_json_ld_names_no_remote_context(pool):
    answer = pool.run("CONSTRUCT WHERE { ?s ?p ?o }", "application/ld+json")
    document = json.loads(answer.body)
    contexts = [node.get("@context") for node in (document if isinstance(document, list) else [document])]
    assert not any(isinstance(c, str) or isinstance(c, list) for c in contexts)


def test_media_type_preferences_and_refusals(pool):
    assert pool.run("ASK {}", ["text/csv", "application/sparql-results+xml"]).media_type.endswith("+xml")
    assert pool.run("SELECT * {}", "*/*").media_type == "application/sparql-results+json"
    with pytest.raises(NotAcceptable):
        pool.run("SELECT * {}", "text/turtle")
    with pytest.raises(NotAcceptable):
        pool.run("CONSTRUCT WHERE { ?s ?p ?o }", "text/csv")


def test_row_cap_marks_truncated_answers(pool):
    answer = pool.run("SELECT * WHERE { ?s ?p ?o }", "text/csv")
    assert answer.truncated and answer.count == 3
    assert answer.body.count(b"\r\n") == 4  # header and 3 rows
    graph = pool.run("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert graph.truncated and graph.body.count(b"\n") == 3
    assert not pool.run("SELECT * WHERE { ?s ?p ?o } LIMIT 3", "text/csv").truncated


def test_default_graph_is_the_union_unless_from_names_graphs(pool):
    def count(query):
        return rows(pool.run(query, "application/sparql-results+json").body,
                    "application/sparql-results+json")[0]["n"].value
    assert count("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == "7"
    assert count("SELECT (COUNT(*) AS ?n) FROM graph:curated { ?s ?p ?o }") == "2"


def test_syntax_errors_carry_the_engines_message(pool):
    with pytest.raises(QueryFailed, match=r"error at 1:\d+"):
        pool.run("SELECT * WHERE { ?s ?p }", "text/csv")


def test_guard_runs_before_any_worker(pool):
    for query in ("DROP ALL", "LOAD <http://127.0.0.1:1/x.ttl>",
                  "SELECT * FROM <http://example.org/x> { ?s ?p ?o }"):
        with pytest.raises(QueryRefused):
            pool.run(query, "text/csv")


def test_service_to_a_local_listener_makes_no_connection(pool, small_build, capsys):
    from govgraph.cli.main import main

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        listener.setblocking(False)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
        with pytest.raises(QueryRefused):
            pool.run(query, "application/sparql-results+json")
        assert main(["sparql", query, "--build-dir", str(small_build)]) == 2
        assert main(["sparql", query, "--endpoint", url]) == 2
        time.sleep(0.2)
        with pytest.raises(BlockingIOError):
            listener.accept()
    assert capsys.readouterr().err.count("SERVICE is refused") == 2


def test_timeout_kills_the_worker_and_the_next_query_answers(small_store):
    with QueryPool(small_store, workers=1, timeout=1.0) as pool:
        [before] = pool.pids()
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match=r"^query stopped after 1 s"):
            pool.run(CROSS_PRODUCT, "text/csv")
        assert time.monotonic() - started < 5
        with pytest.raises(ProcessLookupError):  # killed and reaped: its CPU is free
            os.kill(before, 0)
        answer = pool.run("SELECT (1 AS ?one) {}", "text/csv")
        assert answer.body == b"one\r\n1\r\n"
        assert pool.pids() != [before]


def test_a_per_call_timeout(small_store):
    with QueryPool(small_store, workers=1, timeout=60) as pool:
        with pytest.raises(QueryTimeout, match="after 0.5 s"):
            pool.run(CROSS_PRODUCT, "text/csv", timeout=0.5)


def test_concurrency_is_bounded_by_the_workers(small_store):
    with QueryPool(small_store, workers=1, timeout=2) as pool:
        assert not pool.busy()
        outcome = []
        runner = threading.Thread(target=lambda: outcome.append(_run_quietly(pool, CROSS_PRODUCT)))
        runner.start()
        deadline = time.monotonic() + 5
        while not pool.busy() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert pool.busy()
        with pytest.raises(PoolBusy):
            pool.run("ASK {}", "application/sparql-results+json", block=False)
        runner.join()
        assert outcome == ["QueryTimeout"]
        assert pool.run("ASK {}", "application/sparql-results+json", block=False).kind == "boolean"


def _run_quietly(pool, query):
    try:
        pool.run(query, "text/csv")
        return "answered"
    except Exception as error:  # noqa: BLE001 - the test reads the error's name
        return type(error).__name__


def test_many_threads_share_the_pool(pool):
    results = []

    def ask(code):
        answer = pool.run(f"ASK {{ ?u gg:officialCode '{code}' }}", "application/sparql-results+json")
        results.append((code, json.loads(answer.body)["boolean"]))

    threads = [threading.Thread(target=ask, args=(code,)) for code in ("31", "01", "99") * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == sorted([("31", True), ("01", True), ("99", False)] * 4)


def test_a_missing_store_is_one_clear_error(tmp_path):
    from govgraph.errors import InputError

    with pytest.raises(InputError, match="the built store is missing"):
        QueryPool(tmp_path / "nowhere")


def test_close_stops_every_worker(small_store):
    pool = QueryPool(small_store, workers=2)
    pids = pool.pids()
    pool.close()
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with pytest.raises(QueryFailed, match="closed"):
        pool.run("ASK {}")
