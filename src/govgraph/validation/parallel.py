"""Many SELECT queries on one store at once: pyoxigraph releases the GIL while it evaluates a query, so a small
pool of threads keeps every core busy (validation runs dozens of independent queries)."""

from __future__ import annotations

import os
from concurrent.futures import Executor, ThreadPoolExecutor

from govgraph.store.base import ResultTable, Store

# One thread per core, at most 4: the queries share the store's memory bandwidth.
WORKERS = max(1, min(4, os.cpu_count() or 1))


def select_all(store: Store, queries: list[str], *, workers: int | None = None,
               pool: Executor | None = None) -> list[ResultTable]:
    """The answers of ``queries``, in order, evaluated by ``workers`` threads (default :data:`WORKERS`), or by the
    threads of ``pool`` (shared with other queries running meanwhile: see :func:`govgraph.validation.validate_store`).

    >>> from govgraph.store.embedded import EmbeddedStore
    >>> store = EmbeddedStore.from_turtle("<http://e/a> <http://e/p> 1, 2 .")
    >>> [len(table) for table in select_all(store, ["SELECT ?o { ?s ?p ?o }", "SELECT ?s { ?s ?p 2 }"])]
    [2, 1]
    """
    return select_each([(store, query) for query in queries], workers=workers, pool=pool)


def select_each(jobs: list[tuple[Store, str]], *, workers: int | None = None,
                pool: Executor | None = None) -> list[ResultTable]:
    """The answers of the queries, each on its own store (or view of one), in order: see :func:`select_all`."""
    if pool is None:
        workers = workers or WORKERS
        if workers == 1 or len(jobs) < 2:
            return [store.select(query) for store, query in jobs]
        with ThreadPoolExecutor(max_workers=min(workers, len(jobs)), thread_name_prefix="govgraph-query") as own:
            return select_each(jobs, pool=own)
    return list(pool.map(lambda job: job[0].select(job[1]), jobs))
