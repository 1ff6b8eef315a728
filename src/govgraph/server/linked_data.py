"""Linked-data pages: every IRI under https://w3id.org/govgraph/ answered at the matching path of this server.

``/id/unit/31/2025-07-01`` is ``https://w3id.org/govgraph/id/unit/31/2025-07-01``; ``/ontology`` (and the
ontology's ``owl:versionIRI``) is the ontology, whose terms ``/ontology#Term`` are anchors of its page.
HTML for people, Turtle, N-Triples, JSON-LD or RDF/XML by ``Accept`` or by extension (``.ttl .nt .jsonld
.rdf``); ``Vary: Accept``; ``406`` for a type it cannot give; ``404`` for an IRI the graph does not hold;
``ETag`` and ``304``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from govgraph.namespaces import BASE, ONTOLOGY_IRI
from govgraph.server.negotiation import EXTENSIONS, HTML, RDF_FORMATS, choose
from govgraph.server.pages.html import layout, tag
from govgraph.server.pages.ontology import ontology_page, ontology_triples, version_iris
from govgraph.server.pages.resource import resource_page
from govgraph.server.responses import content_type, error, etag, not_modified, serialize

OFFERS = [HTML, *RDF_FORMATS]


@dataclass(frozen=True)
class Document:
    """What a path names: the IRI, how to render it as HTML, and its triples."""

    iri: str
    html: Callable[[], str]
    triples: Callable[[], list]


def split_extension(path: str) -> tuple[str, str | None]:
    """``/id/x.ttl`` -> (``/id/x``, ``text/turtle``); a path without a known extension is kept whole.

    >>> split_extension("/id/unit/31/2025-07-01.jsonld")
    ('/id/unit/31/2025-07-01', 'application/ld+json')
    >>> split_extension("/id/unit/31/2025-07-01")
    ('/id/unit/31/2025-07-01', None)
    """
    stem, dot, extension = path.rpartition(".")
    if dot and "/" not in extension and extension in EXTENSIONS:
        return stem, EXTENSIONS[extension]
    return path, None


def find_document(reader, path: str) -> Document | None:
    """The document the graph holds at ``path``, or ``None``."""
    iri = BASE + path.lstrip("/")
    try:
        ox.NamedNode(iri)
    except ValueError:  # not an IRI at all (spaces, angle brackets...): nothing the graph can hold
        return None
    if iri == ONTOLOGY_IRI or iri in version_iris(reader):
        return Document(ONTOLOGY_IRI, lambda: ontology_page(reader), lambda: ontology_triples(reader))
    if reader.holds(iri):
        return Document(iri, lambda: resource_page(reader, iri), lambda: reader.description(iri))
    return None


def not_found(path: str) -> Response:
    """The 404 page for an IRI the graph holds no statement about."""
    iri = BASE + path.lstrip("/")
    body = layout("Not found", tag("h1", "Not in the graph") + tag(
        "p", f"The graph holds no statement about {iri}.") + tag("p", tag("a", "Search the units", href="/search")))
    return HTMLResponse(body, status_code=404)


async def linked_data(request: Request) -> Response:
    """Any path no other route takes: the document the graph holds at it (:func:`find_document`), in the format of
    the path's extension or else of ``Accept`` (HTML when it accepts anything). A path whose extension names no
    document is tried whole, as an IRI that ends in that extension. 404 (an HTML page) for an IRI the graph holds
    nothing about, 406 for a type it cannot give, 304 when ``If-None-Match`` names the ``ETag``; a document
    found carries ``Vary: Accept`` and may be cached for five minutes.
    """
    state = request.app.state.govgraph
    path, forced = split_extension(request.url.path)
    document = await run_in_threadpool(find_document, state.reader, path)
    if document is None and forced is not None:
        path, forced = request.url.path, None  # an IRI that itself ends in ".ttl"
        document = await run_in_threadpool(find_document, state.reader, path)
    if document is None:
        return not_found(path)
    headers = {"Vary": "Accept", "Cache-Control": "public, max-age=300"}
    media_type = forced or choose(request.headers.get("accept"), OFFERS)
    if media_type is None:
        return error(406, f"{document.iri} is available as {', '.join(OFFERS)}", headers=headers)
    tag_ = etag(state.reader.build_id, document.iri, media_type)
    headers["ETag"] = tag_
    if not_modified(request, tag_):
        return Response(status_code=304, headers=headers)
    if media_type == HTML:
        body = await run_in_threadpool(document.html)
        return HTMLResponse(body, headers=headers)
    triples = await run_in_threadpool(document.triples)
    body = serialize(triples, media_type)
    return Response(body, media_type=content_type(media_type), headers=headers)
