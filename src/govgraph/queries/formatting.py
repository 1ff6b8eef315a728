"""Render a result table as an aligned text table, CSV, or SPARQL 1.1 JSON results."""

from __future__ import annotations

import io
import unicodedata

from govgraph.errors import UsageError
from govgraph.namespaces import PREFIXES
from govgraph.store import terms
from govgraph.store.base import ResultTable

FORMATS = ("table", "csv", "json")


def short_text(term: terms.Term | None) -> str:
    """A term as a person reads it: literals by value, IRIs as prefixed names where a prefix fits.

    >>> from rdflib import URIRef
    >>> short_text(URIRef("https://w3id.org/govgraph/id/unit/31/2025-07-01"))
    'unit:31/2025-07-01'
    """
    if term is None:
        return ""
    text = terms.lexical(term)
    if terms.kind(term) == "uri":
        best = max((ns for ns in PREFIXES.values() if text.startswith(ns)), key=len, default=None)
        if best is not None:
            prefix = next(p for p, ns in PREFIXES.items() if ns == best)
            return f"{prefix}:{text[len(best):]}"
    return text


def _width(text: str) -> int:
    """Display width: combining marks take no column, wide characters take two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


TABLE_CELL_LIMIT = 60


def _clip(text: str, limit: int = TABLE_CELL_LIMIT) -> str:
    """Clip ``text`` to ``limit`` characters, marking the cut.

    >>> _clip("abcdef", 4)
    'abc…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_table(result: ResultTable) -> str:
    """An aligned table with a header rule and a row count; numbers are right-aligned.

    Cells longer than 60 characters are clipped with '…': the csv and json formats give every value whole.
    """
    cells = [[_clip(short_text(v)) for v in row] for row in result.cells]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(result.columns)]
    numeric = [all(row[i] is None or terms.number(row[i]) is not None for row in result.cells) and bool(result.cells)
               for i in range(len(result.columns))]
    lines = ["  ".join(_pad(c, w, False) for c, w in zip(result.columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w, r) for c, w, r in zip(row, widths, numeric)).rstrip() for row in cells]
    lines.append(f"({len(result)} row{'s' if len(result) != 1 else ''})")
    return "\n".join(lines) + "\n"


def as_csv(result: ResultTable) -> str:
    """CSV with full IRIs and lexical values, as SPARQL 1.1 CSV results."""
    import csv  # here, as json in as_json: a command imports only the format it prints

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.cells:
        writer.writerow(["" if v is None else terms.lexical(v) for v in row])
    return buffer.getvalue()


def _json_term(term: terms.Term) -> dict[str, str]:
    kind = terms.kind(term)
    value = {"type": kind, "value": terms.lexical(term)}
    if kind == "literal":
        if terms.language(term):
            value["xml:lang"] = terms.language(term)
        elif terms.datatype(term) is not None:
            value["datatype"] = terms.datatype(term)
    return value


def as_json(result: ResultTable) -> str:
    """SPARQL 1.1 Query Results JSON."""
    import json

    document = {
        "head": {"vars": result.columns},
        "results": {"bindings": [
            {c: _json_term(v) for c, v in zip(result.columns, row) if v is not None} for row in result.cells
        ]},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def select_columns(result: ResultTable, columns: list[str]) -> ResultTable:
    """Keep only ``columns``, in the order given.

    >>> select_columns(ResultTable(["a", "b"], [(1, 2)]), ["b"]).cells
    [(2,)]
    """
    unknown = [c for c in columns if c not in result.columns]
    if unknown:
        raise UsageError(f"no column {', '.join(unknown)} in the answer",
                         hint=f"the columns are {', '.join(result.columns)}")
    indexes = [result.columns.index(c) for c in columns]
    return ResultTable(list(columns), [tuple(row[i] for i in indexes) for row in result.cells])


RENDERERS = {"table": as_table, "csv": as_csv, "json": as_json}
