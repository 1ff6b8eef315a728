"""Screens: proof, from the bytes of a file pyoxigraph loads as it is, that a check of statements has no row about
the file's statements, so the check need not read them.

A check that judges statements one by one (``#+ judges: statements``) may name a screen (``#+ screen: NAME``).
While the store loads a large N-Triples or N-Quads file (:func:`govgraph.validation.inputs.read_inputs`), the
screens its checks name look at the file's bytes (and the predicates the index of its lines read,
:meth:`govgraph.validation.locations.HeadLines.predicates`) on the core the load leaves idle; when a screen passes, the check
skips the file's graph (:func:`govgraph.validation.checks.run_checks`). A screen only ever says "no row": when it
cannot be sure, it fails and the check reads the file's statements as usual, so a report is the same either way
(``tests/validation/test_screens.py`` checks both against running the check).

The bytes are what the store holds: a loaded file has no escape sequence (``\\u``), no blank node, no triple term,
one statement a line, every IRI written out in full between ``<`` and ``>``.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable

import pyoxigraph as ox

from govgraph.namespaces import ONTOLOGY_GRAPH

_GG = rb"https://w3id\.org/govgraph/ontology#"
_GG_PREFIX = b"https://w3id.org/govgraph/ontology#"
_OWL = "http://www.w3.org/2002/07/owl#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = b"http://www.w3.org/2001/XMLSchema#"

# A gg: term after rdf:type: the class of a statement, or (more than needed, which only makes the screen fail) a
# term after an rdf:type in another place.
_GG_TYPE = re.compile(rb"<http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type>[ \t]*<(" + _GG + rb"[^>]*)>")

# What the checks read (tests/validation/test_screens.py compares these with their queries): the declarations
# ``unknown-term`` accepts, and the XML Schema datatypes ``ill-typed-literal`` parses.
PROPERTY_KINDS = ("ObjectProperty", "DatatypeProperty", "AnnotationProperty")
CLASS_KIND = "Class"
DATATYPES = ("date", "dateTime", "integer", "decimal", "boolean")
# A literal of one of those datatypes whose text has only the characters a valid value of them needs; and the same
# read from an escaped quote inside another literal (after a backslash), which makes the screen fail. (Looking
# behind each quote for what opens a literal instead takes ten times as long.)
_TYPED = re.compile(rb'"([0-9A-Za-z:.+-]*)"\^\^<' + re.escape(_XSD) + rb"(" +
                    b"|".join(d.encode() for d in DATATYPES) + rb")>")
_TYPED_AFTER_AN_ESCAPE = re.compile(rb"\\" + _TYPED.pattern)


def declared_terms_only(data: bytes, predicates: set[bytes], store: ox.Store) -> bool:
    """Whether every gg: term the file uses as a predicate is a property the ontology declares, and every gg: term
    it gives as a class (after ``rdf:type``) a class it declares: then ``unknown-term`` has no row about it.
    ``predicates`` are those of the file's lines, which its line index has read already.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/govgraph/ontology#dueDate"), ox.NamedNode(_RDF_TYPE),
    ...                   ox.NamedNode(_OWL + "DatatypeProperty"), ox.NamedNode(ONTOLOGY_GRAPH)))
    >>> line = b'<http://e/a> <https://w3id.org/govgraph/ontology#%s> "2025-07-01" .\\n'
    >>> [declared_terms_only(line % term, {b"https://w3id.org/govgraph/ontology#" + term}, store)
    ...  for term in (b"dueDate", b"dueDay")]
    [True, False]
    """
    properties, classes = set(), set()
    kinds = {**{_OWL + kind: properties for kind in PROPERTY_KINDS}, _OWL + CLASS_KIND: classes}
    for quad in store.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), None, ox.NamedNode(ONTOLOGY_GRAPH)):
        declared = kinds.get(quad.object.value)
        if declared is not None and isinstance(quad.subject, ox.NamedNode):
            declared.add(quad.subject.value.encode())
    return {p for p in predicates if p.startswith(_GG_PREFIX)} <= properties and set(_GG_TYPE.findall(data)) <= classes


def surely_valid_literals(data: bytes, predicates: set[bytes], store: ox.Store) -> bool:
    """Whether every literal of the datatypes ``ill-typed-literal`` parses (:data:`DATATYPES`) is surely valid:
    each is written in the plainest form of its datatype (:func:`surely_valid`); then that check has no row about
    the file. Each datatype's IRI must be written only as the datatype of such a literal: one written otherwise (an
    escape in its text, a space before ``^^``) or the IRI anywhere else makes the screen fail, valid or not.

    >>> line = b'<http://e/a> <http://e/p> "%s"^^<http://www.w3.org/2001/XMLSchema#date> .'
    >>> [surely_valid_literals(line % day, {b"http://e/p"}, ox.Store()) for day in (b"2025-07-01", b"2025-02-30")]
    [True, False]
    """
    if _TYPED_AFTER_AN_ESCAPE.search(data):
        return False
    found = _TYPED.findall(data)
    matched = Counter(datatype for _, datatype in found)
    for datatype in DATATYPES:  # the datatype's IRI is nowhere but in a literal the expression found
        if data.count(b"<" + _XSD + datatype.encode() + b">") != matched[datatype.encode()]:
            return False
    return all(surely_valid(text.decode("ascii"), datatype.decode("ascii")) for text, datatype in set(found))


_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_DECIMAL = re.compile(r"[+-]?[0-9]{1,18}(\.[0-9]{1,18})?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?")
_ZONE = re.compile(r"(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9])?")


def surely_valid(text: str, datatype: str) -> bool:
    """Whether ``text`` is surely a valid value of ``xsd:datatype`` (one of :data:`DATATYPES`): a narrow, plain
    form of it (integers and decimals of at most 18 digits a side, years 0001 to 9999, days that exist, times
    before 24:00, time zones within 13:59 of UTC). ``False`` says nothing: the check decides.

    >>> [surely_valid(text, "date") for text in ("2024-02-29", "2025-02-29", "2025-7-1", "2025-07-01Z")]
    [True, False, False, True]
    >>> [surely_valid(text, "dateTime") for text in ("2025-07-01T08:30:00", "2025-07-01T24:00:00")]
    [True, False]
    >>> surely_valid("12", "integer"), surely_valid("1.5", "integer"), surely_valid("true", "boolean")
    (True, False, True)
    """
    if datatype == "boolean":
        return text in ("true", "false", "1", "0")
    if datatype == "integer":
        return _INTEGER.fullmatch(text) is not None
    if datatype == "decimal":
        return _DECIMAL.fullmatch(text) is not None
    day = _DATE.match(text)
    if day is None or not _exists(*map(int, day.groups())):
        return False
    rest = text[day.end():]
    if datatype == "dateTime":
        clock = _TIME.match(rest[1:]) if rest.startswith("T") else None
        if clock is None or int(clock[1]) > 23 or int(clock[2]) > 59 or int(clock[3]) > 59:
            return False
        rest = rest[1 + clock.end():]
    elif datatype != "date":
        return False
    return _ZONE.fullmatch(rest) is not None


def _exists(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


SCREENS: dict[str, Callable[[bytes, set[bytes], ox.Store], bool]] = {
    "declared-terms": declared_terms_only,
    "valid-literals": surely_valid_literals,
}


def passed(names: set[str], data: bytes, predicates: set[bytes], store: ox.Store) -> set[str]:
    """The screens among ``names`` that the file holding ``data`` (its lines' ``predicates``) passes, the ontology
    read from ``store``.

    >>> sorted(passed({"declared-terms", "valid-literals"}, b'<http://e/a> <http://e/p> "1" .', {b"http://e/p"},
    ...               ox.Store()))
    ['declared-terms', 'valid-literals']
    """
    return {name for name in sorted(names) if SCREENS[name](data, predicates, store)}
