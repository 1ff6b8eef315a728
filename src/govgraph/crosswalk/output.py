"""The totals as CSV; :mod:`govgraph.files` writes them safely: never over the input, never half a file.

Numbers are written unambiguously, whatever convention the input used: digits, '-' when negative, '.' before the
decimals, no thousands grouping (``1234567.5``), in UTF-8 with ',' between fields.
"""

from __future__ import annotations

import csv
from typing import TextIO

from govgraph.crosswalk.numbers import plain
from govgraph.crosswalk.totals import CrosswalkResult
from govgraph.files import check_out, write_atomically

__all__ = ["check_out", "write_atomically", "write_totals"]


def write_totals(result: CrosswalkResult, handle: TextIO) -> None:
    """CSV: new code, new name, one total per value column (empty when nothing was summed into it), how many former
    units were summed, and which totals are incomplete and why (empty: every total is complete)."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["new_code", "new_name", *result.value_columns, "former_units", "incomplete"])
    for code in sorted(set(result.totals) | set(result.gaps)):
        sums = result.totals.get(code, {})
        cells = [plain(sums[c]) if c in sums else "" for c in result.value_columns]
        writer.writerow([code, result.names[code], *cells, result.sources.get(code, 0), result.incomplete(code)])
