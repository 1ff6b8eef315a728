"""Where the built graph lives: ``--build-dir DIR``, else ``$GOVGRAPH_BUILD_DIR``, else ``./build``.

``govgraph build --out DIR`` writes the dumps and an on-disk pyoxigraph store at ``DIR/store/``; every other
command opens that store read-only.

>>> build_dir("/data/govgraph")
PosixPath('/data/govgraph')
>>> build_dir(None, environ={"GOVGRAPH_BUILD_DIR": "/srv/gg"})
PosixPath('/srv/gg')
>>> build_dir(None, environ={})
PosixPath('build')
>>> store_dir(Path("build"))
PosixPath('build/store')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENVIRONMENT_VARIABLE = "GOVGRAPH_BUILD_DIR"
DEFAULT_BUILD_DIR = Path("build")
STORE_DIR = "store"
HELP = f"where 'govgraph build' wrote the graph (default: ${ENVIRONMENT_VARIABLE}, else ./build)"


def build_dir(arg: str | os.PathLike[str] | None = None, *, environ: Mapping[str, str] | None = None) -> Path:
    """The build folder: the command-line value, else the environment variable, else ``./build``."""
    if arg is not None and str(arg) != "":
        return Path(arg)
    value = (os.environ if environ is None else environ).get(ENVIRONMENT_VARIABLE, "")
    return Path(value) if value else DEFAULT_BUILD_DIR


def store_dir(build: Path) -> Path:
    """The on-disk store inside a build folder."""
    return build / STORE_DIR


def add_build_dir_argument(parser) -> None:
    """The one ``--build-dir`` option every command shares; resolve it with :func:`build_dir`."""
    parser.add_argument("--build-dir", type=Path, default=None, metavar="DIR", help=HELP)
