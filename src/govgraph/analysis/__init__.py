"""Analyses over the graph: task indicators (``kpi``) and networks (``networks``, drawn by ``drawing``)."""
