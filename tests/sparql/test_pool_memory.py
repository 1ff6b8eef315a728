"""The query workers' memory bound: a query that would hold more memory than ``max_memory_mib`` fails in one line
and its worker is replaced, instead of the machine running out of memory (a sorted cross product grows by about
a gigabyte a second on the built graph)."""

from __future__ import annotations

import os
import time

import pytest

from govgraph.cli.main import main
from govgraph.errors import QueryOutOfMemory
from govgraph.sparql.pool import QueryPool

# Every row is kept for the sort: 7^8 rows of 24 variables, gigabytes, from the 7 statements of the small store.
SORTED_CROSS_PRODUCT = ("SELECT * WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " } ORDER BY ?o0")


def test_a_query_over_the_memory_bound_fails_and_the_next_answers(small_store):
    with QueryPool(small_store, workers=1, timeout=60, row_cap=10, max_memory_mib=256) as pool:
        [before] = pool.pids()
        started = time.monotonic()
        with pytest.raises(QueryOutOfMemory, match=r"^the query needed more than 256 MiB of memory"):
            pool.run(SORTED_CROSS_PRODUCT, "text/csv")
        assert time.monotonic() - started < 30  # stopped by the bound, not by the timeout
        answer = pool.run("SELECT (1 AS ?one) {}", "text/csv")
        assert answer.body == b"one\r\n1\r\n"
        if pool.pids() != [before]:  # replaced when the engine aborted, kept when Python raised MemoryError
            with pytest.raises(ProcessLookupError):
                os.kill(before, 0)


def test_the_command_line_bound_is_one_line_and_exit_2(capsys, small_build):
    code = main(["sparql", SORTED_CROSS_PRODUCT, "--max-memory", "256", "--build-dir", str(small_build)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("govgraph: error: the query needed more than 256 MiB")
    assert "--max-memory" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("value", ["10", "-1", "2G", "1.5", ""])
def test_a_bad_bound_is_a_usage_error(capsys, small_build, value):
    code = main(["sparql", "ASK {}", f"--max-memory={value}", "--build-dir", str(small_build)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("govgraph: error: argument --max-memory") and len(err.splitlines()) == 1


def test_the_server_answers_503(tmp_path):
    from govgraph.server.config import ServerConfig
    from govgraph.server.sparql_protocol import query_error

    class State:
        config = ServerConfig(tmp_path)

    response = query_error(State(), QueryOutOfMemory("the query needed more than 2048 MiB of memory"))
    assert response.status_code == 503 and b"2048 MiB" in response.body
