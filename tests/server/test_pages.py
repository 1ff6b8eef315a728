"""Every served page loads nothing from outside the server; the front page, /health and the access log."""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

PAGES = ["/", "/query", "/search?q=cat+hai", "/id/unit/31/2025-07-01", "/id/unit/11914/2025-07-01",
         "/id/unit/11917/until-2025-06-30", "/id/person/le-tien-chau", "/ontology", "/api/docs", "/graph/reference",
         "/.well-known/void", "/id/unit/99999/2025-07-01"]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "poster", "data") and value is not None:
                self.found.append((tag, name, value))


def same_origin(url: str) -> bool:
    parsed = urlparse(url)
    return not parsed.scheme and not parsed.netloc and not url.startswith("//")


@pytest.mark.parametrize("path", PAGES)
def test_every_src_and_href_is_on_this_server(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith("text/html")
    parser = Links()
    parser.feed(response.text)
    assert parser.found, "a page with no links at all is suspicious"
    outside = [link for link in parser.found if not same_origin(link[2])]
    assert outside == []
    assert "@import" not in response.text and "url(http" not in response.text


def test_style_sheets_load_nothing_from_outside(client):
    for path in ("/static/govgraph.css", "/static/yasgui/yasgui.min.css"):
        css = client.get(path)
        assert css.status_code == 200
        assert "url(http" not in css.text and "url(//" not in css.text and "@import" not in css.text


def test_query_page_configures_yasgui_to_call_only_this_server(client):
    page = client.get("/query").text
    assert '<script src="/static/yasgui/yasgui.min.js"></script>' in page and 'id="library-queries"' in page
    script = client.get("/static/query.js").text
    assert 'new URL("/sparql", window.location.href)' in script
    assert 'autocompleters = ["prefixes", "variables"]' in script and "prefixCcApi = null" in script
    assert client.get("/static/yasgui/yasgui.min.js").status_code == 200


def test_front_page_and_health(client, built_store):
    assert "Search units" in client.get("/").text
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["statements"] == len(built_store.oxigraph)
    assert len(health["worker_pids"]) == 2 and health["queries"]["timeout_s"] == 20


def test_access_log_writes_one_line_per_request(client, caplog):
    with caplog.at_level(logging.INFO, logger="govgraph.access"):
        client.get("/health")
        client.get("/id/unit/99999/2025-07-01")
    lines = [r.getMessage() for r in caplog.records if r.name == "govgraph.access"]
    assert len(lines) == 2
    assert '"GET /health HTTP/1.1" 200' in lines[0] and '"GET /id/unit/99999/2025-07-01 HTTP/1.1" 404' in lines[1]
