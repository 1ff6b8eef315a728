"""A record that a built graph passed validation, keyed by everything that decides the result.

Validating the built graph is a pure function of its statements (``govgraph.nq``, the ontology included), the
shapes (``shapes/*.ttl``), the checks (``queries/checks/*.rq``) and the validator's code. The key is the SHA-256
of all of them (and the package version). ``govgraph validate`` (of the build) and ``govgraph release`` record a
key when the graph validates, as an empty file named by the key in ``$GOVGRAPH_CACHE_DIR/validated/`` (default
``~/.cache/govgraph``), never in the build folder; ``govgraph release`` skips its own validation when the key it
computes is recorded: the same content under the same rules gives the same report. A changed statement, shape,
check or validator gives another key, and the validation runs. ``govgraph release --revalidate`` runs it whatever
is recorded.

>>> import os, tempfile
>>> saved = os.environ.get("GOVGRAPH_CACHE_DIR")
>>> os.environ["GOVGRAPH_CACHE_DIR"] = tempfile.mkdtemp()
>>> build = Path(tempfile.mkdtemp())
>>> _ = (build / "govgraph.nq").write_text('<http://e/a> <http://e/p> "1" <http://e/g> .\\n')
>>> key = validation_key(build)
>>> passed(key)
False
>>> record(key)
True
>>> passed(key)
True
>>> _ = (build / "govgraph.nq").write_text('<http://e/a> <http://e/p> "2" <http://e/g> .\\n')
>>> passed(validation_key(build))
False
>>> _ = os.environ.pop("GOVGRAPH_CACHE_DIR") if saved is None else os.environ.update(GOVGRAPH_CACHE_DIR=saved)
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from govgraph import __version__, resources

DATASET = "govgraph.nq"
CHUNK = 1 << 22


def cache_dir() -> Path:
    """``$GOVGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/govgraph``, else ``~/.cache/govgraph``."""
    if os.environ.get("GOVGRAPH_CACHE_DIR"):
        return Path(os.environ["GOVGRAPH_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govgraph"


def validation_key(build: Path) -> str:
    """The SHA-256 of the built statements, the shapes, the checks and the validator's code."""
    import govgraph.validation

    digest = hashlib.sha256(f"govgraph {__version__}\n".encode())
    rules = (sorted(resources.shapes_dir().glob("*.ttl")) + sorted((resources.queries_dir() / "checks").glob("*.rq"))
             + sorted(Path(govgraph.validation.__file__).parent.rglob("*.py")))
    for path in [*rules, build / DATASET]:
        digest.update(f"\0{path.name}\0".encode())
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(CHUNK), b""):
                digest.update(block)
    return digest.hexdigest()


def passed(key: str) -> bool:
    """Whether a validation that passed recorded ``key``."""
    return (cache_dir() / "validated" / key).is_file()


def record(key: str) -> bool:
    """Record that the build with ``key`` validates; False when the cache folder is not writable."""
    try:
        folder = cache_dir() / "validated"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / key).touch()
    except OSError:
        return False
    return True
