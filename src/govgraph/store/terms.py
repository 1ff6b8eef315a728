"""Read an answer's terms the same way whichever library made them: pyoxigraph's or rdflib's.

The embedded store answers with pyoxigraph terms; an endpoint's answers, rdflib's engine and the KPI table give
rdflib terms. Formats and parameter binding read both through :func:`kind`, :func:`lexical`, :func:`datatype`,
:func:`language` and :func:`number`, so a command that only queries the embedded store never imports rdflib (about
0.2 s of its start). A literal's text is its form as rdflib normalises it (``"01"^^xsd:integer`` reads ``1``), so
the outputs do not depend on the term's library.

>>> import pyoxigraph as ox
>>> one = ox.Literal("01", datatype=ox.NamedNode(XSD + "integer"))
>>> kind(one), lexical(one), datatype(one), number(one)
('literal', '1', 'http://www.w3.org/2001/XMLSchema#integer', 1)
>>> kind(ox.NamedNode("http://e/a")), lexical(ox.NamedNode("http://e/a"))
('uri', 'http://e/a')
>>> datatype(ox.Literal("Hải Phòng", language="vi")), language(ox.Literal("Hải Phòng", language="vi"))
(None, 'vi')
"""

from __future__ import annotations

import re

import pyoxigraph as ox

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (about 10 ms of every command's start)
if TYPE_CHECKING:
    from typing import Union

    from rdflib.term import Identifier

    Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, Identifier]  # a term of an answer or a binding

XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN = {XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
_INTEGERS = {XSD + name for name in (
    "integer", "nonPositiveInteger", "long", "nonNegativeInteger", "negativeInteger", "int", "unsignedLong",
    "positiveInteger", "short", "unsignedInt", "byte", "unsignedShort", "unsignedByte")}
_SIMPLE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Datatypes whose text rdflib rewrites in ways not repeated here (times, durations, binaries, XML, whitespace
# folding): their literals are read through rdflib itself. No query of the library answers with them.
_READ_BY_RDFLIB = {XSD + name for name in (
    "time", "dateTime", "duration", "dayTimeDuration", "yearMonthDuration", "hexBinary", "base64Binary",
    "normalizedString", "token")} | {"http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral",
                                     "http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML"}

_NATIVE = (ox.NamedNode, ox.BlankNode, ox.Literal)


def kind(term: object) -> str:
    """``uri``, ``bnode`` or ``literal`` (the names of SPARQL JSON results).

    >>> from rdflib import BNode
    >>> kind(BNode("b1"))
    'bnode'
    """
    if isinstance(term, ox.NamedNode):
        return "uri"
    if isinstance(term, ox.BlankNode):
        return "bnode"
    if isinstance(term, ox.Literal):
        return "literal"
    from rdflib import BNode, Literal, URIRef  # an rdflib term: rdflib is loaded already

    if isinstance(term, URIRef):
        return "uri"
    if isinstance(term, BNode):
        return "bnode"
    if isinstance(term, Literal):
        return "literal"
    raise TypeError(f"not an RDF term: {term!r}")


def language(term: object) -> str | None:
    """A literal's language tag, else None."""
    return getattr(term, "language", None) or None


def datatype(term: object) -> str | None:
    """A literal's datatype IRI; None for a plain or language-tagged string (as rdflib has it) and for non-literals."""
    if isinstance(term, ox.Literal):
        iri = term.datatype.value
        return None if iri in _PLAIN else iri
    if isinstance(term, _NATIVE):
        return None
    value = getattr(term, "datatype", None)
    return None if value is None or str(value) in _PLAIN else str(value)


def _value_and_text(term: ox.Literal) -> tuple[object, str]:
    """The Python value of a pyoxigraph literal (None where rdflib has none) and its text as rdflib writes it."""
    text, iri = term.value, term.datatype.value
    try:
        if iri in _INTEGERS:
            value = int(text)
            return value, str(value)
        if iri == XSD + "decimal":
            from decimal import Decimal  # on use: a command that meets no decimal need not import it

            value = Decimal(text)
            return value, f"{value:f}"
        if iri in (XSD + "double", XSD + "float"):
            value = float(text)
            return value, str(value)
    except (ValueError, ArithmeticError):
        return None, text
    if iri == XSD + "boolean":
        value = text.lower() in ("1", "true")
        return value, str(value).lower()
    if iri in _READ_BY_RDFLIB or (iri == XSD + "date" and not _SIMPLE_DATE.match(text)):
        from govgraph.rdf.convert import to_rdflib

        converted = to_rdflib(term)
        return converted.value, str(converted)
    return None, text


def lexical(term: object) -> str:
    """The IRI of an IRI, the label of a blank node, the text of a literal (normalised as rdflib does).

    >>> decimal, boolean = ox.NamedNode(XSD + "decimal"), ox.NamedNode(XSD + "boolean")
    >>> lexical(ox.Literal("1.50", datatype=decimal)), lexical(ox.Literal("TRUE", datatype=boolean))
    ('1.50', 'true')
    """
    if isinstance(term, ox.Literal):
        return _value_and_text(term)[1]
    if isinstance(term, _NATIVE):
        return term.value
    return str(term)


def number(term: object) -> object:
    """The value of a numeric or boolean literal (an int, float, Decimal or bool), as rdflib's ``toPython`` gives
    it; None for any other term.

    >>> number(ox.Literal("7", datatype=ox.NamedNode(XSD + "byte"))), number(ox.Literal("7"))
    (7, None)
    """
    if isinstance(term, ox.Literal):
        value = _value_and_text(term)[0]  # None, an int, float, Decimal or bool, or what rdflib reads (a time...)
    elif isinstance(term, _NATIVE) or term is None or kind(term) != "literal":
        return None
    else:
        value = term.toPython()
    if value is None or isinstance(value, (int, float)):
        return value
    from decimal import Decimal

    return value if isinstance(value, Decimal) else None


def from_json(value: dict[str, str]) -> Term:
    """The term of one SPARQL JSON results binding: pyoxigraph's, or rdflib's where pyoxigraph would refuse or
    change the value (a blank node label such as Virtuoso's ``nodeID://b1``, an IRI with a space in it, a language
    tag in capitals, which pyoxigraph writes in lower case).

    >>> from_json({"type": "literal", "value": "31"})
    <Literal value=31 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> from_json({"type": "bnode", "value": "nodeID://b1"})
    rdflib.term.BNode('nodeID://b1')
    """
    kind, text = value["type"], value["value"]
    language, datatype = value.get("xml:lang"), value.get("datatype")
    try:
        if kind == "uri":
            return ox.NamedNode(text)
        if kind == "bnode":
            return ox.BlankNode(text)
        if language is None:
            return ox.Literal(text, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(text)
        if language == language.lower():
            return ox.Literal(text, language=language)
    except ValueError:
        pass
    from rdflib import BNode, Literal, URIRef

    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if language is not None:
        return Literal(text, lang=language)
    return Literal(text, datatype=URIRef(datatype) if datatype and datatype != XSD + "string" else None)


def to_rdflib_row(row: tuple) -> tuple:
    """A row with its pyoxigraph terms turned into rdflib terms (rdflib's terms and None kept)."""
    from govgraph.rdf.convert import to_rdflib

    return tuple(to_rdflib(cell) if isinstance(cell, _NATIVE) else cell for cell in row)
