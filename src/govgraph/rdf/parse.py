"""Parse RDF files into pyoxigraph quads, turning syntax errors into one-line ``InputError``s."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import InputError
from govgraph.rdf.formats import format_for


def parse_file(path: Path, *, graph: ox.NamedNode | None = None, rename_blank_nodes: bool = True,
               data: bytes | None = None) -> list[ox.Quad]:
    """Read every statement of ``path`` (whose bytes are ``data`` when the caller has read them already), placed in
    ``graph`` when one is given.

    Blank nodes get fresh names unless ``rename_blank_nodes`` is false (then ``_:b1`` keeps the label ``b1``, so a
    caller can find it in the text). RDF 1.2 triple terms (``<< >>``, ``<<( )>>``) are refused: govgraph's shapes,
    checks and outputs are RDF 1.1.

    Raises :class:`InputError` with file, line and column when the file is unreadable or malformed.
    Nothing is returned on failure, so a caller that adds the quads afterwards adds all or nothing.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.ttl"
    >>> _ = bad.write_text("<http://e/a> <http://e/b> .\\n")
    >>> try:
    ...     parse_file(bad)
    ... except InputError as error:
    ...     print(error.line, error.column)
    1 27
    """
    rdf_format = format_for(path)
    if data is None:
        data = read_bytes(path)
    data = _utf8_text(data, path)
    if rdf_format == ox.RdfFormat.RDF_XML:
        _refuse_xml_entities(data, path)
    try:
        # Blank nodes are renamed so that two files using the same label never merge their nodes.
        parsed = ox.parse(data, format=rdf_format, base_iri=path.resolve().as_uri(),
                          rename_blank_nodes=rename_blank_nodes)
        if graph is None:
            quads = list(parsed)
        else:
            quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parsed]
    except SyntaxError as error:
        message = str(error.msg or error)
        # pyoxigraph prefixes its messages with the position it also gives in lineno/offset.
        if message.startswith("Parser error at line"):
            message = message.split(": ", 1)[-1]
        if "LoadDocumentCallback" in message:
            raise InputError("remote JSON-LD contexts are not fetched", path=path,
                             hint="put the @context in the file itself") from None
        hint = "fix the syntax at that position" if error.lineno else None
        if "UTF-8" in message:  # bytes of another encoding (Windows-1258, Latin-1) in the text
            hint = "RDF text is UTF-8: save the file as UTF-8 (from Windows-1258: iconv -f cp1258 -t utf-8)"
        raise InputError(message, path=path, line=error.lineno, column=error.offset, hint=hint) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(f"not valid {rdf_format.name}: {error}", path=path) from None
    if may_hold_triple_terms(rdf_format, data) and \
            any(isinstance(q.subject, ox.Triple) or isinstance(q.object, ox.Triple) for q in quads):
        raise InputError("RDF 1.2 triple terms (<< >>) are not supported", path=path, line=_triple_term_line(data),
                         hint="state the triple itself, or describe it with a node of its own")
    return quads


_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32", b"\xff\xfe": "UTF-16",
               b"\xfe\xff": "UTF-16"}


def _utf8_text(data: bytes, path: Path) -> bytes:
    """``data`` without a UTF-8 byte-order mark (Windows editors write one; RDF parsers take it for text); a file
    in UTF-16 or UTF-32, or with NUL bytes (UTF-16 without a mark, or not text), is refused in one line.

    >>> _utf8_text(b"\\xef\\xbb\\xbf<a> <b> <c> .", Path("a.ttl"))
    b'<a> <b> <c> .'
    >>> _utf8_text("<a> <b> <c> .".encode("utf-16"), Path("a.ttl"))
    Traceback (most recent call last):
    govgraph.errors.InputError: a.ttl:1: the file is UTF-16 (it starts with a byte-order mark) (RDF text is UTF-8: save the file as UTF-8)
    """
    if data.startswith(_UTF8_BOM):
        return data[len(_UTF8_BOM):]
    for mark, encoding in _OTHER_BOMS.items():
        if data.startswith(mark):
            raise InputError(f"the file is {encoding} (it starts with a byte-order mark)", path=path, line=1,
                             hint="RDF text is UTF-8: save the file as UTF-8")
    if b"\x00" in data[:4096]:
        raise InputError("the file holds NUL bytes: UTF-16 without a byte-order mark, or not text", path=path,
                         line=data[:data.index(b"\x00")].count(b"\n") + 1,
                         hint="RDF text is UTF-8: save the file as UTF-8")
    return data


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; an unreadable file is an :class:`InputError`."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror or error}", path=path) from None


# What each text format writes for an RDF 1.2 triple term: ``<<( )>>`` in N-Triples and N-Quads; in Turtle and TriG
# also a reifier (``~``) or an annotation (``{| |}``), which make one without any ``<<``.
# Searched with a regular expression: ``b"<<" in data`` is three times slower where every IRI opens with a ``<``.
_TRIPLE_TERM_MARKS = {ox.RdfFormat.N_TRIPLES: re.compile(rb"<<"), ox.RdfFormat.N_QUADS: re.compile(rb"<<"),
                      ox.RdfFormat.TURTLE: re.compile(rb"<<|~|\{\|"), ox.RdfFormat.TRIG: re.compile(rb"<<|~|\{\|")}


def may_hold_triple_terms(rdf_format: ox.RdfFormat, data: bytes) -> bool:
    """Whether a file in ``rdf_format`` holding ``data`` may hold RDF 1.2 triple terms, by a byte scan for what
    the format writes for one (other formats: always, so their statements are looked at one by one).

    >>> may_hold_triple_terms(ox.RdfFormat.N_QUADS, b'<http://e/a> <http://e/p> "1" .')
    False
    >>> may_hold_triple_terms(ox.RdfFormat.TURTLE, b'<http://e/a> <http://e/p> 1 ~ <http://e/r> .')
    True
    >>> may_hold_triple_terms(ox.RdfFormat.RDF_XML, b"")
    True
    """
    marks = _TRIPLE_TERM_MARKS.get(rdf_format)
    return marks is None or marks.search(data) is not None


def _triple_term_line(data: bytes) -> int | None:
    """The line of the first ``<<``, else of the first reifier or annotation (a ``~`` may also be part of an IRI).

    >>> _triple_term_line(b"<http://e/~a> <http://e/p> 1 .\\n<< <http://e/b> <http://e/c> 2 >> <http://e/q> 3 .")
    2
    """
    return _first_line(data, b"<<") or _first_line(data, b"{|", b"~")


def _first_line(data: bytes, *needles: bytes) -> int | None:
    """The line where the first of ``needles`` occurs in ``data``.

    >>> _first_line(b"a\\nb ~ c\\n<< d", b"<<", b"~")
    2
    """
    found = [at for at in map(data.find, needles) if at >= 0]
    return data.count(b"\n", 0, min(found)) + 1 if found else None


def nfc_literals(quads: list[ox.Quad]) -> tuple[list[ox.Quad], int]:
    """The statements with every literal in Unicode NFC, and how many literals were changed.

    Decomposed text (NFD: "Xa\u0303", as some keyboards and PDF copies produce) looks the same as composed text
    ("X\u00e3") but compares unequal, so a name pattern such as "^Xã " would not match it.

    >>> decomposed = ox.Literal(unicodedata.normalize("NFD", "Xã Tiên Lãng"), language="vi")
    >>> quads, changed = nfc_literals([ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), decomposed)])
    >>> quads[0].object.value == "Xã Tiên Lãng", changed
    (True, 1)
    """
    changed = 0
    normalised = []
    for quad in quads:
        term = quad.object
        if isinstance(term, ox.Literal) and not unicodedata.is_normalized("NFC", term.value):
            text = unicodedata.normalize("NFC", term.value)
            term = ox.Literal(text, language=term.language) if term.language else \
                ox.Literal(text, datatype=term.datatype)
            quad = ox.Quad(quad.subject, quad.predicate, term, quad.graph_name)
            changed += 1
        normalised.append(quad)
    return normalised, changed


def first_non_nfc_line(text: str) -> int | None:
    """The first line of ``text`` that is not in Unicode NFC.

    >>> first_non_nfc_line("a\\nb\\n" + unicodedata.normalize("NFD", "ã"))
    3
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if not unicodedata.is_normalized("NFC", line):
            return number
    return None


_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _refuse_xml_entities(data: bytes, path: Path) -> None:
    """Refuse DTDs in RDF/XML: entity declarations can expand a small file into gigabytes ("billion laughs").

    >>> _refuse_xml_entities(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', Path("x.rdf"))
    """
    match = _DOCTYPE.search(data)
    if match:
        line = data.count(b"\n", 0, match.start()) + 1
        raise InputError("XML document type declarations are not accepted (their entities can expand without bound)",
                         path=path, line=line, hint="remove the <!DOCTYPE ...> and write the values out")
