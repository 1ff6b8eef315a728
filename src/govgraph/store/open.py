"""Choose the store a command runs on."""

from __future__ import annotations

from pathlib import Path

from govgraph.store.base import Store
from govgraph.store.embedded import EmbeddedStore
from govgraph.store.endpoint import DEFAULT_TIMEOUT, EndpointStore


def open_store(*, endpoint: str | None = None, build_dir: Path = Path("build"),
               timeout: float = DEFAULT_TIMEOUT) -> Store:
    """The remote endpoint when one is named, else the embedded store over ``build_dir``."""
    if endpoint:
        return EndpointStore(endpoint, timeout=timeout)
    return EmbeddedStore.from_build(build_dir)
