"""The judged scope of a validation of the user's files: which nodes are judged, by which rules, and why.

1. Every subject of the user's statements (IRIs and the files' own blank nodes) is judged by every shape and check.
2. A node whose validity depends on a subject S of a *new* statement (one the build does not already hold: a
   statement the build holds changes no result) through a check's rule is judged by that check, as a consequence
   of the user's statement about S (the cause, with its file and line):

   ================================  ==========================================================================
   check                             nodes judged because of a subject S
   ================================  ==========================================================================
   parent-not-valid                  units whose gg:parentUnit is S
   unit-not-valid-when-used          assignments whose assignee is S or belongs to S (gg:jurisdiction,
                                     gg:groupOf), or whose assigner post is S or belongs to S (org:postIn,
                                     its organ's gg:jurisdiction)
   assigner-held-post                assignments whose assigner post is S, or is the gg:post of S
   single-holder-overlap             holdings of the post S, of the gg:post of S, or of posts with the role S
   overlapping-versions              units with the same gg:officialCode and gg:level as S
   former-commune-without-successor  the gg:fromUnit of S
   whole-transfer-not-alone          the gg:fromUnit of S
   statistics-assignment-count       the gg:ofAssignment of S
   statistics-parts-sum,             observations of the same assignment (gg:ofAssignment) as S
   statistics-share-rounding
   overdue-not-yet-due               assignments derived from S (prov:wasDerivedFrom)
   ================================  ==========================================================================

3. When S is a class the user's statements extend (``S rdfs:subClassOf C``), its instances are judged by every
   shape and check.

Nothing else is judged: a statement can change no other result (shapes read only a node's own values and the
types of its values; the checks' other links are the ones above).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph.store.embedded import EmbeddedStore
from govgraph.validation.compiled import VALUES_LIMIT, focus_values
from govgraph.validation.context import Merge
from govgraph.validation.inputs import UserInput, display
from govgraph.validation.parallel import select_all
from govgraph.validation.report import Cause

ALL = "*"  # the rule name under which nodes judged by every shape and check are kept
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"

GG = "https://w3id.org/govgraph/ontology#"
_PREFIXES = """PREFIX gg:   <https://w3id.org/govgraph/ontology#>
PREFIX org:  <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# One query per rule (oxigraph does not push a VALUES block into the branches of a UNION, and each rule alone takes
# a millisecond). A rule is its first link from the judged ?node, when the rule starts there (its "hop"), the rest
# of its pattern, and the checks it judges ?node by.
_RULES = (
    ("?node gg:parentUnit ?touched", "", 'BIND ("parent-not-valid" AS ?check)'),
    ("?node gg:assignee ?touched", "", 'BIND ("unit-not-valid-when-used" AS ?check)'),
    ("?node gg:assignee ?unit_", "?unit_ (gg:jurisdiction|gg:groupOf) ?touched .",
     'BIND ("unit-not-valid-when-used" AS ?check)'),
    ("?node gg:assignerPost ?post_", "?post_ org:postIn ?touched .", 'BIND ("unit-not-valid-when-used" AS ?check)'),
    ("?node gg:assignerPost ?post_", "?post_ org:postIn/gg:jurisdiction ?touched .",
     'BIND ("unit-not-valid-when-used" AS ?check)'),
    ("?node gg:assignerPost ?touched", "", 'VALUES ?check { "unit-not-valid-when-used" "assigner-held-post" }'),
    ("?node gg:assignerPost ?post", "?touched gg:post ?post .", 'BIND ("assigner-held-post" AS ?check)'),
    ("?node gg:post ?touched", "", 'BIND ("single-holder-overlap" AS ?check)'),
    ("?node gg:post ?post", "?touched gg:post ?post .", 'BIND ("single-holder-overlap" AS ?check)'),
    ("?node gg:post ?post", "?post org:role ?touched .", 'BIND ("single-holder-overlap" AS ?check)'),
    ("?node gg:officialCode ?code", "?node gg:level ?level . ?touched gg:officialCode ?code ; gg:level ?level .",
     'BIND ("overlapping-versions" AS ?check)'),
    (None, "?touched gg:fromUnit ?node .",
     'VALUES ?check { "former-commune-without-successor" "whole-transfer-not-alone" }'),
    (None, "?touched gg:ofAssignment ?node .", 'BIND ("statistics-assignment-count" AS ?check)'),
    ("?node gg:ofAssignment ?assignment", "?touched gg:ofAssignment ?assignment .",
     'VALUES ?check { "statistics-parts-sum" "statistics-share-rounding" }'),
    ("?node prov:wasDerivedFrom ?touched", "", 'BIND ("overdue-not-yet-due" AS ?check)'),
    (None, "?node a/rdfs:subClassOf* ?touched . ?touched rdfs:subClassOf ?super .", 'BIND ("*" AS ?check)'),
)
_CLASS_RULE = _RULES[-1]  # from a class S: oxigraph walks every typed node first unless S is bound

