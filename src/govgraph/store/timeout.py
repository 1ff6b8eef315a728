"""The time limit on a query: its default and the ``--timeout`` option's type, shared by every command.

A module of its own so that a command reads its options without importing the endpoint's HTTP client.

>>> parse_timeout("2.5"), DEFAULT_TIMEOUT
(2.5, 30.0)
>>> parse_timeout("inf")
Traceback (most recent call last):
argparse.ArgumentTypeError: 'inf' is not a positive number of seconds (give e.g. 30)
"""

from __future__ import annotations

import argparse
import math

DEFAULT_TIMEOUT = 30.0


def parse_timeout(text: str) -> float:
    """A timeout in seconds: a positive, finite number."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds (give e.g. 30)")
    return value
