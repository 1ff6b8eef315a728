"""Assemble the graph from its sources and write it to ``build/``."""
