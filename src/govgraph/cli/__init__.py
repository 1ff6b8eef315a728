"""The ``govgraph`` command: ``main(argv) -> int``, one module per verb."""
