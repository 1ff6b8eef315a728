"""Users' own SPARQL: the read-only guard, predeclared prefixes, and a pool of worker processes with a timeout
that really stops a query (used by ``govgraph sparql`` and ``govgraph serve``).

Import the modules you need (``govgraph.sparql.pool``, ``govgraph.sparql.guard``): this package imports nothing,
so a worker process starts fast.
"""
