"""A query worker: a child process that opens the store read-only and answers one query at a time.

Run as ``python -m govgraph.sparql.worker STORE_DIR [MAX_MEMORY_MIB]`` by :class:`govgraph.sparql.pool.QueryPool`, which talks to
it over its standard input and output in frames (a 4-byte big-endian length, then the bytes) and kills it
(SIGKILL) when a query overruns its time: pyoxigraph has no per-query timeout, so stopping the process is the
only way to free the CPU a runaway query holds. It imports only pyoxigraph and the serializers, to start fast;
solutions are written by pyoxigraph's own serializers (:mod:`govgraph.sparql.results`), not through Python terms.
With MAX_MEMORY_MIB the worker limits its own data memory (``RLIMIT_DATA``: heap and private mappings, not the
store's files) before it opens the store: a query that would hold more (a sorted cross product grows by about a
gigabyte a second) fails to allocate and the worker ends, instead of the machine running out of memory.

Request: a JSON frame ``{"query", "prefixes", "union", "media_types", "row_cap", "output_prefixes"}``.
Answer: a JSON frame ``{"ok": true, "kind", "media_type", "truncated", "count"}`` then a frame with the body,
or ``{"ok": false, "error": "syntax" | "media" | "engine", "message"}``.
"""

from __future__ import annotations

import json
import os
import signal
import struct
import sys
from typing import BinaryIO

import pyoxigraph as ox

from govgraph.sparql.media import MEDIA_TYPES as OFFERED
from govgraph.sparql.results import FORMATS as RESULTS_FORMATS, serialize_solutions

_LENGTH = struct.Struct(">I")
RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def write_frame(stream: BinaryIO, data: bytes) -> None:
    """Write one length-prefixed frame and flush it."""
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)
    stream.flush()


def read_frame(stream: BinaryIO) -> bytes | None:
    """The next frame, or None at the end of the stream."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    return stream.read(length)


def _pick(kind: str, wanted: list[str]) -> str | None:
    for media_type in wanted:
        if media_type in OFFERED[kind]:
            return media_type
        if media_type in ("*/*", ""):
            return OFFERED[kind][0]
    return None


def used_prefixes(triples: list, prefixes: dict[str, str]) -> dict[str, str]:
    """For each IRI of ``triples``, the prefix with the longest namespace it starts with (those, in name order).

    >>> t = ox.Triple(ox.NamedNode("http://e/n/a"), ox.NamedNode("http://e/p"), ox.Literal("x", language="vi"))
    >>> used_prefixes([t], {"e": "http://e/", "n": "http://e/n/", "z": "http://z/"})
    {'e': 'http://e/', 'n': 'http://e/n/'}
    """
    iris = {term.value for triple in triples for term in (triple.subject, triple.predicate, triple.object)
            if isinstance(term, ox.NamedNode)}
    iris |= {t.object.datatype.value for t in triples if isinstance(t.object, ox.Literal) and not t.object.language
             and t.object.datatype.value != "http://www.w3.org/2001/XMLSchema#string"}
    by_length = sorted(prefixes.items(), key=lambda item: -len(item[1]))
    chosen = {next((name for name, namespace in by_length if iri.startswith(namespace)), None) for iri in iris}
    return {name: prefixes[name] for name in sorted(chosen - {None})}


def answer(store: ox.Store, request: dict) -> tuple[dict, bytes]:
    """Run one request on ``store``; returns the header and the body to send back."""
    try:
        result = store.query(request["query"], prefixes=request.get("prefixes") or None,
                             use_default_graph_as_union=bool(request.get("union", True)))
    except SyntaxError as error:
        return {"ok": False, "error": "syntax", "message": str(error)}, b""
    except (OSError, ValueError, RuntimeError) as error:
        return {"ok": False, "error": "engine", "message": str(error)}, b""
    except MemoryError:
        return {"ok": False, "error": "memory", "message": "out of memory"}, b""
    kind = ("boolean" if isinstance(result, ox.QueryBoolean) else "graph" if isinstance(result, ox.QueryTriples)
            else "solutions")
    media_type = _pick(kind, request["media_types"])
    if media_type is None:
        return {"ok": False, "error": "media", "kind": kind, "message": ", ".join(OFFERED[kind])}, b""
    cap = int(request.get("row_cap") or 0)
    truncated, count = False, None
    try:
        if kind == "boolean":
            body = result.serialize(format=RESULTS_FORMATS[media_type])
        elif kind == "graph":
            triples = []
            for triple in result:
                if cap and len(triples) == cap:
                    truncated = True
                    break
                triples.append(triple)
            count = len(triples)
            body = ox.serialize(triples, format=RDF_FORMATS[media_type],
                                prefixes=used_prefixes(triples, request.get("output_prefixes") or {}) or None)
        else:
            body, truncated, count = serialize_solutions(result, media_type, cap)
    except (OSError, ValueError, RuntimeError) as error:  # errors raised while the answer streams
        return {"ok": False, "error": "engine", "message": str(error)}, b""
    except MemoryError:
        return {"ok": False, "error": "memory", "message": "out of memory"}, b""
    return {"ok": True, "kind": kind, "media_type": media_type, "truncated": truncated, "count": count}, body


def serve(store_path: str, requests: BinaryIO, answers: BinaryIO) -> int:
    """Open the store, say so, then answer requests until the input ends."""
    try:
        store = ox.Store.read_only(store_path)
    except (OSError, RuntimeError) as error:  # RocksDB's "Corruption: ..." is a RuntimeError
        write_frame(answers, json.dumps({"ok": False, "error": "store", "message": str(error)}).encode())
        return 2
    write_frame(answers, json.dumps({"ok": True, "ready": os.getpid()}).encode())
    while (frame := read_frame(requests)) is not None:
        header, body = answer(store, json.loads(frame))
        write_frame(answers, json.dumps(header).encode())
        if header["ok"]:
            write_frame(answers, body)
    return 0


def limit_memory(mib: int) -> None:
    """Limit this process's data memory to ``mib`` MiB (0: no limit); the pool reads an allocation failure as the
    query needing more."""
    if mib > 0:
        import resource

        limit = mib * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def main(argv: list[str]) -> int:
    """Answer queries on the store ``argv[0]`` (with ``argv[1]`` MiB of data memory at most, when given)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pool stops its workers; Ctrl-C is the parent's
    limit_memory(int(argv[1]) if len(argv) > 1 else 0)
    return serve(argv[0], sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
