"""FHIR export, the measures: `goalsheet export --format fhir` writes R4 Bundles that
fhir.resources accepts, whose references all resolve, whose PHQ-9 and GAD-7 answers carry
LOINC's own item and answer codes, whose totals are goalsheet's scores, whose practice
scale has one Questionnaire of its own, and which are the same bytes every time (item 9:
test_export_item9.py; goals: test_export_goals.py; options and errors: test_export_cli.py).

The LOINC codes below are written out here, independently of goalsheet/fhir/loinc.py, from
LOINC's LHC-Forms Questionnaires for panels 44249-1 and 69737-5. All data is fictional: a
copy of the demo's client sheets, or conftest's client C-0001."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from goalsheet.compute.corrections import effective
from goalsheet.compute.scoring import score
from goalsheet.model.entries import MeasureEntry
from goalsheet.project import load_project
from helpers.cli import invoke
from helpers.fhir import (
    DEMO_BASE,
    LOINC,
    answers_of,
    by_full_url,
    copy_practice,
    export_bundle,
    full_url_of,
    observations,
    rater_of,
    references,
    resources,
    small_practice,
    validate_r4,
)
from helpers.project import Project

Run = Callable[..., Result]
Key = tuple[str, str, str, str | None]  # client, measure, date, rater

OFTEN = ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")  # Not at all .. Nearly every day
MORE_DAYS_THAN_NOT = ("LA6568-5", "LA6569-3", "LA18938-3", "LA6571-9")  # GAD-7 item 2 only
DIFFICULT = ("LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3")  # not .. extremely difficult
DIFFICULTY_ITEM = "69722-7"
PHQ9_ITEMS = (
    "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
    "44260-8",
)  # fmt: skip
GAD7_ITEMS = ("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7")
# measure: (canonical Questionnaire, total score code, [(item code, answer codes by score)])
PANELS: dict[str, tuple[str, str, list[tuple[str, tuple[str, ...]]]]] = {
    "PHQ-9": ("http://loinc.org/q/44249-1", "44261-6", [(c, OFTEN) for c in PHQ9_ITEMS]),
    "GAD-7": (
        "http://loinc.org/q/69737-5",
        "70274-6",
        [(c, MORE_DAYS_THAN_NOT if c == "68509-9" else OFTEN) for c in GAD7_ITEMS],
    ),
}
SLEEP4_URL = f"{DEMO_BASE}/Questionnaire/sleep-4"
TOTAL_CODES = {
    "PHQ-9": (LOINC, "44261-6"),
    "GAD-7": (LOINC, "70274-6"),
    "SLEEP-4": ("urn:goalsheet:measure-total", "SLEEP-4"),  # the practice's own scale
}


# --- helpers --------------------------------------------------------------------------


def demo_clients(root: Path) -> list[str]:
    return sorted(path.parent.name for path in (root / "goalsheets").glob("*/goalsheet.yaml"))


def administrations(root: Path) -> dict[Key, MeasureEntry]:
    """Every questionnaire in the project's YAML (after corrections), by client, measure,
    date and rater."""
    project = load_project(root)
    found: dict[Key, MeasureEntry] = {}
    for folder in project.clients:
        files = effective([doc.entries for doc in folder.entries])
        for entry in (m for f in files for m in f.measures):
            found[(folder.folder, entry.measure, entry.date.isoformat(), entry.rater)] = entry
    return found


def measure_of(response: dict[str, Any]) -> str:
    """The goalsheet measure a QuestionnaireResponse answers, from its canonical URL."""
    canonical = response["questionnaire"]
    for measure, (url, _total, _items) in PANELS.items():
        if canonical == url:
            return measure
    assert canonical == SLEEP4_URL, canonical
    return "SLEEP-4"


def response_key(client: str, response: dict[str, Any]) -> Key:
    return (client, measure_of(response), response["authored"], rater_of(response, "author"))


@pytest.fixture(scope="module")
def practice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's client sheets, read by every test of the module and changed by none."""
    return copy_practice(tmp_path_factory.mktemp("fhir") / "practice")


@pytest.fixture(scope="module")
def exports(practice: Path) -> dict[str, dict[str, Any]]:
    """Each demo client's Bundle."""
    return {c: export_bundle(invoke, practice, c) for c in demo_clients(practice)}


# --- valid R4, references that resolve ------------------------------------------------


