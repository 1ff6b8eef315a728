"""The dataset's distributions: TriG, N-Quads, Turtle, N-Triples and JSON-LD, each gzip-compressed.

TriG, N-Quads and JSON-LD keep the named graphs; Turtle and N-Triples hold their union (the merged default
graph), as ``govgraph build`` writes them. The JSON-LD is in expanded form, so it needs no context and none is
fetched; the published ``context.jsonld`` (govgraph's prefixes) compacts it for readers who want short names.

>>> [d.file_name("1.0.0") for d in DISTRIBUTIONS][:2]
['govgraph-1.0.0.trig.gz', 'govgraph-1.0.0.nq.gz']
"""

from __future__ import annotations

import json
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from govgraph.assembly.writer import built_file
from govgraph.namespaces import PREFIXES
from govgraph.publishing.files import Packed, compress

CONTEXT_FILE = "context.jsonld"


@dataclass(frozen=True)
class Distribution:
    """One serialization of the dataset in a release."""

    key: str
    format: ox.RdfFormat
    title: str

    def file_name(self, version: str) -> str:
        """The compressed file of this distribution in release ``version``.

        >>> NQUADS.file_name("0.1.0")
        'govgraph-0.1.0.nq.gz'
        """
        return f"govgraph-{version}.{self.format.file_extension}.gz"

    @property
    def media_type(self) -> str:
        """The media type of the uncompressed content, e.g. ``application/n-quads``."""
        return self.format.media_type


DISTRIBUTIONS = (
    Distribution("trig", ox.RdfFormat.TRIG, "TriG (named graphs)"),
    Distribution("nq", ox.RdfFormat.N_QUADS, "N-Quads (named graphs)"),
    Distribution("ttl", ox.RdfFormat.TURTLE, "Turtle (union of the named graphs)"),
    Distribution("nt", ox.RdfFormat.N_TRIPLES, "N-Triples (union of the named graphs)"),
    Distribution("jsonld", ox.RdfFormat.JSON_LD, "JSON-LD, expanded (named graphs)"),
)
NQUADS = DISTRIBUTIONS[1]
JSONLD = DISTRIBUTIONS[4]


def context_document() -> dict:
    """The JSON-LD context published with each release: govgraph's prefixes, nothing remote."""
    return {"@context": dict(sorted(PREFIXES.items()))}


def write_context(folder: Path) -> Path:
    """Write :func:`context_document` into ``folder``; returns its path."""
    path = folder / CONTEXT_FILE
    path.write_text(json.dumps(context_document(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def compress_built(build: Path, folder: Path, version: str, pool: Executor) -> dict[str, Future[Packed]]:
    """TriG, N-Quads, Turtle and N-Triples compressed into ``folder`` in ``pool``'s threads (zlib works outside
    the GIL): the files ``govgraph build`` wrote into ``build`` from the same statements as its N-Quads (with the
    same prefixes), compressed as they are, not parsed and written again."""
    return {d.key: pool.submit(compress, built_file(build, f"govgraph.{d.key}"), folder / d.file_name(version))
            for d in DISTRIBUTIONS if d is not JSONLD}


def write_jsonld(store: ox.Store, folder: Path, version: str) -> Packed:
    """The JSON-LD distribution, which the build does not write, serialised from ``store`` into its gzip stream."""
    return compress(lambda out: store.dump(out, format=JSONLD.format), folder / JSONLD.file_name(version))
