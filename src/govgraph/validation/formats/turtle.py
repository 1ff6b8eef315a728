"""The report as a SHACL validation report graph in Turtle (sh:ValidationReport), for RDF tooling."""

from __future__ import annotations

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from govgraph.namespaces import PREFIXES
from govgraph.validation.checks import CHECKS_IRI
from govgraph.validation.report import Severity, ValidationReport

_SEVERITY = {Severity.VIOLATION: SH.Violation, Severity.WARNING: SH.Warning, Severity.INFO: SH.Info}


def _term(text: str):
    return BNode(text[2:]) if text.startswith("_:") else URIRef(text)


def render(report: ValidationReport, threshold: Severity = Severity.VIOLATION, *, quiet: bool = False,
           rules=None) -> str:
    """The report as a SHACL validation report in Turtle: ``sh:conforms`` at ``threshold``, each result's file and
    line as ``gg:sourceFile`` and ``gg:sourceLine``; no results when ``quiet``. ``rules`` is not used.

    >>> print(render(ValidationReport([])).split("\\n\\n")[1])
    [] a sh:ValidationReport ;
        sh:conforms true .
    """
    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    node = BNode()
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(report.conforms(threshold))))
    for result in [] if quiet else report.results:
        entry = BNode()
        graph.add((node, SH.result, entry))
        graph.add((entry, RDF.type, SH.ValidationResult))
        graph.add((entry, SH.resultSeverity, _SEVERITY[result.severity]))
        graph.add((entry, SH.focusNode, _term(result.focus)))
        graph.add((entry, SH.sourceShape, URIRef(result.rule)))
        if result.rule.startswith(CHECKS_IRI):
            graph.add((entry, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
            graph.add((entry, SH.sourceConstraint, URIRef(result.rule)))
        elif result.constraint:
            graph.add((entry, SH.sourceConstraintComponent, URIRef(result.constraint)))
        if result.path and not result.path.startswith(("^", "(")):
            graph.add((entry, SH.resultPath, URIRef(result.path)))
        if result.value is not None:
            value = _term(result.value) if result.value.startswith(("http://", "https://", "urn:", "_:")) \
                else Literal(result.value)
            graph.add((entry, SH.value, value))
        for language, message in result.messages.items():
            graph.add((entry, SH.resultMessage, Literal(message, lang=language or None)))
        if result.location:
            graph.add((entry, URIRef(PREFIXES["gg"] + "sourceFile"), Literal(result.location[0])))
            graph.add((entry, URIRef(PREFIXES["gg"] + "sourceLine"), Literal(result.location[1], datatype=XSD.integer)))
    return graph.serialize(format="turtle")
