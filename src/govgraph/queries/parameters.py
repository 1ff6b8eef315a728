"""Query parameters: declared with a type in the ``.rq`` header, bound as typed RDF terms (pyoxigraph's)."""

from __future__ import annotations

import re
from collections import namedtuple

import pyoxigraph as ox

from govgraph.errors import UsageError
from govgraph.namespaces import PREFIXES
from govgraph.store.terms import XSD, lexical

DATATYPES: dict[str, str] = {
    "string": XSD + "string",
    "date": XSD + "date",
    "integer": XSD + "integer",
    "decimal": XSD + "decimal",
    "boolean": XSD + "boolean",
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


class Parameter(namedtuple("Parameter", "name type required description values code default",
                           defaults=((), None, None))):
    """One declared parameter of a library query: its name, type, whether it is required, and its description;
    ``values``, the values it takes when its meanings are a fixed set; ``code``, a key of :data:`CODE_KINDS` when
    the value is a unit's official code; ``default``, a key of :data:`govgraph.queries.today.DEFAULTS`, used when
    the user gives no value.

    >>> Parameter("date", "date", True, "").bind("2025-07-01")
    <Literal value=2025-07-01 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#date>>
    >>> Parameter("unit", "iri", True, "").bind("unit:31/2025-07-01")
    <NamedNode value=https://w3id.org/govgraph/id/unit/31/2025-07-01>
    >>> Parameter("count", "integer", True, "").bind("+07")  # in canonical form, as rdflib wrote it
    <Literal value=7 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> Parameter("date", "date", True, "").bind("2025-02-30")
    Traceback (most recent call last):
    govgraph.errors.UsageError: parameter date: '2025-02-30' is not a valid date (write it as YYYY-MM-DD)
    >>> Parameter("date", "date", True, "").bind("1 July")
    Traceback (most recent call last):
    govgraph.errors.UsageError: parameter date: '1 July' is not a valid date (write it as YYYY-MM-DD)
    >>> Parameter("date", "date", True, "").bind("30/06/2025")  # as Vietnamese offices write it: day/month/year
    Traceback (most recent call last):
    govgraph.errors.UsageError: parameter date: '30/06/2025' is not a valid date (write it as YYYY-MM-DD: read as day/month/year, 30/06/2025 is 2025-06-30)

    A parameter with declared ``values`` takes one of them, in any letter case:

    >>> lang = Parameter("lang", "string", False, "", values=("en", "vi"))
    >>> lang.bind("EN")
    <Literal value=en datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> lang.bind("fr")
    Traceback (most recent call last):
    govgraph.errors.UsageError: parameter lang: 'fr' is not one of its values (give en or vi)
    """

    __slots__ = ()

    def bind(self, text: str) -> ox.NamedNode | ox.Literal:
        """The typed term for the text a user gave, or a ``UsageError`` saying what is expected."""
        if self.code:  # a code copied with a space around it is the same code
            text = text.strip()
        if self.values:
            text = self._allowed_value(text)
        if self.type == "iri":
            return self._iri(text)
        if self.type in _PATTERNS:
            if not _PATTERNS[self.type].match(text) or self.type == "date" and not _is_day(text):
                raise UsageError(f"parameter {self.name}: {text!r} is not a valid {self.type}",
                                 hint=_HINTS[self.type] + (_day_month_year(text) if self.type == "date" else ""))
            datatype = ox.NamedNode(DATATYPES[self.type])
            return ox.Literal(lexical(ox.Literal(text, datatype=datatype)), datatype=datatype)
        return ox.Literal(text)

    def _iri(self, text: str) -> ox.NamedNode:
        """The IRI ``text`` names: a full IRI, or a prefixed name with one of the project's prefixes."""
        prefix, colon, local = text.partition(":")
        iri = text
        if prefix in PREFIXES and not local.startswith("//"):
            iri = PREFIXES[prefix] + local
        elif colon and not local.startswith("//") and prefix.lower() not in _OPAQUE_SCHEMES:
            raise UsageError(f"parameter {self.name}: unknown prefix {prefix + ':'!r} in {text!r}",
                             hint=f"the prefixes are {', '.join(PREFIXES)}; or give a full IRI such as https://...")
        try:
            if _IRI.match(iri):
                return ox.NamedNode(iri)  # pyoxigraph's IRI parser also refuses a bad %-escape or port
        except ValueError:
            pass
        raise UsageError(f"parameter {self.name}: {iri!r} is not an IRI",
                         hint="give a full IRI or a prefixed name such as unit:31/2025-07-01")

    def _allowed_value(self, text: str) -> str:
        """The declared value ``text`` names, letter case aside."""
        for value in self.values:
            if value.casefold() == text.strip().casefold():
                return value
        raise UsageError(f"parameter {self.name}: {text!r} is not one of its values",
                         hint=f"give {', '.join(self.values[:-1])} or {self.values[-1]}" if len(self.values) > 1
                         else f"give {self.values[0]}")


def _is_day(text: str) -> bool:
    """Whether ``YYYY-MM-DD`` names a day of the calendar, as :meth:`datetime.date.fromisoformat` has it (not
    called: every query with a default day binds one, and the module costs each start a few milliseconds).

    >>> _is_day("2024-02-29"), _is_day("2025-02-29"), _is_day("2025-04-31"), _is_day("0000-01-01")
    (True, False, False, False)
    """
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return year >= 1 and 1 <= month <= 12 and 1 <= day <= days[month - 1]


def _day_month_year(text: str) -> str:
    """For a date written day/month/year (as Vietnamese offices write them), the day it names in ISO form, as a
    hint; never used as the value: the user confirms it by writing it out.

    >>> _day_month_year("1.7.2025"), _day_month_year("31/02/2025"), _day_month_year("2025/07/01")
    (': read as day/month/year, 1.7.2025 is 2025-07-01', '', '')
    """
    found = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", text)
    if not found:
        return ""
    iso = f"{found[3]}-{int(found[2]):02d}-{int(found[1]):02d}"
    return f": read as day/month/year, {text.strip()} is {iso}" if _is_day(iso) else ""


_HINTS = {
    "date": "write it as YYYY-MM-DD",
    "integer": "write a whole number",
    "decimal": "write a number such as 12.5",
    "boolean": "write true or false",
}
