"""The vocabularies govgraph uses, and the IRIs it mints.

``GG`` is a :class:`rdflib.namespace.DefinedNamespace` with ``_fail = True``: a misspelt term raises at
import time of the caller instead of silently minting a new IRI. ``tests/ontology`` checks that its terms
and the classes and properties declared in ``ontology/govgraph.ttl`` are the same set.

>>> GG.AdministrativeUnit
rdflib.term.URIRef('https://w3id.org/govgraph/ontology#AdministrativeUnit')
>>> unit_iri("31", "2025-07-01")
'https://w3id.org/govgraph/id/unit/31/2025-07-01'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/govgraph/"
ID = BASE + "id/"
ONTOLOGY_IRI = BASE + "ontology"


class GG(DefinedNamespace):
    """govgraph ontology terms (``ontology/govgraph.ttl``)."""

    _NS = Namespace(BASE + "ontology#")
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


M8G = Namespace("http://data.europa.eu/m8g/")
ORG = Namespace("http://www.w3.org/ns/org#")
QB = Namespace("http://purl.org/linked-data/cube#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
WD = Namespace("http://www.wikidata.org/entity/")

LEVEL = Namespace(ID + "level/")
UNIT_TYPE = Namespace(ID + "unit-type/")
ROLE = Namespace(ID + "role/")
STATUS = Namespace(ID + "status/")

# Named graphs of build/govgraph.trig.
GRAPH = Namespace(BASE + "graph/")
ONTOLOGY_GRAPH = GRAPH.ontology
REFERENCE_GRAPH = GRAPH.reference
CURATED_GRAPH = GRAPH.curated
HISTORY_GRAPH = GRAPH.history

PREFIXES: dict[str, str] = {
    "gg": str(GG._NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": str(ORG),
    "m8g": str(M8G),
    "qb": str(QB),
    "eli": str(ELI),
    "wgs84": str(WGS84),
    "sh": "http://www.w3.org/ns/shacl#",
    "ggsh": BASE + "shapes#",
    "check": BASE + "checks#",
    "id": ID,
    "unit": ID + "unit/",
    "level": str(LEVEL),
    "type": str(UNIT_TYPE),
    "role": str(ROLE),
    "status": str(STATUS),
}


FORMER_VERSION = "until-2025-06-30"


def unit_iri(code: str, valid_from: str) -> str:
    """The IRI of one version of a unit: its official code and the day the version began.

    Versions in force until 30 June 2025 have no recorded start; their key is ``until-2025-06-30``
    (:data:`FORMER_VERSION`) instead of a start date.
    """
    return f"{ID}unit/{code}/{valid_from}"
