"""Load a release into Virtuoso (Debian's virtuoso-opensource) through ``isql-vt`` and its bulk loader.

How all-or-nothing holds (Virtuoso's bulk loader, ``ld_dir`` + ``rdf_loader_run`` + ``checkpoint``, is not
atomic: a malformed file stops it halfway with part of the file loaded):

- the release's N-Quads, with the names of the graphs the server already holds moved under ``STAGING``, go
  through the bulk loader into staging graphs. The release's graphs the server does not hold yet (all of them
  on a first load) are *fresh*: they keep their names and are loaded straight into place, once a marker graph
  under ``STAGING`` (written with the transaction log) names them. Meanwhile the file is parsed strictly
  (Virtuoso's loader skips a bad line without reporting it), by the ``oxigraph`` command where there is one,
  and its statements counted per graph; then the loader's ``load_list`` entry is checked for an error and every
  loaded graph's count against the file's. On any error, or if the loader is killed, the staged graphs and the
  fresh ones are deleted: the graphs the server held were never touched, and the fresh ones are gone again.
  While it loads, a reader sees a fresh graph fill up (it held nothing to lose);
- each staged graph is compared with the graph it replaces (read only: equal counts, and no staged statement
  missing from it); the graphs that differ, and govgraph's graphs the release no longer holds, are changed by one
  stored procedure, run as one transaction, which also deletes the marker graph: it deletes the statements the
  release no longer holds and inserts the ones it adds (``DELETE``/``INSERT ... WHERE NOT EXISTS`` on
  ``DB.DBA.RDF_QUAD``, keyed by G, S, P, O); a failure inside it rolls back every statement of it. Loading the
  same release twice changes nothing, and a new release writes only what changed;
- the staged graphs are then deleted without the transaction log (they are not part of the data), and one
  ``checkpoint`` makes the result durable. If ``govgraph load`` itself is killed, the graphs the server held are
  as they were or as the release has them; the staged graphs it left, and the fresh graphs its marker still
  names (as far as they were loaded), stay until the next load deletes them before anything else.

The staged file is written into ``--load-dir``, which must be listed in the server's ``DirsAllowed``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from govgraph.errors import EndpointError, InputError, UsageError
from govgraph.publishing.loaders.oxigraph import _wait, oxigraph_binary
from govgraph.publishing.loaders.staging import (GRAPHS, STAGING, Plan, expected_counts, release_nquads,
                                                 write_staged)

FRESH = "/fresh-graphs"  # under STAGING and a load's token: the marker graph naming the graphs it loads fresh


def isql_binary() -> str:
    """Virtuoso's SQL client on PATH (``isql-vt`` as Debian names it, else ``isql``); none is a :class:`UsageError`."""
    found = shutil.which("isql-vt") or shutil.which("isql")
    if not found:
        raise UsageError("Virtuoso's 'isql-vt' is not installed", hint="apt-get install virtuoso-opensource")
    return found


def _sql_string(text: str) -> str:
    """``text`` as an SQL string literal.

    >>> _sql_string("a'b")
    "'a''b'"
    """
    return "'" + text.replace("'", "''") + "'"


def _missing(alias: str, graph: str, other: str) -> str:
    """SQL: the row ``alias`` of ``DB.DBA.RDF_QUAD`` is in ``graph`` and its statement is not in ``other``.

    >>> _missing("A", "http://e/g", "http://e/h").split(" AND ")[2:]
    ['X.S = A.S', 'X.P = A.P', 'X.O = A.O)']
    """
    return (f"{alias}.G = iri_to_id({_sql_string(graph)}) AND NOT EXISTS (SELECT 1 FROM DB.DBA.RDF_QUAD X WHERE "
            f"X.G = iri_to_id({_sql_string(other)}) AND X.S = {alias}.S AND X.P = {alias}.P AND X.O = {alias}.O)")


