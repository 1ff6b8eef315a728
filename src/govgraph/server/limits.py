"""Admission control: at most ``max_queries`` queries in the server at once (running or waiting for a worker);
the next one is told ``429 Too Many Requests`` with ``Retry-After`` at once, before it costs anything.

>>> gate = Admission(1)
>>> gate.try_enter(), gate.try_enter()
(True, False)
>>> gate.leave(); gate.in_flight
0
"""

from __future__ import annotations

import threading


class Admission:
    """A counter with a ceiling, safe across threads; the event loop never waits on it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.in_flight = 0
        self.refused = 0
        self._lock = threading.Lock()

    def try_enter(self) -> bool:
        """Take a place if one is free (True); else count the refusal and return False."""
        with self._lock:
            if self.in_flight >= self.limit:
                self.refused += 1
                return False
            self.in_flight += 1
            return True

    def leave(self) -> None:
        """Give back the place a successful :meth:`try_enter` took."""
        with self._lock:
            self.in_flight -= 1
