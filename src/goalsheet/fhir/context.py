"""What every resource of one client's export refers to: the practice's systems, the
client's Patient, and how each rater is named. Resources are plain JSON dicts (FHIR's own
shape); nothing here reads or writes a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from goalsheet.fhir.systems import RATER, SURVEY, Systems, rater_type, resource_id

Resource = dict[str, Any]
SURVEY_CATEGORY = [{"coding": [{"system": SURVEY, "code": "survey", "display": "Survey"}]}]


@dataclass(frozen=True)
class Entry:
    """One resource of the Bundle, with the fullUrl others refer to it by and the
    identifier a server's conditional update finds it by."""

    full_url: str
    resource: Resource
    search: str  # "Patient?identifier=system|value", for a transaction's PUT


@dataclass
class ExportContext:
    systems: Systems
    client: str
    with_names: bool = False
    goal_urls: dict[str, str] = field(default_factory=dict)  # goal ID -> fullUrl

    @property
    def patient_url(self) -> str:
        return self.systems.full_url(self.client, "Patient", self.client)

    @property
    def subject(self) -> Resource:
        return {"reference": self.patient_url}

    def url_of(self, resource_type: str, rid: str) -> str:
        return self.systems.full_url(self.client, resource_type, rid)

    def record_identifier(self, key: str) -> Resource:
        """The identifier of one record (a questionnaire, a rating): stable across exports."""
        return {"system": self.systems.record, "value": f"{self.client}/{key}"}

    def search(self, resource_type: str, identifier: Resource) -> str:
        return f"{resource_type}?identifier={identifier['system']}|{identifier['value']}"

    def rater(self, rater: str) -> Resource:
        """A rater as a Reference: the client is their Patient; anyone else is named by role
        (goalsheet keeps no one's name but the client's)."""
        if rater == "client":
            return {"reference": self.patient_url, "display": "client"}
        return {
            "type": rater_type(rater),
            "identifier": {"system": RATER, "value": rater},
            "display": rater,
        }

    def observation(self, rid: str, identifier: Resource, code: Resource, day: str) -> Resource:
        """The start every Observation of the export shares: a final survey answer about the
        client on a day. The caller adds its value, performer and links."""
        return {
            "resourceType": "Observation",
            "id": rid,
            "identifier": [identifier],
            "status": "final",
            "category": SURVEY_CATEGORY,
            "code": code,
            "subject": self.subject,
            "effectiveDateTime": day,
        }

    def rid(self, *parts: object) -> str:
        return resource_id("-".join(str(p) for p in parts if p is not None))