# The statements about S that a rule reads, to name the cause of a consequence (else the first about S).
_CAUSES = {
    "parent-not-valid": ("validFrom", "validUntil"),
    "unit-not-valid-when-used": ("validFrom", "validUntil", "jurisdiction", "groupOf",
                                 "http://www.w3.org/ns/org#postIn"),
    "assigner-held-post": ("post", "http://www.w3.org/ns/org#member", "startDate", "endDate", "attestedFrom",
                           "attestedUntil"),
    "single-holder-overlap": ("post", "http://www.w3.org/ns/org#member", "startDate", "endDate", "attestedFrom",
                              "attestedUntil", "http://www.w3.org/ns/org#role", "singleHolder"),
    "overlapping-versions": ("officialCode", "level", "validFrom", "validUntil"),
    "former-commune-without-successor": ("fromUnit",),
    "whole-transfer-not-alone": ("fromUnit", "toUnit", "whole"),
    "statistics-assignment-count": ("ofAssignment", "taskCount", "status"),
    "statistics-parts-sum": ("ofAssignment", "taskCount", "status", "periodStart", "periodEnd"),
    "statistics-share-rounding": ("ofAssignment", "taskCount", "status", "periodStart", "periodEnd", "reportedShare"),
    "overdue-not-yet-due": ("http://purl.org/dc/terms/issued",),
    ALL: ("http://www.w3.org/2000/01/rdf-schema#subClassOf",),
}


@dataclass
class Scope:
    """The nodes judged: ``subjects`` by everything, ``consequences[check][node]`` by one check, with a cause."""

    subjects: set[str] = field(default_factory=set)
    consequences: dict[str, dict[str, Cause]] = field(default_factory=dict)
    classes: set[str] | None = None  # the classes (and superclasses) of the nodes everything judges, when known
    # when the new statements fill a named graph of their own and the default graph is empty: that graph, and the
    # judged nodes with statements outside it (each other judged node is described there alone)
    graph: str | None = None
    elsewhere: set[str] = field(default_factory=set)
    screened: set[str] = field(default_factory=set)  # the screens the file in that graph passed (screens.py)

    def everything(self) -> set[str]:
        """The nodes every shape and check judges (not to be changed: it may be ``subjects`` itself)."""
        return self.subjects | set(self.consequences[ALL]) if self.consequences.get(ALL) else self.subjects

    def for_check(self, name: str) -> set[str]:
        """The nodes the check ``name`` judges: those everything judges, and its own consequences."""
        if self.consequences.get(name):
            return self.everything() | set(self.consequences[name])
        return self.everything()

    def cause(self, check: str | None, node: str) -> Cause | None:
        """The user's statement ``node`` is judged by ``check`` because of (``None``: a subject of the files)."""
        if node in self.subjects:
            return None
        return self.consequences.get(check or "", {}).get(node) or self.consequences.get(ALL, {}).get(node)


