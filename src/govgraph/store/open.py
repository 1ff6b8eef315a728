"""Choose the store a command runs on."""

from __future__ import annotations

from pathlib import Path

from govgraph.store import location
from govgraph.store.base import Store
from govgraph.store.timeout import DEFAULT_TIMEOUT


def open_store(*, endpoint: str | None = None, build_dir: Path | None = None,
               timeout: float = DEFAULT_TIMEOUT) -> Store:
    """The remote endpoint when one is named, else the on-disk store of ``build_dir`` opened read-only.

    ``build_dir`` defaults to ``$GOVGRAPH_BUILD_DIR``, else ``./build`` (:func:`govgraph.store.location.build_dir`).
    """
    if endpoint:  # each store's module is imported only when it is opened (an HTTP client costs every start)
        from govgraph.store.endpoint import EndpointStore

        return EndpointStore(endpoint, timeout=timeout)
    from govgraph.store.embedded import EmbeddedStore

    return EmbeddedStore.from_build(location.build_dir(build_dir))
