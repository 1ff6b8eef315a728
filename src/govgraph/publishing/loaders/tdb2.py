"""Load a release into an Apache Jena TDB2 database folder with Jena's bulk loader, ``tdb2.tdbloader``.

How all-or-nothing holds: the database is never loaded into in place. A fresh database is built next to the
folder, ``.govgraph-tdb2-new-PID-NAME``, by one ``tdb2.tdbloader`` run over the release's N-Quads and, when the
database already holds graphs that are not govgraph's (or statements in its default graph), a copy of those (one
``tdb2.tdbquery`` CONSTRUCT leaving govgraph's graphs out: ``.govgraph-tdb2-kept-PID-NAME.nq``), while the
release is parsed strictly beside it. Only when the loader has succeeded and the release parsed is the new
database swapped in for the folder (:mod:`govgraph.swap`: one ``renameat2(RENAME_EXCHANGE)``, atomic, where the
system has it), and the old one removed.
A failure or a killed loader leaves the folder as it was; the next load removes what a killed load left (and,
where the exchange is not available and a load was killed between its two renames, puts the old database back).
Blank nodes outside govgraph's graphs keep their links but get new internal labels.

The folder must not be open in another process (Fuseki, a running ``tdb2.tdbquery``): TDB2 writes the PID of the
process holding it into ``tdb.lock``, and a live PID there stops the load.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from govgraph.errors import InputError, UsageError
from govgraph.publishing.loaders import jena
from govgraph.publishing.loaders.staging import GRAPHS, quad_counts, release_nquads
from govgraph.swap import FolderSwap, alive

# the statements of a database that are not in govgraph's graphs: its default graph and every other named graph
OTHERS = f"""CONSTRUCT {{ ?s ?p ?o . GRAPH ?g {{ ?gs ?gp ?go }} }}
WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?gs ?gp ?go }} FILTER (!STRSTARTS(STR(?g), "{GRAPHS}")) }} }}"""
PREFIX = ".govgraph-tdb2-"
SWAP = PREFIX + "{kind}-{pid}-{name}"  # beside the folder: .govgraph-tdb2-new-PID-NAME, -old-, -kept-PID-NAME.nq


def run_jena(main_class: str, *args: str, progress: Callable[[str], None] | None = None,
             stdout=subprocess.PIPE) -> str:
    """Run one Jena TDB2 command; its log lines go to ``progress``; a failure raises with Jena's error line."""
    process = subprocess.Popen(jena.command(main_class, *args, jars=jena.TDB2,
                                            options=("-Dorg.slf4j.simpleLogger.defaultLogLevel=info",)
                                            if progress else ()),
                               stdout=stdout, stderr=subprocess.PIPE, text=True)
    log: list[str] = []

    def read_log() -> None:
        for line in process.stderr:
            log.append(line.rstrip())
            if progress and " INFO " in line:
                progress(f"{main_class}: {line.rstrip().split(' - ', 1)[-1]}")

    reader = threading.Thread(target=read_log, daemon=True)
    reader.start()
    try:
        out = process.stdout.read() if process.stdout else ""
        process.wait()
    except BaseException:
        process.kill()
        process.wait()
        raise
    finally:
        reader.join(timeout=10)
    if process.returncode != 0:
        errors = [line for line in log if "ERROR" in line or "Exception" in line or "rror:" in line]
        raise InputError(f"{main_class} failed (exit {process.returncode}): "
                         f"{(errors or log or ['no message'])[0].strip()[:300]}")
    return out


def is_database(location: Path) -> bool:
    """Whether ``location`` is a folder TDB2 may be loaded into: empty, or a TDB2 database (``Data-NNNN``)."""
    return location.is_dir() and (not any(location.iterdir()) or any(location.glob("Data-*")))


def holder(location: Path) -> int | None:
    """The PID of a live process holding the database open (from TDB2's ``tdb.lock``), else ``None``."""
    try:
        text = (location / "tdb.lock").read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() and int(text) != os.getpid() and alive(int(text)) else None


