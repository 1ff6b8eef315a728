"""SHACL Core shapes compiled to SPARQL and run on the embedded store: the fast validation engine.

Each constraint of each shape becomes one SELECT that returns the focus nodes (and value nodes) that violate it,
with the same focus, value, source shape and constraint component pySHACL reports (tests and
``bench/validate.py`` check the two agree, and agree with Apache Jena's SHACL). The compiler covers the SHACL
Core constructs govgraph's shapes use: class targets (through rdfs:subClassOf*), IRI paths, min/max count, datatype, class, in, hasValue, pattern,
languageIn, uniqueLang, lessThanOrEquals, min/max inclusive/exclusive, minLength, sh:or of sh:class alternatives
on values, and sh:or/sh:xone of required properties on nodes. A shapes graph with anything else raises
:class:`Unsupported`, and validation falls back to pySHACL.

Judging a whole dataset runs in two phases (:func:`run_compiled`). First one query per node shape walks its
targets once and tests every constraint on each focus node (``EXISTS`` tests, the constraints' own patterns), and
returns only the nodes that fail some test, with which; then each failed constraint's own query runs with just
those nodes bound, for the values and the report. Valid nodes, nearly all of them, cost one visit instead of one
per constraint. Class membership (``rdf:type/rdfs:subClassOf*``) is resolved once per run into the list of
subclasses the store declares, so a test reads a node's types from the index instead of walking a path per value.
The queries run on a pool of threads (:mod:`govgraph.validation.parallel`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import rdflib
from rdflib import Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from govgraph.store.base import ResultTable, Store
from govgraph.store.values import sparql_term
from govgraph.validation.parallel import select_all
from govgraph.validation.report import Severity, ValidationResult, node_text

_SEVERITIES = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
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
# Class membership in compiled text, resolved against the store's class hierarchy when the queries run
# (:func:`resolve`): ``#TARGET <C> ...#`` binds ?focus to the instances of the classes, ``#ISA ?x <C>#`` holds
# when ?x is an instance of C.
_MARKER = re.compile(r"#(TARGET|ISA (\?\w+)) ((?:<[^<>\s]*> ?)+)#")


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
    """One constraint as a query returning ``?focus`` and, for value constraints, ``?value``.

    ``test`` is a SPARQL expression, on a bound ``?focus``, that is true exactly when the focus node violates the
    constraint (``None``: the constraint only runs as its query)."""

    source_shape: str  # a node shape's IRI, or "<node shape IRI>/<path IRI>" for its property shapes
    constraint: str  # the constraint component's IRI
    severity: Severity
    messages: dict[str, str]
    path: str | None
    query: str
    targets: tuple[str, ...] = ()  # the node shape's target classes
    test: str | None = None


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
    """The focus nodes of a shape: instances of its target classes, through subclasses (see :func:`resolve`)."""
    return FOCUS + "#TARGET " + " ".join(sparql_term(c) for c in classes) + "#\n"


def _instance(variable: str, cls) -> str:
    """The pattern ``variable`` is an instance of ``cls`` (through subclasses), for a ``NOT EXISTS`` group."""
    return f"#ISA {variable} {sparql_term(cls)}#"


def class_hierarchy(store: Store, queries: Iterable[str]) -> dict[str, list[str] | None]:
    """Each class the queries' markers name, with every class the store declares its subclass (itself first):
    ``rdfs:subClassOf*`` evaluated once per run instead of once per node. ``None`` for a class with a blank-node
    subclass, which query text cannot name (its markers keep the property path)."""
    classes = sorted({iri for query in queries for match in _MARKER.finditer(query)
                      for iri in match.group(3).split()})
    hierarchy: dict[str, list[str] | None] = {iri: [iri] for iri in classes}
    if classes:
        table = store.select(f"SELECT DISTINCT ?class ?sub WHERE {{ VALUES ?class {{ {' '.join(classes)} }} "
                             f"?sub {_SUBCLASS}* ?class }}")
        for row in table.as_dicts():
            cls, subs = sparql_term(row["class"]), hierarchy[sparql_term(row["class"])]
            if subs is None:
                continue
            if not isinstance(row["sub"], URIRef):
                hierarchy[cls] = None
            elif (sub := sparql_term(row["sub"])) not in subs:
                subs.append(sub)
    return hierarchy


def resolve(query: str, hierarchy: dict[str, list[str] | None]) -> str:
    """``query`` with its class markers written out with the classes of ``hierarchy`` (from :func:`class_hierarchy`).

    >>> hierarchy = {"<http://e/C>": ["<http://e/C>", "<http://e/D>"]}
    >>> resolve("SELECT ?focus { #TARGET <http://e/C>#\\n }", hierarchy)
    'SELECT ?focus { VALUES ?class1 { <http://e/C> <http://e/D> } ?focus <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?class1 .\\n }'
    >>> resolve("ASK { FILTER NOT EXISTS { #ISA ?v <http://e/C># } }", hierarchy)
    'ASK { FILTER NOT EXISTS { ?v <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?class1 FILTER (?class1 IN (<http://e/C>, <http://e/D>)) } }'
    >>> resolve("ASK { FILTER NOT EXISTS { #ISA ?v <http://e/C># } }", {"<http://e/C>": None})
    'ASK { FILTER NOT EXISTS { ?v <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <http://e/C> . } }'
    """
    counter = iter(range(1, 1_000_000))

    def written(match: re.Match) -> str:
        named = match.group(3).split()
        variable = match.group(2) or "?focus"
        if any(hierarchy[iri] is None for iri in named):
            paths = [f"{variable} {_TYPE}/{_SUBCLASS}* {iri}" for iri in named]
            return paths[0] + " ." if len(paths) == 1 else " UNION ".join(f"{{ {p} }}" for p in paths)
        classes = list(dict.fromkeys(sub for iri in named for sub in hierarchy[iri]))
        name = f"?class{next(counter)}"
        if match.group(1) == "TARGET":
            return f"VALUES {name} {{ {' '.join(classes)} }} ?focus {_TYPE} {name} ."
        # the node's few types read from the index and compared: faster than a VALUES join per node
        return f"{variable} {_TYPE} {name} FILTER ({name} IN ({', '.join(classes)}))"

    return _MARKER.sub(written, query)


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

    def make(component, query, test=None):
        return CompiledConstraint(name, str(SH[component]), severity, messages, str(path_node), query, test=test)

    def on_focus(component, pattern, test):
        """A constraint on the focus node: it fails when ``test`` holds (``pattern`` binds no ?value)."""
        return make(component, f"SELECT DISTINCT ?focus WHERE {{ {target} {pattern} }}", test)

    def on_values(component, condition, extra=""):
        """A constraint on each value: it fails for the values meeting ``condition``."""
        body = f"?focus {path} ?value . {extra} FILTER ({condition})"
        return make(component, f"SELECT DISTINCT ?focus ?value WHERE {{ {target} {body} }}", f"EXISTS {{ {body} }}")

    value = shapes.value
    if (count := value(prop, SH.minCount)) is not None and count.toPython() > 0:
        if count.toPython() == 1:
            yield on_focus("MinCountConstraintComponent", f"FILTER NOT EXISTS {{ ?focus {path} ?v }}",
                           f"NOT EXISTS {{ ?focus {path} ?v }}")
        else:
            yield make("MinCountConstraintComponent",
                       f"SELECT ?focus WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} "
                       f"OPTIONAL {{ ?focus {path} ?v }} }} GROUP BY ?focus }} FILTER (?n < {count.toPython()}) }}")
    if (count := value(prop, SH.maxCount)) is not None:
        tests = {0: f"EXISTS {{ ?focus {path} ?v }}",
                 1: f"EXISTS {{ ?focus {path} ?v , ?w FILTER (!sameTerm(?v, ?w)) }}"}
        yield make("MaxCountConstraintComponent",
                   f"SELECT ?focus WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} "
                   f"?focus {path} ?v }} GROUP BY ?focus }} FILTER (?n > {count.toPython()}) }}",
                   tests.get(count.toPython()))
    if (datatype := value(prop, SH.datatype)) is not None:
        yield on_values("DatatypeConstraintComponent", _datatype_condition(datatype))
    if (cls := value(prop, SH["class"])) is not None:
        yield on_values("ClassConstraintComponent", f"NOT EXISTS {{ {_instance('?value', cls)} }}")
    if (members := value(prop, SH["in"])) is not None:
        allowed = " || ".join(f"sameTerm(?value, {sparql_term(m)})" for m in _items(shapes, members))
        yield on_values("InConstraintComponent", f"!({allowed})")
    if (required := value(prop, SH.hasValue)) is not None:
        yield on_focus("HasValueConstraintComponent", f"FILTER NOT EXISTS {{ ?focus {path} {sparql_term(required)} }}",
                       f"NOT EXISTS {{ ?focus {path} {sparql_term(required)} }}")
    if (pattern := value(prop, SH.pattern)) is not None:
        flags = value(prop, SH.flags)
        regex = f"REGEX(STR(?value), {sparql_term(Literal(str(pattern)))}" + \
            (f", {sparql_term(Literal(str(flags)))})" if flags else ")")
        yield on_values("PatternConstraintComponent", f"isBlank(?value) || !{regex}")
    if (languages := value(prop, SH.languageIn)) is not None:
        matches = " || ".join(f"langMatches(LANG(?value), {sparql_term(Literal(str(tag)))})"
                              for tag in _items(shapes, languages))
        yield on_values("LanguageInConstraintComponent", f"!isLiteral(?value) || !({matches})")
    if (unique := value(prop, SH.uniqueLang)) is not None and unique.toPython():
        same = f'?focus {path} ?a , ?b . FILTER (!sameTerm(?a, ?b) && LANG(?a) != "" && LANG(?a) = LANG(?b))'
        yield make("UniqueLangConstraintComponent",
                   f"SELECT DISTINCT ?focus ?language WHERE {{ {target} {same} BIND (LANG(?a) AS ?language) }}",
                   f"EXISTS {{ {same} }}")
    if (other := value(prop, SH.lessThanOrEquals)) is not None:
        yield on_values("LessThanOrEqualsConstraintComponent", "!COALESCE(?value <= ?other, false)",
                        f"?focus {sparql_term(other)} ?other .")
    for key, operator in (("minInclusive", ">="), ("maxInclusive", "<="), ("minExclusive", ">"), ("maxExclusive", "<")):
        if (bound := value(prop, SH[key])) is not None:
            yield on_values(f"{key[0].upper()}{key[1:]}ConstraintComponent",
                            f"!COALESCE(?value {operator} {sparql_term(bound)}, false)")
    if (length := value(prop, SH.minLength)) is not None:
        yield on_values("MinLengthConstraintComponent", f"isBlank(?value) || STRLEN(STR(?value)) < {length.toPython()}")
    if (alternatives := value(prop, SH["or"])) is not None:
        classes = []
        for alternative in _items(shapes, alternatives):
            if set(shapes.predicates(alternative)) != {SH["class"]}:
                raise Unsupported("property-level sh:or must list sh:class alternatives")
            classes.append(shapes.value(alternative, SH["class"]))
        yield on_values("OrConstraintComponent",
                        " && ".join(f"NOT EXISTS {{ {_instance('?value', c)} }}" for c in classes))


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
                                               tuple(map(str, classes)), test=failing))
    return compiled


def of_classes(constraints: list[CompiledConstraint], classes: set[str]) -> list[CompiledConstraint]:
    """The ``constraints`` that may judge a node of one of ``classes`` (with its superclasses): a shape whose
    target classes none of them is, is skipped; a shape with targets other than classes is kept."""
    return [c for c in constraints if not c.targets or not classes.isdisjoint(c.targets)]


def _classes(store: Store, values: str) -> set[str]:
    """The classes (with their superclasses) of the bound focus nodes."""
    table = store.select(f"SELECT DISTINCT ?class WHERE {{ {values} ?focus {_TYPE}/{_SUBCLASS}* ?class }}")
    return {str(row["class"]) for row in table.as_dicts()}


def screening_query(target: str, constraints: list[CompiledConstraint]) -> str:
    """One walk over the focus nodes of ``target`` that tests every constraint: each row is a node that fails some
    test, with ``?failed`` a string of 0/1 flags, one per constraint. A test that errs counts as failed (the
    constraint's own query then decides)."""
    flags = ", ".join(f'IF(COALESCE({c.test}, true), "1", "0")' for c in constraints)
    return (f"SELECT ?focus ?failed WHERE {{ {target} BIND (CONCAT({flags}, \"\") AS ?failed) "
            f'FILTER (CONTAINS(?failed, "1")) }}')


def _failing(store: Store, constraints: list[CompiledConstraint], hierarchy: dict[str, list[str] | None],
             pool: Executor | None) -> list[set[str] | None]:
    """Phase one: for each constraint, the focus nodes that fail its test (``None``: not screened, run it all)."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for index, constraint in enumerate(constraints):
        if constraint.test is not None and constraint.targets:
            groups.setdefault(constraint.targets, []).append(index)
    queries = [screening_query(_target(list(map(URIRef, targets))).replace(FOCUS, ""),
                               [constraints[i] for i in members]) for targets, members in groups.items()]
    failing: list[set[str] | None] = [None] * len(constraints)
    for members, table in zip(groups.values(), select_all(store, [resolve(q, hierarchy) for q in queries],
                                                                   pool=pool)):
        for index in members:
            failing[index] = set()
        for row in table.cell_dicts():
            node = node_text(row["focus"])
            for index, flag in zip(members, node_text(row["failed"])):
                if flag == "1":
                    failing[index].add(node)
    return failing


def _bound_query(constraint: CompiledConstraint, nodes: set[str] | None) -> str:
    """The constraint's query with ``nodes`` bound as its focus nodes (``None``, or blank nodes: all of them)."""
    if nodes is None or len(nodes) > VALUES_LIMIT or any(node.startswith("_:") for node in nodes):
        return constraint.query.replace(FOCUS, "")
    return constraint.query.replace(FOCUS, focus_values(nodes) + "\n")


def run_compiled(store: Store, constraints: list[CompiledConstraint], *, focus: set[str] | None = None,
                 pool: Executor | None = None) -> list[ValidationResult]:
    """The results of every compiled constraint; with ``focus``, only those about the given nodes (bound in the
    queries with VALUES, so the cost follows the number of nodes, not the size of the store).

    Without ``focus`` (or with too many nodes to bind), every focus node is screened first and only the failing
    ones are bound into the constraints' queries (see the module docstring). Node-level constraints report the
    focus node as the value, as pySHACL does. The queries run on the threads of ``pool`` when it is given.
    """
    hierarchy = class_hierarchy(store, (c.query for c in constraints))
    bound = restricted(focus)
    chosen: list[tuple[CompiledConstraint, set[str] | None]] = []
    if bound is None:
        for constraint, nodes in zip(constraints, _failing(store, constraints, hierarchy, pool)):
            keep = focus if nodes is None else nodes if focus is None else nodes & focus
            if keep is None or keep:
                chosen.append((constraint, keep))
    else:
        chosen = [(c, bound) for c in of_classes(constraints, _classes(store, focus_values(bound)))]
    answers = select_all(store, [resolve(_bound_query(c, nodes), hierarchy) for c, nodes in chosen], pool=pool)
    return [result for (constraint, nodes), table in zip(chosen, answers) for result in _results(constraint, table, nodes)]


def _results(constraint: CompiledConstraint, table: ResultTable, keep: set[str] | None) -> list[ValidationResult]:
    """The rows of a constraint's query as results, only about the nodes in ``keep`` (unless ``None``)."""
    results = []
    for row in table.cell_dicts():
        node = node_text(row["focus"])
        if keep is not None and node not in keep:
            continue
        value = row.get("value", row["focus"] if constraint.path is None else None)
        results.append(ValidationResult(
            severity=constraint.severity, focus=node, path=constraint.path, value=node_text(value),
            messages=dict(constraint.messages), source_shape=constraint.source_shape,
            constraint=constraint.constraint))
    return results
