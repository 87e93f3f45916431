"""Validation into typed records: each mistake becomes a finding at the right place."""

from __future__ import annotations

import pytest

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.model.entries import EntryFile
from goalsheet.project.validate import validate
from goalsheet.read.yaml_source import parse_yaml

SHEET_HEAD = "client:\n  id: C-1\n  started: 2026-09-01\n"


def problems(model: type, text: str) -> list[Finding]:
    with pytest.raises(GoalsheetError) as caught:
        validate(model, parse_yaml(text, "f.yaml"))
    return caught.value.findings


def one(model: type, text: str) -> Finding:
    found = problems(model, text)
    assert len(found) == 1, found
    return found[0]


def test_valid_sheet_round_trips() -> None:
    sheet = validate(ClientSheet, parse_yaml(SHEET_HEAD + "goals: []\n", "f.yaml"))
    assert sheet.client.id == "C-1"
    assert sheet.client.raters == ["client", "therapist"]


def test_unknown_key_did_you_mean() -> None:
    found = one(ClientSheet, SHEET_HEAD + "goals:\n  - id: g\n    tittle: x\n")
    assert (found.code, found.line, found.column) == ("GS010", 6, 5)
    assert "unknown key 'tittle'" in found.message
    assert "did you mean 'title'?" in found.hint


def test_unknown_key_without_close_match_lists_allowed() -> None:
    found = one(Config, "zebra: 1\n")
    assert found.code == "GS010"
    assert "practice" in found.hint and "paper" in found.hint


def test_unknown_key_nested_in_config() -> None:
    found = one(Config, "practice:\n  nmae: X\n")
    assert found.hint == "did you mean 'name'?"
    assert found.line == 2


def test_missing_required_field() -> None:
    found = one(ClientSheet, "client:\n  id: C-1\n")
    assert found.code == "GS011"
    assert "'started' is required" in found.message
    assert found.line == 2  # the client mapping that lacks it


def test_wrong_type_with_yaml11_hint() -> None:
    found = one(ClientSheet, SHEET_HEAD + "goals:\n  - id: g\n    title: no\n")
    assert found.code == "GS012"
    assert "YAML read no as no" in found.message
    assert "'no'" in found.hint


def test_leading_zero_id_is_caught() -> None:
    found = one(ClientSheet, "client:\n  id: 0142\n  started: 2026-09-01\n")
    assert found.code == "GS012"
    assert "0142" in found.message and "quotes" in found.hint


def test_wrong_type_list_for_text() -> None:
    found = one(ClientSheet, SHEET_HEAD + "goals:\n  - id: g\n    title: [a, b]\n")
    assert found.code == "GS012"
    assert found.line == 6


def test_impossible_date() -> None:
    found = one(ClientSheet, "client:\n  id: C-1\n  started: 2026-02-30\n")
    assert found.code == "GS014"
    assert "'2026-02-30' is not a real date" in found.message
    assert (found.line, found.column) == (3, 12)


def test_impossible_date_as_diary_key() -> None:
    found = one(EntryFile, "diary:\n  2026-13-01: {mood: 3}\n")
    assert found.code == "GS014"
    assert found.line == 2


def test_out_of_range_gbo() -> None:
    found = one(EntryFile, "ratings:\n  - {date: 2026-09-01, goal: g, rater: client, gbo: 12}\n")
    assert found.code == "GS013"
    assert "12" in found.message and "at most 10" in found.message
    assert found.line == 2


def test_out_of_range_gas() -> None:
    found = one(EntryFile, "ratings:\n  - {date: 2026-09-01, goal: g, gas: 3}\n")
    assert "at most 2" in found.message


def test_rating_needs_a_score_and_gbo_a_rater() -> None:
    assert "needs a score" in one(EntryFile, "ratings:\n  - {date: 2026-09-01, goal: g}\n").message
    assert (
        "needs a rater"
        in one(EntryFile, "ratings:\n  - {date: 2026-09-01, goal: g, gbo: 3}\n").message
    )


