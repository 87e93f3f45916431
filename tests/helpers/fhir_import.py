"""Building FHIR input for `goalsheet import` tests: a Patient, PHQ-9/GAD-7
QuestionnaireResponses, their total and item Observations, GBO/GAS ratings, and a Bundle of
them, as plain dicts for conftest's client C-0001, whose practice names its client IDs
under https://test.example/fhir. Snapshots of goalsheets/ for the all-or-nothing checks.

The LOINC codes are written out here from LOINC's LHC-Forms Questionnaires for panels
44249-1 (PHQ-9) and 69737-5 (GAD-7), not taken from goalsheet's own table, so a wrong code
there shows up as a failing test. Every client and answer is fictional."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from helpers.project import Project

Resource = dict[str, Any]

BASE = "https://test.example/fhir"
CLIENT_SYSTEM = f"{BASE}/client-id"
GOAL_SYSTEM = f"{BASE}/goal-id"
PRACTICE = f"practice: {{name: Test Practice, fhir_base: {BASE}}}\n"
AS_OF = "2026-11-20"

LOINC = "http://loinc.org"
GOAL_RATING = "urn:goalsheet:goal-rating"
RATER = "urn:goalsheet:rater"

PHQ9_PANEL, PHQ9_TOTAL = "44249-1", "44261-6"
GAD7_PANEL, GAD7_TOTAL = "69737-5", "70274-6"
PHQ9_ITEMS = (
    "44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
    "44258-2", "44252-5", "44253-3", "44260-8",
)  # fmt: skip
GAD7_ITEMS = ("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7")
DIFFICULTY = "69722-7"
OFTEN = ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")  # Not at all .. Nearly every day
GAD7_ITEM2 = ("LA6568-5", "LA6569-3", "LA18938-3", "LA6571-9")  # 2: "More days than not"
DIFFICULT = ("LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3")

PATIENT_REF = {"reference": "Patient/pat-1"}


def patient(client: str = "C-0001", rid: str = "pat-1", system: str = CLIENT_SYSTEM) -> Resource:
    return {
        "resourceType": "Patient",
        "id": rid,
        "identifier": [{"system": system, "value": client}],
    }


def coding(code: str, system: str = LOINC) -> dict[str, Any]:
    return {"valueCoding": {"system": system, "code": code}}


def item(link: str, *answers: dict[str, Any]) -> dict[str, Any]:
    """One question with its answers (none: left unanswered)."""
    found: dict[str, Any] = {"linkId": link}
    if answers:
        found["answer"] = list(answers)
    return found


def phq9_items(answers: Sequence[int | None]) -> list[dict[str, Any]]:
    """LOINC linkIds (/44250-9 ...) and answer codes; None leaves the item unanswered."""
    return [
        item(f"/{code}", *([coding(OFTEN[value])] if value is not None else []))
        for code, value in zip(PHQ9_ITEMS, answers, strict=True)
    ]


def gad7_items(answers: Sequence[int | None]) -> list[dict[str, Any]]:
    out = []
    for number, (code, value) in enumerate(zip(GAD7_ITEMS, answers, strict=True), start=1):
        codes = GAD7_ITEM2 if number == 2 else OFTEN
        out.append(item(f"/{code}", *([coding(codes[value])] if value is not None else [])))
    return out


def answered(resource: Resource, number: int, *answers: dict[str, Any]) -> Resource:
    """A copy of a response whose item `number` (1-based, in order) has these answers."""
    changed = copy.deepcopy(resource)
    changed["item"][number - 1]["answer"] = list(answers)
    return changed


def response(
    panel: str,
    items: list[dict[str, Any]],
    *,
    rid: str = "qr-1",
    authored: str | None = "2026-11-12",
    status: str = "completed",
    subject: dict[str, Any] | None = PATIENT_REF,
    questionnaire: str | None = None,
) -> Resource:
    made: Resource = {
        "resourceType": "QuestionnaireResponse",
        "id": rid,
        "questionnaire": questionnaire or f"{LOINC}/q/{panel}",
        "status": status,
    }
    if subject is not None:
        made["subject"] = subject
    if authored is not None:
        made["authored"] = authored
    made["item"] = items
    return made


def phq9(answers: Sequence[int | None], **kwargs: Any) -> Resource:
    return response(PHQ9_PANEL, phq9_items(answers), **kwargs)


def gad7(answers: Sequence[int | None], **kwargs: Any) -> Resource:
    kwargs.setdefault("rid", "qr-gad")
    return response(GAD7_PANEL, gad7_items(answers), **kwargs)


def observation(
    rid: str,
    code: str,
    *,
    system: str = LOINC,
    day: str = "2026-11-12",
    derived_from: str | None = None,
    subject: dict[str, Any] | None = PATIENT_REF,
    **value: Any,
) -> Resource:
    made: Resource = {
        "resourceType": "Observation",
        "id": rid,
        "status": "final",
        "code": {"coding": [{"system": system, "code": code}]},
        "effectiveDateTime": day,
        **value,
    }
    if subject is not None:
        made["subject"] = subject
    if derived_from is not None:
        made["derivedFrom"] = [{"reference": derived_from}]
    return made


def total(rid: str, code: str, value: int, derived_from: str = "QuestionnaireResponse/qr-1",
          **kwargs: Any) -> Resource:  # fmt: skip
    return observation(rid, code, derived_from=derived_from,
                       valueQuantity={"value": value, "unit": "{score}"}, **kwargs)  # fmt: skip


def item9(value_code: str, *, rid: str = "obs-item9", derived_from: str | None = None,
          **kwargs: Any) -> Resource:  # fmt: skip
    """An Observation of PHQ-9 item 9 (LOINC 44260-8) with an answer code as its value."""
    concept = {"coding": [{"system": LOINC, "code": value_code}]}
    return observation(rid, "44260-8", derived_from=derived_from,
                       valueCodeableConcept=concept, **kwargs)  # fmt: skip


def goal(goal_id: str = "walks", client: str = "C-0001", rid: str = "goal-1") -> Resource:
    return {
        "resourceType": "Goal",
        "id": rid,
        "identifier": [{"system": GOAL_SYSTEM, "value": f"{client}/{goal_id}"}],
        "lifecycleStatus": "active",
        "description": {"text": "Walk in the park three times a week"},
        "subject": PATIENT_REF,
    }


def rater(role: str) -> dict[str, Any]:
    """A performer: the client's Patient, or a goalsheet rater identifier."""
    if role == "client":
        return dict(PATIENT_REF)
    return {"identifier": {"system": RATER, "value": role}, "display": role}


