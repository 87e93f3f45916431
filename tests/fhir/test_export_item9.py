"""FHIR export, PHQ-9 item 9: the answer is never lost. The response keeps the item even
when it is blank; an answer of 1 or more, or a blank, is also an Observation of its own
flagged critical (v3 interpretation AA) with its follow-up in a note; an answer of 0 is not;
and two raters on one day each keep their own answer. The client is fictional (conftest's
C-0001)."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

from helpers.fhir import (
    LOINC,
    answers_of,
    by_full_url,
    coded,
    export_bundle,
    full_url_of,
    observations,
    rater_of,
    resources,
    small_practice,
    validate_r4,
)
from helpers.project import Project

Run = Callable[..., Result]

ITEM9 = "44260-8"  # LOINC: Thoughts that you would be better off dead, or of hurting yourself
TOTAL = "44261-6"  # LOINC: PHQ-9 total score
OFTEN = ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")  # Not at all .. Nearly every day
CRITICAL = ("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "AA")

ITEM9_ENTRIES = """\
measures:
  - {date: 2026-11-02, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 1, 1, 1, 2]}
  - {date: 2026-11-09, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 1, 1, 1, null]}
  - {date: 2026-11-16, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 1, 1, 1, 0]}
follow_ups:
  - {date: 2026-11-03, answer_date: 2026-11-02, measure: PHQ-9, by: Dr Test Clinician,
     note: Phoned the next morning; safety plan reviewed together}
"""


def test_phq9_item9_is_never_lost(project: Project, run: Run) -> None:
    bundle = export_bundle(run, small_practice(project, ITEM9_ENTRIES), "C-0001")
    validate_r4(bundle)
    responses = {r["authored"]: r for r in resources(bundle, "QuestionnaireResponse")}
    assert sorted(responses) == ["2026-11-02", "2026-11-09", "2026-11-16"]
    for day, response in responses.items():
        item9 = [i for i in response["item"] if i["linkId"] == f"/{ITEM9}"]
        assert len(item9) == 1, day  # present even when blank
        assert response["item"][8] is item9[0]
    assert answers_of(responses["2026-11-02"]["item"][8])[0]["valueCoding"]["code"] == OFTEN[2]
    assert "answer" not in responses["2026-11-09"]["item"][8]
    assert answers_of(responses["2026-11-16"]["item"][8])[0]["valueCoding"]["code"] == OFTEN[0]

    critical = {o["effectiveDateTime"]: o for o in observations(bundle, LOINC, ITEM9)}
    assert sorted(critical) == ["2026-11-02", "2026-11-09"]  # 2 and blank; not 0
    for day, found in critical.items():
        flags = [(c["system"], c["code"]) for i in found["interpretation"] for c in i["coding"]]
        assert CRITICAL in flags, day
        assert found["derivedFrom"] == [{"reference": full_url_of(bundle, responses[day])}]
    answered, blank = critical["2026-11-02"], critical["2026-11-09"]
    assert coded(answered["valueCodeableConcept"], LOINC) == [OFTEN[2]]
    assert "dataAbsentReason" not in answered
    assert "valueCodeableConcept" not in blank and "dataAbsentReason" in blank
    note = " ".join(n["text"] for n in answered["note"])
    assert "2026-11-03" in note and "Dr Test Clinician" in note and "safety plan" in note
    assert "note" not in blank  # its follow-up is still to be done


def test_a_total_that_cannot_be_scored_is_absent_not_zero(project: Project, run: Run) -> None:
    bundle = export_bundle(run, small_practice(project, ITEM9_ENTRIES), "C-0001")
    totals = {o["effectiveDateTime"]: o for o in observations(bundle, LOINC, TOTAL)}
    blank = totals["2026-11-09"]  # PHQ-9 allows no blank item (max_missing 0)
    assert "valueQuantity" not in blank and "interpretation" not in blank
    assert blank["dataAbsentReason"]["coding"][0]["code"] == "unknown"
    assert totals["2026-11-16"]["valueQuantity"]["value"] == 8
    assert totals["2026-11-16"]["interpretation"] == [{"text": "mild"}]


def test_two_raters_on_one_day_each_keep_their_own_item9(project: Project, run: Run) -> None:
    """A parent's 0 does not borrow the young person's 2 from the same day, nor the other
    way round; each critical Observation comes from its own response and answer."""
    project.client(
        project.root.joinpath("goalsheets/C-0001/goalsheet.yaml")
        .read_text(encoding="utf-8")
        .replace("raters: [client, therapist]", "raters: [client, parent, therapist]")
    )
    root = small_practice(
        project,
        """\
        measures:
          - {date: 2026-11-02, measure: PHQ-9, rater: client, answers: [1, 1, 1, 1, 1, 1, 1, 1, 2]}
          - {date: 2026-11-02, measure: PHQ-9, rater: parent, answers: [1, 1, 1, 1, 1, 1, 1, 1, 0]}
          - {date: 2026-11-09, measure: PHQ-9, rater: client, answers: [1, 1, 1, 1, 1, 1, 1, 1, 3]}
          - {date: 2026-11-09, measure: PHQ-9, rater: parent, answers: [1, 1, 1, 1, 1, 1, 1, 1, 1]}
        """,
    )
    bundle = export_bundle(run, root, "C-0001")
    validate_r4(bundle)
    urls = by_full_url(bundle)
    found = []
    for critical in observations(bundle, LOINC, ITEM9):
        response = urls[critical["derivedFrom"][0]["reference"]]
        (answer,) = answers_of(response["item"][8])
        assert coded(critical["valueCodeableConcept"], LOINC) == [answer["valueCoding"]["code"]]
        found.append((critical["effectiveDateTime"], rater_of(response, "author")))
    assert sorted(found) == [
        ("2026-11-02", "client"),
        ("2026-11-09", "client"),
        ("2026-11-09", "parent"),
    ]
