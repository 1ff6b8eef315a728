"""The SPARQL query library: ``queries/*.rq`` files with headers, typed parameters and one runner."""

from govgraph.queries.library import LibraryQuery, Parameter, load_library
from govgraph.queries.runner import run_query

__all__ = ["LibraryQuery", "Parameter", "load_library", "run_query"]
