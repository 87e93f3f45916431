"""FHIR export, the goals: each goal is a Goal whose lifecycleStatus and achievementStatus
follow its status, with the client's own words, the target and who put it forward; each GBO
or GAS rating is an Observation whose focus is that Goal and whose performer is the rater.
The client here is fictional (conftest's C-0001, given more goals)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from helpers.fhir import (
    TEST_BASE,
    by_full_url,
    coded,
    export_bundle,
    full_url_of,
    observations,
    references,
    resources,
    small_practice,
    validate_r4,
)
from helpers.project import Project

Run = Callable[..., Result]

GOAL_RATING = "urn:goalsheet:goal-rating"
ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
RATER = "urn:goalsheet:rater"
# goal status: (Goal.lifecycleStatus, Goal.achievementStatus code)
STATUSES = {
    "active": ("active", "in-progress"),
    "paused": ("on-hold", "no-progress"),
    "achieved": ("completed", "achieved"),
    "dropped": ("cancelled", "not-achieved"),
    "revised": ("cancelled", "not-achieved"),
}
# R4's goal-achievement code system (its value set is "preferred", so check it here)
ACHIEVEMENT_CODES = {
    "in-progress", "improving", "worsening", "no-change", "achieved", "sustaining",
    "not-achieved", "no-progress", "not-attainable",
}  # fmt: skip

SHEET = """\
client:
  id: C-0001
  started: 2026-09-01
  raters: [client, parent, therapist]
goals:
  - id: walks
    title: Walk in the park three times a week
    why: I feel clearer after a walk
    status: active
    history:
      - {date: 2026-09-01, status: active, note: agreed at assessment}
    proposed_by: [client]
    measure: {what: walks, unit: per week, direction: increase, baseline: 0, target: 3,
              tracker: walked}
    target_date: 2026-12-31
  - id: sleep
    title: Get to bed by eleven on weeknights
    status: paused
    proposed_by: [parent, client]
    measure: {what: nights in bed by eleven, unit: per week, target: 4.5}
  - id: call
    title: Phone my sister on Sundays
    status: achieved
    proposed_by: [therapist]
    target_date: 2026-11-01
  - id: gym
    title: Join a gym class
    status: dropped
  - id: cook
    title: Cook a meal from scratch twice a week
    status: revised
  - id: cook-weekly
    title: Cook a meal from scratch once a week
    status: active
    revised_from: cook
trackers:
  - {id: mood, label: Mood, kind: rating, min: 1, max: 10}
  - {id: walked, label: Went for a walk, kind: yesno, goal: walks}
"""

RATINGS = """\
ratings:
  - {date: 2026-11-02, goal: walks, rater: client, gbo: 6.5}
  - {date: 2026-11-02, goal: walks, rater: parent, gbo: 5}
  - {date: 2026-11-02, goal: sleep, rater: therapist, gbo: 3, note: slipped during exams}
  - {date: 2026-11-02, goal: walks, gas: 1, weight: 2}
  - {date: 2026-11-02, goal: cook-weekly, rater: therapist, gas: -1}
"""


# --- helpers --------------------------------------------------------------------------


@pytest.fixture
def bundle(project: Project, run: Run) -> dict[str, Any]:
    project.client(SHEET)
    made = export_bundle(run, small_practice(project, RATINGS), "C-0001")
    validate_r4(made)
    return made


def goals(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The Bundle's Goals by goalsheet's goal ID (from the identifier)."""
    found = {}
    for goal in resources(bundle, "Goal"):
        (identifier,) = goal["identifier"]
        assert identifier["system"] == f"{TEST_BASE}/goal-id"
        client, goal_id = identifier["value"].split("/")
        assert client == "C-0001"
        found[goal_id] = goal
    return found


def patient_url(bundle: dict[str, Any]) -> str:
    (patient,) = resources(bundle, "Patient")
    return full_url_of(bundle, patient)


def focus_of(bundle: dict[str, Any], observation: dict[str, Any]) -> str:
    """The goalsheet ID of the Goal an Observation is about."""
    (focus,) = observation["focus"]
    goal = by_full_url(bundle)[focus["reference"]]
    assert goal["resourceType"] == "Goal"
    return str(goal["identifier"][0]["value"].split("/")[1])


def staff_or_family(named: dict[str, Any], rater: str, kind: str) -> None:
    """A rater other than the client: by role, as an identifier, with no one's name."""
    assert named["type"] == kind
    assert named["identifier"] == {"system": RATER, "value": rater}
    assert "reference" not in named


# --- goals --------------------------------------------------------------------------------


