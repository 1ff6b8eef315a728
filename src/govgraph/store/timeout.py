"""The time limit on a query: its default and the ``--timeout`` option's type, shared by every command.

A module of its own so that a command reads its options without importing the endpoint's HTTP client.

>>> parse_timeout("2.5"), DEFAULT_TIMEOUT
(2.5, 30.0)
>>> parse_timeout("inf")
Traceback (most recent call last):
argparse.ArgumentTypeError: 'inf' is not a positive number of seconds up to 86400 (give e.g. 30)
>>> parse_timeout("1e10")
Traceback (most recent call last):
argparse.ArgumentTypeError: '1e10' is not a positive number of seconds up to 86400 (give e.g. 30)
"""

from __future__ import annotations

import argparse
import math

DEFAULT_TIMEOUT = 30.0
# One day. The operating system's clocks and waits (select, socket timeouts) overflow somewhere above 1e9 s, and a
# query that runs for a day is a runaway by any measure: a larger value is refused, not passed on to crash.
MAX_TIMEOUT = 86_400.0


def is_timeout(value: object) -> bool:
    """Whether ``value`` is a usable timeout: a number of seconds above 0 and at most :data:`MAX_TIMEOUT`.

    >>> is_timeout(30), is_timeout(0), is_timeout(float("nan")), is_timeout(True), is_timeout("30")
    (True, False, False, False, False)
    """
    return (not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value)
            and 0 < value <= MAX_TIMEOUT)


def parse_timeout(text: str) -> float:
    """A timeout in seconds from the command line: a positive, finite number up to :data:`MAX_TIMEOUT`."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        value = math.nan
    if not is_timeout(value):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a positive number of seconds up to {MAX_TIMEOUT:g} (give e.g. 30)")
    return value
