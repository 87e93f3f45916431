"""FHIR import of a questionnaire sent as Observations, as records systems often send one: a
PHQ-9 or GAD-7 panel Observation whose hasMember Observations (or component entries) are
its items by LOINC code. Read as the same answers a QuestionnaireResponse gives, checked
the same way, PHQ-9 item 9 said whatever becomes of the panel; its members are not read
again alone. Fictional data for conftest's C-0001."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import pytest
import yaml
from click.testing import Result

from helpers.fhir_import import (
    AS_OF,
    GAD7_ITEMS,
    GAD7_PANEL,
    OFTEN,
    PHQ9_ITEMS,
    PHQ9_PANEL,
    PHQ9_TOTAL,
    bundle,
    fhir_practice,
    observation,
    patient,
    write_json,
)
from helpers.project import Project, new_files, snapshot

Run = Callable[..., Result]
AT_RISK = [1, 2, 1, 1, 0, 1, 1, 0, 2]  # item 9: 2; total 9
LOINC = "http://loinc.org"


@pytest.fixture
def practice(project: Project) -> Project:
    return fhir_practice(project)


def attempt(run: Run, project: Project, data: object, *args: str) -> Result:
    result = run("import", write_json(project.root.parent, data), "--project", project.root,
                 "--as-of", AS_OF, *args)  # fmt: skip
    assert "Traceback" not in result.output
    return result


def members(answers: Sequence[int | None]) -> list[dict[str, Any]]:
    """One Observation per PHQ-9 item, an answer code each (none: data absent)."""
    made = []
    for number, (code, answer) in enumerate(zip(PHQ9_ITEMS, answers, strict=True), start=1):
        if answer is None:
            value: dict[str, Any] = {"dataAbsentReason": {"text": "not answered"}}
        else:
            value = {"valueCodeableConcept": {"coding": [{"system": LOINC,
                                                          "code": OFTEN[answer]}]}}  # fmt: skip
        made.append(observation(f"item-{number}", code, **value))
    return made


def phq9_panel(answers: Sequence[int | None], total: int | None = None) -> list[dict[str, Any]]:
    items = members(answers)
    if total is not None:
        items.append(observation("total", PHQ9_TOTAL, valueQuantity={"value": total}))
    panel = observation("panel", PHQ9_PANEL)
    panel["hasMember"] = [{"reference": f"Observation/{o['id']}"} for o in items]
    return [panel, *items]


def imported_measures(project: Project, before: dict[str, bytes]) -> list[dict[str, Any]]:
    (created,) = new_files(project.root, before)
    data = yaml.safe_load((project.root / created).read_text(encoding="utf-8"))
    return list(data["measures"])


def test_a_phq9_panel_of_member_observations_is_read_as_its_answers(
    practice: Project, run: Run
) -> None:
    before = snapshot(practice.root)
    data = bundle(patient(), *phq9_panel(AT_RISK, total=9))
    result = attempt(run, practice, data)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("CRITICAL") and "item 9: 2" in result.output.splitlines()[0]
    (measure,) = imported_measures(practice, before)
    assert measure["measure"] == "PHQ-9" and measure["answers"] == AT_RISK
    assert "left out" not in result.output  # the members are the panel's, not lone answers
    again = attempt(run, practice, data)
    assert again.exit_code == 0 and len(snapshot(practice.root)) == len(before) + 1


def test_a_gad7_panel_of_components_with_numbers_is_read(practice: Project, run: Run) -> None:
    answers = [2, 2, 1, 0, 3, 1, 0]
    panel = observation("gad", GAD7_PANEL)
    panel["component"] = [
        {"code": {"coding": [{"system": LOINC, "code": code}]}, "valueInteger": value}
        for code, value in zip(GAD7_ITEMS, answers, strict=True)
    ]
    before = snapshot(practice.root)
    result = attempt(run, practice, bundle(patient(), panel))
    assert result.exit_code == 0, result.output
    (measure,) = imported_measures(practice, before)
    assert measure["measure"] == "GAD-7" and measure["answers"] == answers


def test_an_unanswered_item_9_member_is_imported_blank_and_said(
    practice: Project, run: Run
) -> None:
    before = snapshot(practice.root)
    result = attempt(run, practice, bundle(patient(), *phq9_panel([*AT_RISK[:8], None])))
    assert result.exit_code == 0, result.output
    assert "item 9: not answered" in result.output.splitlines()[0]
    (measure,) = imported_measures(practice, before)
    assert measure["answers"][8] is None


def bad_code_on_item_9() -> list[dict[str, Any]]:
    made = phq9_panel(AT_RISK)
    made[9]["valueCodeableConcept"]["coding"][0]["code"] = "LA9999-9"
    return made


def missing_member() -> list[dict[str, Any]]:
    made = phq9_panel(AT_RISK)
    return made[:4] + made[5:]  # item 4's Observation is not in the file


def unknown_part() -> list[dict[str, Any]]:
    made = phq9_panel(AT_RISK)
    made[0]["component"] = [{"code": {"coding": [{"system": LOINC, "code": "1234-5"}]},
                             "valueInteger": 1}]  # fmt: skip
    return made


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (bad_code_on_item_9, ["LA9999-9", "hasMember[8]", "Observation/item-9"]),
        (missing_member, ["Observation/item-4", "not an Observation in this file"]),
        (lambda: phq9_panel(AT_RISK, total=12), ["total 12", "add up to 9"]),
        (unknown_part, ["1234-5", "component[0]"]),
        (lambda: [observation("panel", PHQ9_PANEL)], ["has no items"]),
    ],
    ids=["bad answer code", "member not in the file", "wrong total", "unknown part", "empty"],
)
def test_a_wrong_panel_is_refused_naming_the_part_and_item_9_still_said(
    practice: Project, run: Run, make: Callable[[], list[dict[str, Any]]], words: list[str]
) -> None:
    before = snapshot(practice.root)
    result = attempt(run, practice, bundle(patient(), *make()), "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    said = " ".join(f"{s['field']} {s['why']}" for f in data["files"] for s in f["skipped"])
    for word in words:
        assert word in said, f"{word!r} not in {said}"
    assert "Observation/panel (Bundle.entry[1].resource)" in said
    assert data["critical"], "item 9 (2, or unclear) must be said"
    assert all(c["item"] == 9 for c in data["critical"])
    assert snapshot(practice.root) == before


def test_many_resources_of_a_type_not_read_are_one_line_naming_the_first_ones(
    practice: Project, run: Run
) -> None:
    """A records system's export may hold hundreds of Encounters: one wrong value for them
    all, the first named by id and path, then the next ones, then how many more."""
    encounters = [
        {"resourceType": "Encounter", "id": f"enc-{n}", "status": "finished"} for n in range(40)
    ]
    before = snapshot(practice.root)
    data = bundle(patient(), *phq9_panel([0] * 9), *encounters, {"resourceType": "Condition",
                                                                  "id": "c-1"})  # fmt: skip
    result = attempt(run, practice, data, "--format", "json")
    assert result.exit_code == 1
    (outcome,) = json.loads(result.stdout)["files"]
    lines = [s for s in outcome["skipped"] if "does not read" in s["why"]]
    assert len(lines) == 2  # one for the Encounters, one for the Condition
    encounter = next(s for s in lines if "Encounter" in s["why"])
    assert encounter["field"] == "Encounter/enc-0 (Bundle.entry[11].resource)"
    assert "40 in this file" in encounter["why"] and "Encounter/enc-2" in encounter["why"]
    assert "and 37 more" in encounter["why"]
    assert snapshot(practice.root) == before
