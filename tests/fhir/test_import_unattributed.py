"""FHIR import: a critical answer (PHQ-9 item 9) in a response that is not imported because
of whose it is still gets said. A file refused for holding two clients says it in its error;
another client's response left out under --client says it and stops the import, unless that
client's entries already hold it; a response with no subject says it; and a response too
large to read still has its item 9 said.

Built on helpers/fhir_import.py's Bundles for conftest's C-0001 (and a second fictional
client, C-0002, where a test needs one)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from helpers.fhir_import import (
    AS_OF,
    bundle,
    fhir_practice,
    item,
    item9,
    patient,
    phq9,
    write_json,
)
from helpers.project import CLIENT, Project, snapshot

Run = Callable[..., Result]
CALM = [0, 1, 0, 1, 0, 0, 1, 0, 0]
AT_RISK = [1, 2, 1, 1, 0, 1, 1, 0, 2]  # item 9: 2
OTHER = {"reference": "Patient/pat-2"}


@pytest.fixture
def practice(project: Project) -> Project:
    return fhir_practice(project)


def attempt(run: Run, project: Project, data: object, *args: str) -> Result:
    path = write_json(project.root.parent, data)
    result = run("import", path, "--project", project.root, "--as-of", AS_OF, *args)
    assert "Traceback" not in result.output
    return result


def two_clients(theirs: list[int | None]) -> dict[str, Any]:
    return bundle(
        patient(),
        patient("C-0002", rid="pat-2"),
        phq9(CALM),
        phq9(theirs, rid="qr-2", subject=OTHER),
    )


def test_a_file_refused_for_holding_two_clients_says_their_critical_answer(
    practice: Project, run: Run
) -> None:
    before = snapshot(practice.root)
    result = attempt(run, practice, two_clients(AT_RISK))
    assert result.exit_code == 1
    assert "2 clients" in result.output
    assert "CRITICAL" in result.output
    assert "QuestionnaireResponse/qr-2 (Bundle.entry[3].resource): PHQ-9 item 9: 2" in (
        result.output
    )
    assert snapshot(practice.root) == before


def test_a_calm_second_client_adds_no_critical_words(practice: Project, run: Run) -> None:
    result = attempt(run, practice, two_clients(CALM))
    assert result.exit_code == 1 and "2 clients" in result.output
    assert "CRITICAL" not in result.output


def test_another_clients_unrecorded_critical_answer_stops_the_import(
    practice: Project, run: Run
) -> None:
    before = snapshot(practice.root)
    result = attempt(run, practice, two_clients(AT_RISK), "--client", "C-0001", "--format", "json")
    assert result.exit_code == 1
    (outcome,) = json.loads(result.stdout)["files"]
    (left_out,) = [s for s in outcome["skipped"] if "qr-2" in s["field"]]
    assert left_out["wrong_value"] is True
    assert "CRITICAL" in left_out["why"] and "PHQ-9 item 9: 2" in left_out["why"]
    assert snapshot(practice.root) == before

    skipped = attempt(run, practice, two_clients(AT_RISK), "--client", "C-0001",
                      "--skip-invalid")  # fmt: skip
    assert "CRITICAL: it holds an answer that needs a person today (PHQ-9 item 9: 2)" in (
        skipped.output
    )
    assert len(snapshot(practice.root)) == len(before) + 1  # C-0001's PHQ-9, written


def test_another_clients_critical_answer_already_in_their_entries_is_not_stopped_on(
    practice: Project, run: Run
) -> None:
    practice.client(CLIENT.replace("C-0001", "C-0002"), "C-0002")
    practice.entries(
        f"measures:\n  - {{date: 2026-11-12, measure: PHQ-9, answers: {json.dumps(AT_RISK)}}}\n",
        client_id="C-0002",
    )
    result = attempt(run, practice, two_clients(AT_RISK), "--client", "C-0001", "--format", "json")
    assert result.exit_code == 0, result.output
    (outcome,) = json.loads(result.stdout)["files"]
    (left_out,) = [s for s in outcome["skipped"] if "qr-2" in s["field"]]
    assert left_out["wrong_value"] is False and "CRITICAL" not in left_out["why"]

    # the same response with a different item 9 is not "already there": it stops the import
    changed = [*AT_RISK[:8], 3]
    again = attempt(run, practice, two_clients(changed), "--client", "C-0001")
    assert again.exit_code == 1 and "PHQ-9 item 9: 3" in again.output


def test_a_response_with_no_subject_says_its_critical_answer(practice: Project, run: Run) -> None:
    data = bundle(patient(), phq9(CALM), phq9(AT_RISK, rid="qr-2", subject=None))
    result = attempt(run, practice, data)
    assert result.exit_code == 1
    assert "no subject" in result.output and "PHQ-9 item 9: 2" in result.output


def test_a_blank_item_9_in_another_clients_response_is_said_as_not_answered(
    practice: Project, run: Run
) -> None:
    result = attempt(run, practice, two_clients([*AT_RISK[:8], None]), "--client", "C-0001")
    assert result.exit_code == 1
    assert "PHQ-9 item 9: not answered" in result.output


def test_a_response_of_too_many_items_is_refused_and_its_item_9_still_said(
    practice: Project, run: Run
) -> None:
    huge = phq9(AT_RISK)
    huge["item"] = huge["item"] + [item("/44250-9") for _ in range(1_000)]
    before = snapshot(practice.root)
    result = attempt(run, practice, bundle(patient(), huge))
    assert result.exit_code == 1
    assert "goalsheet reads at most 1000" in result.output.replace(",", "")
    first = result.output.splitlines()[0]  # read from the items before the cap
    assert first.startswith("CRITICAL") and "PHQ-9 item 9: 2" in first
    assert "not imported" in first
    assert snapshot(practice.root) == before


def test_an_unknown_questionnaire_with_loinc_phq9_items_is_refused_and_its_item_9_said(
    practice: Project, run: Run
) -> None:
    vendor = phq9(AT_RISK, questionnaire="https://vendor.example/Questionnaire/phq9-v2")
    before = snapshot(practice.root)
    result = attempt(run, practice, bundle(patient(), vendor))
    assert result.exit_code == 1
    assert "does not know" in result.output
    first = result.output.splitlines()[0]
    assert first.startswith("CRITICAL") and "PHQ-9 item 9: 2" in first
    assert snapshot(practice.root) == before


def test_an_unknown_two_item_questionnaire_raises_no_item_9(practice: Project, run: Run) -> None:
    """A PHQ-2 (the PHQ-9's first two LOINC items) has no item 9: nothing to say about it."""
    phq2 = phq9(AT_RISK, questionnaire="https://vendor.example/Questionnaire/phq2")
    phq2["item"] = phq2["item"][:2]
    result = attempt(run, practice, bundle(patient(), phq2))
    assert result.exit_code == 1 and "does not know" in result.output
    assert "CRITICAL" not in result.output and "item 9" not in result.output


def test_a_response_naming_the_client_by_identifier_alone_is_theirs(
    practice: Project, run: Run
) -> None:
    """No Patient in the file: the subject's identifier in this practice's system says whose."""
    by_id = {"identifier": {"system": "https://test.example/fhir/client-id", "value": "C-0001"}}
    result = attempt(run, practice, phq9(CALM, subject=by_id))
    assert result.exit_code == 0, result.output
    assert "C-0001" in result.output.splitlines()[0]
    two = bundle(
        phq9(CALM, subject=by_id),
        phq9(
            CALM,
            rid="qr-2",
            subject={
                "identifier": {"system": "https://test.example/fhir/client-id", "value": "C-0002"}
            },
        ),
    )
    refused = attempt(run, practice, two)
    assert refused.exit_code == 1 and "2 clients" in refused.output


def test_another_clients_lone_item_9_observation_is_said_and_stops_the_import(
    practice: Project, run: Run
) -> None:
    lone = item9("LA6571-9", subject=OTHER)  # item 9: 3, no response with it
    data = bundle(patient(), patient("C-0002", rid="pat-2"), phq9(CALM), lone)
    refused = attempt(run, practice, data)
    assert refused.exit_code == 1
    assert "2 clients" in refused.output and "PHQ-9 item 9: 3" in refused.output
    under = attempt(run, practice, data, "--client", "C-0001")
    assert under.exit_code == 1
    assert "CRITICAL" in under.output and "PHQ-9 item 9: 3" in under.output


def test_a_critical_answer_no_client_can_be_given_is_said_first(
    practice: Project, run: Run
) -> None:
    """Another client's unrecorded item 9, and one whose subject is not in the file, come
    before everything else in a CRITICAL line, and in JSON under critical_unplaced."""
    data = bundle(
        patient(),
        patient("C-0002", rid="pat-2"),
        phq9(CALM),
        phq9(AT_RISK, rid="qr-2", subject=OTHER),
        phq9([*AT_RISK[:8], 3], rid="qr-3", authored="2026-11-13",
             subject={"reference": "Patient/nobody"}),
    )  # fmt: skip
    text = attempt(run, practice, data, "--client", "C-0001")
    first, second = text.output.splitlines()[:2]
    assert first.startswith("CRITICAL in") and "qr-2" in first and "(C-0002)" in first
    assert "PHQ-9 item 9: 2" in first
    assert second.startswith("CRITICAL in") and "qr-3" in second and "not known" in second
    assert "PHQ-9 item 9: 3" in second
    as_json = attempt(run, practice, data, "--client", "C-0001", "--format", "json")
    (outcome,) = json.loads(as_json.stdout)["files"]
    assert len(outcome["critical_unplaced"]) == 2
    assert "CRITICAL in" in as_json.stderr


def test_a_file_refused_for_an_unknown_client_says_its_critical_answer_first(
    practice: Project, run: Run
) -> None:
    data = bundle(patient("C-0999"), phq9(AT_RISK))
    result = attempt(run, practice, data)
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith("CRITICAL in") and "PHQ-9 item 9: 2" in first
    assert "C-0999" in result.output
