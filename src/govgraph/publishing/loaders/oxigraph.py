"""Load a release into Oxigraph: a local store folder (through the ``oxigraph`` command of PyPI's ``oxigraph``)
or a running server (through the SPARQL 1.1 Graph Store Protocol and Update).

How all-or-nothing holds:

- a local folder: ``oxigraph backup`` first takes a snapshot of the store next to it (hard links: instant, no
  copy); then one ``oxigraph update`` drops govgraph's graphs and ``oxigraph load`` (atomic per file) loads the
  release's N-Quads as they are. If either fails, or the loader is killed, the snapshot is put back in place of
  the folder; if ``govgraph load`` itself is killed, the next load finds the snapshot and puts it back first.
  A renamed graph would cost Oxigraph a copy of every statement: the snapshot costs nothing;
- a server: the N-Quads, rewritten to temporary graph names, go in with one ``POST /store``; then one SPARQL
  update (``DROP`` govgraph's graphs the release no longer has, ``MOVE`` each staged graph onto its name) swaps
  them; Oxigraph runs an update's operations in one transaction, so every graph is replaced or none is. Any
  failure drops the staged graphs; a load that was itself killed leaves them for the next load to drop.

A local folder must not be open in a server meanwhile (stop ``oxigraph serve``, or load through its URL).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from govgraph.errors import EndpointError, InputError, UsageError
from govgraph.store.disk import _alive  # the same liveness test the build's store swap uses
from govgraph.publishing.loaders.staging import GRAPHS, STAGING, Plan, release_nquads, swap_update, write_staged

GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not found:
        raise UsageError("the 'oxigraph' command is not installed", hint="pip install oxigraph==0.5.13")
    return found


class LocalOxigraph:
    """An Oxigraph store folder, driven through the ``oxigraph`` command."""

    def __init__(self, location: Path, progress: Callable[[str], None]):
        self.location, self.progress, self.binary = location, progress, oxigraph_binary()

    def _run(self, *args: str) -> str:
        done = subprocess.run([self.binary, *args, "--location", str(self.location)], capture_output=True, text=True)
        if done.returncode != 0:
            message = next((line for line in done.stderr.splitlines() if line.startswith("Error")), done.stderr[:200])
            raise InputError(f"oxigraph {args[0]} failed: {message.strip()}", path=self.location)
        return done.stdout

    def graph_counts(self) -> dict[str, int]:
        if not self.location.exists():
            return {}
        out = self._run("query", "--query", GRAPH_COUNTS, "--results-format", "tsv")
        counts = {}
        for line in out.splitlines()[1:]:
            graph, _, number = line.partition("\t")
            counts[graph.strip("<>")] = int(number.split("^^")[0].strip('"'))
        return counts

    def update(self, update: str) -> None:
        self._run("update", "--update", update)

    def bulk_load(self, path: Path) -> None:
        process = subprocess.Popen([self.binary, "load", "--location", str(self.location), "--file", str(path)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        _wait(process, self.progress, "oxigraph load")


class OxigraphServer:
    """A running Oxigraph server, by its base URL (``http://host:7878``, ``/query`` may be given)."""

    def __init__(self, url: str, progress: Callable[[str], None], timeout: float = 600):
        parts = urllib.parse.urlsplit(url)
        path = parts.path.rstrip("/")
        for suffix in ("/query", "/update", "/store"):
            path = path.removesuffix(suffix)
        self.base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        self.progress, self.timeout = progress, timeout

    def _request(self, path: str, body, content_type: str, accept: str = "*/*") -> bytes:
        request = urllib.request.Request(self.base + path, data=body, method="POST",
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return answer.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()[:1]
            raise EndpointError(f"the Oxigraph server refused {path}: HTTP {error.code} {' '.join(detail)}",
                                path=self.base) from None
        except OSError as error:
            raise EndpointError(f"cannot reach the Oxigraph server: {error}", path=self.base) from None

    def graph_counts(self) -> dict[str, int]:
        import json

        answer = json.loads(self._request("/query", GRAPH_COUNTS.encode(), "application/sparql-query",
                                          "application/sparql-results+json"))
        return {row["g"]["value"]: int(row["n"]["value"]) for row in answer["results"]["bindings"]}

    def update(self, update: str) -> None:
        self._request("/update", update.encode(), "application/sparql-update")

    def bulk_load(self, path: Path) -> None:
        self.progress(f"POST {path.stat().st_size:,} bytes of N-Quads to {self.base}/store")
        with open(path, "rb") as body:
            self._request("/store", body, "application/n-quads")


BACKUP_PREFIX = ".govgraph-backup-"


def _snapshot_of(location: Path) -> list[Path]:
    return sorted(location.parent.glob(f"{BACKUP_PREFIX}{location.name}-*"))


def restore_interrupted(location: Path, progress: Callable[[str], None]) -> None:
    """Put back the snapshot a killed ``govgraph load`` left next to ``location``."""
    for snapshot in _snapshot_of(location):
        pid = snapshot.name.rsplit("-", 1)[-1]
        if pid.isdigit() and _alive(int(pid)):
            raise UsageError("another 'govgraph load' is loading into this store", path=location)
        progress(f"putting back the store as it was before an interrupted load ({snapshot.name})")
        failed = location.with_name(f"{BACKUP_PREFIX}failed-{location.name}")
        shutil.rmtree(failed, ignore_errors=True)
        if location.exists():
            location.rename(failed)
        snapshot.rename(location)
        shutil.rmtree(failed, ignore_errors=True)


def load_local(engine: LocalOxigraph, release: Path, progress: Callable[[str], None]) -> dict[str, int]:
    """Replace govgraph's graphs in a local store folder, with a snapshot to fall back to."""
    import os

    nquads = release_nquads(release)
    location = engine.location
    restore_interrupted(location, progress)
    before = engine.graph_counts()
    snapshot = location.with_name(f"{BACKUP_PREFIX}{location.name}-{os.getpid()}")
    if location.exists():
        engine._run("backup", "--destination", str(snapshot))
    try:
        ours = sorted(g for g in before if g.startswith(GRAPHS))
        if ours:
            engine.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in ours))
        started = time.monotonic()
        engine.bulk_load(nquads)
        progress(f"loaded the N-Quads in {time.monotonic() - started:.1f} s")
    except BaseException:
        if snapshot.exists():
            failed = location.with_name(f"{BACKUP_PREFIX}failed-{location.name}")
            location.rename(failed)
            snapshot.rename(location)
            shutil.rmtree(failed, ignore_errors=True)
        else:
            shutil.rmtree(location, ignore_errors=True)  # there was no store before
        raise
    shutil.rmtree(snapshot, ignore_errors=True)
    return engine.graph_counts()


