"""FHIR import: `goalsheet import FILE.json` reads a Bundle (or one QuestionnaireResponse)
from a records system into one client's entries, through the same all-or-nothing merge as
the CSV import. What it reads and how; every input it refuses, each refusal naming the
resource and its path in the file, writing nothing and showing no traceback; what it leaves
out without refusing; PHQ-9 item 9, which is said first whatever becomes of its
questionnaire; and conflicts with what is recorded.

The Bundles are built here as dicts (helpers/fhir_import.py) for conftest's client C-0001,
whose practice names its client IDs under https://test.example/fhir. All data is fictional."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from helpers.fhir_import import (
    AS_OF,
    CLIENT_SYSTEM,
    GAD7_TOTAL,
    PHQ9_PANEL,
    PHQ9_TOTAL,
    Resource,
    answered,
    bundle,
    coding,
    fhir_practice,
    gad7,
    goal,
    item,
    item9,
    observation,
    patient,
    phq9,
    rating,
    response,
    total,
    write_json,
)
from helpers.project import Project, assert_refused, new_files, snapshot

Run = Callable[..., Result]

PHQ9 = [1, 2, 0, 3, 1, 1, 2, 0, 1]  # total 11 (moderate); item 9: 1, "Several days"
CALM = [1, 2, 0, 3, 1, 1, 2, 0, 0]  # the same, item 9: 0
QR = "QuestionnaireResponse/qr-1 (Bundle.entry[1].resource)"
HEADLINE = (
    "CRITICAL C-0001: PHQ-9 item 9: 1 (Several days), on 2026-11-12. thoughts of being "
    "better off dead or of self-harm: follow up today"
)
NOT_IMPORTED = "(not imported: see below)"
UNCLEAR = (
    "CRITICAL C-0001: PHQ-9 item 9: unclear, on 2026-11-12. item 9 could not be read: ask today"
)
IMPORTED_NAME = re.compile(r"^2026-11-20-import-fhir-[a-z]+-[0-9a-f]{8}(-\d+)?\.yaml$")
FAST = 5.0  # seconds: a refused huge or hostile file is refused long before this


@pytest.fixture
def practice(project: Project) -> Project:
    """Conftest's one-client project, its practice naming client IDs under BASE."""
    return fhir_practice(project)


def attempt(
    run: Run, project: Project, data: object, *args: str
) -> tuple[Result, dict[str, bytes]]:
    """Import `data` (written as in.json beside the project, or a path as it is); the result
    and a snapshot of goalsheets/ from before."""
    path = data if isinstance(data, Path) else write_json(project.root.parent, data)
    before = snapshot(project.root)
    result = run("import", path, "--project", project.root, "--as-of", AS_OF, *args)
    assert "Traceback" not in result.output
    return result, before


def written(project: Project, before: dict[str, bytes]) -> dict[str, Any]:
    """The one entries file the import created, as YAML data."""
    created = new_files(project.root, before)
    assert len(created) == 1, created
    path = project.root / created[0]
    assert path.parent == project.root / "goalsheets" / "C-0001" / "entries"
    assert IMPORTED_NAME.match(path.name), path.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def first_line(result: Result) -> str:
    return result.output.splitlines()[0]


def as_json(result: Result) -> dict[str, Any]:
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


# --- 1. what it reads ---------------------------------------------------------------------


def test_a_bundle_of_a_phq9_and_gad7_imports_once(practice: Project, run: Run) -> None:
    data = bundle(
        patient(),
        phq9(PHQ9),
        total("total-1", PHQ9_TOTAL, 11),
        gad7([1, 2, 1, 0, 0, 3, 1]),
        total("total-2", GAD7_TOTAL, 8, derived_from="QuestionnaireResponse/qr-gad"),
    )
    result, before = attempt(run, practice, data)

    assert result.exit_code == 0, result.output
    assert "(FHIR Bundle, client C-0001)" in result.output
    assert "PHQ-9 on 2026-11-12: 11 (moderate)" in result.output
    assert "GAD-7 on 2026-11-12: 8 (mild)" in result.output
    entries = written(practice, before)
    assert entries["source"].startswith("import of FHIR Bundle (in.json)")
    assert "corrects" not in entries
    assert sorted((m["measure"], m["answers"]) for m in entries["measures"]) == [
        ("GAD-7", [1, 2, 1, 0, 0, 3, 1]),
        ("PHQ-9", PHQ9),
    ]
    assert {m["date"] for m in entries["measures"]} == {dt.date(2026, 11, 12)}

    after = snapshot(practice.root)
    again, _before = attempt(run, practice, data)
    assert again.exit_code == 0, again.output
    assert "nothing new to import" in again.output and "already recorded" in again.output
    assert snapshot(practice.root) == after


