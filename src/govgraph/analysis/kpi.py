"""Task indicators per assignee, assigning post or person, unit or province: the ``kpi`` library queries plus
the median days to completion, which SPARQL cannot take.

>>> median_days({10: 3, 2: 1, 5: 1})
10
>>> median_days({1: 1, 3: 1})
2.0
>>> median_days({}) is None
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from rdflib import Literal
from rdflib.namespace import XSD

from govgraph.queries import load_library, run_query
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


def kpi_table(store: Store, parameters: Mapping[str, str] | None = None) -> ResultTable:
    """The indicators as one table (the ``kpi`` query's columns and the median days to completion).

    ``parameters`` are the queries' own (by, from, to, asof), as text, validated and bound as typed terms.
    """
    parameters = dict(parameters or {})
    library = load_library()
    counts = run_query(store, library["kpi"], parameters)
    day_parameters = {k: v for k, v in parameters.items() if k != "asof"}
    histograms: dict[object, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in run_query(store, library["kpi-completion-days"], day_parameters).as_dicts():
        histograms[row["key"]][int(row["days"])] += int(row["tasks"])
    rows = []
    for row in counts.as_dicts():
        median = median_days(histograms.get(row["key"], {}))
        rows.append(tuple(row.get(c) for c in COLUMNS[:-1]) + (
            None if median is None else Literal(median, datatype=XSD.decimal if isinstance(median, float)
                                                else XSD.integer),))
    return ResultTable(list(COLUMNS), rows)

