"""A pool of query worker processes: a timeout that really stops a query, a row cap, a bound on concurrency.

pyoxigraph has no per-query timeout and releases the GIL while it works, so a runaway query cannot be stopped
from a thread. Each worker is a child process (:mod:`govgraph.sparql.worker`) that opens the on-disk store
read-only; a query that overruns its time gets its worker killed (SIGKILL), a fresh worker takes its place,
and the caller gets :class:`~govgraph.errors.QueryTimeout`. Every query passes the read-only guard
(:mod:`govgraph.sparql.guard`) before a worker sees it.

The pool is thread-safe: at most ``workers`` queries run at once; ``run(..., block=False)`` raises
:class:`~govgraph.errors.PoolBusy` at once when all are busy (a server answers 429), ``busy()`` tells ahead.

>>> import tempfile, pyoxigraph as ox
>>> folder = tempfile.mkdtemp()
>>> ox.Store(folder).add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1"),
...                              ox.NamedNode("http://e/g")))
>>> with QueryPool(folder, workers=1, timeout=10) as pool:
...     answer = pool.run("SELECT ?o WHERE { ?s ?p ?o }", "text/csv")
>>> answer.body, answer.kind, answer.truncated
(b'o\\r\\n1\\r\\n', 'solutions', False)
"""

from __future__ import annotations

import json
import os
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govgraph.errors import (InputError, NotAcceptable, PoolBusy, QueryFailed, QueryOutOfMemory, QueryTimeout,
                             one_line)
from govgraph.sparql.guard import check
from govgraph.sparql.media import choose
from govgraph.sparql.memory import DEFAULT_MAX_MEMORY_MIB
from govgraph.sparql.prefixes import PREDECLARED
from govgraph.store.timeout import MAX_TIMEOUT, is_timeout

_LENGTH = struct.Struct(">I")
START_TIMEOUT = 30.0  # seconds a new worker may take to open the store
# RocksDB's iterators and the engine allocate and free many small blocks: with glibc's default per-thread cache
# (7 blocks a size) about a third of a worker's time went to malloc (perf). With 1,024 (at most about 34 MB cached
# a thread) the library's queries took from 2% (idle machine) to 27% (busy machine) less CPU. Read by glibc only.
MALLOC_TUNABLE = "glibc.malloc.tcache_count=1024"


@dataclass(frozen=True)
class QueryAnswer:
    """A query's answer, serialized: ``kind`` is ``solutions``, ``boolean`` or ``graph``.

    ``truncated`` says the row cap cut it (``count`` rows or triples were kept); ``elapsed`` is in seconds.
    """

    media_type: str
    body: bytes
    kind: str
    truncated: bool = False
    count: int | None = None
    elapsed: float = 0.0


class _Stopped(Exception):
    """The worker's pipe closed: it died (killed, out of memory, crashed)."""


class _Overran(Exception):
    """The deadline passed before the worker answered."""


class _Worker:
    """One child process and its pipes; used by one thread at a time (the pool hands it out)."""

    def __init__(self, store_path: Path, max_memory_mib: int = 0) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "govgraph.sparql.worker", str(store_path), str(max_memory_mib)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True, env=_worker_environment())
        self.store_path = store_path
        self.ready = False

    @property
    def pid(self) -> int:
        """The worker process's id."""
        return self.process.pid

    def _read_exact(self, size: int, deadline: float) -> bytes:
        fd = self.process.stdout.fileno()
        chunks, left = [], size
        while left:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Overran
            readable, _, _ = select.select([fd], [], [], remaining)
            if not readable:
                raise _Overran
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise _Stopped
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def read_frame(self, deadline: float) -> bytes:
        """One frame from the worker: a 4-byte big-endian length, then that many bytes.

        Raises ``_Overran`` when ``deadline`` (of ``time.monotonic``) passes first, ``_Stopped`` when the pipe closes.
        """
        (length,) = _LENGTH.unpack(self._read_exact(_LENGTH.size, deadline))
        return self._read_exact(length, deadline)

    def wait_ready(self, deadline: float) -> None:
        """Wait, until ``deadline``, for the worker's first frame, which says whether it opened the store; one it
        could not open is an :class:`InputError`. Once ready, returns at once.
        """
        if self.ready:
            return
        header = json.loads(self.read_frame(deadline))
        if not header.get("ok"):
            message = one_line(str(header.get("message")))  # RocksDB messages may span lines
            raise InputError(f"cannot open the built store: {message}", path=self.store_path,
                             hint="run govgraph build again")
        self.ready = True

    def send(self, request: dict) -> None:
        """Send one request as a JSON frame; a worker that has gone is ``_Stopped``."""
        data = json.dumps(request).encode()
        try:
            self.process.stdin.write(_LENGTH.pack(len(data)) + data)
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            raise _Stopped from None

    def kill(self) -> None:
        """SIGKILL, then reap: the query's CPU and memory are freed when this returns."""
        if self.process.poll() is None:
            try:
                os.kill(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


def _worker_environment() -> dict[str, str]:
    """The worker finds govgraph where this process found it, even from a source tree, and gets a larger
    per-thread cache in glibc's allocator (:data:`MALLOC_TUNABLE`) unless the caller set one.

    >>> _worker_environment()["GLIBC_TUNABLES"].endswith(MALLOC_TUNABLE)
    True
    """
    environment = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, environment.get("PYTHONPATH")]))
    tunables = environment.get("GLIBC_TUNABLES", "")
    if "glibc.malloc.tcache_count" not in tunables:
        environment["GLIBC_TUNABLES"] = ":".join(filter(None, [tunables, MALLOC_TUNABLE]))
    return environment


