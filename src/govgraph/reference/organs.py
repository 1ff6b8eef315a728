"""Generate each unit's People's Committee, People's Council and Party Committee, and their head posts.

IRIs hang under the unit version's IRI, e.g. ``.../unit/31/2025-07-01/peoples-committee/chair``: the organs
of a new unit are new organs, so they are versioned with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from govgraph.namespaces import GG, ORG, ROLE
from govgraph.reference.terms import RDF_TYPE, RDFS_LABEL, en, iri, vi


@dataclass(frozen=True)
class PostSpec:
    """A head post of an organ: its slug in the IRI, its role, its Vietnamese and English labels."""

    slug: str
    role: str
    label_vi: str
    label_en: str


@dataclass(frozen=True)
class OrganSpec:
    """An organ every unit version has: its slug in the IRI, its class, its labels and its head posts."""

    slug: str
    cls: str
    label_vi: str
    label_en: str
    posts: tuple[PostSpec, ...]


ORGANS: tuple[OrganSpec, ...] = (
    OrganSpec("peoples-committee", GG.PeoplesCommittee, "Ủy ban nhân dân", "People's Committee", (
        PostSpec("chair", ROLE["committee-chair"], "Chủ tịch", "Chairman"),
        PostSpec("vice-chair", ROLE["committee-vice-chair"], "Phó Chủ tịch", "Vice-Chairman"),
    )),
    OrganSpec("peoples-council", GG.PeoplesCouncil, "Hội đồng nhân dân", "People's Council", (
        PostSpec("chair", ROLE["council-chair"], "Chủ tịch", "Chair"),
    )),
    OrganSpec("party-committee", GG.PartyCommittee, "Ban Chấp hành Đảng bộ", "Party Committee", (
        PostSpec("secretary", ROLE["party-secretary"], "Bí thư", "Secretary"),
    )),
)


# Terms made once, not per statement (a ``GG.x`` lookup and a new NamedNode each time cost more than the rest).
_CLASSES = {spec.cls: iri(spec.cls) for spec in ORGANS}
_ROLES = {post.role: iri(post.role) for spec in ORGANS for post in spec.posts}
_JURISDICTION, _POST, _POST_IN, _ROLE = iri(GG.jurisdiction), iri(GG.Post), iri(ORG.postIn), iri(ORG.role)


def organ_iri(unit: str, slug: str) -> str:
    """The IRI of one organ of a unit version.

    >>> organ_iri("https://w3id.org/govgraph/id/unit/31/2025-07-01", "peoples-committee")
    'https://w3id.org/govgraph/id/unit/31/2025-07-01/peoples-committee'
    """
    return f"{unit}/{slug}"


def organs_of(unit: ox.NamedNode, unit_name: str) -> Iterator[ox.Triple]:
    """The organs and head posts of one unit version named ``unit_name``."""
    for organ_spec in ORGANS:
        organ = iri(organ_iri(unit.value, organ_spec.slug))
        organ_vi = f"{organ_spec.label_vi} {unit_name}"
        organ_en = f"{organ_spec.label_en} of {unit_name}"
        yield ox.Triple(organ, RDF_TYPE, _CLASSES[organ_spec.cls])
        yield ox.Triple(organ, RDFS_LABEL, vi(organ_vi))
        yield ox.Triple(organ, RDFS_LABEL, en(organ_en))
        yield ox.Triple(organ, _JURISDICTION, unit)
        for post_spec in organ_spec.posts:
            post = iri(f"{organ.value}/{post_spec.slug}")
            yield ox.Triple(post, RDF_TYPE, _POST)
            yield ox.Triple(post, RDFS_LABEL, vi(f"{post_spec.label_vi} {organ_vi}"))
            yield ox.Triple(post, RDFS_LABEL, en(f"{post_spec.label_en} of the {organ_en}"))
            yield ox.Triple(post, _POST_IN, organ)
            yield ox.Triple(post, _ROLE, _ROLES[post_spec.role])