def test_unknown_tracker_kind_did_you_mean() -> None:
    found = one(ClientSheet, SHEET_HEAD + "trackers:\n  - {id: m, label: M, kind: ratng}\n")
    assert found.code == "GS013"
    assert "did you mean 'rating'?" in found.hint


def test_tracker_without_kind() -> None:
    found = one(ClientSheet, SHEET_HEAD + "trackers:\n  - {id: m, label: M}\n")
    assert found.code == "GS011"
    assert "kind" in found.message


def test_rating_tracker_range_and_anchors() -> None:
    found = one(
        ClientSheet, SHEET_HEAD + "trackers:\n  - {id: m, label: M, kind: rating, min: 5, max: 1}\n"
    )
    assert "max (1) must be greater than min (5)" in found.message
    found = one(
        ClientSheet,
        SHEET_HEAD
        + "trackers:\n  - {id: m, label: M, kind: rating, min: 1, max: 5, anchors: [a, b, c]}\n",
    )
    assert "anchors" in found.message


def test_literal_status_did_you_mean() -> None:
    found = one(ClientSheet, SHEET_HEAD + "goals:\n  - {id: g, title: T, status: activ}\n")
    assert "did you mean 'active'?" in found.hint


def test_bad_cadence_and_colour_hints() -> None:
    assert "6 weeks" in one(Config, "review_every: fortnightly\n").hint
    assert "#rrggbb" in one(Config, "practice:\n  colours: {primary: blue}\n").hint


def test_bad_id_pattern() -> None:
    found = one(ClientSheet, "client:\n  id: C 01/x\n  started: 2026-09-01\n")
    assert "IDs use letters" in found.hint


def test_every_problem_reported_in_one_run() -> None:
    found = problems(
        ClientSheet,
        "client:\n  id: C-1\n  started: 2026-02-30\n  colour: red\ngoals:\n  - {id: g}\n",
    )
    codes = sorted(f.code for f in found)
    assert codes == ["GS010", "GS011", "GS014"]


def test_top_level_must_be_a_mapping() -> None:
    found = one(EntryFile, "- a\n- b\n")
    assert found.code == "GS012"


def test_answers_must_be_whole_numbers() -> None:
    found = one(
        EntryFile, "measures:\n  - {date: 2026-09-01, measure: PHQ-9, answers: [1, two, 1]}\n"
    )
    assert found.code == "GS012"


def test_custom_measure_bands_must_cover_range() -> None:
    found = one(
        Config,
        """measures:
  - id: X
    title: X scale
    items: 2
    item_max: 3
    bands: [{min: 0, max: 2, label: low}, {min: 4, max: 6, label: high}]
""",
    )
    assert "without gaps" in found.message


def test_custom_measure_reverse_item_must_exist() -> None:
    found = one(Config, "measures:\n  - {id: X, title: X, items: 2, item_max: 3, reverse: [3]}\n")
    assert "item 3 does not exist" in found.message


def test_config_defaults() -> None:
    config = validate(Config, parse_yaml("", "f.yaml"))
    assert config.paper == "a4"
    assert config.review_every == "6 weeks"
    assert config.lint.max_active_goals == 3


@pytest.mark.parametrize(
    ("written", "meant"), [("done", "achieved"), ("on hold", "paused"), ("stopped", "dropped")]
)
def test_status_synonyms_are_suggested(written: str, meant: str) -> None:
    found = one(ClientSheet, SHEET_HEAD + f"goals:\n  - {{id: g, title: T, status: {written}}}\n")
    assert found.hint == f"did you mean '{meant}'?"


def test_type_messages_name_the_item_and_say_how_to_write_it() -> None:
    found = one(ClientSheet, SHEET_HEAD + "goals:\n  - {id: g, title: T, steps: [walk]}\n")
    assert "item 1 of 'steps' should be a mapping" in found.message
    assert "key: value" in found.hint
    found = one(EntryFile, "diary:\n  monday: {m: 3}\n")
    assert found.message == "'monday' is not a date"
