"""A free TCP port on the loopback interface, for the servers the tests and the benches start.

One helper for both: the tests import it as ``tests.ports``, and so does ``bench/serve.py`` (the repository's
root put first on its path).
"""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port of 127.0.0.1 nothing listens on now, chosen by the system, for a server started next to take.

    >>> 1024 <= free_port() < 65536
    True
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
