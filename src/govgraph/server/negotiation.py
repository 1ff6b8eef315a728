"""Content negotiation: pick the best media type the server offers for a request's ``Accept`` header.

Media ranges are ranked by q-value, then by how specific they are (``text/turtle`` beats ``text/*`` beats
``*/*``), then by the order the server lists its offers in; a q-value of 0 refuses a type.

>>> choose("text/turtle;q=0.9, application/ld+json", ["text/html", "text/turtle", "application/ld+json"])
'application/ld+json'
>>> choose("text/*", ["application/ld+json", "text/turtle"])
'text/turtle'
>>> choose("image/png", ["text/html"]) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

# Graph serializations: media type -> (file extension, pyoxigraph format).
RDF_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "text/turtle": ("ttl", ox.RdfFormat.TURTLE),
    "application/n-triples": ("nt", ox.RdfFormat.N_TRIPLES),
    "application/ld+json": ("jsonld", ox.RdfFormat.JSON_LD),
    "application/rdf+xml": ("rdf", ox.RdfFormat.RDF_XML),
}
EXTENSIONS: dict[str, str] = {ext: media for media, (ext, _) in RDF_FORMATS.items()}
HTML = "text/html"

# Other names clients use for the same types.
ALIASES = {
    "application/x-turtle": "text/turtle",
    "text/n3": "text/turtle",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
    "application/json": "application/ld+json",
    "application/xhtml+xml": "text/html",
    "text/plain": "application/n-triples",
}


@dataclass(frozen=True)
class MediaRange:
    """One range of an ``Accept`` header: type and subtype (either may be ``*``) and its q-value."""

    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        """How specific the range is: 2 for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*``.

        >>> [r.specificity for r in parse_accept("text/turtle, text/*, */*")]
        [2, 1, 0]
        """
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        """Whether ``media_type`` (``type/subtype``, lower case, no parameters) falls within the range."""
        type_, _, subtype = media_type.partition("/")
        return self.type in ("*", type_) and self.subtype in ("*", subtype)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; a missing or empty header accepts anything.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/html;q=0.5, */*")]
    [('text', 'html', 0.5), ('*', '*', 1.0)]
    """
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        media, *params = [piece.strip() for piece in part.split(";")]
        if "/" not in media:
            continue
        type_, _, subtype = media.lower().partition("/")
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(type_, subtype, q))
    return ranges


def _quality(ranges: list[MediaRange], media_type: str, aliases: dict[str, str]) -> float:
    """The q-value of the most specific range naming ``media_type`` (directly or through an alias)."""
    names = [media_type] + [alias for alias, target in aliases.items() if target == media_type]
    best: tuple[int, float] | None = None
    for media_range in ranges:
        for name in names:
            if media_range.matches(name):
                specificity = media_range.specificity + (2 if name == media_type else 0)
                if best is None or specificity > best[0]:
                    best = (specificity, media_range.q)
    return 0.0 if best is None else best[1]


def choose(accept: str | None, offers: list[str], aliases: dict[str, str] = ALIASES) -> str | None:
    """The offer the client prefers, or ``None`` when it accepts none of them (answer 406)."""
    ranges = parse_accept(accept)
    scored = []
    for order, offer in enumerate(offers):
        q = _quality(ranges, offer, aliases)
        if q > 0:
            explicit = max((r.specificity for r in ranges if r.matches(offer) and r.q > 0), default=0)
            scored.append((-q, -explicit, order, offer))
    return min(scored)[3] if scored else None
