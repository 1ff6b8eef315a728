"""Load the query library: one SPARQL query per ``.rq`` file, metadata in ``#+`` header lines.

A header looks like this (the file stays valid SPARQL)::

    #+ title: Units of a province
    #+ description: The commune-level units of one province-level unit.
    #+ param: province string required code=current-province  The 2-digit official code of the province.
    #+ param: lang string optional values=en,vi  Language of labels: en (default) or vi.
    #+ example: govgraph query units-of-province --param province=31
    #+ empty: The province-level unit has no commune-level unit in force on that day in the graph.

``empty:`` says what an answer with no rows means when every parameter names something that exists (the command
prints it as a note). A parameter line is ``NAME TYPE required|optional [OPTION ...] DESCRIPTION``; the options are
``values=A,B,...`` (the only values it takes, matched in any letter case) and ``code=KIND`` (the value is the
official code of a unit of that kind, so an answer with no rows can say that no such unit exists) and
``default=today`` (a date parameter left out means today, from :func:`govgraph.queries.today.today`).

Loading the library reads the headers only (a millisecond for all of it), so every command starts fast; a query's
SPARQL is checked (:func:`check_syntax`) before it first runs (:func:`checked_text`), ``load_library(check=True)``
checks them all (the server, before it offers them), and the tests check every file.
"""

from __future__ import annotations

from collections import namedtuple
from pathlib import Path
from types import MappingProxyType

from govgraph import resources
from govgraph.errors import InputError, UsageError
from govgraph.queries.parameters import CODE_KINDS, TYPES, Parameter
from govgraph.queries.today import DEFAULTS


