"""Load the query library: one SPARQL query per ``.rq`` file, metadata in ``#+`` header lines.

A header looks like this (the file stays valid SPARQL)::

    #+ title: Units of a province
    #+ description: The commune-level units of one province-level unit.
    #+ param: province string required  The 2-digit official code of the province, e.g. 31.
    #+ example: govgraph query units-of-province --param province=31
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib.plugins.sparql.parser import parseQuery
from pyparsing import ParseException

from govgraph import resources
from govgraph.errors import InputError, UsageError
from govgraph.queries.parameters import TYPES, Parameter


@dataclass(frozen=True)
class LibraryQuery:
    """A query of the library with its documented parameters."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    examples: tuple[str, ...]
    text: str
    path: Path
    extra: dict[str, str] = field(default_factory=dict)  # header fields a caller asked for (checks: severity...)

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise UsageError(f"query {self.name} has no parameter {name!r}", hint=f"its parameters: {known}")


def parse_query_file(path: Path, extra_fields: tuple[str, ...] = ()) -> LibraryQuery:
    """Read one ``.rq`` file, checking its header and its SPARQL syntax.

    ``extra_fields`` names header fields beyond title, description, param and example that the caller reads.
    """
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"title": [], "description": [], "example": []}
    fields.update({name: [] for name in extra_fields})
    parameters: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].strip().partition(":")
        key, value = key.strip(), value.strip()
        if key == "param":
            parameters.append(_parse_parameter(value, path, number))
        elif key in fields:
            fields[key].append(value)
        else:
            allowed = ", ".join([*fields, "param"])
            raise InputError(f"unknown header field {key!r}", path=path, line=number, hint=f"use {allowed}")
    if not fields["title"]:
        raise InputError("the query has no '#+ title:' header line", path=path, line=1)
    try:
        parsed = parseQuery(text)
    except ParseException as error:
        raise InputError(f"invalid SPARQL: {error.msg}", path=path, line=error.lineno, column=error.col) from None
    _refuse_remote_access(parsed, path)
    return LibraryQuery(
        name=path.stem,
        title=" ".join(fields["title"]),
        description=" ".join(fields["description"]),
        parameters=tuple(parameters),
        examples=tuple(fields["example"]),
        text=text,
        path=path,
        extra={name: " ".join(fields[name]) for name in extra_fields},
    )


def _parse_parameter(value: str, path: Path, line: int) -> Parameter:
    words = value.split(None, 3)
    if len(words) < 3 or words[1] not in TYPES or words[2] not in ("required", "optional"):
        raise InputError(f"bad parameter declaration {value!r}", path=path, line=line,
                         hint=f"write 'param: NAME TYPE required|optional DESCRIPTION', TYPE one of {', '.join(TYPES)}")
    return Parameter(words[0], words[1], words[2] == "required", words[3] if len(words) > 3 else "")


def _refuse_remote_access(parsed, path: Path) -> None:
    """Library queries must not fetch from the network: no SERVICE, no FROM/FROM NAMED."""
    text = repr(parsed)
    for construct, name in (("ServiceGraphPattern", "SERVICE"), ("DatasetClause", "FROM")):
        if construct in text:
            raise InputError(f"{name} is not allowed in library queries", path=path,
                             hint="queries run on the store they are given, never on other sources")


def load_library(folder: Path | None = None) -> dict[str, LibraryQuery]:
    """Every query of the library by name, sorted.

    >>> "units-of-province" in load_library()
    True
    """
    folder = folder or resources.queries_dir()
    return {path.stem: parse_query_file(path) for path in sorted(folder.glob("*.rq"))}
