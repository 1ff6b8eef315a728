"""The day a query means by "today": the one place a default date comes from.

Queries declare ``default=today`` on a date parameter (``#+ param: date date optional default=today ...``); when
the user gives no value, :func:`today` supplies it. Tests and reproducible runs pin it with the environment variable
``GOVGRAPH_TODAY`` (``YYYY-MM-DD``) or by replacing this function.

>>> import os
>>> os.environ["GOVGRAPH_TODAY"] = "2026-11-27"
>>> today()
'2026-11-27'
>>> del os.environ["GOVGRAPH_TODAY"]
"""

from __future__ import annotations

import os
import time

from govgraph.errors import UsageError

ENVIRONMENT_VARIABLE = "GOVGRAPH_TODAY"


def today() -> str:
    """Today's date as ``YYYY-MM-DD``, or the pinned day of ``GOVGRAPH_TODAY``."""
    pinned = os.environ.get(ENVIRONMENT_VARIABLE)
    if pinned:
        import datetime  # only to check a pinned day: the local date needs no more than the time module

        try:
            return datetime.date.fromisoformat(pinned).isoformat()
        except ValueError:
            raise UsageError(f"{ENVIRONMENT_VARIABLE}={pinned!r} is not a day", hint="write it as YYYY-MM-DD") from None
    return time.strftime("%Y-%m-%d")


DEFAULTS = {"today": lambda: today()}
"""The named defaults a parameter may declare (``default=NAME``), each a function of no argument."""
