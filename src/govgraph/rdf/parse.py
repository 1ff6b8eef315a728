"""Parse RDF files into pyoxigraph quads, turning syntax errors into one-line ``InputError``s."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import InputError
from govgraph.rdf.formats import format_for


def parse_file(path: Path, *, graph: ox.NamedNode | None = None) -> list[ox.Quad]:
    """Read every statement of ``path``, placed in ``graph`` when one is given.

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
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror or error}", path=path) from None
    if rdf_format == ox.RdfFormat.RDF_XML:
        _refuse_xml_entities(data, path)
    try:
        # Blank nodes are renamed so that two files using the same label never merge their nodes.
        parsed = ox.parse(data, format=rdf_format, base_iri=path.resolve().as_uri(), rename_blank_nodes=True)
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
        raise InputError(message, path=path, line=error.lineno, column=error.offset,
                         hint="fix the syntax at that position" if error.lineno else None) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(f"not valid {rdf_format.name}: {error}", path=path) from None
    return quads


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
