"""A remote SPARQL 1.1 endpoint (Oxigraph, Virtuoso, Fuseki, GraphDB) through SPARQLWrapper."""

from __future__ import annotations

import socket
import urllib.error
from urllib.parse import urlparse

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from govgraph import __version__
from govgraph.errors import EndpointError, UsageError
from govgraph.store.base import ResultTable

DEFAULT_TIMEOUT = 30.0


def term_from_json(value: dict[str, str]) -> Identifier:
    """An rdflib term from one SPARQL JSON results binding.

    >>> term_from_json({"type": "literal", "value": "31"})
    rdflib.term.Literal('31')
    """
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        datatype = None
    return Literal(value["value"], datatype=URIRef(datatype) if datatype else None)


class EndpointStore:
    """Queries a remote endpoint, always with a timeout; results come back as rdflib terms."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        if urlparse(url).scheme not in ("http", "https"):
            raise UsageError(f"not an http(s) SPARQL endpoint: {url!r}")
        self.url = url
        self.timeout = timeout
        self.description = f"SPARQL endpoint {url}"

    def select(self, query: str) -> ResultTable:
        client = SPARQLWrapper(self.url, agent=f"govgraph/{__version__}")
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(int(max(1, self.timeout)))
        client.setQuery(query)
        try:
            document = client.query().convert()
        except (SPARQLWrapperException, urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", None) or getattr(error, "msg", None) or error
            raise EndpointError(f"the endpoint failed: {reason}", path=self.url,
                                hint=f"check the URL and that the server is up (timeout {self.timeout:g} s)") from None
        columns = list(document["head"]["vars"])
        rows = [tuple(term_from_json(b[c]) if c in b else None for c in columns)
                for b in document["results"]["bindings"]]
        return ResultTable(columns, rows)
