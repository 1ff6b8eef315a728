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

from collections import defaultdict
from collections.abc import Mapping

from rdflib import Literal
from rdflib.namespace import XSD

from govgraph.queries import LibraryQuery, load_library, run_query
from govgraph.sparql.tokens import located
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


def for_report(text: str, grouping: str, given: set[str]) -> str:
    '''``text`` without the ``OPTIONAL { FILTER (?grouping = ...) ... }`` groups of other groupings and without
    the ``FILTER (!BOUND(?p) || ...)`` of parameters not ``given``.

    The query is read with the SPARQL tokenizer: spacing, line breaks, keyword case, comments and strings (braces
    in them included) do not matter.

    >>> print(for_report("""SELECT * WHERE {
    ...   ?task gg:issuedOn ?issued .
    ...   FILTER (!BOUND(?from) || ?issued >= ?from)
    ...   FILTER (!BOUND(?to) || ?issued <= ?to)
    ...   OPTIONAL { FILTER (?grouping = "person") ?task gg:assigner ?person . OPTIONAL { ?person foaf:name ?n } }
    ...   OPTIONAL {
    ...     FILTER (?grouping = "unit" || ?grouping = "province")
    ...     ?assignee gg:jurisdiction ?unit .
    ...   }
    ... }""", "unit", {"to"}))
    SELECT * WHERE {
      ?task gg:issuedOn ?issued .
      FILTER (!BOUND(?to) || ?issued <= ?to)
      OPTIONAL {
        FILTER (?grouping = "unit" || ?grouping = "province")
        ?assignee gg:jurisdiction ?unit .
      }
    }
    >>> query = "{ ?t ?p ?o .\\n  optional { # {\\n    filter (?grouping = 'person') ?t ?q '}' }\\n}"
    >>> print(for_report(query, "unit", set()))
    { ?t ?p ?o .
    }
    '''
    tokens = list(located(text))
    words = [token.text.upper() if token.kind == "name" else token.text for token, _ in tokens]
    cuts = []  # (first token, last token) of each piece left out
    index = 0
    while index < len(words):
        if words[index:index + 5] == ["FILTER", "(", "!", "BOUND", "("] and words[index + 6:index + 8] == [")", "||"]:
            cut = words[index + 5][1:] not in given  # a bound on a parameter not given keeps every task
        elif words[index:index + 4] == ["OPTIONAL", "{", "FILTER", "("]:
            named = _groupings(words[index + 4:_closing(words, index + 3)])
            cut = bool(named) and grouping not in named  # a group whose test is false for every task adds nothing
        else:
            cut = False
        if cut:
            cuts.append((index, _closing(words, index + 1)))
            index = cuts[-1][1]
        index += 1
    for first, last in reversed(cuts):
        start, end = tokens[first][1], tokens[last][1] + 1
        line = len(text[:start].rstrip(" \t"))
        if (line == 0 or text[line - 1] == "\n") and text[end:end + 1] in ("\n", ""):
            start = max(line - 1, 0)  # a whole line: its indent and its line break go too
        text = text[:start] + text[end:]
    return text


def _closing(words: list[str], opening: int) -> int:
    """The index of the ``)`` or ``}`` that closes the ``(`` or ``{`` at ``opening``."""
    pair = {"(": ")", "{": "}"}[words[opening]]
    depth = 0
    for index in range(opening, len(words)):
        depth += {words[opening]: 1, pair: -1}.get(words[index], 0)
        if depth == 0:
            return index
    raise ValueError(f"unbalanced {words[opening]}")


def _groupings(test: list[str]) -> set[str]:
    """The groupings a test ``?grouping = "a" || ?grouping = "b"`` names (as tokens); empty for any other test."""
    names = test[2::4]
    if (test[0::4] != ["?grouping"] * len(names) or test[1::4] != ["="] * len(names)
            or test[3::4] != ["||"] * (len(names) - 1) or any(name[:1] not in "\"'" for name in names)):
        return set()
    return {name[1:-1] for name in names}


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

