"""Small response helpers shared by the routes: one-line errors, RDF documents, cache validators."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from govgraph.server.negotiation import RDF_FORMATS
from govgraph.sparql.prefixes import PREDECLARED

TEXT_TYPES = ("text/", "application/sparql-results+json", "application/sparql-results+xml", "application/ld+json",
              "application/n-triples", "application/rdf+xml", "application/json")


def content_type(media_type: str) -> str:
    """``media_type`` with ``charset=utf-8`` where it is text.

    >>> content_type("text/turtle"), content_type("image/png")
    ('text/turtle; charset=utf-8', 'image/png')
    """
    return f"{media_type}; charset=utf-8" if media_type.startswith(TEXT_TYPES) else media_type


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A plain-text error naming what is wrong and what to do, on one line."""
    return Response(message.rstrip() + "\n", status_code=status, media_type="text/plain; charset=utf-8",
                    headers=headers)


def serialize(triples: list[ox.Triple], media_type: str) -> bytes:
    """Triples in the RDF serialization ``media_type`` names, with the project's prefixes where they fit."""
    _, rdf_format = RDF_FORMATS[media_type]
    used = {p: ns for p, ns in PREDECLARED.items()}
    return ox.serialize(triples, format=rdf_format, prefixes=used if rdf_format != ox.RdfFormat.N_TRIPLES else None)


def etag(build: str, *parts: str) -> str:
    """A validator that changes when the build or the representation changes.

    >>> etag("b1", "/id/x", "text/html") == etag("b1", "/id/x", "text/html") != etag("b2", "/id/x", "text/html")
    True
    """
    digest = hashlib.sha256("\0".join((build, *parts)).encode()).hexdigest()[:20]
    return f'"{digest}"'


def not_modified(request: Request, tag: str) -> bool:
    """Whether the client's ``If-None-Match`` already names ``tag`` (weak comparison)."""
    header = request.headers.get("if-none-match", "")
    if header.strip() == "*":
        return True
    wanted = {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}
    return tag in wanted
