"""SHACL validation: one report type, one exit-code contract (0 conforms, 1 violations, 2 bad input)."""

from govgraph.validation.checks import load_checks, run_checks
from govgraph.validation.report import Severity, ValidationReport, ValidationResult
from govgraph.validation.run import validate_files, validate_quads
from govgraph.validation.shacl import load_shapes, validate_graph

__all__ = ["Severity", "ValidationReport", "ValidationResult", "load_checks", "load_shapes", "run_checks",
           "validate_files", "validate_graph", "validate_quads"]