class Virtuoso:
    """A Virtuoso server by the ``HOST:PORT`` of its SQL port."""

    def __init__(self, target: str, user: str, password: str, progress: Callable[[str], None],
                 load_dir: Path | None = None):
        self.target, self.user, self.password, self.progress = target, user, password, progress
        self.load_dir, self.binary = load_dir, isql_binary()

    def _command(self, sql: str) -> list[str]:
        return [self.binary, self.target, self.user, self.password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF",
                "ECHO=OFF", "ERRORS=STDOUT", f"EXEC={sql}"]

    def sql(self, sql: str) -> str:
        """Run ``sql`` through isql and return what it printed.

        An error line in its output (``ERRORS=STDOUT``), or a failed exit, is an :class:`EndpointError` naming the
        first error.
        """
        done = subprocess.run(self._command(sql), capture_output=True, text=True)
        errors = [line for line in done.stdout.splitlines() + done.stderr.splitlines()
                  if line.startswith(("*** Error", "*** ERROR"))]
        if done.returncode != 0 or errors:
            raise EndpointError(f"Virtuoso refused a statement: {(errors or [done.stderr.strip()])[0][:300]}",
                                path=self.target)
        return done.stdout

    def graph_counts(self) -> dict[str, int]:
        """The statements per named graph of ``DB.DBA.RDF_QUAD``, read from isql's printed rows."""
        out = self.sql("SELECT id_to_iri(G), COUNT(*) FROM DB.DBA.RDF_QUAD GROUP BY G;")
        counts = {}
        for line in out.splitlines():
            words = line.split()
            if len(words) >= 2 and words[-1].isdigit() and "://" in words[0]:
                counts[words[0]] = int(words[-1])
        return counts

    def drop(self, graphs: list[str], *, checkpoint: bool = True) -> None:
        """Delete staged graphs, without the transaction log (a crash before the next checkpoint brings them
        back, and the next load deletes them again)."""
        if graphs:
            self.sql("log_enable(3, 1); "
                     + " ".join(f"DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({_sql_string(g)});" for g in graphs)
                     + (" checkpoint;" if checkpoint else ""))

    def bulk_load(self, path: Path) -> None:
        """Load one N-Quads file with the bulk loader (``ld_dir``, ``rdf_loader_run``, ``checkpoint``).

        Both isql's output and the file's ``load_list`` entry (read back) are checked: an error in either, or a file
        the loader did not finish, is an :class:`EndpointError`. The file's folder must be in ``DirsAllowed``.
        """
        folder, name = str(path.parent), path.name
        process = subprocess.Popen(self._command(
            f"DELETE FROM DB.DBA.load_list WHERE ll_file = {_sql_string(str(path))}; "
            f"ld_dir({_sql_string(folder)}, {_sql_string(name)}, 'https://w3id.org/govgraph/graph/unnamed'); "
            "rdf_loader_run(); checkpoint;"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            _wait(process, self.progress, "virtuoso rdf_loader_run")
        except BaseException:
            if process.poll() is None:
                process.kill()
            raise
        out = process.stdout.read() if process.stdout else ""
        if "*** Error" in out:
            raise EndpointError(f"Virtuoso's bulk loader failed: {out.strip().splitlines()[0][:300]}",
                                path=self.target)
        state = self.sql(f"SELECT ll_state, ll_error FROM DB.DBA.load_list WHERE ll_file = {_sql_string(str(path))};")
        rows = [line.split(None, 1) for line in state.splitlines() if line.strip()[:1].isdigit()]
        if not rows or rows[0][0] != "2" or (len(rows[0]) > 1 and rows[0][1].strip() not in ("", "NULL")):
            detail = rows[0][1].strip() if rows and len(rows[0]) > 1 else "not loaded"
            raise EndpointError(f"Virtuoso's bulk loader failed on the staged N-Quads: {detail[:300]}",
                                path=self.target)

    def unchanged(self, plan: Plan, counts: dict[str, int]) -> set[str]:
        """The release's graphs whose staged copy holds exactly the statements the engine's graph holds (read
        only; ``counts``: statements per graph, staged and present)."""
        candidates = sorted(g for g in plan.graphs - plan.fresh if counts.get(g) == counts.get(plan.staged(g)))
        if not candidates:
            return set()
        out = self.sql(" ".join(
            f"SELECT {_sql_string(g)}, COUNT(*) FROM DB.DBA.RDF_QUAD B WHERE {_missing('B', plan.staged(g), g)};"
            for g in candidates))
        same = set()
        for line in out.splitlines():
            words = line.split()
            if len(words) == 2 and words[0] in candidates and words[1] == "0":
                same.add(words[0])
        return same

    def swap(self, plan: Plan, present: set[str], unchanged: set[str], marker: str) -> None:
        """One transaction: drop ``present`` graphs the release does not hold, turn every changed graph into
        its staged copy by deleting and inserting only the statements that differ, and delete the ``marker``
        graph (the fresh graphs it names are then kept by any later load)."""
        body = [f"DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({_sql_string(g)});"
                for g in sorted(present - plan.graphs)]
        for graph in sorted(plan.graphs - plan.fresh - unchanged):
            body.append(f"DELETE FROM DB.DBA.RDF_QUAD A WHERE {_missing('A', graph, plan.staged(graph))};")
            body.append(f"INSERT INTO DB.DBA.RDF_QUAD (G, S, P, O) SELECT iri_to_id({_sql_string(graph)}), B.S, B.P, "
                        f"B.O FROM DB.DBA.RDF_QUAD B WHERE {_missing('B', plan.staged(graph), graph)};")
        if plan.fresh:
            body.append(f"DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({_sql_string(marker)});")
        if len(body) <= 1:  # nothing, or one statement: a transaction of its own
            if body:
                self.sql(f"log_enable(1); {body[0]}")
            return
        name = f"DB.DBA.GOVGRAPH_SWAP_{plan.token}"
        self.sql(f"CREATE PROCEDURE {name} () {{ log_enable(1); {' '.join(body)} }};")
        try:
            self.sql(f"{name}();")
        finally:
            self.sql(f"DROP PROCEDURE {name};")

    def mark(self, marker: str, fresh: set[str]) -> None:
        """Name the ``fresh`` graphs in the graph ``marker`` (in the transaction log, before they are loaded)."""
        if fresh:
            self.sql(" ".join(f"INSERT INTO DB.DBA.RDF_QUAD (G, S, P, O) VALUES (iri_to_id({_sql_string(marker)}), "
                              f"iri_to_id({_sql_string(g)}), iri_to_id({_sql_string(STAGING + 'fresh')}), "
                              f"iri_to_id({_sql_string(g)}));" for g in sorted(fresh)))

    def abandon(self, marker: str) -> None:
        """Delete the fresh graphs the graph ``marker`` names (those of a load that failed or was killed before
        its swap committed; once it has, the marker is gone and nothing is deleted)."""
        out = self.sql(f"SELECT id_to_iri(S) FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({_sql_string(marker)});")
        graphs = sorted({w for w in out.split() if w.startswith(GRAPHS)})
        self.drop(graphs, checkpoint=False)


def load(engine: Virtuoso, release: Path, progress: Callable[[str], None]) -> dict[str, int]:
    """Replace govgraph's graphs in Virtuoso by the release's; returns the graph counts afterwards."""
    nquads = release_nquads(release)
    before = engine.graph_counts()
    leftovers = sorted(g for g in before if g.startswith(STAGING))
    if leftovers:
        progress(f"dropping {len(leftovers)} staged graphs left by an interrupted load")
        for marker in (g for g in leftovers if g.endswith(FRESH)):
            engine.abandon(marker)
        engine.drop(leftovers)
        before = engine.graph_counts()
    plan = Plan(replacing={g for g in before if g.startswith(GRAPHS)})
    marker = STAGING + plan.token + FRESH
    work = Path(tempfile.mkdtemp(prefix="govgraph-load-", dir=engine.load_dir))
    try:
        work.chmod(0o755)
        staged = write_staged(nquads, work / f"staged-{plan.token}.nq", plan)
        staged.chmod(0o644)
        parsed: list = []
        try:
            # the release's graphs the server does not hold yet are loaded under their own names; the marker
            # graph names them first, so that a load killed from here on has them dropped by the next load
            engine.mark(marker, plan.fresh)
            # the strict parse runs beside the bulk loader (it only reads the file); its error comes first
            parser = threading.Thread(target=_capture, args=(parsed, strict_counts, staged, plan), daemon=True)
            parser.start()
            started = time.monotonic()
            try:
                engine.bulk_load(staged)
            finally:
                parser.join()
            if isinstance(parsed[0], BaseException):
                raise parsed[0]
            expected = parsed[0]
            loaded = engine.graph_counts()
            short = [g for g, n in expected.items() if loaded.get(g) != n]
            if short:
                raise EndpointError(f"Virtuoso's bulk loader stored {loaded.get(short[0], 0):,} of "
                                    f"{expected[short[0]]:,} statements of a graph", path=engine.target)
            progress(f"loaded {len(plan.fresh)} new graphs, staged {len(plan.graphs - plan.fresh)} in "
                     f"{time.monotonic() - started:.1f} s")
            unchanged = engine.unchanged(plan, loaded)
            present = {g for g in loaded if g.startswith(GRAPHS)} - plan.fresh
            engine.swap(plan, present, unchanged, marker)
            progress(f"{len(plan.graphs) - len(unchanged)} graphs changed or new, {len(unchanged)} unchanged, "
                     f"{len(present - plan.graphs)} dropped")
        except BaseException:
            try:
                engine.abandon(marker)
                engine.drop([plan.staged(g) for g in sorted(plan.graphs - plan.fresh)] + [marker])
            except Exception:  # the server may be gone; the next load drops the staged and fresh graphs
                pass
            raise
        engine.drop([plan.staged(g) for g in sorted(plan.graphs - plan.fresh)])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return engine.graph_counts()


def strict_counts(staged: Path, plan: Plan) -> dict[str, int]:
    """Statements per graph of ``staged`` (staged or fresh names), parsed strictly (see :func:`expected_counts`).

    The ``oxigraph`` command parses the file (in Rust, no Python object per statement) and each staged graph's
    statements are its lines ending in that graph's name (N-Quads: one statement a line); when some line holds
    another graph, or there is no ``oxigraph`` command, the statements are counted by parsing them in Python.
    """
    try:
        binary = oxigraph_binary()
    except UsageError:
        return expected_counts(staged)
    done = subprocess.run([binary, "convert", "--from-file", str(staged), "--from-format", "nq",
                           "--from-default-graph", "--to-format", "nt"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        detail = next((line for line in done.stderr.splitlines() if line.startswith("Error")), done.stderr.strip())
        raise InputError(f"the release's N-Quads are malformed: {detail[:300]}", path=staged,
                         hint="write the release again")
    data = staged.read_bytes()
    counts = {plan.target(g): data.count(f" <{plan.target(g)}> .\n".encode()) for g in plan.graphs}
    if sum(counts.values()) != data.count(b"\n") or (data and not data.endswith(b"\n")):
        return expected_counts(staged)
    return counts


def _capture(into: list, function, *args) -> None:
    try:
        into.append(function(*args))
    except BaseException as error:  # re-raised by the caller
        into.append(error)
