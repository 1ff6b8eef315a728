"""Shared fixtures: the built graph (built once per run, in-process), stores over it, a real Oxigraph server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from govgraph.cli.main import main
from govgraph.store import EmbeddedStore
from tests.ports import free_port

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
SEED_ARTICLE = REPO.parent / "shared" / "seed" / "000_4f1db7ec55e35637.txt"


@pytest.fixture(scope="session", autouse=True)
def validation_cache(tmp_path_factory):
    """A cache of passed validations of the session's own (``govgraph validate`` of a build and ``govgraph release``
    record one; a release skips its validation when one is recorded): the suite writes nothing into the user's
    cache, and the first release validates whatever that cache holds."""
    saved = os.environ.get("GOVGRAPH_CACHE_DIR")
    os.environ["GOVGRAPH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield Path(os.environ["GOVGRAPH_CACHE_DIR"])
    if saved is None:
        os.environ.pop("GOVGRAPH_CACHE_DIR", None)
    else:
        os.environ["GOVGRAPH_CACHE_DIR"] = saved


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> Path:
    """``govgraph build`` run once, in-process, into a temporary folder.

    GOVGRAPH_TEST_BUILD_DIR names an existing build to reuse instead, for quick local runs (never set in CI).
    """
    reuse = os.environ.get("GOVGRAPH_TEST_BUILD_DIR")
    if reuse and not os.environ.get("CI"):
        return Path(reuse)
    out = tmp_path_factory.mktemp("build")
    assert main(["build", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def built_store(build_dir) -> EmbeddedStore:
    return EmbeddedStore.from_build(build_dir)


def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


@pytest.fixture(scope="session")
def oxigraph_endpoint(build_dir, tmp_path_factory) -> str:
    """A real Oxigraph server on a free 127.0.0.1 port, read-only, loaded with the built graph.

    Started as a child process and stopped by its PID when the session ends.
    """
    binary = _oxigraph_binary()
    location = tmp_path_factory.mktemp("oxigraph")
    subprocess.run([binary, "load", "--location", str(location), "--file", str(build_dir / "govgraph.nq")],
                   check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph", "--timeout-s", "60"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph did not start: {process.stderr.read().decode()[:500]}")
                time.sleep(0.1)
        yield url
    finally:
        os.kill(process.pid, 15)
        process.wait(timeout=10)
