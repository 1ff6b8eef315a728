"""Serialize the first rows of a SELECT answer (the row cap cuts the rest) as SPARQL 1.1 JSON, XML, CSV or TSV.

pyoxigraph's own serializers write a whole answer and cannot stop at a row cap, so capped solutions are
written here, the same way (tests check that pyoxigraph parses them back to the same terms). Booleans and
graphs go through pyoxigraph's serializers.

>>> import pyoxigraph as ox
>>> row = {"s": ox.NamedNode("http://e/a"), "n": ox.Literal("1", datatype=ox.NamedNode(XSD_INTEGER))}
>>> serialize_solutions(["s", "n"], [[row["s"], row["n"]]], "text/csv")
b's,n\\r\\nhttp://e/a,1\\r\\n'
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Row = Sequence[object]  # pyoxigraph terms, None where unbound
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Text safe in XML content and attributes (xml.sax.saxutils would import urllib: slow for a worker).

    >>> escape('a<b & "c"')
    'a&lt;b &amp; &quot;c&quot;'
    """
    return text.translate(_XML_ESCAPES)


def quoteattr(text: str) -> str:
    """``text`` escaped and quoted as an XML attribute value."""
    return f'"{escape(text)}"'


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value: dict = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            value["datatype"] = term.datatype.value
        return value
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


def _csv_cell(term) -> str:
    if term is None:
        return ""
    text = f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term) if isinstance(term, ox.Triple) \
        else term.value
    if any(char in text for char in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value == XSD_INTEGER \
            and term.value.lstrip("+-").isdigit():
        return term.value
    return str(term)  # N-Triples syntax, tabs and newlines escaped


def as_json(variables: list[str], rows: Sequence[Row]) -> bytes:
    """SELECT results in the SPARQL 1.1 JSON results format."""
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def as_xml(variables: list[str], rows: Sequence[Row]) -> bytes:
    """SELECT results in the SPARQL XML results format."""
    parts = ['<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        parts += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                  for v, t in zip(variables, row) if t is not None]
        parts.append("</result>")
    parts.append("</results></sparql>")
    return "".join(parts).encode()


def as_csv(variables: list[str], rows: Sequence[Row]) -> bytes:
    """SELECT results in the SPARQL 1.1 CSV results format (values only, CRLF line ends)."""
    lines = [",".join(_csv_cell(ox.Literal(v)) for v in variables)]
    lines += [",".join(_csv_cell(t) for t in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def as_tsv(variables: list[str], rows: Sequence[Row]) -> bytes:
    """SELECT results in the SPARQL 1.1 TSV results format (terms in N-Triples syntax)."""
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_cell(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


WRITERS = {
    "application/sparql-results+json": as_json,
    "application/sparql-results+xml": as_xml,
    "text/csv": as_csv,
    "text/tab-separated-values": as_tsv,
}


def serialize_solutions(variables: list[str], rows: Sequence[Row], media_type: str) -> bytes:
    """``rows`` (lists of pyoxigraph terms, ``None`` where unbound) in the SPARQL results format ``media_type``."""
    return WRITERS[media_type](variables, rows)