def test_difficulty_answer_and_ratings_by_each_rater(practice: Project, run: Run) -> None:
    with_difficulty = phq9(PHQ9)
    with_difficulty["item"].append(item("/69722-7", coding("LA6575-0")))  # very difficult
    data = bundle(
        patient(),
        goal(),
        with_difficulty,
        rating("gbo", 4.5, rid="r1", note="a good week"),
        rating("gbo", 6, rid="r2", by="therapist"),
        rating("gas", -1, rid="r3", by=None, weight=2),
    )
    result, before = attempt(run, practice, data)

    assert result.exit_code == 0, result.output
    entries = written(practice, before)
    (measure,) = entries["measures"]
    assert measure["answers"] == PHQ9 and measure["difficulty"] == 2
    day = dt.date(2026, 11, 12)
    assert sorted(entries["ratings"], key=str) == sorted(
        [
            {"date": day, "goal": "walks", "rater": "client", "gbo": 4.5, "note": "a good week"},
            {"date": day, "goal": "walks", "rater": "therapist", "gbo": 6},
            {"date": day, "goal": "walks", "gas": -1, "weight": 2},
        ],
        key=str,
    )


def test_a_response_without_authored_takes_date(practice: Project, run: Run) -> None:
    result, before = attempt(
        run, practice, bundle(patient(), phq9(CALM, authored=None)), "--date", "2026-11-10"
    )
    assert result.exit_code == 0, result.output
    (measure,) = written(practice, before)["measures"]
    assert measure["date"] == dt.date(2026, 11, 10)


def test_a_datetime_counts_on_the_day_its_author_wrote(practice: Project, run: Run) -> None:
    late = phq9(CALM, authored="2026-11-12T23:30:00-05:00")  # 04:30 on the 13th in UTC
    result, before = attempt(run, practice, bundle(patient(), late))
    assert result.exit_code == 0, result.output
    assert written(practice, before)["measures"][0]["date"] == dt.date(2026, 11, 12)


def test_questions_inside_a_group_are_read(practice: Project, run: Run) -> None:
    grouped = phq9(CALM)
    grouped["item"] = [{"linkId": "/44249-1", "text": "PHQ-9", "item": grouped["item"]}]
    result, before = attempt(run, practice, bundle(patient(), grouped))
    assert result.exit_code == 0, result.output
    assert written(practice, before)["measures"][0]["answers"] == CALM


@pytest.mark.parametrize("code", ["LA6570-1", "LA18938-3"])
def test_gad7_item_2_more_than_half_or_more_days_than_not_is_2(
    practice: Project, run: Run, code: str
) -> None:
    """LOINC gives the GAD-7's second item its own answer 2 (LA18938-3, "More days than
    not"); other systems write the usual LA6570-1. Both mean 2."""
    response_ = answered(gad7([0, 0, 1, 0, 0, 0, 0]), 2, coding(code))
    result, before = attempt(run, practice, bundle(patient(), response_), "--format", "json")
    assert result.exit_code == 0, result.output
    assert as_json(result)["files"][0]["added"][0]["value"] == [0, 2, 1, 0, 0, 0, 0]
    assert written(practice, before)["measures"][0]["answers"] == [0, 2, 1, 0, 0, 0, 0]