def rating(
    scale: str,
    value: int | float,
    *,
    rid: str = "rating-1",
    by: str | None = "client",
    focus: str = "Goal/goal-1",
    day: str = "2026-11-12",
    weight: int | float | None = None,
    note: str | None = None,
) -> Resource:
    """A GBO or GAS Observation of a goal (focus) by a rater (performer)."""
    made = observation(rid, scale, system=GOAL_RATING, day=day, valueInteger=value)
    if isinstance(value, float):
        del made["valueInteger"]
        made["valueQuantity"] = {"value": value}
    made["focus"] = [{"reference": focus}]
    if by is not None:
        made["performer"] = [rater(by)]
    if weight is not None:
        made["component"] = [
            {"code": {"coding": [{"system": GOAL_RATING, "code": "gas-weight"}]},
             "valueQuantity": {"value": weight}}
        ]  # fmt: skip
    if note is not None:
        made["note"] = [{"text": note}]
    return made


def bundle(*resources: Resource, kind: str = "collection") -> Resource:
    """A Bundle of copies of `resources`, each entry with a fullUrl under the test base."""
    return {
        "resourceType": "Bundle",
        "type": kind,
        "entry": [
            {
                "fullUrl": f"{BASE}/{r['resourceType']}/{r.get('id', n)}",
                "resource": copy.deepcopy(r),
            }
            for n, r in enumerate(resources)
        ],
    }


def write_json(folder: Path, data: object, name: str = "in.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


# --- the project and what changed in it ---------------------------------------------------


def fhir_practice(project: Project) -> Project:
    """Conftest's project, its practice naming client IDs under BASE."""
    project.write("goalsheet.yaml", PRACTICE)
    return project
