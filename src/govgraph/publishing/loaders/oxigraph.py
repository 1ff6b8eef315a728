"""Load a release into Oxigraph: a local store folder (through the ``oxigraph`` command of PyPI's ``oxigraph``)
or a running server (through the SPARQL 1.1 Graph Store Protocol and Update).

How all-or-nothing holds:

- a local folder: ``oxigraph load`` builds a new store beside it from the release's N-Quads (the .nq.gz as it is)
  and the old store's other graphs (read in-process with pyoxigraph, read-only); the new folder is then swapped
  in (:mod:`govgraph.swap`: one atomic exchange, else two renames) and the old one removed. Until the swap the
  old store is untouched: a failure removes the new folder; if ``govgraph load`` itself is killed, the next load
  removes the half-built store or puts back the one it had moved aside. Dropping govgraph's graphs in place
  would cost Oxigraph a delete per statement;
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

from govgraph.errors import EndpointError, InputError, UsageError, one_line
from govgraph.publishing.loaders.staging import GRAPHS, STAGING, Plan, release_nquads, swap_update, write_staged
from govgraph.swap import FolderSwap

GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def oxigraph_binary() -> str:
    """The ``oxigraph`` command: the one beside this Python (its environment's) first, else the one on PATH.

    None installed is a :class:`UsageError` naming the package to install.
    """
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not found:
        raise UsageError("the 'oxigraph' command is not installed", hint="pip install oxigraph==0.5.13")
    return found


class LocalOxigraph:
    """An Oxigraph store folder, driven through the ``oxigraph`` command."""

    def __init__(self, location: Path, progress: Callable[[str], None]):
        self.location, self.progress, self.binary = location, progress, oxigraph_binary()

    def graph_counts(self) -> dict[str, int]:
        """The statements per named graph of the store folder; none while there is no store yet."""
        return store_graph_counts(self.location) if self.location.exists() else {}

    def bulk_load(self, *paths: Path, into: Path | None = None) -> None:
        """``oxigraph load`` of ``paths`` (several are loaded in parallel) into ``into`` (default: the store)."""
        process = subprocess.Popen([self.binary, "load", "--location", str(into or self.location),
                                    "--file", *map(str, paths)],
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
        """The statements per named graph on the server (one SPARQL query)."""
        import json

        answer = json.loads(self._request("/query", GRAPH_COUNTS.encode(), "application/sparql-query",
                                          "application/sparql-results+json"))
        return {row["g"]["value"]: int(row["n"]["value"]) for row in answer["results"]["bindings"]}

    def update(self, update: str) -> None:
        """Run a SPARQL update on the server (``POST /update``); a refusal is an :class:`EndpointError`."""
        self._request("/update", update.encode(), "application/sparql-update")

    def bulk_load(self, path: Path) -> None:
        """Add the statements of an N-Quads file to the server, in one ``POST /store``."""
        self.progress(f"POST {path.stat().st_size:,} bytes of N-Quads to {self.base}/store")
        with open(path, "rb") as body:
            self._request("/store", body, "application/n-quads")


SWAP = ".govgraph-{kind}-{name}-{pid}"  # beside the folder: .govgraph-new-NAME-PID, .govgraph-old-NAME-PID


def restore_interrupted(location: Path, progress: Callable[[str], None]) -> FolderSwap:
    """Clean up after a killed ``govgraph load``: the store next to ``location`` is put back or the new one dropped.

    A half-built new store is removed; a store moved aside is put back if the swap did not finish, else removed.
    Returns the swap of ``location``; another load still running is a :class:`UsageError`.
    """
    swap = FolderSwap(location, SWAP, what="store", run="load")
    swap.begin(progress)
    return swap


def _open(location: Path):
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(location))
    except (OSError, RuntimeError) as error:
        raise InputError(f"cannot open the Oxigraph store: {one_line(str(error))}", path=location,
                         hint="give an Oxigraph store folder (no server may have it open)") from None


def foreign_quads(location: Path, target: Path) -> Path | None:
    """Write the statements of the graphs of ``location`` that are not govgraph's to ``target`` (N-Quads).

    Returns ``target``, or None when the store holds only govgraph's graphs (nothing is written).
    """
    import pyoxigraph as ox

    store = _open(location)
    graphs = [g for g in store.named_graphs() if not g.value.startswith(GRAPHS)]
    if not graphs and next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None:
        return None
    with open(target, "wb") as out:
        for graph in [ox.DefaultGraph(), *graphs]:
            ox.serialize(store.quads_for_pattern(None, None, None, graph), out, ox.RdfFormat.N_QUADS)
    return target


def store_graph_counts(location: Path) -> dict[str, int]:
    """The statements per named graph of a store folder (read in-process: no ``oxigraph`` start)."""
    store = _open(location)
    return {row["g"].value: int(row["n"].value) for row in store.query(GRAPH_COUNTS)}


def load_local(engine: LocalOxigraph, release: Path, progress: Callable[[str], None]) -> dict[str, int]:
    """Replace govgraph's graphs in a local store folder: a new store is built beside it, then swapped in.

    ``oxigraph load`` writes the release's N-Quads (as they are, gzip) and the old store's other graphs into a new
    folder, which is swapped in for the old one (:mod:`govgraph.swap`), then removed. Until the swap the old
    store is untouched; a failure removes the new folder; a killed load is cleaned up by the next
    (:func:`restore_interrupted`).
    """
    nquads = release_nquads(release)
    location = engine.location
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot make the store's folder: {error.strerror or error}", path=location) from None
    swap = restore_interrupted(location, progress)
    new = swap.path("new")
    try:
        with tempfile.TemporaryDirectory(prefix="govgraph-load-") as work:
            files = [nquads]
            if location.exists():
                kept = foreign_quads(location, Path(work) / "other-graphs.nq")
                files += [kept] if kept else []
            started = time.monotonic()
            engine.bulk_load(*files, into=new)
            progress(f"loaded the N-Quads into a new store in {time.monotonic() - started:.1f} s")
        counts = store_graph_counts(new)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    try:
        swap.swap_in(new)  # on a failure the store is as it was and the new one removed
    except OSError as error:
        raise InputError(f"cannot swap the new store in: {error.strerror or error}", path=location) from None
    return counts


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
    """The engine a load's target names: a server for an ``http(s)`` URL, else a store folder.

    >>> engine_for("http://127.0.0.1:7878/query", print).base  # the server's base: /query is dropped
    'http://127.0.0.1:7878'
    """
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
