"""Load a release into Virtuoso (Debian's virtuoso-opensource) through ``isql-vt`` and its bulk loader.

How all-or-nothing holds (Virtuoso's bulk loader, ``ld_dir`` + ``rdf_loader_run`` + ``checkpoint``, is not
atomic: a malformed file stops it halfway with part of the file loaded):

- the staged N-Quads (graph names under ``STAGING``) are parsed strictly first (Virtuoso's loader skips a bad
  line without reporting it), then go through the bulk loader; afterwards its ``load_list`` entry is checked
  for an error and every staged graph's count against the file's; on any error, or if the loader is killed,
  the staged graphs are deleted;
- the swap is one stored procedure, run as one transaction: it deletes govgraph's graphs and renames each staged
  graph onto its name (``UPDATE DB.DBA.RDF_QUAD ... SET G = ...``, the rename Virtuoso's documentation gives);
  a failure inside it rolls back every statement of it; then a ``checkpoint`` makes it durable.

The staged file is written into ``--load-dir``, which must be listed in the server's ``DirsAllowed``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from govgraph.errors import EndpointError, UsageError
from govgraph.publishing.loaders.oxigraph import _wait
from govgraph.publishing.loaders.staging import (GRAPHS, STAGING, Plan, expected_counts, release_nquads,
                                                 write_staged)


def isql_binary() -> str:
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
        done = subprocess.run(self._command(sql), capture_output=True, text=True)
        errors = [line for line in done.stdout.splitlines() + done.stderr.splitlines()
                  if line.startswith(("*** Error", "*** ERROR"))]
        if done.returncode != 0 or errors:
            raise EndpointError(f"Virtuoso refused a statement: {(errors or [done.stderr.strip()])[0][:300]}",
                                path=self.target)
        return done.stdout

    def graph_counts(self) -> dict[str, int]:
        out = self.sql("SELECT id_to_iri(G), COUNT(*) FROM DB.DBA.RDF_QUAD GROUP BY G;")
        counts = {}
        for line in out.splitlines():
            words = line.split()
            if len(words) >= 2 and words[-1].isdigit() and "://" in words[0]:
                counts[words[0]] = int(words[-1])
        return counts

    def drop(self, graphs: list[str]) -> None:
        if graphs:
            self.sql(" ".join(f"DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({_sql_string(g)});" for g in graphs)
                     + " checkpoint;")

    def bulk_load(self, path: Path) -> None:
        folder, name = str(path.parent), path.name
        self.sql(f"DELETE FROM DB.DBA.load_list WHERE ll_file = {_sql_string(str(path))};")
        process = subprocess.Popen(self._command(
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

    def swap(self, plan: Plan, present: set[str]) -> None:
        name = f"DB.DBA.GOVGRAPH_SWAP_{plan.token}"
        body = [f"DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({_sql_string(g)});" for g in sorted(present)]
        body += [f"UPDATE DB.DBA.RDF_QUAD TABLE OPTION (index RDF_QUAD_GS) SET G = iri_to_id({_sql_string(g)}) "
                 f"WHERE G = iri_to_id({_sql_string(plan.staged(g))});" for g in sorted(plan.graphs)]
        self.sql(f"CREATE PROCEDURE {name} () {{ log_enable(1); {' '.join(body)} }};")
        try:
            self.sql(f"{name}(); checkpoint;")
        finally:
            self.sql(f"DROP PROCEDURE {name};")


def load(engine: Virtuoso, release: Path, progress: Callable[[str], None]) -> dict[str, int]:
    """Replace govgraph's graphs in Virtuoso by the release's; returns the graph counts afterwards."""
    nquads = release_nquads(release)
    before = engine.graph_counts()
    leftovers = sorted(g for g in before if g.startswith(STAGING))
    if leftovers:
        progress(f"dropping {len(leftovers)} staged graphs left by an interrupted load")
        engine.drop(leftovers)
    plan = Plan()
    work = Path(tempfile.mkdtemp(prefix="govgraph-load-", dir=engine.load_dir))
    try:
        work.chmod(0o755)
        staged = write_staged(nquads, work / f"staged-{plan.token}.nq", plan)
        staged.chmod(0o644)
        expected = expected_counts(staged)
        try:
            started = time.monotonic()
            engine.bulk_load(staged)
            loaded = engine.graph_counts()
            short = [g for g, n in expected.items() if loaded.get(g) != n]
            if short:
                raise EndpointError(f"Virtuoso's bulk loader stored {loaded.get(short[0], 0):,} of "
                                    f"{expected[short[0]]:,} statements of a staged graph", path=engine.target)
            progress(f"staged {len(plan.graphs)} graphs in {time.monotonic() - started:.1f} s")
            engine.swap(plan, {g for g in before if g.startswith(GRAPHS)})
        except BaseException:
            try:
                engine.drop([plan.staged(g) for g in sorted(plan.graphs)])
            except Exception:  # the server may be gone; the next load drops the staged graphs
                pass
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return engine.graph_counts()
