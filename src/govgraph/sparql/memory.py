"""The memory bound of a query worker: its default and the ``--max-memory`` option's type (``sparql``, ``serve``).

A module of its own, without the pool, so that a command reads its options without importing the worker pool.

>>> parse_max_memory("512"), parse_max_memory("0"), DEFAULT_MAX_MEMORY_MIB
(512, 0, 2048)
>>> parse_max_memory("2G")
Traceback (most recent call last):
argparse.ArgumentTypeError: '2G' is not a whole number of MiB (give e.g. 2048, or 0 for no bound)
"""

from __future__ import annotations

import argparse

# The data memory (heap, private mappings) a worker may use, in MiB. The library's queries peak at about 140 MiB on
# the built graph and a CONSTRUCT of all of it (no row cap) at about 540 MiB; a sorted cross product grows by about
# a gigabyte a second, and would take the machine's memory well within the default timeout without a bound.
DEFAULT_MAX_MEMORY_MIB = 2048
MIN_MAX_MEMORY_MIB = 256  # below this a worker cannot open the store and answer the library's queries


def parse_max_memory(text: str) -> int:
    """A worker's memory bound from the command line: whole MiB, at least :data:`MIN_MAX_MEMORY_MIB`, or 0 (none)."""
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number of MiB (give e.g. {DEFAULT_MAX_MEMORY_MIB}, or 0 for no bound)") from None
    if value != 0 and not MIN_MAX_MEMORY_MIB <= value <= 1 << 30:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give at least {MIN_MAX_MEMORY_MIB} MiB (e.g. {DEFAULT_MAX_MEMORY_MIB}), or 0 for no bound")
    return value
