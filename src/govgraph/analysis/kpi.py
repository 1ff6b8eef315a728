"""Task indicators per assignee, assigning post or person, unit or province: the ``kpi`` library queries plus
the median days to completion, which SPARQL cannot take.

Each library query serves every grouping: a pattern only one grouping needs is an ``OPTIONAL`` group that opens
with a test of ``?grouping``, and a period bound is a ``FILTER (!BOUND(?from) || ...)``. For a report, the query's
text is cut to what its grouping and period need (:func:`for_report`): a group whose test is false for every
task adds nothing, a filter whose parameter is not given keeps every task, so the answers are the same, and every
task no longer joins patterns its grouping does not use. The parameters are still bound as typed terms by the
one query runner.

>>> median_days({10: 3, 2: 1, 5: 1})
10
>>> median_days({1: 1, 3: 1})
2.0
>>> median_days({}) is None
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from rdflib import Literal
from rdflib.namespace import XSD

from govgraph.queries import LibraryQuery, load_library, run_query
from govgraph.store.base import ResultTable, Store

GROUPINGS = ("assignee", "assigner", "person", "unit", "province")
COLUMNS = ["key", "label", "assigned", "done", "done_on_time", "done_late", "in_progress", "overdue",
           "completion_rate", "on_time_rate", "median_days_to_completion"]


def median_days(histogram: Mapping[int, int]) -> float | int | None:
    """The median of a histogram {days: tasks}; ``None`` when it is empty."""
    total = sum(histogram.values())
    if total == 0:
        return None
    ordered = sorted(histogram.items())

    def nth(n: int) -> int:
        seen = 0
        for days, count in ordered:
            seen += count
            if seen > n:
                return days
        raise AssertionError("n is below the total")
    if total % 2:
        return nth(total // 2)
    low, high = nth(total // 2 - 1), nth(total // 2)
    return low if low == high else (low + high) / 2


_GROUP = re.compile(r'\n *OPTIONAL \{\s*FILTER \(((?:\?grouping = "[a-z]+"(?: \|\| )?)+)\)')
_PERIOD = re.compile(r'\n *FILTER \(!BOUND\(\?([a-z]+)\) \|\|[^\n]*\)(?=\n)')


def for_report(text: str, grouping: str, given: set[str]) -> str:
    """``text`` without the ``OPTIONAL { FILTER (?grouping = ...) ... }`` groups of other groupings and without
    the ``FILTER (!BOUND(?p) || ...)`` lines of parameters not ``given``.

    >>> print(for_report('''SELECT * WHERE {
    ...   ?task gg:issuedOn ?issued .
    ...   FILTER (!BOUND(?from) || ?issued >= ?from)
    ...   FILTER (!BOUND(?to) || ?issued <= ?to)
    ...   OPTIONAL { FILTER (?grouping = "person") ?task gg:assigner ?person . OPTIONAL { ?person foaf:name ?n } }
    ...   OPTIONAL {
    ...     FILTER (?grouping = "unit" || ?grouping = "province")
    ...     ?assignee gg:jurisdiction ?unit .
    ...   }
    ... }''', "unit", {"to"}))
    SELECT * WHERE {
      ?task gg:issuedOn ?issued .
      FILTER (!BOUND(?to) || ?issued <= ?to)
      OPTIONAL {
        FILTER (?grouping = "unit" || ?grouping = "province")
        ?assignee gg:jurisdiction ?unit .
      }
    }
    """
    text = _PERIOD.sub(lambda match: match.group() if match.group(1) in given else "", text)
    for match in reversed(list(_GROUP.finditer(text))):
        if grouping not in re.findall(r'"([a-z]+)"', match.group(1)):
            text = text[:match.start()] + text[_group_end(text, text.index("{", match.start())):]
    return text


def _group_end(text: str, opening: int) -> int:
    """The index just past the ``}`` that closes the ``{`` at ``opening`` (the groups cut hold no strings with
    braces)."""
    depth = 0
    for index in range(opening, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    raise ValueError("unbalanced braces")


def _report_query(query: LibraryQuery, parameters: Mapping[str, str]) -> LibraryQuery:
    grouping = parameters.get("by") or "assignee"
    return query._replace(text=for_report(query.text, grouping, {k for k, v in parameters.items() if v}))


def kpi_table(store: Store, parameters: Mapping[str, str] | None = None) -> ResultTable:
    """The indicators as one table (the ``kpi`` query's columns and the median days to completion).

    ``parameters`` are the queries' own (by, from, to, asof), as text, validated and bound as typed terms.
    """
    parameters = dict(parameters or {})
    library = load_library()
    counts = run_query(store, _report_query(library["kpi"], parameters), parameters)
    day_parameters = {k: v for k, v in parameters.items() if k != "asof"}
    histograms: dict[object, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    days_query = _report_query(library["kpi-completion-days"], day_parameters)
    for row in run_query(store, days_query, day_parameters).as_dicts():
        histograms[row["key"]][int(row["days"])] += int(row["tasks"])
    rows = []
    for row in counts.as_dicts():
        median = median_days(histograms.get(row["key"], {}))
        rows.append(tuple(row.get(c) for c in COLUMNS[:-1]) + (
            None if median is None else Literal(median, datatype=XSD.decimal if isinstance(median, float)
                                                else XSD.integer),))
    return ResultTable(list(COLUMNS), rows)

