"""Query parameters: declared with a type in the ``.rq`` header, bound as typed RDF terms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from govgraph.errors import UsageError
from govgraph.namespaces import PREFIXES

DATATYPES: dict[str, URIRef] = {
    "string": XSD.string,
    "date": XSD.date,
    "integer": XSD.integer,
    "decimal": XSD.decimal,
    "boolean": XSD.boolean,
}
TYPES = (*DATATYPES, "iri")

_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*$')
# IRI schemes written without '//' that a user may give whole; any other 'x:...' is a prefixed name.
_OPAQUE_SCHEMES = ("urn", "mailto", "tag", "did", "data")

CODE_KINDS = {
    "unit": "unit",
    "current-unit": "unit in force",
    "former-unit": "former unit (in force until 30 June 2025)",
    "province": "province-level unit",
    "current-province": "province-level unit in force",
}
"""What an official-code parameter names (``code=KIND`` in the header), used to explain an empty answer."""
_PATTERNS = {
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "integer": re.compile(r"^[+-]?\d+$"),
    "decimal": re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"),
    "boolean": re.compile(r"^(true|false)$"),
}


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a library query.

    >>> Parameter("date", "date", True, "").bind("2025-07-01")
    rdflib.term.Literal('2025-07-01', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    >>> Parameter("unit", "iri", True, "").bind("unit:31/2025-07-01")
    rdflib.term.URIRef('https://w3id.org/govgraph/id/unit/31/2025-07-01')
    >>> Parameter("date", "date", True, "").bind("1 July")
    Traceback (most recent call last):
    govgraph.errors.UsageError: parameter date: '1 July' is not a valid date (write it as YYYY-MM-DD)

    A parameter with declared ``values`` takes one of them, in any letter case:

    >>> lang = Parameter("lang", "string", False, "", values=("en", "vi"))
    >>> lang.bind("EN")
    rdflib.term.Literal('en')
    >>> lang.bind("fr")
    Traceback (most recent call last):
    govgraph.errors.UsageError: parameter lang: 'fr' is not one of its values (give en or vi)
    """

    name: str
    type: str
    required: bool
    description: str
    values: tuple[str, ...] = ()  # the allowed values, when the meanings are a fixed set
    code: str | None = None  # a key of CODE_KINDS when the value is a unit's official code
    default: str | None = None  # a key of govgraph.queries.today.DEFAULTS, used when the user gives no value

    def bind(self, text: str) -> Identifier:
        """The typed term for the text a user gave, or a ``UsageError`` saying what is expected."""
        if self.code:  # a code copied with a space around it is the same code
            text = text.strip()
        if self.values:
            text = self._allowed_value(text)
        if self.type == "iri":
            return URIRef(self._expand_iri(text))
        if self.type in _PATTERNS:
            if not _PATTERNS[self.type].match(text):
                raise UsageError(f"parameter {self.name}: {text!r} is not a valid {self.type}",
                                 hint=_HINTS[self.type])
            literal = Literal(text, datatype=DATATYPES[self.type])
            if literal.ill_typed:
                raise UsageError(f"parameter {self.name}: {text!r} is not a valid {self.type}",
                                 hint=_HINTS[self.type])
            return literal
        return Literal(text)

    def _allowed_value(self, text: str) -> str:
        """The declared value ``text`` names, letter case aside."""
        for value in self.values:
            if value.casefold() == text.strip().casefold():
                return value
        raise UsageError(f"parameter {self.name}: {text!r} is not one of its values",
                         hint=f"give {', '.join(self.values[:-1])} or {self.values[-1]}" if len(self.values) > 1
                         else f"give {self.values[0]}")

    def _expand_iri(self, text: str) -> str:
        prefix, colon, local = text.partition(":")
        if prefix in PREFIXES and not local.startswith("//"):
            text = PREFIXES[prefix] + local
        elif colon and not local.startswith("//") and prefix.lower() not in _OPAQUE_SCHEMES:
            raise UsageError(f"parameter {self.name}: unknown prefix {prefix + ':'!r} in {text!r}",
                             hint=f"the prefixes are {', '.join(PREFIXES)}; or give a full IRI such as https://...")
        if not _IRI.match(text):
            raise UsageError(f"parameter {self.name}: {text!r} is not an IRI",
                             hint="give a full IRI or a prefixed name such as unit:31/2025-07-01")
        return text


_HINTS = {
    "date": "write it as YYYY-MM-DD",
    "integer": "write a whole number",
    "decimal": "write a number such as 12.5",
    "boolean": "write true or false",
}