def test_each_status_maps_to_lifecycle_and_achievement(bundle: dict[str, Any]) -> None:
    found = goals(bundle)
    assert sorted(found) == ["call", "cook", "cook-weekly", "gym", "sleep", "walks"]
    status_of = {"walks": "active", "sleep": "paused", "call": "achieved", "gym": "dropped",
                 "cook": "revised", "cook-weekly": "active"}  # fmt: skip
    for goal_id, goal in found.items():
        lifecycle, achievement = STATUSES[status_of[goal_id]]
        assert goal["lifecycleStatus"] == lifecycle, goal_id
        assert coded(goal["achievementStatus"], ACHIEVEMENT) == [achievement], goal_id
        assert achievement in ACHIEVEMENT_CODES
        assert goal["subject"] == {"reference": patient_url(bundle)}
    assert set(status_of.values()) == set(STATUSES)  # every status is tried


def test_a_goal_keeps_its_words_target_and_who_put_it_forward(bundle: dict[str, Any]) -> None:
    found = goals(bundle)
    assert found["walks"]["description"] == {"text": "Walk in the park three times a week"}
    assert found["cook-weekly"]["description"]["text"] == "Cook a meal from scratch once a week"
    (walks,) = found["walks"]["target"]
    assert walks["measure"]["text"] == "walks"
    assert walks["detailQuantity"]["value"] == 3
    assert walks["detailQuantity"]["unit"] == "per week"
    assert walks["dueDate"] == "2026-12-31"
    assert found["walks"]["startDate"] == "2026-09-01"
    assert found["walks"]["expressedBy"]["reference"] == patient_url(bundle)
    assert any("I feel clearer after a walk" in n["text"] for n in found["walks"]["note"])

    (sleep,) = found["sleep"]["target"]
    assert sleep["detailQuantity"]["value"] == 4.5 and "dueDate" not in sleep
    staff_or_family(found["sleep"]["expressedBy"], "parent", "RelatedPerson")  # the first
    assert any("parent" in n["text"] and "client" in n["text"] for n in found["sleep"]["note"])
    staff_or_family(found["call"]["expressedBy"], "therapist", "Practitioner")
    assert found["call"]["target"] == [{"dueDate": "2026-11-01"}]
    assert "target" not in found["gym"] and "expressedBy" not in found["gym"]
    assert any("cook" in n["text"] for n in found["cook-weekly"]["note"])  # what it replaces


# --- ratings ------------------------------------------------------------------------------


def test_gbo_ratings_are_about_their_goal_and_name_the_rater(bundle: dict[str, Any]) -> None:
    gbo = observations(bundle, GOAL_RATING, "gbo")
    assert len(gbo) == 3
    by = {(focus_of(bundle, o), o["performer"][0].get("display")): o for o in gbo}
    assert sorted(by) == [("sleep", "therapist"), ("walks", "client"), ("walks", "parent")]

    client = by[("walks", "client")]
    assert client["performer"][0]["reference"] == patient_url(bundle)
    value = client["valueQuantity"]["value"]
    assert isinstance(value, float) and value == 6.5  # not rounded to an integer
    parent = by[("walks", "parent")]
    staff_or_family(parent["performer"][0], "parent", "RelatedPerson")
    five = parent["valueQuantity"]["value"]
    assert five == 5 and isinstance(five, int) and not isinstance(five, bool)
    therapist = by[("sleep", "therapist")]
    staff_or_family(therapist["performer"][0], "therapist", "Practitioner")
    assert therapist["valueQuantity"]["value"] == 3
    assert therapist["note"] == [{"text": "slipped during exams"}]
    for observation in gbo:
        assert observation["effectiveDateTime"] == "2026-11-02"
        assert observation["subject"] == {"reference": patient_url(bundle)}


def test_gas_ratings_carry_their_level_and_weight(bundle: dict[str, Any]) -> None:
    gas = {focus_of(bundle, o): o for o in observations(bundle, GOAL_RATING, "gas")}
    assert sorted(gas) == ["cook-weekly", "walks"]
    walks = gas["walks"]
    assert walks["valueInteger"] == 1
    assert walks["interpretation"] == [{"text": "more than expected"}]
    assert "performer" not in walks  # no rater was recorded
    (weight,) = walks["component"]
    assert coded(weight["code"], GOAL_RATING) == ["gas-weight"]
    assert weight["valueQuantity"]["value"] == 2
    cook = gas["cook-weekly"]
    assert cook["valueInteger"] == -1
    staff_or_family(cook["performer"][0], "therapist", "Practitioner")
    assert "component" not in cook


def test_every_rating_reference_resolves(bundle: dict[str, Any]) -> None:
    urls = by_full_url(bundle)
    found = list(references(bundle))
    assert found
    for reference in found:
        assert reference in urls, reference
    rated = {focus_of(bundle, o) for o in resources(bundle, "Observation") if "focus" in o}
    assert rated == {"walks", "sleep", "cook-weekly"}