class QueryPool:
    """Run read-only SPARQL queries on the on-disk store at ``store_path`` in ``workers`` child processes.

    ``timeout`` (seconds) bounds each query, from the moment a worker takes it to its last byte; ``row_cap``
    bounds the rows of a SELECT answer and the triples of a CONSTRUCT or DESCRIBE answer (0: no cap);
    ``max_memory_mib`` bounds each worker's data memory (0: no bound), past which the query fails with
    :class:`~govgraph.errors.QueryOutOfMemory` and its worker is replaced.
    """

    def __init__(self, store_path: str | os.PathLike[str], *, workers: int = 2, timeout: float = 30.0,
                 row_cap: int = 10_000, max_memory_mib: int = DEFAULT_MAX_MEMORY_MIB) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        if not is_timeout(timeout):
            raise ValueError(f"a pool's timeout is a positive number of seconds up to {MAX_TIMEOUT:g}, not {timeout!r}")
        self.store_path = Path(store_path)
        if not self.store_path.is_dir():
            raise InputError("the built store is missing", path=self.store_path,
                             hint="run 'govgraph build' (or pass --build-dir or set GOVGRAPH_BUILD_DIR)")
        if max_memory_mib < 0:
            raise ValueError(f"a pool's memory bound is 0 (none) or a number of MiB, not {max_memory_mib!r}")
        self.workers, self.timeout, self.row_cap = workers, float(timeout), int(row_cap)
        self.max_memory_mib = int(max_memory_mib)
        self._lock = threading.Lock()
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._live: set[_Worker] = set()
        self._closed = False
        started = [self._spawn() for _ in range(workers)]
        deadline = time.monotonic() + START_TIMEOUT
        try:
            for worker in started:
                worker.wait_ready(deadline)
        except BaseException:
            self.close()
            raise
        for worker in started:
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self.store_path, self.max_memory_mib)
        with self._lock:
            self._live.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._live.discard(worker)

    def busy(self) -> bool:
        """True when every worker is running a query (a new one would wait)."""
        return self._idle.empty()

    def pids(self) -> list[int]:
        """The process ids of the live workers (for tests and health checks)."""
        with self._lock:
            return sorted(worker.pid for worker in self._live)

    def run(self, query: str, media_type: str | Sequence[str] = "application/sparql-results+json", *,
            block: bool = True, timeout: float | None = None) -> QueryAnswer:
        """Answer ``query`` in the first of ``media_type`` (a media type or a list by preference) it can take.

        Raises QueryRefused (the guard), NotAcceptable (no wanted media type fits), PoolBusy (``block=False``
        and every worker busy), QueryTimeout (the worker was stopped) or QueryFailed (the engine's message).
        """
        if self._closed:
            raise QueryFailed("the query pool is closed")
        checked = check(query)
        wanted = [media_type] if isinstance(media_type, str) else list(media_type)
        if checked.form is not None:
            choose(checked.kind, wanted)  # refuse an impossible media type before taking a worker
        limit = self.timeout if timeout is None else float(timeout)
        if not is_timeout(limit):
            raise ValueError(f"a query's timeout is a positive number of seconds up to {MAX_TIMEOUT:g}, not {limit!r}")
        try:
            worker = self._idle.get(block=block)
        except queue.Empty:
            raise PoolBusy(f"all {self.workers} query workers are busy", hint="retry in a moment") from None
        started = time.monotonic()
        request = {"query": query, "prefixes": checked.missing_prefixes(), "union": not checked.has_dataset,
                   "media_types": wanted, "row_cap": self.row_cap, "output_prefixes": PREDECLARED}
        try:
            deadline = started + limit
            worker.wait_ready(time.monotonic() + START_TIMEOUT)
            worker.send(request)
            header = json.loads(worker.read_frame(deadline))
            body = worker.read_frame(deadline) if header.get("ok") else b""
        except _Overran:
            self._replace(worker)
            raise QueryTimeout(f"query stopped after {limit:g} s",
                               hint="narrow the query, add a LIMIT, or raise the timeout") from None
        except (_Stopped, OSError):
            self._replace(worker)
            if self.max_memory_mib and worker.process.returncode == -signal.SIGABRT:  # an allocation failed
                raise self._out_of_memory() from None
            raise QueryFailed("the query worker stopped unexpectedly (out of memory?)") from None
        except BaseException:
            self._replace(worker)
            raise
        self._release(worker)
        if not header["ok"]:
            if header["error"] == "memory":
                raise self._out_of_memory()
            if header["error"] == "media":
                raise NotAcceptable(f"the query answers with {header['kind']}, not {', '.join(wanted)}",
                                    hint=f"use {header['message']}")
            raise QueryFailed(f"the query failed: {header['message']}")
        return QueryAnswer(header["media_type"], body, header["kind"], header["truncated"], header["count"],
                           time.monotonic() - started)

    def _out_of_memory(self) -> QueryOutOfMemory:
        return QueryOutOfMemory(f"the query needed more than {self.max_memory_mib} MiB of memory and was stopped",
                                hint="narrow the query, add a LIMIT, or raise --max-memory")

    def _release(self, worker: _Worker) -> None:
        if self._closed:
            self._retire(worker)
        else:
            self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and put a fresh one in its place (it opens the store while it waits for work)."""
        self._retire(worker)
        if not self._closed:
            self._idle.put(self._spawn())

    def close(self) -> None:
        """Stop every worker; queries still running are killed."""
        self._closed = True
        with self._lock:
            workers = list(self._live)
        for worker in workers:
            self._retire(worker)

    def __enter__(self) -> "QueryPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        if not getattr(self, "_closed", True):
            self.close()