def test_a_foreign_systems_response_imports_with_client(practice: Project, run: Run) -> None:
    """Another records system: its own Patient identifier, its own copy of the PHQ-9 whose
    linkIds are the item numbers and whose answers are whole numbers."""
    foreign = response(
        PHQ9_PANEL,
        [{"linkId": str(n), "answer": [{"valueInteger": v}]} for n, v in enumerate(PHQ9, 1)],
        questionnaire="http://other.example/fhir/Questionnaire/44249-1",
        subject={"reference": "Patient/mrn-4471"},
    )
    someone = patient("MRN-4471", rid="mrn-4471", system="http://other.example/fhir/mrn")
    data = bundle(someone, foreign)

    refused, before = attempt(run, practice, data)
    assert_refused(
        refused, practice.root, before,
        "Patient/mrn-4471 (Bundle.entry[0].resource)", CLIENT_SYSTEM, "--client",
    )  # fmt: skip

    result, before = attempt(run, practice, data, "--client", "C-0001")
    assert result.exit_code == 0, result.output
    assert first_line(result) == HEADLINE
    assert written(practice, before)["measures"][0]["answers"] == PHQ9


def test_a_lone_questionnaire_response_imports_with_client(practice: Project, run: Run) -> None:
    alone = phq9(CALM, subject={"reference": "Patient/elsewhere-9"})
    result, before = attempt(run, practice, alone, "--client", "C-0001")
    assert result.exit_code == 0, result.output
    assert "(FHIR QuestionnaireResponse, client C-0001)" in result.output
    assert written(practice, before)["measures"][0]["answers"] == CALM


# --- 2. what it leaves out, without refusing -----------------------------------------------


def test_a_missing_subject_is_the_clients_when_client_says_so(practice: Project, run: Run) -> None:
    data = bundle(patient(), phq9(CALM, subject=None))
    refused, before = attempt(run, practice, data)
    assert_refused(refused, practice.root, before, f"{QR}.subject", "no subject", "--client ID")

    result, before = attempt(run, practice, data, "--client", "C-0001")
    assert result.exit_code == 0, result.output
    assert written(practice, before)["measures"][0]["answers"] == CALM


def test_a_missing_subject_is_not_guessed_when_the_file_holds_another_client(
    practice: Project, run: Run
) -> None:
    data = bundle(patient(), patient("C-0002", rid="pat-2"), phq9(CALM, subject=None))
    result, before = attempt(run, practice, data, "--client", "C-0001")
    assert_refused(
        result, practice.root, before,
        "QuestionnaireResponse/qr-1 (Bundle.entry[2].resource).subject", "no subject",
    )  # fmt: skip


def test_two_clients_need_client_then_the_others_are_left_out(practice: Project, run: Run) -> None:
    other = {"reference": "Patient/pat-2"}
    data = bundle(
        patient(),
        patient("C-0002", rid="pat-2"),
        phq9(PHQ9),
        phq9([3, 3, 3, 3, 3, 3, 3, 3, 0], rid="qr-2", subject=other),
        total("total-2", PHQ9_TOTAL, 24, derived_from="QuestionnaireResponse/qr-2", subject=other),
    )
    refused, before = attempt(run, practice, data)
    assert_refused(refused, practice.root, before, "2 clients", "C-0001", "C-0002", "--client ID")
    as_data, _before = attempt(run, practice, data, "--format", "json")
    (error,) = as_json(as_data)["files"][0]["errors"]
    assert error["code"] == "GS402"

    result, before = attempt(run, practice, data, "--client", "C-0001", "--format", "json")
    assert result.exit_code == 0, result.output
    (outcome,) = as_json(result)["files"]
    assert [s["field"] for s in outcome["skipped"]] == [
        "QuestionnaireResponse/qr-2 (Bundle.entry[3].resource).subject",
        "Observation/total-2 (Bundle.entry[4].resource).subject",
    ]
    assert all(not s["wrong_value"] and "another client's" in s["why"] for s in outcome["skipped"])
    (measure,) = written(practice, before)["measures"]
    assert measure["answers"] == PHQ9  # C-0001's, not C-0002's


def test_entered_in_error_is_left_out_and_the_rest_imported(practice: Project, run: Run) -> None:
    withdrawn = observation("obs-x", "gbo", system="urn:goalsheet:goal-rating", valueInteger=99)
    withdrawn["status"] = "entered-in-error"
    data = bundle(
        patient(),
        phq9([3, 3, 3, 3, 3, 3, 3, 3, 3], status="entered-in-error"),
        gad7([1, 2, 1, 0, 0, 3, 1]),
        withdrawn,
    )
    result, before = attempt(run, practice, data)

    assert result.exit_code == 0, result.output
    assert f"left out: {QR}: marked entered-in-error" in result.output
    assert "left out: Observation/obs-x (Bundle.entry[3].resource): marked entered-in-error" in (
        result.output
    )
    assert "wrong value" not in result.output and "CRITICAL" not in result.output
    (measure,) = written(practice, before)["measures"]
    assert measure["measure"] == "GAD-7"


