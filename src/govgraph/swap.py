"""Replacing a folder whole: a new folder is built beside it, then swapped in for it.

Until the swap the folder is untouched; a reader sees the old folder or the new one, never a mixture. The swap
is one ``renameat2(RENAME_EXCHANGE)`` where the system has it (Linux, on most file systems), so the folder is
never missing; elsewhere it is two renames (the old folder aside, the new one in), and a failure or interrupt
between them puts the old folder back.

The things a run keeps beside the folder are named after a pattern holding their ``{kind}`` (``new``: the folder
being built; ``old``: the folder moved aside by two renames; or a caller's own, a temporary file say), the
``{pid}`` of the run's process and, where several folders share a parent, the folder's ``{name}``. A run that is
killed leaves them behind: the next run removes them once their process is gone, and puts an old folder back if
the swap was cut between its two renames (:meth:`FolderSwap.clean`).

Used by ``govgraph build`` (its store, :mod:`govgraph.store.disk`) and by ``govgraph load`` into an Oxigraph
store folder or a TDB2 database.

>>> import tempfile
>>> parent = Path(tempfile.mkdtemp())
>>> swap = FolderSwap(parent / "db", ".{kind}-{pid}-{name}")
>>> for version in ("1", "2"):
...     new = swap.path("new")
...     new.mkdir()
...     _ = (new / "version").write_text(version)
...     swap.swap_in(new)
PosixPath('/.../db')
PosixPath('/.../db')
>>> (parent / "db" / "version").read_text(), sorted(p.name for p in parent.iterdir())
('2', ['db'])
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import string
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

NEW, OLD = "new", "old"
_FIELDS = {"kind": "(?P<kind>[a-z]+)", "pid": "(?P<pid>[0-9]+)"}
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def alive(pid: int) -> bool:
    """Whether the process ``pid`` is running (this process is).

    >>> alive(os.getpid())
    True
    """
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` in one atomic step (``renameat2`` with ``RENAME_EXCHANGE``).

    Returns False, having touched nothing, where the system or the file system cannot; another failure is an
    :class:`OSError`.
    """
    import ctypes

    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


class Leftover(NamedTuple):
    """A thing a run keeps beside the folder: its path, its kind and the run's process."""

    path: Path
    kind: str
    pid: int


class FolderSwap:
    """The folder ``target``, replaced whole by a folder built beside it; ``pattern`` names what a run keeps there.

    ``files`` gives the suffix of the kinds that are files (``{"kept": ".nq"}``); ``what`` and ``run`` name the
    folder and the run in the progress messages of :meth:`clean`.

    >>> swap = FolderSwap(Path("/srv/tdb"), ".govgraph-{kind}-{pid}-{name}", files={"kept": ".nq"})
    >>> swap.path("new", 42), swap.path("kept", 42)
    (PosixPath('/srv/.govgraph-new-42-tdb'), PosixPath('/srv/.govgraph-kept-42-tdb.nq'))
    """

    def __init__(self, target: Path, pattern: str, *, files: Mapping[str, str] | None = None,
                 what: str = "folder", run: str = "run"):
        self.target, self.pattern, self.files, self.what, self.run = target, pattern, dict(files or {}), what, run
        fields = {**_FIELDS, "name": re.escape(target.name)}
        self._name = re.compile("".join(re.escape(text) + (fields[field] if field else "")
                                        for text, field, _, _ in string.Formatter().parse(pattern))
                                + r"(\.[a-z]+)?")

    def path(self, kind: str, pid: int | None = None) -> Path:
        """Where the run of process ``pid`` (default: this one) keeps its ``kind`` beside the folder."""
        name = self.pattern.format(kind=kind, pid=os.getpid() if pid is None else pid, name=self.target.name)
        return self.target.with_name(name + self.files.get(kind, ""))

    def leftovers(self) -> list[Leftover]:
        """What runs, this one included, keep beside the folder now, in name order."""
        if not self.target.parent.is_dir():
            return []
        found = []
        for entry in sorted(self.target.parent.iterdir()):
            match = self._name.fullmatch(entry.name)
            if match and entry.name == self.path(match["kind"], int(match["pid"])).name:
                found.append(Leftover(entry, match["kind"], int(match["pid"])))
        return found

    def running(self) -> list[int]:
        """The processes other than this one, still running, that keep something beside the folder."""
        return sorted({pid for _, _, pid in self.leftovers() if pid != os.getpid() and alive(pid)})

    def clean(self, progress: Callable[[str], None] = lambda message: None) -> None:
        """Remove what runs that are no longer running left beside the folder (the leftovers of running ones stay).

        An old folder is put back if the folder is missing (its swap was cut between the two renames), else
        removed (its swap had finished).
        """
        for entry, kind, pid in self.leftovers():
            if pid != os.getpid() and alive(pid):
                continue
            if kind == OLD and not self.target.exists():
                progress(f"putting back the {self.what} as it was before an interrupted {self.run} ({entry.name})")
                os.rename(entry, self.target)
                continue
            if kind == NEW:
                progress(f"removing the {self.what} an interrupted {self.run} left half built ({entry.name})")
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)

    def begin(self, progress: Callable[[str], None] = lambda message: None) -> None:
        """Start a run that replaces the folder: refused while another run of it is going on (its process is
        alive), else what stopped runs left is cleaned up (:meth:`clean`). Both failures are one-line govgraph
        errors naming the folder.

        >>> import tempfile
        >>> swap = FolderSwap(Path(tempfile.mkdtemp()) / "db", ".{kind}-{pid}", what="store", run="load")
        >>> swap.begin()
        >>> _ = swap.path("new", pid=1).mkdir()  # PID 1 always runs
        >>> swap.begin()
        Traceback (most recent call last):
        govgraph.errors.UsageError: .../db: another 'govgraph load' is writing this store (process 1)
        """
        from govgraph.errors import InputError, UsageError

        running = self.running()
        if running:
            raise UsageError(f"another 'govgraph {self.run}' is writing this {self.what} (process {running[0]})",
                             path=self.target)
        try:
            self.clean(progress)
        except OSError as error:
            raise InputError(f"cannot clean up after an interrupted {self.run}: {error.strerror or error}",
                             path=self.target) from None

    def swap_in(self, new: Path) -> Path:
        """Put the folder ``new``, built beside the folder, in its place and remove the old one; returns the folder.

        On a failure or an interrupt before the swap, the folder is as it was and ``new`` is removed.
        """
        old = None
        try:
            if not self.target.exists():
                os.rename(new, self.target)
            elif exchange(new, self.target):
                old = new  # it holds the old folder now
            else:
                old = self.path(OLD)
                os.rename(self.target, old)
                os.rename(new, self.target)
        except BaseException:
            if old is not None and old != new and old.exists() and not self.target.exists():
                os.rename(old, self.target)
            shutil.rmtree(new, ignore_errors=True)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return self.target
