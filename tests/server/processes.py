"""Child processes the server tests start (``govgraph serve``, Chromium): each stopped by its own PID."""

from __future__ import annotations

import os
import signal
import subprocess


def stop(process: subprocess.Popen, grace: float = 15) -> None:
    """SIGTERM, then SIGKILL if it has not ended after ``grace`` seconds; reaped either way."""
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