def _wait(process: subprocess.Popen, progress: Callable[[str], None], what: str) -> None:
    started = time.monotonic()
    while True:
        try:
            process.wait(timeout=5)
            break
        except subprocess.TimeoutExpired:
            progress(f"{what}: {time.monotonic() - started:.0f} s ...")
    if process.returncode != 0:
        error = process.stderr.read() if process.stderr else ""
        message = next((line for line in error.splitlines() if line.startswith("Error")), error[-200:])
        raise InputError(f"{what} failed (exit {process.returncode}): {message.strip()}")


def engine_for(target: str, progress: Callable[[str], None]):
    if target.startswith(("http://", "https://")):
        return OxigraphServer(target, progress)
    return LocalOxigraph(Path(target), progress)


def load(engine, release: Path, progress: Callable[[str], None]) -> dict[str, int]:
    """Replace govgraph's graphs in ``engine`` by the release's; returns the graph counts afterwards."""
    if isinstance(engine, LocalOxigraph):
        return load_local(engine, release, progress)
    nquads = release_nquads(release)
    before = engine.graph_counts()
    leftovers = sorted(g for g in before if g.startswith(STAGING))
    if leftovers:
        progress(f"dropping {len(leftovers)} staged graphs left by an interrupted load")
        engine.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in leftovers))
    plan = Plan()
    with tempfile.TemporaryDirectory(prefix="govgraph-load-") as work:
        staged = write_staged(nquads, Path(work) / "staged.nq", plan)
        try:
            started = time.monotonic()
            engine.bulk_load(staged)
            progress(f"staged {len(plan.graphs)} graphs in {time.monotonic() - started:.1f} s")
            present = {g for g in before if g.startswith(GRAPHS)}
            engine.update(swap_update(plan, present))
        except BaseException:
            try:
                engine.update(" ;\n".join(f"DROP SILENT GRAPH <{plan.staged(g)}>" for g in sorted(plan.graphs)))
            except Exception:  # the engine may be gone; the next load drops the staged graphs
                pass
            raise
    return engine.graph_counts()
