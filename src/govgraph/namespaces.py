"""The vocabularies govgraph uses, and the IRIs it mints.

The IRIs are plain strings here (:data:`PREFIXES`, :data:`BASE`, :data:`ID`, ...), so a command that only
queries never imports rdflib (about 0.2 s of every start). The rdflib namespaces (``GG``, ``ORG``, ``LEVEL``,
``GRAPH``, ...) are made on first use by :func:`__getattr__`: ``from govgraph.namespaces import GG`` works as
before, and imports rdflib then.

``GG`` is a :class:`rdflib.namespace.DefinedNamespace` with ``_fail = True``: a misspelt term raises at
import time of the caller instead of silently minting a new IRI. ``tests/ontology`` checks that its terms
and the classes and properties declared in ``ontology/govgraph.ttl`` are the same set.

>>> from govgraph.namespaces import GG
>>> GG.AdministrativeUnit
rdflib.term.URIRef('https://w3id.org/govgraph/ontology#AdministrativeUnit')
>>> unit_iri("31", "2025-07-01")
'https://w3id.org/govgraph/id/unit/31/2025-07-01'
"""

from __future__ import annotations

BASE = "https://w3id.org/govgraph/"
ID = BASE + "id/"
ONTOLOGY_IRI = BASE + "ontology"
GRAPH_BASE = BASE + "graph/"
"""The named graphs of build/govgraph.trig are ``GRAPH_BASE + name`` (ontology, reference, curated, history)."""
WIKIDATA = "http://www.wikidata.org/entity/"

PREFIXES: dict[str, str] = {
    "gg": BASE + "ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "m8g": "http://data.europa.eu/m8g/",
    "qb": "http://purl.org/linked-data/cube#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "wgs84": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "sh": "http://www.w3.org/ns/shacl#",
    "ggsh": BASE + "shapes#",
    "check": BASE + "checks#",
    "id": ID,
    "unit": ID + "unit/",
    "level": ID + "level/",
    "type": ID + "unit-type/",
    "role": ID + "role/",
    "status": ID + "status/",
}

FORMER_VERSION = "until-2025-06-30"


def unit_iri(code: str, valid_from: str) -> str:
    """The IRI of one version of a unit: its official code and the day the version began.

    Versions in force until 30 June 2025 have no recorded start; their key is ``until-2025-06-30``
    (:data:`FORMER_VERSION`) instead of a start date.
    """
    return f"{ID}unit/{code}/{valid_from}"


# The rdflib namespaces, by name: made together on first use (see __getattr__).
_RDFLIB_NAMES = ("GG", "M8G", "ORG", "QB", "ELI", "WGS84", "WD", "LEVEL", "UNIT_TYPE", "ROLE", "STATUS", "GRAPH",
                 "ONTOLOGY_GRAPH", "REFERENCE_GRAPH", "CURATED_GRAPH", "HISTORY_GRAPH")

def __getattr__(name: str):
    """The rdflib namespaces (``GG``, ``ORG``, ``GRAPH``, ...), made the first time any of them is asked for."""
    if name not in _RDFLIB_NAMES:
        raise AttributeError(f"module 'govgraph.namespaces' has no attribute {name!r}")
    globals().update(_rdflib_namespaces())
    return globals()[name]


def _rdflib_namespaces() -> dict[str, object]:
    from rdflib import Namespace, URIRef
    from rdflib.namespace import DefinedNamespace

    class GG(DefinedNamespace):
        """govgraph ontology terms (``ontology/govgraph.ttl``)."""

        _NS = Namespace(PREFIXES["gg"])
        _fail = True

        # territory
        AdministrativeUnit: URIRef
        ProvinceLevelUnit: URIRef
        Province: URIRef
        CentrallyRunCity: URIRef
        DistrictLevelUnit: URIRef
        RuralDistrict: URIRef
        UrbanDistrict: URIRef
        DistrictLevelTown: URIRef
        DistrictLevelCity: URIRef
        CommuneLevelUnit: URIRef
        Commune: URIRef
        Ward: URIRef
        SpecialZone: URIRef
        Township: URIRef
        parentUnit: URIRef
        level: URIRef
        unitType: URIRef
        officialCode: URIRef
        validFrom: URIRef
        validUntil: URIRef
        areaKm2: URIRef
        ReorganisationEvent: URIRef
        Transfer: URIRef
        transferOf: URIRef
        fromUnit: URIRef
        toUnit: URIRef
        whole: URIRef
        resultingUnit: URIRef
        adoptedOn: URIRef
        effectiveOn: URIRef
        LegalAct: URIRef
        actNumber: URIRef
        issuedBy: URIRef
        # organs, posts, holdings
        Organ: URIRef
        PeoplesCommittee: URIRef
        PeoplesCouncil: URIRef
        PartyCommittee: URIRef
        Department: URIRef
        PublicAdministrativeServiceCentre: URIRef
        ProjectManagementBoard: URIRef
        jurisdiction: URIRef
        Post: URIRef
        singleHolder: URIRef
        PostHolding: URIRef
        post: URIRef
        startDate: URIRef
        endDate: URIRef
        attestedFrom: URIRef
        attestedUntil: URIRef
        appointedBy: URIRef
        decision: URIRef
        Person: URIRef
        AgentGroup: URIRef
        groupOf: URIRef
        # directives and tasks
        Directive: URIRef
        TaskAssignment: URIRef
        assignerPost: URIRef
        assigner: URIRef
        assignee: URIRef
        task: URIRef
        issuedOn: URIRef
        issuedFrom: URIRef
        issuedUntil: URIRef
        dueDate: URIRef
        completedOn: URIRef
        status: URIRef
        fromDirective: URIRef
        Meeting: URIRef
        givenAt: URIRef
        chairedBy: URIRef
        organisedBy: URIRef
        online: URIRef
        connectedUnitCount: URIRef
        heldFrom: URIRef
        heldUntil: URIRef
        InspectionCampaign: URIRef
        inspectedUnitCount: URIRef
        periodStart: URIRef
        periodEnd: URIRef
        Finding: URIRef
        Difficulty: URIRef
        BrightSpot: URIRef
        Motto: URIRef
        raisedBy: URIRef
        concerns: URIRef
        # statistics
        TaskStatistic: URIRef
        ofAssignment: URIRef
        taskCount: URIRef
        reportedShare: URIRef
        # provenance
        SourceDocument: URIRef
        readOn: URIRef
        quote: URIRef


    graph = Namespace(GRAPH_BASE)
    return {
        "GG": GG,
        "M8G": Namespace(PREFIXES["m8g"]),
        "ORG": Namespace(PREFIXES["org"]),
        "QB": Namespace(PREFIXES["qb"]),
        "ELI": Namespace(PREFIXES["eli"]),
        "WGS84": Namespace(PREFIXES["wgs84"]),
        "WD": Namespace(WIKIDATA),
        "LEVEL": Namespace(PREFIXES["level"]),
        "UNIT_TYPE": Namespace(PREFIXES["type"]),
        "ROLE": Namespace(PREFIXES["role"]),
        "STATUS": Namespace(PREFIXES["status"]),
        # Named graphs of build/govgraph.trig.
        "GRAPH": graph,
        "ONTOLOGY_GRAPH": graph.ontology,
        "REFERENCE_GRAPH": graph.reference,
        "CURATED_GRAPH": graph.curated,
        "HISTORY_GRAPH": graph.history,
    }
