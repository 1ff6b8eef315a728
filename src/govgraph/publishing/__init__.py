"""Publishing: versioned releases (``govgraph release``) and loading them into triple stores (``govgraph load``).

- :mod:`~govgraph.publishing.files`: deterministic gzip and SHA-256 checksums (``SHA256SUMS``);
- :mod:`~govgraph.publishing.distributions`: the dataset in TriG, N-Quads, Turtle, N-Triples and JSON-LD;
- :mod:`~govgraph.publishing.description`: the DCAT-AP description of the release (VoID from the server's code);
- :mod:`~govgraph.publishing.ontology_docs`: the ontology in three syntaxes and its HTML documentation page;
- :mod:`~govgraph.publishing.changelog`: what changed since the previous release, as RDF and as text;
- :mod:`~govgraph.publishing.release`: the checks that gate a release and the atomic writing of its folder;
- :mod:`~govgraph.publishing.validated`: the record of a passed validation that lets a release skip its own;
- :mod:`~govgraph.publishing.loaders`: Oxigraph and Virtuoso, each all or nothing.
"""