def test_every_demo_client_is_a_valid_r4_collection(exports: dict[str, dict[str, Any]]) -> None:
    assert len(exports) >= 5
    for client, bundle in exports.items():
        validate_r4(bundle)
        assert bundle["type"] == "collection"
        urls = by_full_url(bundle)  # fails on a fullUrl given twice
        for reference in references(bundle):
            assert reference in urls, f"{client}: {reference} resolves to no entry"
        (patient,) = resources(bundle, "Patient")
        assert patient["identifier"] == [{"system": f"{DEMO_BASE}/client-id", "value": client}]
        patient_url = full_url_of(bundle, patient)
        for resource in resources(bundle):
            if "subject" in resource and resource["resourceType"] != "Questionnaire":
                assert resource["subject"] == {"reference": patient_url}, resource["id"]


def test_the_transaction_of_every_client_is_valid_and_all_conditional_puts(
    practice: Path, exports: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    target = tmp_path / "practice.fhir.json"
    result = invoke(
        "export", "--all", "--bundle", "--format", "fhir", "-o", target, "--project", practice
    )
    assert result.exit_code == 0, result.output
    bundle = json.loads(target.read_text(encoding="utf-8"))
    validate_r4(bundle)
    assert bundle["type"] == "transaction"
    urls = by_full_url(bundle)
    for reference in references(bundle):
        assert reference in urls, reference
    for entry in bundle["entry"]:
        request = entry["request"]
        assert request["method"] == "PUT"
        kind, _sep, query = request["url"].partition("?")
        assert kind == entry["resource"]["resourceType"]
        assert query.startswith(("identifier=", "url=")), request["url"]
        if query.startswith("identifier="):
            system, value = query.removeprefix("identifier=").split("|", 1)
            given = entry["resource"]["identifier"]
            assert {"system": system, "value": value} in (
                given if isinstance(given, list) else [given]
            )
    # every client's resources, each once
    per_client = {url for one in exports.values() for url in by_full_url(one)}
    assert set(urls) == per_client
    assert len({e["request"]["url"] for e in bundle["entry"]}) == len(bundle["entry"])


# --- LOINC's item and answer codes -----------------------------------------------------


def test_loinc_item_and_answer_codes_match_the_yaml_answers(
    practice: Path, exports: dict[str, dict[str, Any]]
) -> None:
    given = administrations(practice)
    checked = {"PHQ-9": 0, "GAD-7": 0}
    more_days_than_not = 0
    for client, bundle in exports.items():
        for response in resources(bundle, "QuestionnaireResponse"):
            measure = measure_of(response)
            if measure not in PANELS:
                continue
            entry = given[response_key(client, response)]
            _url, _total, items = PANELS[measure]
            written = response["item"]
            assert len(written) == len(items) + (entry.difficulty is not None)
            for position, ((code, answer_codes), item, answer) in enumerate(
                zip(items, written, entry.answers, strict=False), start=1
            ):
                assert item["linkId"] == f"/{code}", f"{measure} item {position}"
                if answer is None:
                    assert "answer" not in item
                    continue
                (only,) = answers_of(item)
                coding = only["valueCoding"]
                assert coding["system"] == LOINC
                assert coding["code"] == answer_codes[answer], (client, measure, position)
                more_days_than_not += coding["code"] == "LA18938-3"
            checked[measure] += 1
    assert checked["PHQ-9"] >= 10 and checked["GAD-7"] >= 10, checked
    assert more_days_than_not >= 1  # the demo has a GAD-7 item 2 answered 2


@pytest.mark.parametrize("difficulty", [0, 1, 2, 3])
def test_the_difficulty_question_is_coded_after_the_items(
    project: Project, run: Run, difficulty: int
) -> None:
    root = small_practice(
        project,
        f"""\
        measures:
          - {{date: 2026-11-02, measure: PHQ-9, answers: [0, 1, 2, 3, 0, 1, 2, 3, 0], difficulty: {difficulty}}}
          - {{date: 2026-11-02, measure: GAD-7, answers: [3, 2, 1, 0, 3, 2, 1], difficulty: {difficulty}}}
        """,
    )
    bundle = export_bundle(run, root, "C-0001")
    validate_r4(bundle)
    for response in resources(bundle, "QuestionnaireResponse"):
        _url, _total, items = PANELS[measure_of(response)]
        assert [i["linkId"] for i in response["item"]] == [
            *(f"/{code}" for code, _codes in items),
            f"/{DIFFICULTY_ITEM}",
        ]
        (answer,) = answers_of(response["item"][-1])
        assert (answer["valueCoding"]["system"], answer["valueCoding"]["code"]) == (
            LOINC,
            DIFFICULT[difficulty],
        )
    gad7 = next(
        r for r in resources(bundle, "QuestionnaireResponse") if "69737-5" in r["questionnaire"]
    )
    (item2,) = answers_of(gad7["item"][1])
    assert item2["valueCoding"]["code"] == "LA18938-3"  # 2 on 68509-9: "More days than not"


# --- totals ---------------------------------------------------------------------------


def test_totals_are_goalsheets_scores_with_the_band(
    practice: Path, exports: dict[str, dict[str, Any]]
) -> None:
    project = load_project(practice)
    given = administrations(practice)
    seen = 0
    for client, bundle in exports.items():
        urls = by_full_url(bundle)
        totals = [
            (measure, total)
            for measure, code in TOTAL_CODES.items()
            for total in observations(bundle, *code)
        ]
        assert len(totals) == len(resources(bundle, "QuestionnaireResponse")), client
        for measure, total in totals:
            (derived,) = total["derivedFrom"]
            response = urls[derived["reference"]]
            assert measure_of(response) == measure
            entry = given[response_key(client, response)]
            scored = score(project.measures[measure], entry.date, list(entry.answers))
            assert scored.total is not None  # the demo's are all complete
            assert total["valueQuantity"]["value"] == scored.total
            assert total["interpretation"] == [{"text": scored.band}]
            assert total["effectiveDateTime"] == entry.date.isoformat()
            seen += 1
    assert seen == len(given), "a questionnaire without its total Observation"


# --- a practice's own scale -----------------------------------------------------------


def test_a_practice_scale_has_its_own_questionnaire_sent_once(
    practice: Path, exports: dict[str, dict[str, Any]], tmp_path: Path, run: Run
) -> None:
    answered = [
        client
        for client, bundle in exports.items()
        if any(r["questionnaire"] == SLEEP4_URL for r in resources(bundle, "QuestionnaireResponse"))
    ]
    assert answered == ["C-0142"]
    bundle = exports["C-0142"]
    (questionnaire,) = resources(bundle, "Questionnaire")
    assert questionnaire["url"] == SLEEP4_URL
    assert "no LOINC codes" in questionnaire["description"]
    assert [i["linkId"] for i in questionnaire["item"]] == ["1", "2", "3", "4"]
    assert {i["type"] for i in questionnaire["item"]} == {"integer"}
    sleep = [
        r for r in resources(bundle, "QuestionnaireResponse") if r["questionnaire"] == SLEEP4_URL
    ]
    given = administrations(practice)
    for response in sleep:
        entry = given[response_key("C-0142", response)]
        assert [i["linkId"] for i in response["item"]] == ["1", "2", "3", "4"]
        assert [answers_of(i)[0]["valueInteger"] for i in response["item"]] == entry.answers

    # a second client answers it too: the transaction still carries one Questionnaire
    root = copy_practice(tmp_path / "two")
    (root / "goalsheets/C-0315/entries/2026-11-16-sleep.yaml").write_text(
        "measures:\n  - {date: 2026-11-16, measure: SLEEP-4, answers: [1, 0, 2, 4]}\n",
        encoding="utf-8",
    )
    for client in ("C-0142", "C-0315"):
        assert len(resources(export_bundle(run, root, client), "Questionnaire")) == 1
    both = export_bundle(run, root, "--all", "--bundle")
    validate_r4(both)
    (only,) = resources(both, "Questionnaire")
    assert only["url"] == SLEEP4_URL
    answering = [
        r for r in resources(both, "QuestionnaireResponse") if r["questionnaire"] == SLEEP4_URL
    ]
    assert len({r["subject"]["reference"] for r in answering}) == 2


# --- determinism ----------------------------------------------------------------------


def test_two_exports_of_a_client_are_byte_identical(practice: Path, tmp_path: Path) -> None:
    made = []
    for name in ("one.json", "two.json"):
        target = tmp_path / name
        result = invoke("export", "C-0142", "--format", "fhir", "-o", target, "--project", practice)
        assert result.exit_code == 0, result.output
        made.append(target.read_bytes())
    assert made[0] == made[1]
    again = invoke("export", "C-0142", "--format", "fhir", "--project", practice)
    assert again.stdout.encode("utf-8") == made[0]  # -o and standard output agree
    bundle = json.loads(made[0])
    assert "timestamp" not in bundle and "meta" not in bundle  # nothing of the moment
