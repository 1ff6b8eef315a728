"""govgraph: the linked-data knowledge graph of Vietnam's two-tier local government.

The package is organised by job:

- ``reference``: reads pinned source data and generates the national structure;
- ``build``: assembles ontology, reference and curated named graphs into ``build/``;
- ``store``: one store abstraction (embedded pyoxigraph, rdflib, remote SPARQL endpoint);
- ``queries``: the ``.rq`` query library, typed parameters, one runner, result formats;
- ``validation``: SHACL validation with one report type and exit-code contract;
- ``cli``: the ``govgraph`` command.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("govgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
