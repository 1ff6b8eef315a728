"""Notes on a true answer that needs a word: what an empty answer means, and days the graph cannot vouch for.

An answer with no rows whose parameters all name something (:func:`govgraph.queries.hints.check_empty_answer`
found nothing wrong) is true, but a bare empty table says nothing: :func:`empty_note` gives the query's own
explanation (its ``#+ empty:`` header). Unit versions in force until 30 June 2025 have no recorded start, so an
answer about an earlier day shows them as in force that day, which the source does not confirm: :func:`day_note`
says so. Notes go to standard error, after the answer; the exit code stays 0.
"""

from __future__ import annotations

from collections.abc import Mapping

from govgraph.queries.library import LibraryQuery
from govgraph.store.base import Store
from govgraph.store.terms import lexical
from govgraph.store.values import with_values

# The last day of a unit version that ended after the day asked but has no recorded start: a version the answer
# counts as in force although the graph cannot say it had begun by then.
UNSTARTED_QUERY = """\
PREFIX gg: <https://w3id.org/govgraph/ontology#>
SELECT ?until WHERE {
  ?version gg:validUntil ?until .
  FILTER (?date < ?until)
  FILTER NOT EXISTS { ?version gg:validFrom ?from }
} LIMIT 1"""


def empty_note(query: LibraryQuery) -> str:
    """The note for an answer with no rows: the query's ``empty:`` header, else a plain statement.

    >>> from govgraph.queries import load_library
    >>> empty_note(load_library()["career"])
    'note: no rows: No person in the graph has that id or name: ...'
    >>> empty_note(load_library()["transfers"])
    'note: no rows: nothing in the graph matches the parameters'
    """
    return f"note: no rows: {query.empty or 'nothing in the graph matches the parameters'}"


def day_note(store: Store, query: LibraryQuery, bound: Mapping[str, object], raw: Mapping[str, str]) -> str | None:
    """A note when the user asked about a day before the start of unit versions the graph has no start for.

    >>> from govgraph.queries import load_library
    >>> from govgraph.queries.runner import bind_parameters
    >>> from govgraph.store import EmbeddedStore
    >>> store = EmbeddedStore.from_turtle('''@prefix gg: <https://w3id.org/govgraph/ontology#> .
    ...   <http://e/u> gg:validUntil "2025-06-30"^^<http://www.w3.org/2001/XMLSchema#date> .''')
    >>> query = load_library()["unit-counts"]
    >>> print(day_note(store, query, bind_parameters(query, {"date": "2020-01-01"}), {"date": "2020-01-01"}))
    note: the graph records no start day for the unit versions in force until 2025-06-30 (the source gives none): the answer takes them as in force on 2020-01-01, which may not be so for units changed before then
    >>> day_note(store, query, bind_parameters(query, {"date": "2025-06-30"}), {"date": "2025-06-30"}) is None
    True
    """
    if "date" not in raw or not query.takes_date:
        return None
    table = store.select(with_values(UNSTARTED_QUERY, {"date": bound["date"]}))
    if not table.cells:
        return None
    until, day = lexical(table.cells[0][0]), lexical(bound["date"])
    return (f"note: the graph records no start day for the unit versions in force until {until} (the source gives "
            f"none): the answer takes them as in force on {day}, which may not be so for units changed before then")
