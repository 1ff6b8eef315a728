"""HTML pages for people: every page is built by small functions from escaped parts, no template engine.

Every ``href`` and ``src`` a page writes is a path on this server; IRIs outside https://w3id.org/govgraph/
are shown as text, never loaded or linked.
"""
