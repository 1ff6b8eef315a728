"""Fixtures of the publishing tests: one release of the session build, one Virtuoso server, tiny releases, Java's
quick start."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govgraph.cli.main import main
from govgraph.errors import UsageError
from govgraph.publishing.files import gzip_file, write_sums
from govgraph.publishing.loaders import jena

from .virtuoso_server import start_virtuoso

SYNTHETIC = "https://w3id.org/govgraph/graph/"


@pytest.fixture(scope="session")
def release_dir(build_dir, tmp_path_factory) -> Path:
    """``govgraph release`` of the session build, run once, in-process."""
    out = tmp_path_factory.mktemp("dist")
    assert main(["release", "--build-dir", str(build_dir), "--out", str(out), "--date", "2026-11-27",
                 "--quiet"]) == 0
    (folder,) = out.iterdir()
    return folder


def tiny_release(folder: Path, lines: list[str], version: str = "0.0.0") -> Path:
    """A SYNTHETIC release folder holding only the N-Quads ``lines`` (and its SHA256SUMS)."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = folder / f"govgraph-{version}.nq"
    raw.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    gzip_file(raw, folder / f"govgraph-{version}.nq.gz")
    raw.unlink()
    write_sums(folder, [f"govgraph-{version}.nq.gz"])
    return folder


def synthetic_quads(graph: str, n: int, tag: str = "a") -> list[str]:
    return [f'<https://example.org/synthetic/{tag}{i}> <https://example.org/synthetic/p> "SYNTHETIC {i}" '
            f"<{SYNTHETIC}{graph}> ." for i in range(n)]


@pytest.fixture
def quick_java(monkeypatch):
    """Java's quick start (no optimising compiler) for tiny TDB2 databases: each Jena command starts sooner."""
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    try:
        jena.command("tdb2.tdbloader", jars=jena.TDB2)
    except UsageError as error:
        pytest.fail(f"{error} ('make system-deps' installs Java and libapache-jena-java)")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """Debian's Virtuoso on free 127.0.0.1 ports, started once per session, stopped by PID."""
    if shutil.which("virtuoso-t") is None:
        pytest.fail("virtuoso-t is not installed: 'make system-deps' installs virtuoso-opensource")
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_with_release(virtuoso, release_dir):
    """The Virtuoso server loaded with the session release through ``govgraph load``."""
    assert main(["load", "--into", "virtuoso", virtuoso.target, "--release", str(release_dir),
                 "--load-dir", str(virtuoso.load_dir), "--quiet"]) == 0
    return virtuoso


@pytest.fixture(scope="session")
def tdb2_with_release(release_dir, tmp_path_factory) -> Path:
    """A Jena TDB2 database folder loaded with the session release through ``govgraph load``."""
    location = tmp_path_factory.mktemp("tdb2") / "database"
    assert main(["load", "--into", "jena-tdb2", str(location), "--release", str(release_dir), "--quiet"]) == 0
    return location
