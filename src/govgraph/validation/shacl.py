"""Validate a graph against govgraph's shapes with pySHACL and read its report into typed results."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDFS, SH

from govgraph import resources
from govgraph.namespaces import GG
from govgraph.rdf.convert import rdflib_graph
from govgraph.rdf.parse import parse_file
from govgraph.validation.report import Severity, ValidationReport, ValidationResult, node_text

_SEVERITIES = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


def load_shapes(paths: list[Path] | None = None) -> rdflib.Graph:
    """The shapes graph: ``shapes/*.ttl`` unless other files are given."""
    paths = paths if paths is not None else resources.turtle_files(resources.shapes_dir())
    return rdflib_graph(q for path in paths for q in parse_file(path))


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph | None = None, *,
                   focus: list[URIRef] | None = None) -> ValidationReport:
    """Validate ``data`` (which must include the ontology, for class targets through subclasses).

    With ``focus``, only those nodes are checked; the rest of ``data`` is context that constraints may read
    (a user's task register checked against the national structure without re-checking the structure).

    >>> from rdflib import Graph
    >>> validate_graph(Graph()).conforms()
    True
    """
    shapes = shapes if shapes is not None else load_shapes()
    import pyshacl  # imported on use: it costs a third of a second at every start

    _, report_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, allow_infos=True,
        focus_nodes=focus,
        # No inference runs, so pySHACL need not copy the data graph first (a copy costs seconds at 145,000 triples).
        inplace=True,
    )
    results = describe_focus_nodes(
        [_read_result(report_graph, node, shapes) for node in report_graph.subjects(SH.resultSeverity, None)], data)
    results.sort(key=lambda r: (-r.severity, r.source_shape, r.focus, r.path or ""))
    return ValidationReport(results, triples=len(data))


def _path_text(report: rdflib.Graph, path) -> str | None:
    if path is None or isinstance(path, URIRef):
        return node_text(path)
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    return "(complex path)"


def _template_pattern(template: str) -> re.Pattern[str]:
    """A regex matching the messages a SHACL-SPARQL template ``{?var}`` / ``{$var}`` can produce."""
    parts = re.split(r"\{[?$][A-Za-z_][A-Za-z0-9_]*\}", template)
    return re.compile("^" + "(.*?)".join(re.escape(p) for p in parts) + "$", re.DOTALL)


def _message_language(message: Literal, templates: list[Literal]) -> str:
    """pySHACL drops the language of a SPARQL constraint's message when it fills in the template; recover it
    from the constraint's own tagged templates."""
    if message.language:
        return message.language
    for template in templates:
        if template.language and _template_pattern(str(template)).match(str(message)):
            return template.language
    return ""


def _read_result(report: rdflib.Graph, node, shapes: rdflib.Graph) -> ValidationResult:
    focus = report.value(node, SH.focusNode)
    constraint_node = report.value(node, SH.sourceConstraint)
    templates = list(shapes.objects(constraint_node, SH.message)) if constraint_node is not None else []
    messages: dict[str, str] = {}
    for message in report.objects(node, SH.resultMessage):
        messages.setdefault(_message_language(message, templates), str(message))
    shape = report.value(node, SH.sourceShape)
    shape_text = node_text(shape) if isinstance(shape, URIRef) else _describe_blank_shape(shapes, shape)
    return ValidationResult(
        severity=_SEVERITIES.get(report.value(node, SH.resultSeverity), Severity.VIOLATION),
        focus=node_text(focus),
        path=_path_text(report, report.value(node, SH.resultPath)),
        value=node_text(report.value(node, SH.value)),
        messages=messages,
        source_shape=shape_text,
        constraint=node_text(report.value(node, SH.sourceConstraintComponent)),
    )


def describe_focus_nodes(results: list[ValidationResult], data: rdflib.Graph) -> list[ValidationResult]:
    """The results with their focus nodes' labels and codes filled in from ``data``."""
    return [replace(r, focus_label=node_text(_label(data, URIRef(r.focus))),
                    focus_code=node_text(data.value(URIRef(r.focus), GG.officialCode)))
            if not r.focus.startswith("_:") else r
            for r in results]


def _label(data: rdflib.Graph, node):
    labels = list(data.objects(node, RDFS.label))
    for label in labels:
        if isinstance(label, Literal) and label.language == "en":
            return label
    return labels[0] if labels else None


def _describe_blank_shape(shapes: rdflib.Graph, shape) -> str:
    """Property shapes are blank nodes: name them ``<parent shape IRI>/<path IRI>`` so reports and tests
    can refer to them stably."""
    if shape is None:
        return ""
    parents = [p for p in shapes.subjects(SH.property, shape)]
    path = shapes.value(shape, SH.path)
    if not parents:
        return node_text(shape)
    return f"{node_text(parents[0])}/{_path_text(shapes, path) or 'node'}"
