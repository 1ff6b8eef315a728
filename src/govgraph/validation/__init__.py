"""SHACL validation: one report type, one exit-code contract (0 conforms, 1 violations, 2 bad input)."""

from govgraph.validation.report import Severity, ValidationReport, ValidationResult
from govgraph.validation.shacl import load_shapes, validate_graph

__all__ = ["Severity", "ValidationReport", "ValidationResult", "load_shapes", "validate_graph"]