def test_an_in_progress_response_imports_what_was_answered_with_a_note(
    practice: Project, run: Run
) -> None:
    partial = phq9([1, 2, 0, None, None, None, None, None, 0], status="in-progress")
    result, before = attempt(run, practice, bundle(patient(), partial))

    assert result.exit_code == 0, result.output
    assert f"left out: {QR}: its status is 'in-progress': the answers given are imported" in (
        result.output
    )
    assert "no total (4 of 9 items answered)" in result.output
    assert written(practice, before)["measures"][0]["answers"] == [1, 2, 0, *[None] * 5, 0]


def test_a_goal_that_is_not_in_the_sheet_is_said(practice: Project, run: Run) -> None:
    elsewhere = goal("swim", rid="goal-9")
    elsewhere["description"] = {"text": "Swim once a week"}
    result, before = attempt(run, practice, bundle(patient(), elsewhere, phq9(CALM)))
    assert result.exit_code == 0, result.output
    assert "left out: Goal/goal-9 (Bundle.entry[1].resource): the goal 'Swim once a week'" in (
        result.output
    )
    assert len(new_files(practice.root, before)) == 1


# --- 3. every input it refuses --------------------------------------------------------------


def _with_item(resource: Resource, extra: dict[str, Any]) -> Resource:
    resource["item"].append(extra)
    return resource


def _bundle_without_resource() -> Resource:
    data = bundle(patient(), phq9(PHQ9))
    del data["entry"][1]["resource"]
    return data


GOAL = (patient(), goal())
RATING = "Observation/rating-1 (Bundle.entry[2].resource)"

