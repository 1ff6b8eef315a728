"""Writing a command's output file safely: never over one of its inputs, never half a file.

Shared by the commands that take ``--out`` (``crosswalk``, ``ingest``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from govgraph.errors import InputError, UsageError


def check_out(out: Path, inputs: list[Path]) -> None:
    """Refuse an output path that is an input (the same path, or a link to it) or cannot be a file."""
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder", hint="name a file")
    if not out.parent.is_dir():
        raise UsageError(f"--out {out}: no folder {out.parent}")
    for given in inputs:
        if out.exists() and given.exists() and os.path.samefile(out, given):
            raise UsageError(f"--out {out} is the input file {given}", hint="write the output to another file")


def write_atomically(out: Path, write: Callable[[TextIO], None]) -> None:
    """Write a file through a temporary file in its folder, renamed over ``out`` only once complete.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "t.csv", lambda handle: handle.write("a,b\\n"))
    >>> sorted(p.name for p in folder.iterdir()), (folder / "t.csv").read_text()
    (['t.csv'], 'a,b\\n')
    """
    try:
        descriptor, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    except OSError as error:
        raise InputError(f"cannot write into {out.parent}: {error.strerror}", path=out) from None
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode(out))
        os.replace(temporary, out)
    except OSError as error:
        raise InputError(f"cannot write the file: {error.strerror}", path=out) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _mode(out: Path) -> int:
    """The mode of the file being replaced, else what a new file gets under the umask."""
    try:
        return os.stat(out).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
