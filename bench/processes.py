"""What every bench measures the same way: a fresh process's time (and peak memory), and the machine's load.

>>> import sys
>>> run = timed([sys.executable, "-c", "print('hi')"])
>>> run.status, run.out.strip(), run.wall > 0, run.cpu >= 0, run.peak_mb
(0, b'hi', True, True, None)
>>> load().startswith("load average ")
True
"""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import NamedTuple

GNU_TIME = Path("/usr/bin/time")


class Run(NamedTuple):
    """One run of a fresh process: wall seconds, CPU seconds (user + system, the process and the children it
    waited for), exit status, its standard output and error when captured, peak memory in MB when asked."""

    wall: float
    cpu: float
    status: int
    out: bytes | str | None
    err: bytes | str | None
    peak_mb: float | None = None


def timed(argv: Sequence[str], *, ok: Collection[int] | None = (0,), peak_memory: bool = False, **options) -> Run:
    """Run ``argv`` as a fresh process and time it; CPU seconds come from ``RUSAGE_CHILDREN`` around the run.

    ``options`` go to :func:`subprocess.run` (``env=``, ``text=``, ``stdout=``, ``stderr=``); standard output and
    error are captured unless redirected. An exit status not in ``ok`` stops the bench (``ok=None``: the caller
    looks at ``status``). ``peak_memory``: the peak resident memory of the command, from GNU time
    (``/usr/bin/time``) wrapped around it when installed, since the ``wait4`` figures of a direct child start from
    this process's own peak, which a child inherits through fork and exec.
    """
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as figures:
        wrapper = [str(GNU_TIME), "-f", "%M", "-o", figures.name] if peak_memory and GNU_TIME.is_file() else []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run([*wrapper, *argv], **options)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        words = [line.split() for line in figures.read().split("\n") if len(line.split()) == 1]
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if ok is not None and done.returncode not in ok:
        err = done.stderr.decode("utf-8", "replace") if isinstance(done.stderr, bytes) else done.stderr or ""
        shown = " ".join(map(str, argv[:5])) + (" ..." if len(argv) > 5 else "")
        raise SystemExit(f"{shown} failed ({done.returncode}): {err.strip()[-400:]}")
    peak = None
    if peak_memory:
        peak = int(words[-1][0]) / 1024 if wrapper and words and words[-1][0].isdigit() else after.ru_maxrss / 1024
    return Run(wall, cpu, done.returncode, done.stdout, done.stderr, peak)


def load() -> str:
    """The machine's load average over 1, 5 and 15 minutes, as every bench prints it (the machine is shared)."""
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())