class LibraryQuery(namedtuple("LibraryQuery", "name title description parameters examples text path extra empty",
                              defaults=(MappingProxyType({}), ""))):
    """A query of the library with its documented parameters (a tuple of :class:`Parameter`), its examples, its
    text and file, ``extra``: the header fields a caller asked for (checks: severity...), and ``empty``: what an
    answer with no rows means (its ``empty:`` header lines, or "").

    Named tuples, not dataclasses, as :class:`Parameter`: every query command reads the library, and need not
    import ``dataclasses`` (with ``inspect``) to do it.
    """

    __slots__ = ()

    def parameter(self, name: str) -> Parameter:
        """The declared parameter ``name``; an unknown name is a :class:`UsageError` listing the known ones."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise UsageError(f"query {self.name} has no parameter {name!r}", hint=f"its parameters: {known}")

    @property
    def takes_date(self) -> bool:
        """Whether the query answers for a day: it has a ``date`` parameter of type date."""
        return any(p.name == "date" and p.type == "date" for p in self.parameters)


def parse_query_file(path: Path, extra_fields: tuple[str, ...] = (), *, check: bool = True) -> LibraryQuery:
    """Read one ``.rq`` file, checking its header and (unless ``check`` is false) its SPARQL syntax.

    ``extra_fields`` names header fields beyond title, description, param and example that the caller reads.
    """
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"title": [], "description": [], "example": [], "empty": []}
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
    if check:
        check_syntax(text, path)
        _CHECKED.add((str(path), text))
    return LibraryQuery(
        name=path.stem,
        title=" ".join(fields["title"]),
        description=" ".join(fields["description"]),
        parameters=tuple(parameters),
        examples=tuple(fields["example"]),
        text=text,
        path=path,
        extra={name: " ".join(fields[name]) for name in extra_fields},
        empty=" ".join(fields["empty"]),
    )


_OPTIONS = ("values", "code", "default")


def _parse_parameter(value: str, path: Path, line: int) -> Parameter:
    """One ``param:`` header value.

    >>> _parse_parameter("lang string optional values=en,vi  Language.", Path("q.rq"), 4)
    Parameter(name='lang', type='string', required=False, description='Language.', values=('en', 'vi'), code=None, default=None)
    """
    words = value.split(None, 3)
    if len(words) < 3 or words[1] not in TYPES or words[2] not in ("required", "optional"):
        raise InputError(f"bad parameter declaration {value!r}", path=path, line=line,
                         hint=f"write 'param: NAME TYPE required|optional [OPTION ...] DESCRIPTION', TYPE one of "
                              f"{', '.join(TYPES)}, OPTION values=A,B or code=KIND")
    options: dict[str, str] = {}
    rest = words[3] if len(words) > 3 else ""
    while (head := rest.split(None, 1)) and "=" in head[0] and head[0].partition("=")[0] in _OPTIONS:
        key, _, setting = head[0].partition("=")
        options[key] = setting
        rest = head[1] if len(head) > 1 else ""
    values = tuple(v for v in options.get("values", "").split(",") if v)
    if "values" in options and not values:
        raise InputError("values= lists no value", path=path, line=line, hint="write values=A,B,...")
    code = options.get("code")
    if code is not None and code not in CODE_KINDS:
        raise InputError(f"unknown code kind {code!r}", path=path, line=line,
                         hint=f"write code= one of {', '.join(CODE_KINDS)}")
    default = options.get("default")
    if default is not None and default not in DEFAULTS:
        raise InputError(f"unknown default {default!r}", path=path, line=line,
                         hint=f"write default= one of {', '.join(DEFAULTS)}")
    return Parameter(words[0], words[1], words[2] == "required", rest.strip(), values=values, code=code,
                     default=default)


def check_syntax(text: str, path: Path) -> None:
    """Check a query's SPARQL with pyoxigraph's parser, and refuse SERVICE and FROM / FROM NAMED (library queries
    run on the store they are given, never on other sources). Milliseconds for the whole library, where rdflib's
    parser took about a second.

    >>> check_syntax("SELECT * WHERE { SERVICE <http://e/sparql> { ?s ?p ?o } }", Path("q.rq"))
    Traceback (most recent call last):
    govgraph.errors.InputError: q.rq:1: SERVICE is not allowed in library queries (queries run on the store they are given, never on other sources)
    >>> check_syntax("SELECT * WHERE { ?s ?p }", Path("q.rq"))
    Traceback (most recent call last):
    govgraph.errors.InputError: q.rq:1:25: invalid SPARQL: expected one of ...
    """
    import re

    import pyoxigraph as ox

    from govgraph.errors import QueryRefused
    from govgraph.sparql.guard import check

    hint = "queries run on the store they are given, never on other sources"
    try:
        checked = check(text)
    except QueryRefused as refused:
        line, _, reason = str(refused).partition(": ")
        name = "SERVICE" if reason.startswith("SERVICE") else "FROM" if reason.startswith("FROM") else None
        if name is None:
            raise InputError(f"invalid SPARQL: {reason}", path=path, line=int(line.split()[-1])) from None
        raise InputError(f"{name} is not allowed in library queries", path=path, line=int(line.split()[-1]),
                         hint=hint) from None
    if checked.has_dataset:
        raise InputError("FROM is not allowed in library queries", path=path, hint=hint)
    try:
        ox.Store().query(text)  # parsed, then answered at once by an empty store
    except SyntaxError as error:
        found = re.match(r"error at (\d+):(\d+): (.*)", str(error), re.DOTALL)
        line, column, message = (int(found[1]), int(found[2]), found[3]) if found else (None, None, str(error))
        raise InputError(f"invalid SPARQL: {message}", path=path, line=line, column=column) from None


def load_library(folder: Path | None = None, *, check: bool = False) -> dict[str, LibraryQuery]:
    """Every query of the library by name, sorted: headers read, SPARQL checked only with ``check``.

    >>> "units-of-province" in load_library()
    True
    """
    folder = folder or resources.queries_dir()
    library = {path.stem: _parsed(path) for path in sorted(folder.glob("*.rq"))}
    for query in library.values() if check else ():
        checked_text(query)
    return library


_PARSED: dict[tuple[str, int, int], LibraryQuery] = {}
_CHECKED: set[tuple[str, str]] = set()


def _parsed(path: Path) -> LibraryQuery:
    """``parse_query_file(path, check=False)``, read again only when the file changed."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        _PARSED[key] = parse_query_file(path, check=False)
    return _PARSED[key]


def checked_text(query: LibraryQuery) -> str:
    """The query's text, its SPARQL checked first (:func:`check_syntax`, once per process for a given text).

    >>> checked_text(load_library()["unit-counts"]).startswith("#+ title: Unit counts")
    True
    """
    key = (str(query.path), query.text)
    if key not in _CHECKED:
        check_syntax(query.text, query.path)
        _CHECKED.add(key)
    return query.text
