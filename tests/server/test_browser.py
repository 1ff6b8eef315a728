"""A real browser: headless Chromium (Debian's, installed by ``make system-deps``) opens the query page, runs a
library query and finds its rows rendered, then opens a unit's page. Screenshots go to tests/artifacts/
(git-ignored); no request may leave the server."""

from __future__ import annotations

import pytest

from tests.server.cdp import Browser, chromium_binary
from tests.server.conftest import ARTIFACTS, free_port


@pytest.fixture(scope="module")
def browser():
    if chromium_binary() is None:
        pytest.fail("chromium is not installed: run 'make system-deps' (apt-get install chromium)")
    opened = Browser(free_port())
    try:
        yield opened
    finally:
        opened.close()


def test_query_page_runs_a_library_query_and_renders_its_rows(browser, live_server):
    browser.open(live_server.url + "/query")
    tabs = browser.wait_for("window.govgraphYasgui && Object.values(window.govgraphYasgui._tabs)"
                            ".map(t => t.getName())", 30)
    assert "Units of a province" in tabs and "Who assigned what to whom" in tabs
    browser.evaluate("""(() => { const y = window.govgraphYasgui;
        for (const id of Object.keys(y._tabs)) { if (y._tabs[id].getName() === 'Units of a province') y.selectTabId(id); }
        return true; })()""")
    browser.wait_for("document.querySelector('.tabPanel.active .yasqe_queryButton') !== null", 10)
    browser.evaluate("document.querySelector('.tabPanel.active .yasqe_queryButton').click()")
    rows = browser.wait_for("document.querySelectorAll('.tabPanel.active .yasr tbody tr').length", 60)
    assert rows >= 10
    table = browser.evaluate("document.querySelector('.tabPanel.active .yasr tbody').innerText")
    assert "10507" in table and "Phường Thành Đông" in table
    assert "114 results" in browser.evaluate("document.querySelector('.tabPanel.active .yasr').innerText")
    links = browser.wait_for("""(() => { const hrefs = Array.from(document.querySelectorAll('.tabPanel.active .yasr tbody a'))
        .map(a => a.getAttribute('href')); return hrefs.includes('/id/unit/10507/2025-07-01') && hrefs; })()""", 10)
    assert not [h for h in links if h.startswith("https://w3id.org/")]  # dataset IRIs open their page here
    browser.evaluate("document.querySelector('.tabPanel.active .yasr').scrollIntoView()")
    browser.evaluate("window.scrollTo(0, 0)")
    browser.screenshot(ARTIFACTS / "query-page.png", height=1250)
    outside = [url for url in browser.requests if not url.startswith((live_server.url, "data:", "blob:", "about:"))]
    assert outside == []


def test_unit_page_opens_with_its_sections(browser, live_server):
    browser.open(live_server.url + "/id/unit/31/2025-07-01")
    assert browser.evaluate("document.querySelector('h1').innerText") == "Thành phố Hải Phòng"
    headings = browser.evaluate("Array.from(document.querySelectorAll('h2')).map(h => h.innerText)")
    assert "Organs, posts and holders" in headings and any(h.startswith("Predecessors") for h in headings)
    browser.screenshot(ARTIFACTS / "unit-page.png", height=1000)
    outside = [url for url in browser.requests if not url.startswith((live_server.url, "data:", "blob:", "about:"))]
    assert outside == []
