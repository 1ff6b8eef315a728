"""``govgraph serve``: the built graph over HTTP.

- :mod:`~govgraph.server.app`: the Starlette application and its routes;
- :mod:`~govgraph.server.sparql_protocol`: ``/sparql``, the SPARQL 1.1 Protocol on the query worker pool;
- :mod:`~govgraph.server.negotiation`: ``Accept`` and extensions to media types;
- :mod:`~govgraph.server.linked_data` and :mod:`~govgraph.server.pages`: a page for every dataset IRI;
- :mod:`~govgraph.server.api`: the query library as REST, with its OpenAPI document;
- :mod:`~govgraph.server.void`: VoID and DCAT; :mod:`~govgraph.server.search`: units by name;
- :mod:`~govgraph.server.limits`, :mod:`~govgraph.server.access_log`, :mod:`~govgraph.server.health`.
"""