def beside(location: Path) -> FolderSwap:
    """The swap of the database ``location``: what a load keeps beside it, its ``new`` and ``old`` database and the
    ``kept`` statements of other graphs.

    >>> beside(Path("/srv/tdb2")).path("new", 42)
    PosixPath('/srv/.govgraph-tdb2-new-42-tdb2')
    """
    return FolderSwap(location, SWAP, files={"kept": ".nq"}, what="database", run="load")


def others_dump(location: Path, target: Path) -> dict[str, int]:
    """Write the statements of the database ``location`` that are outside govgraph's graphs (its default graph
    included) to ``target`` as N-Quads; returns their counts per graph (the default graph's under ``""``)."""
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(prefix="govgraph-tdb2-") as work:
        query = Path(work) / "others.rq"
        query.write_text(OTHERS, encoding="utf-8")
        with target.open("wb") as out:
            run_jena("tdb2.tdbquery", "--loc", str(location), "--results=nq", "--query", str(query), stdout=out)
    return quad_counts(ox.parse(path=str(target), format=ox.RdfFormat.N_QUADS))


def owned_like(new: Path, location: Path) -> None:
    """Give the new database the owner of the one it replaces (a server's user), when running as root."""
    if not location.exists() or os.geteuid() != 0:
        return
    owner = location.stat()
    if (owner.st_uid, owner.st_gid) == (0, 0):
        return
    for folder, _, names in os.walk(new):
        for path in [folder, *(os.path.join(folder, name) for name in names)]:
            os.chown(path, owner.st_uid, owner.st_gid)


def release_counts(nquads_gz: Path) -> dict[str, int]:
    """Statements per graph of the release's N-Quads, parsed strictly: a malformed file stops the load here."""
    import pyoxigraph as ox

    try:
        with gzip.open(nquads_gz, "rb") as stream:
            return quad_counts(ox.parse(stream, format=ox.RdfFormat.N_QUADS))
    except (SyntaxError, OSError, EOFError) as error:
        raise InputError(f"the release's N-Quads are malformed: {error}", path=nquads_gz,
                         hint="write the release again") from None


def load(location: Path, release: Path, progress: Callable[[str], None]) -> dict[str, int]:
    """Replace govgraph's graphs in the TDB2 database ``location`` by the release's; the graph counts after."""
    nquads = release_nquads(release)
    location = location.resolve()  # a link to the database: the folder it names is swapped, the link kept
    if location.exists() and not is_database(location):
        raise InputError("not a TDB2 database folder, and not empty: nothing was loaded", path=location,
                         hint="give a TDB2 database folder, or a new or empty folder")
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot make the database's folder: {error.strerror or error}", path=location) from None
    swap = beside(location)
    swap.begin(progress)
    pid = holder(location)
    if pid is not None:
        raise UsageError(f"the database is open in process {pid}", path=location,
                         hint="stop the server (e.g. Fuseki) that has it open, then load again")
    new, kept = swap.path("new"), swap.path("kept")
    with ThreadPoolExecutor(max_workers=1) as pool:
        counting = pool.submit(release_counts, nquads)  # the strict parse runs beside Java; no swap before it passes
        try:
            try:
                others = others_dump(location, kept) if location.exists() and any(location.glob("Data-*")) else {}
                if others:
                    progress(f"keeping {len(others)} graphs that are not govgraph's "
                             f"({sum(others.values()):,} statements)")
                started = time.monotonic()
                run_jena("tdb2.tdbloader", "--loc", str(new), str(nquads), *([str(kept)] if others else []),
                         progress=progress)
                progress(f"tdb2.tdbloader built the new database in {time.monotonic() - started:.1f} s")
            except Exception:
                counting.result()  # a malformed release explains a failed loader better than the loader does
                raise
            ours = counting.result()
            owned_like(new, location)
            try:
                swap.swap_in(new)
            except OSError as error:
                raise InputError(f"cannot swap the new database in: {error.strerror or error}",
                                 path=location) from None
        except BaseException as error:
            shutil.rmtree(new, ignore_errors=True)
            if isinstance(error, OSError):  # a full disk, a folder not writable: one line, the database untouched
                raise InputError(f"cannot build the new database beside it: {error.strerror or error}",
                                 path=location) from None
            raise
        finally:
            kept.unlink(missing_ok=True)
    return {**others, **ours}