# (the file, the extra arguments, what the message must say)
REFUSED: list[Any] = [
    pytest.param(
        bundle(patient(), phq9(PHQ9, questionnaire="http://example.org/Questionnaire/mood-x")),
        (), [QR, "'http://example.org/Questionnaire/mood-x'", "goalsheet does not know"],
        id="unknown-questionnaire",
    ),
    pytest.param(
        bundle(patient(), answered(phq9(PHQ9), 3, coding("LA9999-9"))),
        (), [f"{QR}.item[2]", "PHQ-9 item 3", "'LA9999-9' is not on LOINC's answer list for 44259-0"],
        id="answer-code-not-on-the-list",
    ),
    pytest.param(
        bundle(patient(), answered(phq9(PHQ9), 3, coding("LA6569-3", "http://snomed.info/sct"))),
        (), [f"{QR}.item[2]", "PHQ-9 item 3", "'http://snomed.info/sct' is not LOINC"],
        id="answer-code-from-another-system",
    ),
    pytest.param(
        bundle(patient(), phq9(PHQ9), {"resourceType": "Encounter", "id": "enc-1", "status": "finished"}),
        (), ["Encounter/enc-1 (Bundle.entry[2].resource)", "does not read Encounter resources"],
        id="encounter",
    ),
    pytest.param(
        bundle(patient(), phq9(PHQ9, authored="2026-12-01")),
        (), [f"{QR}.authored", "2026-12-01 has not happened yet"],
        id="future-authored",
    ),
    pytest.param(
        bundle(patient(), phq9(PHQ9, authored=None)),
        (), [f"{QR}.authored", "it has no date"],
        id="no-authored",
    ),
    pytest.param(
        bundle(patient(), phq9(PHQ9, authored="2026-11")),
        (), [f"{QR}.authored", "'2026-11' is not a day"],
        id="authored-a-month",
    ),
    pytest.param(
        bundle(patient(), _with_item(phq9(PHQ9), item("/44250-9", coding("LA6568-5")))),
        (), [f"{QR}.item[9]", "item 1 is answered twice"],
        id="item-answered-twice",
    ),
    pytest.param(
        bundle(patient(), _with_item(phq9(PHQ9), item("/99999-9", coding("LA6568-5")))),
        (), [f"{QR}.item[9]", "'/99999-9' is not a question of the PHQ-9"],
        id="unknown-link-id",
    ),
    pytest.param(
        bundle(patient(), phq9(PHQ9, subject={"reference": "Patient/nobody"})),
        (), [f"{QR}.subject", "(Patient/nobody) is not a Patient in this file"],
        id="subject-not-in-the-file",
    ),
    pytest.param(
        bundle(patient(), phq9(PHQ9, status="draft")),
        (), [f"{QR}.status", "'draft'"],
        id="status-not-fhirs",
    ),
    pytest.param(
        bundle(*GOAL, rating("gbo", 5, by=None)),
        (), [RATING, "a GBO rating needs a rater (its performer)"],
        id="gbo-without-performer",
    ),
    pytest.param(
        bundle(*GOAL, rating("gbo", 11)),
        (), [RATING, "11 is outside the GBO scale (0 to 10)"],
        id="gbo-11",
    ),
    pytest.param(
        bundle(*GOAL, rating("gas", 3, by=None)),
        (), [RATING, "3 is not a GAS level (-2 to +2)"],
        id="gas-3",
    ),
    pytest.param(
        bundle(*GOAL, rating("gas", 1, by=None, weight=0)),
        (), [RATING, "weight 0 is outside 0 to 100"],
        id="gas-weight-0",
    ),
    pytest.param(
        bundle(patient(), goal("swim"), rating("gbo", 5)),
        (), [RATING, "its goal (swim) is not one of the client's goals (walks)"],
        id="goal-not-in-the-sheet",
    ),
    pytest.param(
        bundle(*GOAL, rating("gbo", 5, by="parent")),
        (), [RATING, "'parent' is not one of the client's raters (client, therapist)"],
        id="rater-not-the-clients",
    ),
    pytest.param(
        bundle(patient(), phq9(PHQ9), total("total-1", PHQ9_TOTAL, 12)),
        (), ["Observation/total-1 (Bundle.entry[2].resource).value",
             "the total 12 does not agree with its answers, which add up to 11"],
        id="total-disagrees",
    ),
    pytest.param(
        bundle(patient(), total("total-1", PHQ9_TOTAL, 11)),
        (), ["Observation/total-1 (Bundle.entry[1].resource).derivedFrom",
             "a total of the PHQ-9 without its QuestionnaireResponse"],
        id="total-alone",
    ),
    pytest.param(
        bundle(patient(), phq9(PHQ9), phq9(CALM, rid="qr-2")),
        (), ["QuestionnaireResponse/qr-2 (Bundle.entry[2].resource)", QR,
             "PHQ-9 on 2026-11-12 is given twice with different values"],
        id="one-day-twice",
    ),
    # the whole file
    pytest.param(
        [bundle(patient(), phq9(PHQ9))], (), ["in.json", "not a FHIR resource (it has no resourceType)"],
        id="json-array",
    ),
    pytest.param(
        patient(), (), ["in.json", "a FHIR Patient is not something goalsheet imports on its own"],
        id="lone-patient",
    ),
    pytest.param(
        {**bundle(patient(), phq9(PHQ9)), "type": "bogus"}, (), ["the Bundle's type 'bogus'"],
        id="bogus-bundle-type",
    ),
    pytest.param(
        _bundle_without_resource(), (), ["Bundle.entry[1].resource is not a FHIR resource"],
        id="entry-without-resource",
    ),
    pytest.param(
        bundle(phq9(PHQ9, subject=None)), (), ["does not say whose data it is", "--client ID"],
        id="no-patient-no-client",
    ),
    pytest.param(
        bundle(patient("C-0002")), ("--client", "C-0001"), ["the file is for C-0002, not C-0001"],
        id="client-not-in-the-file",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("data", "args", "words"), REFUSED)
def test_refused_naming_the_resource_and_its_path(
    practice: Project, run: Run, data: object, args: tuple[str, ...], words: list[str]
) -> None:
    result, before = attempt(run, practice, data, *args)
    assert_refused(result, practice.root, before, *words)
    assert "Nothing was written" in result.output


def test_a_wrong_value_is_a_wrong_value_in_json_too(practice: Project, run: Run) -> None:
    data = bundle(*GOAL, rating("gbo", 11), phq9(CALM))
    result, before = attempt(run, practice, data, "--format", "json")
    assert_refused(result, practice.root, before)
    data_out = as_json(result)
    assert data_out["blocked"] is True and data_out["written"] == []
    (skipped,) = data_out["files"][0]["skipped"]
    assert skipped["field"] == RATING and skipped["wrong_value"] is True

    skipping, before = attempt(run, practice, data, "--skip-invalid")
    assert skipping.exit_code == 0, skipping.output
    entries = written(practice, before)
    assert "ratings" not in entries and entries["measures"][0]["answers"] == CALM


@pytest.mark.parametrize(
    "text",
    [
        '{"resourceType": "Bundle",\n "type": nope}\n',  # not JSON from line 2
        "Dear Sam,\nhere are the forms.\n",  # not JSON at all
        None,  # a Bundle cut short
    ],
    ids=["bad-value", "a-letter", "truncated"],
)
def test_not_json_names_the_line_and_column(
    practice: Project, run: Run, tmp_path: Path, text: str | None
) -> None:
    if text is None:
        whole = json.dumps(bundle(patient(), phq9(PHQ9)), indent=1)
        text = whole[: len(whole) // 2]
    with pytest.raises(json.JSONDecodeError) as parsed:
        json.loads(text)
    where = f"line {parsed.value.lineno}, column {parsed.value.colno}"
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")

    result, before = attempt(run, practice, path)

    assert_refused(result, practice.root, before, "broken.json", "not valid JSON", where)
    as_data, _before = attempt(run, practice, path, "--format", "json")
    (error,) = as_json(as_data)["files"][0]["errors"]
    assert error["code"] == "GS409"
    assert f"line {error['line']}, column {error['column']}" == where


def test_a_50_mb_file_is_refused_before_it_is_read(
    practice: Project, run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "huge.json"
    with path.open("w", encoding="utf-8") as out:  # valid JSON: a Bundle with a long note
        out.write('{"resourceType": "Bundle", "type": "collection", "entry": [], "note": "')
        chunk = "x" * (1 << 20)
        for _ in range(50):
            out.write(chunk)
        out.write('"}')
    assert path.stat().st_size > 50 * 1024 * 1024

    started = time.perf_counter()
    result, before = attempt(run, practice, path)
    took = time.perf_counter() - started

    assert_refused(result, practice.root, before, "huge.json", "too large", "40,000,000")
    assert took < FAST, f"{took:.1f} s"


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"resourceType": "Bundle", "type": "collection", "entry": '
     + "[" * 100_000 + "]" * 100_000 + "}", "[" * 100_000],
    ids=["brackets", "inside-a-bundle", "never-closed"],
)  # fmt: skip
def test_100000_nested_brackets_are_refused_fast(
    practice: Project, run: Run, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result, before = attempt(run, practice, path)
    took = time.perf_counter() - started
    assert_refused(result, practice.root, before, "deep.json", "nests more than 40 levels deep")
    assert took < FAST, f"{took:.1f} s"


# --- 4. PHQ-9 item 9 is never lost ----------------------------------------------------------


def test_item_9_answered_is_said_first_in_text_and_json(practice: Project, run: Run) -> None:
    data = bundle(patient(), phq9(PHQ9))

    dry, before = attempt(run, practice, data, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert first_line(dry) == HEADLINE
    assert snapshot(practice.root) == before

    as_data, _before = attempt(run, practice, data, "--dry-run", "--format", "json")
    assert as_data.stderr.splitlines()[0] == HEADLINE  # JSON on stdout, the warning on stderr
    (critical,) = as_json(as_data)["critical"]
    assert {
        "client": "C-0001",
        "measure": "PHQ-9",
        "item": 9,
        "kind": "answered",
        "answer": 1,
        "answer_words": "Several days",
        "date": "2026-11-12",
        "open": True,
        "imported": True,
    }.items() <= critical.items()

    result, before = attempt(run, practice, data)
    assert result.exit_code == 0, result.output
    assert first_line(result) == HEADLINE
    assert written(practice, before)["measures"][0]["answers"][8] == 1


def test_item_9_left_unanswered_is_a_reason_to_ask(practice: Project, run: Run) -> None:
    for unanswered in (phq9([*CALM[:8], None]), answered(phq9(CALM), 9)):  # no answer; []
        result, _before = attempt(run, practice, bundle(patient(), unanswered), "--dry-run")
        assert result.exit_code == 0, result.output
        assert first_line(result).startswith(
            "CRITICAL C-0001: PHQ-9 item 9: not answered, on 2026-11-12. item 9 not answered: ask"
        )


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (coding("LA9999-9"), "'LA9999-9' is not on LOINC's answer list for 44260-8"),
        (coding("LA6569-3", "http://snomed.info/sct"), "is not LOINC"),
        ({"valueInteger": 7}, "7 is outside the answers 0 to 3"),
        ({"valueString": "sometimes"}, "(valueString) is not a whole number"),
    ],
    ids=["code-not-on-the-list", "other-system", "number-7", "words"],
)
def test_item_9_that_cannot_be_read_is_refused_and_said_as_unclear(
    practice: Project, run: Run, answer: dict[str, Any], why: str
) -> None:
    data = bundle(patient(), answered(phq9(CALM), 9, answer))
    result, before = attempt(run, practice, data)

    assert_refused(result, practice.root, before, f"{QR}.item[8]", "PHQ-9 item 9", why)
    assert first_line(result) == f"{UNCLEAR} {NOT_IMPORTED}"
    (critical,) = as_json(attempt(run, practice, data, "--format", "json")[0])["critical"]
    assert critical["kind"] == "unclear" and critical["imported"] is False


def test_item_9_given_two_answers_is_unclear(practice: Project, run: Run) -> None:
    data = bundle(patient(), answered(phq9(CALM), 9, coding("LA6568-5"), coding("LA6571-9")))
    result, before = attempt(run, practice, data)
    assert_refused(result, practice.root, before, f"{QR}.item[8]", "more than one answer")
    assert first_line(result) == f"{UNCLEAR} {NOT_IMPORTED}"


@pytest.mark.parametrize(
    "held",
    [
        answered(phq9(PHQ9), 3, coding("LA9999-9")),  # another item's answer is wrong
        phq9(PHQ9, authored=None),  # no date
        phq9(PHQ9, status="draft"),  # a status FHIR does not give a response
    ],
    ids=["another-item-wrong", "no-date", "bad-status"],
)
def test_item_9_of_a_held_back_response_is_still_said(
    practice: Project, run: Run, held: Resource
) -> None:
    result, before = attempt(run, practice, bundle(patient(), held))
    assert_refused(result, practice.root, before, QR)
    assert first_line(result).startswith("CRITICAL C-0001: PHQ-9 item 9: 1 (Several days)")
    assert first_line(result).endswith(NOT_IMPORTED)


def test_item_9_of_a_future_response_is_still_said(practice: Project, run: Run) -> None:
    result, before = attempt(run, practice, bundle(patient(), phq9(PHQ9, authored="2027-01-05")))
    assert_refused(result, practice.root, before, f"{QR}.authored")
    assert first_line(result).startswith(
        "CRITICAL C-0001: PHQ-9 item 9: 1 (Several days), on an undated form."
    )


def test_a_lone_item_9_observation_is_refused_but_said(practice: Project, run: Run) -> None:
    result, before = attempt(run, practice, bundle(patient(), item9("LA6570-1")))

    assert_refused(
        result, practice.root, before,
        "Observation/obs-item9 (Bundle.entry[1].resource).derivedFrom",
        "a single answer of the PHQ-9 without its QuestionnaireResponse",
    )  # fmt: skip
    assert first_line(result) == (
        "CRITICAL C-0001: PHQ-9 item 9: 2 (More than half the days), on 2026-11-12. thoughts "
        f"of being better off dead or of self-harm: follow up today {NOT_IMPORTED}"
    )
    (critical,) = as_json(
        attempt(run, practice, bundle(patient(), item9("LA6570-1")), "--format", "json")[0]
    )["critical"]
    assert critical["answer"] == 2 and critical["imported"] is False


@pytest.mark.parametrize(
    ("answers", "observed", "said"),
    [
        (CALM, "LA6570-1", "is 2 here but 0 in its QuestionnaireResponse"),
        (PHQ9, "LA6568-5", "is 0 here but 1 in its QuestionnaireResponse"),
    ],
    ids=["observation-says-2", "response-says-1"],
)
def test_an_item_9_observation_that_disagrees_with_its_response_is_refused_and_said(
    practice: Project, run: Run, answers: list[int | None], observed: str, said: str
) -> None:
    data = bundle(
        patient(), phq9(answers), item9(observed, derived_from="QuestionnaireResponse/qr-1")
    )
    result, before = attempt(run, practice, data)

    assert_refused(
        result, practice.root, before,
        "Observation/obs-item9 (Bundle.entry[2].resource).value", f"PHQ-9 item 9 {said}",
    )  # fmt: skip
    lines = result.output.splitlines()
    assert lines[0].startswith("CRITICAL C-0001: PHQ-9 item 9")
    assert f"{UNCLEAR} {NOT_IMPORTED}" in lines[:3]


def test_an_agreeing_item_9_observation_imports_quietly(practice: Project, run: Run) -> None:
    data = bundle(
        patient(), phq9(PHQ9), item9("LA6569-3", derived_from="QuestionnaireResponse/qr-1")
    )
    result, before = attempt(run, practice, data)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == HEADLINE
    assert result.output.count("CRITICAL") == 1
    assert written(practice, before)["measures"][0]["answers"] == PHQ9


def test_skip_invalid_writes_the_rest_and_still_says_item_9(practice: Project, run: Run) -> None:
    data = bundle(
        patient(), answered(phq9(CALM), 9, coding("LA9999-9")), gad7([1, 2, 1, 0, 0, 3, 1])
    )
    result, before = attempt(run, practice, data, "--skip-invalid")

    assert result.exit_code == 0, result.output
    assert first_line(result) == f"{UNCLEAR} {NOT_IMPORTED}"
    assert f"wrong value: {QR}.item[8]" in result.output
    (measure,) = written(practice, before)["measures"]
    assert measure["measure"] == "GAD-7"


def test_two_different_responses_on_one_day_are_refused_and_item_9_said(
    practice: Project, run: Run
) -> None:
    """Neither is imported (which one is meant cannot be known): the item 9 of either is
    still said."""
    for first, second in ((PHQ9, CALM), (CALM, PHQ9)):
        data = bundle(patient(), phq9(first), phq9(second, rid="qr-2"))
        result, before = attempt(run, practice, data)
        assert_refused(result, practice.root, before, "is given twice with different values")
        assert first_line(result) == f"{HEADLINE} {NOT_IMPORTED}"

        skipped, before = attempt(run, practice, data, "--skip-invalid", "--dry-run")
        assert first_line(skipped) == f"{HEADLINE} {NOT_IMPORTED}"


# --- 5. conflicts with what is recorded -----------------------------------------------------

RECORDED = (
    "measures:\n  - {date: 2026-11-12, measure: PHQ-9, answers: [1, 2, 0, 3, 1, 1, 2, 0, 0]}\n"
)


def test_a_different_answer_is_a_conflict_and_prefer_new_corrects_it(
    practice: Project, run: Run
) -> None:
    practice.entries(RECORDED)
    data = bundle(patient(), phq9(PHQ9))

    result, before = attempt(run, practice, data)
    assert_refused(
        result, practice.root, before,
        "conflict: PHQ-9 on 2026-11-12: recorded [1, 2, 0, 3, 1, 1, 2, 0, 0], this file says "
        "[1, 2, 0, 3, 1, 1, 2, 0, 1]",
        "--prefer new", "--prefer old",
    )  # fmt: skip
    assert first_line(result) == HEADLINE  # the conflict does not hide the answer

    newer, before = attempt(run, practice, data, "--prefer", "new")
    assert newer.exit_code == 0, newer.output
    assert "replaced (--prefer new): PHQ-9 on 2026-11-12" in newer.output
    entries = written(practice, before)
    assert entries["corrects"] is True
    assert entries["measures"] == [
        {"date": dt.date(2026, 11, 12), "measure": "PHQ-9", "answers": PHQ9}
    ]
    for name, text in before.items():  # nothing a person wrote was edited
        assert (practice.root / name).read_bytes() == text

    after = snapshot(practice.root)
    again, _before = attempt(run, practice, data)
    assert again.exit_code == 0, again.output
    assert "nothing new to import" in again.output
    assert snapshot(practice.root) == after
