"""Re-key statistics from the units in force until 30 June 2025 to the units in force since 1 July 2025.

One module per concept: :mod:`.readers` (CSV and ``.xlsx``, with :mod:`.decoding` for encodings),
:mod:`.numbers` (the decimal and thousands marks), :mod:`.codes` (the input's level, leading zeros),
:mod:`.successors` (the crosswalk table from the graph), :mod:`.totals` (the sums and the report) and
:mod:`.output` (the totals as CSV, written safely).
"""

from govgraph.crosswalk.codes import infer_level, restore
from govgraph.crosswalk.numbers import VIETNAMESE, NumberConvention, NumberError, plain
from govgraph.crosswalk.output import check_out, write_atomically, write_totals
from govgraph.crosswalk.readers import Row, Table, read_table
from govgraph.crosswalk.successors import Former, Successor, successor_table
from govgraph.crosswalk.totals import CrosswalkResult, Gap, Issue, crosswalk

__all__ = ["VIETNAMESE", "CrosswalkResult", "Former", "Gap", "Issue", "NumberConvention", "NumberError", "Row",
           "Successor", "Table", "check_out", "crosswalk", "infer_level", "plain", "read_table", "restore",
           "successor_table", "write_atomically", "write_totals"]
