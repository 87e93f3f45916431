"""The names goalsheet's FHIR resources are known by: the practice's identifier systems,
goalsheet's own code systems, each resource's id and fullUrl, and how a rater is referred to.

Identifiers are the practice's: its client IDs, goal IDs and record keys are named under
`practice.fhir_base` in goalsheet.yaml (by default the site's address + "fhir"), so two
practices' clients never share an identifier. Codes that only goalsheet defines (a GBO or
GAS rating, a rater's role) are named by fixed URNs, the same in every practice, so any
goalsheet reads any other's export.
"""

from __future__ import annotations

import hashlib
import re
import uuid

GOAL_RATING = "urn:goalsheet:goal-rating"  # codes: gbo, gas, gas-weight
MEASURE_TOTAL = "urn:goalsheet:measure-total"  # code: a practice scale's ID
RATER = "urn:goalsheet:rater"  # identifier values: client, parent, therapist, ...
SURVEY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
UCUM = "http://unitsofmeasure.org"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"

PRACTITIONER_RATERS = frozenset({"therapist", "clinician", "practitioner", "counsellor"})
"""Raters who are staff (a Practitioner in FHIR); every other rater but the client is a
RelatedPerson (a parent, a carer, a teacher)."""

_ID = re.compile(r"[^A-Za-z0-9.-]+")


class Systems:
    """The practice's identifier systems, under its FHIR base URL."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    @property
    def client(self) -> str:
        return f"{self.base}/client-id"

    @property
    def goal(self) -> str:
        return f"{self.base}/goal-id"

    @property
    def record(self) -> str:
        return f"{self.base}/record-id"

    def questionnaire(self, measure: str) -> str:
        """The canonical URL of the Questionnaire goalsheet writes for a practice scale."""
        return f"{self.base}/Questionnaire/{resource_id(measure.lower())}"

    def full_url(self, client: str, resource_type: str, rid: str) -> str:
        """A stable urn:uuid for a resource: the same client and record give the same one
        in every export, so a server's conditional update finds it again."""
        name = f"{self.base}/{client}/{resource_type}/{rid}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def resource_id(text: str) -> str:
    """A FHIR id ([A-Za-z0-9.-], at most 64 characters) made from `text`; a long one keeps
    its start and a short hash of the whole, so two never meet."""
    made = _ID.sub("-", text).strip("-.") or "x"
    if len(made) <= 64:
        return made
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    return f"{made[:53]}-{digest}"


def rater_type(rater: str) -> str:
    """The FHIR resource type a rater other than the client is: Practitioner or RelatedPerson."""
    return "Practitioner" if rater in PRACTITIONER_RATERS else "RelatedPerson"
