"""Where the hand-edited sources (ontology, shapes, data, queries) are found.

An installed wheel carries them in ``govgraph/_resources``; an editable install or a source checkout reads
them from the repository root, so an edit to ``queries/*.rq`` shows at once.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def project_root() -> Path:
    """The folder holding ``ontology/``, ``shapes/``, ``data/`` and ``queries/``."""
    bundled = _PACKAGE / "_resources"
    if (bundled / "ontology").is_dir():
        return bundled
    checkout = _PACKAGE.parent.parent
    if (checkout / "ontology").is_dir():
        return checkout
    raise FileNotFoundError("govgraph's ontology/ folder is neither bundled nor in a checkout")


def ontology_dir() -> Path:
    """The folder of the ontology's Turtle files (``ontology/``)."""
    return project_root() / "ontology"


def shapes_dir() -> Path:
    """The folder of the SHACL shapes (``shapes/``)."""
    return project_root() / "shapes"


def data_dir() -> Path:
    """The folder of the curated data, change sets, holders and reference tables (``data/``)."""
    return project_root() / "data"


def queries_dir() -> Path:
    """The folder of the query library (``queries/``, one ``.rq`` file per query).

    >>> (queries_dir() / "units-of-province.rq").is_file()
    True
    """
    return project_root() / "queries"


def turtle_files(folder: Path) -> list[Path]:
    """Every ``*.ttl`` below ``folder``, in a stable order."""
    return sorted(folder.rglob("*.ttl"))
