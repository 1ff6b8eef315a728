"""The HTTP exchanges the README's "Serving" section shows, checked in-process (its curl lines are ```sh blocks)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def serving_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Serving"):text.index("\n## ", text.index("## Serving") + 5)]


def shown_output(after: str) -> str:
    """The ```text block that follows the ```sh block containing ``after``."""
    section = serving_section()
    at = section.index(after)
    return re.search(r"```text\n(.*?)```", section[at:], re.S).group(1)


def test_sparql_csv_exchange(client):
    query = 'SELECT ?name WHERE { ?unit gg:officialCode "31" ; gg:validFrom ?from ; rdfs:label ?name }'
    assert query in serving_section()
    response = client.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
    assert response.text.replace("\r\n", "\n") == shown_output(query)


def test_update_refusal_exchange(client):
    shown = shown_output("update=DROP ALL")
    response = client.post("/sparql", data={"update": "DROP ALL"})
    assert shown.startswith(f"HTTP/1.1 {response.status_code} Forbidden")
    assert shown.strip().endswith(response.text.strip())


def test_turtle_exchange(client):
    response = client.get("/id/unit/11914/2025-07-01", headers={"Accept": "text/turtle"})
    lines = [line for line in response.text.splitlines() if "officialCode" in line]
    assert "\n".join(lines) + "\n" == shown_output("/id/unit/11914/2025-07-01 | grep officialCode")


def test_api_csv_exchange(client):
    response = client.get("/api/queries/units-of-province?province=31&format=csv")
    head = "\n".join(response.text.replace("\r\n", "\n").splitlines()[:3]) + "\n"
    assert head == shown_output("units-of-province?province=31&format=csv")


def test_limits_table_matches_the_defaults():
    from govgraph.server.config import ServerConfig

    defaults = ServerConfig(Path("build"))
    section = serving_section()
    assert f"`--timeout` ({defaults.timeout:g} s)" in section
    assert f"`--row-cap` ({defaults.row_cap:,})" in section
    assert f"`--max-queries` ({defaults.max_queries})" in section
    assert f"`--workers` ({defaults.workers})" in section
    assert f"`--max-memory` ({defaults.max_memory_mib:,} MiB)" in section
    assert f"`--max-request-bytes` ({defaults.max_request_bytes:,})" in section
    assert f"Retry-After: {defaults.retry_after}" in section
