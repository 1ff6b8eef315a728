"""govgraph: the linked-data knowledge graph of Vietnam's two-tier local government.

The package is organised by job:

- ``reference``: reads pinned source data and generates the national structure;
- ``build``: assembles ontology, reference and curated named graphs into ``build/``;
- ``store``: one store abstraction (embedded pyoxigraph, rdflib, remote SPARQL endpoint);
- ``queries``: the ``.rq`` query library, typed parameters, one runner, result formats;
- ``validation``: SHACL validation with one report type and exit-code contract;
- ``cli``: the ``govgraph`` command.
"""

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """``__version__``, looked up on first use: importlib.metadata costs every command (and query worker) time."""
    if name != "__version__":
        raise AttributeError(f"module 'govgraph' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("govgraph")
    except PackageNotFoundError:  # running from a source tree that was never installed
        value = "0+unknown"
    globals()["__version__"] = value
    return value
