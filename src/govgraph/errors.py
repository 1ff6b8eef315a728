"""Errors a user can cause. Each renders as one line naming the file, the place and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class GovgraphError(Exception):
    """A problem with the user's input or request; the CLI prints ``str(error)`` and exits 2.

    >>> print(GovgraphError("unexpected '.'", path=Path("data.ttl"), line=3, column=7))
    data.ttl:3:7: unexpected '.'
    >>> print(GovgraphError("no such query 'x'", hint="run govgraph query --list"))
    no such query 'x' (run govgraph query --list)
    """

    message: str
    path: Path | str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

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


class QueryTimeout(QueryError):
    """The query ran past its time limit and its worker was stopped.

    >>> print(QueryTimeout("query stopped after 30 s"))
    query stopped after 30 s
    """


class PoolBusy(QueryError):
    """Every query worker is busy and the caller asked not to wait."""
