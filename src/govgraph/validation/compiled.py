"""SHACL Core shapes compiled to SPARQL and run on the embedded store: the fast validation engine.

Each constraint of each shape becomes one SELECT that returns the focus nodes (and value nodes) that violate it,
with the same focus, value, source shape and constraint component pySHACL reports (tests and
``bench/validate.py`` check the two agree). The compiler covers the SHACL Core constructs govgraph's shapes use:
class targets (through rdfs:subClassOf*), IRI paths, min/max count, datatype, class, in, hasValue, pattern,
languageIn, uniqueLang, lessThanOrEquals, min/max inclusive/exclusive, minLength, sh:or of sh:class alternatives
on values, and sh:or/sh:xone of required properties on nodes. A shapes graph with anything else raises
:class:`Unsupported`, and validation falls back to pySHACL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import rdflib
from rdflib import Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from govgraph.store.base import Store
from govgraph.store.values import sparql_term
from govgraph.validation.report import Severity, ValidationResult, node_text

_SEVERITIES = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}
_IS_A = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
# Datatypes whose lexical forms the engine can check by casting (an ill-typed value fails sh:datatype).
_CASTABLE = {XSD.date, XSD.dateTime, XSD.integer, XSD.decimal, XSD.boolean, XSD.double, XSD.float}
_PROPERTY_KEYS = {SH.path, SH.message, SH.severity, SH.name, SH.description, RDF.type, SH.minCount, SH.maxCount,
                  SH.datatype, SH["class"], SH["in"], SH.hasValue, SH.pattern, SH.flags, SH.languageIn,
                  SH.uniqueLang, SH.lessThanOrEquals, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
                  SH.maxExclusive, SH.minLength, SH["or"]}
_NODE_KEYS = {RDF.type, SH.targetClass, SH.property, SH.message, SH.severity, SH["or"], SH.xone, SH.sparql,
              SH.name, SH.description}


# Where the focus nodes in scope are bound (a VALUES block), at the head of every group that binds ?focus.
FOCUS = "#FOCUS#\n"
# Above this many focus nodes, queries run over the whole store and results are filtered afterwards.
VALUES_LIMIT = 5_000


def focus_values(nodes: set[str] | None, variable: str = "focus") -> str:
    """A ``VALUES ?focus`` block binding ``nodes`` as IRIs (checked, escaped), or nothing when all are judged.

    >>> focus_values({"http://e/b", "http://e/a"})
    'VALUES ?focus { <http://e/a> <http://e/b> }'
    """
    if nodes is None:
        return ""
    return f"VALUES ?{variable} {{ " + " ".join(sparql_term(URIRef(node)) for node in sorted(nodes)) + " }"


def restricted(nodes: set[str] | None) -> set[str] | None:
    """The nodes to bind in queries: ``None`` (query everything, filter afterwards) when there are too many."""
    return nodes if nodes is not None and len(nodes) <= VALUES_LIMIT else None


class Unsupported(Exception):
    """The shapes use a construct the compiler does not cover."""


@dataclass(frozen=True)
class CompiledConstraint:
    """One constraint as a query returning ``?focus`` and, for value constraints, ``?value``."""

    source_shape: str  # a node shape's IRI, or "<node shape IRI>/<path IRI>" for its property shapes
    constraint: str  # the constraint component's IRI
    severity: Severity
    messages: dict[str, str]
    path: str | None
    query: str
    targets: tuple[str, ...] = ()  # the node shape's target classes


def _messages(shapes: rdflib.Graph, node) -> dict[str, str]:
    found: dict[str, str] = {}
    for message in shapes.objects(node, SH.message):
        found.setdefault(message.language or "", str(message))
    return found


def _severity(shapes: rdflib.Graph, node) -> Severity:
    return _SEVERITIES.get(shapes.value(node, SH.severity), Severity.VIOLATION)


def _items(shapes: rdflib.Graph, head) -> list:
    return list(Collection(shapes, head))


def _target(classes: list) -> str:
    """The focus nodes of a shape: instances of its target classes, through subclasses. One path per class,
    with the class bound: oxigraph evaluates ``rdfs:subClassOf*`` towards an unbound class from every node."""
    patterns = [f"{{ ?focus {_IS_A} {sparql_term(c)} }}" for c in classes]
    return FOCUS + (" UNION ".join(patterns) if len(patterns) > 1 else patterns[0][2:-2] + " .")


def _value_query(target: str, path: str, condition: str, extra: str = "") -> str:
    return f"SELECT DISTINCT ?focus ?value WHERE {{ {target} ?focus {path} ?value . {extra} FILTER ({condition}) }}"


def _datatype_condition(datatype: URIRef) -> str:
    if datatype == RDF.langString:
        return '!isLiteral(?value) || LANG(?value) = ""'
    wrong = f'!isLiteral(?value) || LANG(?value) != "" || DATATYPE(?value) != {sparql_term(datatype)}'
    if datatype in _CASTABLE:
        cast = f"{sparql_term(datatype)}(STR(?value))"
        wrong += f' || sameTerm(COALESCE({cast}, "ill-typed"), "ill-typed")'
    return wrong


def _required(shapes: rdflib.Graph, alternative) -> str:
    """The SPARQL condition for one alternative of a node-level sh:or/sh:xone: required properties only."""
    conjuncts = _items(shapes, shapes.value(alternative, SH["and"])) if (alternative, SH["and"], None) in shapes \
        else [alternative]
    parts = []
    for conjunct in conjuncts:
        keys = set(shapes.predicates(conjunct)) - {SH.message}
        if keys != {SH.path, SH.minCount} or shapes.value(conjunct, SH.minCount).toPython() != 1:
            raise Unsupported("node-level sh:or/sh:xone alternatives must be required properties")
        path = shapes.value(conjunct, SH.path)
        if not isinstance(path, URIRef):
            raise Unsupported("only IRI paths are compiled")
        parts.append(f"EXISTS {{ ?focus {sparql_term(path)} ?x }}")
    return "(" + " && ".join(parts) + ")"


def _property_constraints(shapes: rdflib.Graph, node_shape: URIRef, prop, target: str) -> Iterable[CompiledConstraint]:
    unknown = set(shapes.predicates(prop)) - _PROPERTY_KEYS
    if unknown:
        raise Unsupported(f"property shape keys {sorted(map(str, unknown))}")
    path_node = shapes.value(prop, SH.path)
    if not isinstance(path_node, URIRef):
        raise Unsupported("only IRI paths are compiled")
    path = sparql_term(path_node)
    name = f"{node_shape}/{path_node}"
    severity, messages = _severity(shapes, prop), _messages(shapes, prop)

    def make(component, query):
        return CompiledConstraint(name, str(SH[component]), severity, messages, str(path_node), query)

    value = shapes.value
    if (count := value(prop, SH.minCount)) is not None and count.toPython() > 0:
        if count.toPython() == 1:
            query = f"SELECT DISTINCT ?focus WHERE {{ {target} FILTER NOT EXISTS {{ ?focus {path} ?v }} }}"
        else:
            query = (f"SELECT ?focus WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} "
                     f"OPTIONAL {{ ?focus {path} ?v }} }} GROUP BY ?focus }} FILTER (?n < {count.toPython()}) }}")
        yield make("MinCountConstraintComponent", query)
    if (count := value(prop, SH.maxCount)) is not None:
        yield make("MaxCountConstraintComponent",
                   f"SELECT ?focus WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} "
                   f"?focus {path} ?v }} GROUP BY ?focus }} FILTER (?n > {count.toPython()}) }}")
    if (datatype := value(prop, SH.datatype)) is not None:
        yield make("DatatypeConstraintComponent", _value_query(target, path, _datatype_condition(datatype)))
    if (cls := value(prop, SH["class"])) is not None:
        yield make("ClassConstraintComponent", _value_query(
            target, path, f"NOT EXISTS {{ ?value {_IS_A} {sparql_term(cls)} }}"))
    if (members := value(prop, SH["in"])) is not None:
        allowed = " || ".join(f"sameTerm(?value, {sparql_term(m)})" for m in _items(shapes, members))
        yield make("InConstraintComponent", _value_query(target, path, f"!({allowed})"))
    if (required := value(prop, SH.hasValue)) is not None:
        yield make("HasValueConstraintComponent", f"SELECT DISTINCT ?focus WHERE {{ {target} FILTER NOT EXISTS "
                                                  f"{{ ?focus {path} {sparql_term(required)} }} }}")
    if (pattern := value(prop, SH.pattern)) is not None:
        flags = value(prop, SH.flags)
        regex = f"REGEX(STR(?value), {sparql_term(Literal(str(pattern)))}" + \
            (f", {sparql_term(Literal(str(flags)))})" if flags else ")")
        yield make("PatternConstraintComponent", _value_query(target, path, f"isBlank(?value) || !{regex}"))
    if (languages := value(prop, SH.languageIn)) is not None:
        matches = " || ".join(f"langMatches(LANG(?value), {sparql_term(Literal(str(tag)))})"
                              for tag in _items(shapes, languages))
        yield make("LanguageInConstraintComponent", _value_query(target, path, f"!isLiteral(?value) || !({matches})"))
    if (unique := value(prop, SH.uniqueLang)) is not None and unique.toPython():
        yield make("UniqueLangConstraintComponent",
                   f"SELECT DISTINCT ?focus ?language WHERE {{ {target} ?focus {path} ?a , ?b . "
                   f'FILTER (!sameTerm(?a, ?b) && LANG(?a) != "" && LANG(?a) = LANG(?b)) BIND (LANG(?a) AS ?language) }}')
    if (other := value(prop, SH.lessThanOrEquals)) is not None:
        yield make("LessThanOrEqualsConstraintComponent", _value_query(
            target, path, "!COALESCE(?value <= ?other, false)", f"?focus {sparql_term(other)} ?other ."))
    for key, operator in (("minInclusive", ">="), ("maxInclusive", "<="), ("minExclusive", ">"), ("maxExclusive", "<")):
        if (bound := value(prop, SH[key])) is not None:
            yield make(f"{key[0].upper()}{key[1:]}ConstraintComponent", _value_query(
                target, path, f"!COALESCE(?value {operator} {sparql_term(bound)}, false)"))
    if (length := value(prop, SH.minLength)) is not None:
        yield make("MinLengthConstraintComponent", _value_query(
            target, path, f"isBlank(?value) || STRLEN(STR(?value)) < {length.toPython()}"))
    if (alternatives := value(prop, SH["or"])) is not None:
        classes = []
        for alternative in _items(shapes, alternatives):
            if set(shapes.predicates(alternative)) != {SH["class"]}:
                raise Unsupported("property-level sh:or must list sh:class alternatives")
            classes.append(sparql_term(shapes.value(alternative, SH["class"])))
        yield make("OrConstraintComponent", _value_query(
            target, path, " && ".join(f"NOT EXISTS {{ ?value {_IS_A} {c} }}" for c in classes)))


def compile_shapes(shapes: rdflib.Graph) -> list[CompiledConstraint]:
    """Every constraint of every node shape, as a query. Raises :class:`Unsupported` for other constructs."""
    compiled: list[CompiledConstraint] = []
    for node_shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if not isinstance(node_shape, URIRef):
            raise Unsupported("node shapes must be IRIs")
        unknown = set(shapes.predicates(node_shape)) - _NODE_KEYS
        if unknown or (node_shape, SH.sparql, None) in shapes:
            raise Unsupported(f"node shape keys {sorted(map(str, unknown)) or ['sh:sparql']}")
        classes = sorted(shapes.objects(node_shape, SH.targetClass), key=str)
        if not classes:
            raise Unsupported(f"{node_shape} has no sh:targetClass")
        target = _target(classes)
        for prop in shapes.objects(node_shape, SH.property):
            compiled.extend(replace(c, targets=tuple(map(str, classes)))
                            for c in _property_constraints(shapes, node_shape, prop, target))
        severity, messages = _severity(shapes, node_shape), _messages(shapes, node_shape)
        for key, component in ((SH["or"], "OrConstraintComponent"), (SH.xone, "XoneConstraintComponent")):
            if (alternatives := shapes.value(node_shape, key)) is None:
                continue
            conditions = [_required(shapes, a) for a in _items(shapes, alternatives)]
            if key == SH["or"]:
                failing = "!(" + " || ".join(conditions) + ")"
            else:
                failing = "(" + " + ".join(f"IF({c}, 1, 0)" for c in conditions) + ") != 1"
            compiled.append(CompiledConstraint(str(node_shape), str(SH[component]), severity, messages, None,
                                               f"SELECT DISTINCT ?focus WHERE {{ {target} FILTER ({failing}) }}",
                                               tuple(map(str, classes))))
    return compiled


def _classes(store: Store, values: str) -> set[str]:
    """The classes (with their superclasses) of the bound focus nodes."""
    table = store.select(f"SELECT DISTINCT ?class WHERE {{ {values} ?focus {_IS_A} ?class }}")
    return {str(row["class"]) for row in table.as_dicts()}


def run_compiled(store: Store, constraints: list[CompiledConstraint], *,
                 focus: set[str] | None = None) -> list[ValidationResult]:
    """The results of every compiled constraint; with ``focus``, only those about the given nodes (bound in the
    queries with VALUES, so the cost follows the number of nodes, not the size of the store).

    Node-level constraints report the focus node as the value, as pySHACL does.
    """
    results = []
    bound = restricted(focus)
    values = focus_values(bound)
    present = None if bound is None else _classes(store, values)
    for constraint in constraints:
        if present is not None and constraint.targets and present.isdisjoint(constraint.targets):
            continue  # no judged node is an instance of the shape's targets
        for row in store.select(constraint.query.replace(FOCUS, values + "\n")).as_dicts():
            node = node_text(row["focus"])
            if focus is not None and node not in focus:
                continue
            value = row.get("value", row["focus"] if constraint.path is None else None)
            results.append(ValidationResult(
                severity=constraint.severity, focus=node, path=constraint.path, value=node_text(value),
                messages=dict(constraint.messages), source_shape=constraint.source_shape,
                constraint=constraint.constraint))
    return results