def judged_scope(store: ox.Store, user: UserInput, merged: Merge) -> Scope:
    """The scope of the user's statements in ``store`` once ``merged`` into it: only the new statements (those the
    context did not already hold) have consequences.

    The rules' queries bind the subjects of the new statements in ``VALUES`` blocks (:func:`_bound`); when they
    are more than a block holds and fill a graph of their own, each rule is asked once for all of them
    (:func:`_rule_from_other_graphs`), but the rule from an extended class, which is asked for the few classes
    extended (:func:`_classes_extended`). When everything judges more nodes than a ``VALUES`` block holds, the
    classes they have are read (``scope.classes``), so that shapes none of them has can be skipped.
    """
    subjects = merged.subjects
    scope = Scope(subjects=subjects)
    if not merged.touched:
        return scope
    others = _other_graphs(store, merged)
    if len(merged.touched) > VALUES_LIMIT and others is not None:
        queries = [_rule_from_other_graphs(rule, merged.graph, others) for rule in _RULES if rule != _CLASS_RULE]
        queries += _bound(_classes_extended(store, merged.graph), [_CLASS_RULE], merged.graph)
    else:
        queries = _bound(_reachable(store, merged), _RULES, merged.graph)
    found_in: dict[str, list[tuple[str, str]]] = {}
    for table in select_all(EmbeddedStore(store), queries):  # on a pool of threads, answers in order
        for check, node, cause_of in table.cells:
            # (the graph of the new statements may also hold the context's: only their subjects are causes)
            if isinstance(node, ox.NamedNode) and node.value not in subjects and cause_of.value in merged.touched:
                found_in.setdefault(cause_of.value, []).append((check.value, node.value))
    user.want(found_in)
    causes: dict[tuple[str, str], Cause] = {}
    for cause_of, consequences in found_in.items():
        for check, node in consequences:
            cause = causes.get((cause_of, check))
            if cause is None:
                cause = causes[cause_of, check] = _cause(user, merged.about(cause_of), check)
            found = scope.consequences.setdefault(check, {})
            if node not in found or _earlier(cause, found[node]):
                found[node] = cause
    judged = scope.everything()
    if len(judged) > VALUES_LIMIT:
        scope.classes = _classes(store, merged, judged)
    if others is not None:
        scope.graph = merged.graph.value
        scope.elsewhere = merged.described | {node for nodes in scope.consequences.values() for node in nodes}
        scope.screened = user.screened
    return scope


def _reachable(store: ox.Store, merged: Merge) -> set[str]:
    """The subjects of the new statements a rule may link to other nodes.

    A rule can only link a subject S to other nodes when S is the object of some statement, or has one of the
    predicates a rule starts from (:data:`_FROM`); when the subjects are more than a ``VALUES`` block holds, those
    neither the context nor any rule can reach are left out.
    """
    if len(merged.touched) <= VALUES_LIMIT:
        return merged.touched
    starts = {row["node"].value for row in store.query(
        f"SELECT DISTINCT ?node WHERE {{ ?node {'|'.join(_FROM)} ?any }}", use_default_graph_as_union=True)}
    return {node for node in merged.touched if node in merged.described or node in starts
            or next(store.quads_for_pattern(None, None, ox.NamedNode(node)), None) is not None}


def _bound(touched: set[str], rules, own: ox.NamedNode | None) -> list[str]:
    """The ``rules``' queries with the subjects ``touched`` bound, a ``VALUES`` block at a time."""
    linked = sorted(touched)
    # nodes the user's new statements describe are judged anyway: when those statements fill a graph of their own,
    # they are left out in the query rather than after it (all of a register's tasks derive from its one source)
    left_out = "" if own is None else \
        f"{focus_values({own.value}, 'own')} FILTER NOT EXISTS {{ GRAPH ?own {{ ?node ?p_ ?o_ }} }}"
    return [f"{_PREFIXES}SELECT DISTINCT ?check ?node ?touched WHERE {{ "
            f"{focus_values(set(linked[at:at + VALUES_LIMIT]), 'touched')} {hop + ' .' if hop else ''} {rest} "
            f"{check} {left_out} }}"
            for at in range(0, len(linked), VALUES_LIMIT) for hop, rest, check in rules]


def _classes_extended(store: ox.Store, own: ox.NamedNode) -> set[str]:
    """The subjects of the graph ``own`` that are subclasses (by its statements or the context's)."""
    query = (f"SELECT DISTINCT ?class WHERE {{ {focus_values({own.value}, 'own')} ?class {_SUBCLASS} ?super "
             f"FILTER EXISTS {{ GRAPH ?own {{ ?class ?p ?o }} }} }}")
    return {row[0].value for row in store.query(query, use_default_graph_as_union=True)}


def _other_graphs(store: ox.Store, merged: Merge) -> list[ox.NamedNode] | None:
    """The named graphs besides the one the new statements fill, when they fill one of their own and the default
    graph is empty (so each statement is in the one or in the others); else ``None``."""
    if merged.graph is None or next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
        return None
    return [graph for graph in store.named_graphs() if graph != merged.graph]


