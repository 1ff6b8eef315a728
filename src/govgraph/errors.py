"""Errors a user can cause. Each renders as one line naming the file, the place and the fix (:func:`one_line`)."""

from __future__ import annotations

from pathlib import Path


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` fit for a one-line message: line breaks, runs of white space and characters that do not print
    (an engine's or a server's text may hold any of them) become single spaces; with ``limit``, a longer result is
    cut to ``limit`` characters, the last one ``…``.

    >>> one_line("error at 1:24: expected one of [\\n| 'a'..='z'\\n]")
    "error at 1:24: expected one of [ | 'a'..='z' ]"
    >>> one_line("<h1>Bad\\n gateway</h1>\\x1b[0m ")
    '<h1>Bad gateway</h1> [0m'
    >>> one_line("Corruption: block checksum mismatch", limit=20)
    'Corruption: block c…'
    """
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if limit is None or len(flat) <= limit else flat[: limit - 1] + "…"


class GovgraphError(Exception):
    """A problem with the user's input or request; the CLI prints ``str(error)`` and exits 2.

    A plain class rather than a dataclass: every command imports this module, and ``dataclasses`` (with
    ``inspect``) would add a tenth or so to the start of a command that runs no other dataclass.

    >>> print(GovgraphError("unexpected '.'", path=Path("data.ttl"), line=3, column=7))
    data.ttl:3:7: unexpected '.'
    >>> print(GovgraphError("no such query 'x'", hint="run govgraph query --list"))
    no such query 'x' (run govgraph query --list)
    >>> GovgraphError("bad", line=2) == GovgraphError("bad", line=2), InputError("bad", line=2)
    (True, InputError(message='bad', path=None, line=2, column=None, hint=None))
    """

    _FIELDS = ("message", "path", "line", "column", "hint")

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None,
                 column: int | None = None, hint: str | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._FIELDS)})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self._FIELDS)

    __hash__ = None  # equal errors compare equal, as dataclasses made them

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(GovgraphError):
    """A file the user gave cannot be read or parsed."""


class UsageError(GovgraphError):
    """The command line or a query parameter is wrong."""


class EndpointError(GovgraphError):
    """A remote SPARQL endpoint failed or timed out."""


class OutputError(GovgraphError):
    """A file or folder cannot be written (not a folder, read-only, disk full); nothing half-written is left."""


class QueryError(GovgraphError):
    """A SPARQL query the user wrote could not be answered (the reason is in the subclass)."""


class QueryRefused(QueryError):
    """The read-only guard refused the query before any engine saw it (update, SERVICE, remote FROM)."""


class QueryFailed(QueryError):
    """The engine could not run the query (a syntax error, an unsupported result format); carries its message."""


class NotAcceptable(QueryFailed):
    """The query's answer cannot take the media type asked for (a server answers 406)."""


class QueryOutOfMemory(QueryFailed):
    """The query needed more memory than a worker may use (``--max-memory``) and its worker was stopped.

    >>> print(QueryOutOfMemory("the query needed more than 2048 MiB of memory and was stopped"))
    the query needed more than 2048 MiB of memory and was stopped
    """


class QueryTimeout(QueryError):
    """The query ran past its time limit and its worker was stopped.

    >>> print(QueryTimeout("query stopped after 30 s"))
    query stopped after 30 s
    """


class PoolBusy(QueryError):
    """Every query worker is busy and the caller asked not to wait."""