def _rule_from_other_graphs(rule: tuple[str | None, str, str], own: ox.NamedNode, others: list[ox.NamedNode]) -> str:
    """A rule's query for every subject of the graph ``own`` at once, its first link from ``?node`` read from the
    ``others`` graphs only: a node whose first link is in ``own`` is a subject there, judged anyway. Its cost follows
    the context's statements of the rule's predicates, not the number of the user's subjects (a register's
    hundred thousand tasks need no ``VALUES`` blocks).

    >>> query = _rule_from_other_graphs(_RULES[0], ox.NamedNode("http://e/own"), [ox.NamedNode("http://e/g")])
    >>> "VALUES ?from_ { <http://e/g> } GRAPH ?from_ { ?node gg:parentUnit ?touched }" in query
    True
    >>> query.endswith("FILTER EXISTS { GRAPH ?own { ?touched ?p0_ ?o0_ } } BIND ('parent-not-valid' AS ?check) "
    ...                "FILTER NOT EXISTS { GRAPH ?own { ?node ?p_ ?o_ } } }".replace("'", '"'))
    True
    """
    hop, rest, check = rule
    first = f"{focus_values({graph.value for graph in others}, 'from_')} GRAPH ?from_ {{ {hop} }}" if hop else ""
    parts = (focus_values({own.value}, "own"), first, rest, "FILTER EXISTS { GRAPH ?own { ?touched ?p0_ ?o0_ } }",
             check, "FILTER NOT EXISTS { GRAPH ?own { ?node ?p_ ?o_ } }")
    return f"{_PREFIXES}SELECT DISTINCT ?check ?node ?touched WHERE {{ {' '.join(part for part in parts if part)} }}"


# The predicates from which a rule starts at its subject S (see _RULES); every other rule reaches S as an object.
_FROM = ("<https://w3id.org/govgraph/ontology#post>", "<https://w3id.org/govgraph/ontology#officialCode>",
         "<https://w3id.org/govgraph/ontology#fromUnit>", "<https://w3id.org/govgraph/ontology#ofAssignment>",
         _SUBCLASS)
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _classes(store: ox.Store, merged: Merge, judged: set[str]) -> set[str]:
    """The classes, with their superclasses, of the ``judged`` nodes (all in ``store`` by now)."""
    rdf_type = ox.NamedNode(_TYPE)
    direct = set()
    if merged.graph is not None:  # the types the new statements give, in one query
        own = focus_values({merged.graph.value}, "own")
        query = f"SELECT DISTINCT ?class WHERE {{ {own} GRAPH ?own {{ ?node a ?class }} }}"
        direct = {row["class"].value for row in store.query(query)}
    for node in judged:
        if merged.graph is None or node in merged.described or node not in merged.touched:
            direct.update(q.object.value for q in store.quads_for_pattern(ox.NamedNode(node), rdf_type, None))
    if not direct:
        return set()
    query = (f"SELECT DISTINCT ?class WHERE {{ {focus_values(direct, 'direct')} "
             f"?direct {_SUBCLASS}* ?class }}")
    return {row["class"].value for row in store.query(query, use_default_graph_as_union=True)} | direct


def _cause(user: UserInput, statements: list[tuple[ox.Quad, Path]], check: str) -> Cause:
    """The statement about S a consequence follows from: the first in the files of those the rule reads
    (:data:`_CAUSES`), else of all; the same whichever order the store lists them in."""
    wanted = {p if p.startswith("http") else GG + p for p in _CAUSES.get(check, ())}
    candidates = [s for s in statements if s[0].predicate.value in wanted] or statements
    return min((Cause(display(quad.subject.value), quad.predicate.value, display(quad.object.value), str(origin),
                      user.line_of(quad, origin)) for quad, origin in candidates), key=_place)


def _place(cause: Cause) -> tuple:
    """Where a cause is written, for choosing the first: file, line (unknown last), then the statement."""
    return cause.file, cause.line is None, cause.line or 0, cause.subject, cause.predicate, cause.value


def _earlier(cause: Cause, other: Cause) -> bool:
    """Whether ``cause`` is written before ``other``: of several causes of one consequence, the first is named."""
    return _place(cause) < _place(other)
